# Estafet's one image: the API by default, the worker with `npx tsx services/worker/src/main.ts`.
# The TypeScript runs through tsx (there is no build step); the build stage holds the compilers that
# better-sqlite3's native addon may need, the runtime stage none of them. docker-compose.yml runs it.

FROM node:20-bookworm-slim AS build
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# Manifests only, so the install layer is reused until a package.json or the lock changes.
COPY package.json package-lock.json ./
COPY events/package.json events/
COPY projections/package.json projections/
COPY services/ledger/package.json services/ledger/
COPY services/worker/package.json services/worker/
COPY services/api/package.json services/api/
COPY scripts/package.json scripts/
# tests/ is a workspace of the lock: npm ci needs its manifest, the image needs none of its code.
COPY tests/package.json tests/
RUN npm ci --no-audit --no-fund
# tsx is a devDependency yet runs everything: keep it (and the esbuild it drives), drop the other dev tools.
RUN mkdir -p /tmp/keep/.bin \
  && cp -a node_modules/tsx node_modules/esbuild node_modules/@esbuild /tmp/keep/ \
  && cp -a node_modules/.bin/tsx /tmp/keep/.bin/ \
  && npm prune --omit=dev --no-audit --no-fund \
  && cp -a /tmp/keep/. node_modules/ \
  && rm -rf /tmp/keep

FROM node:20-bookworm-slim
ENV NPM_CONFIG_UPDATE_NOTIFIER=false \
    DATA_DIR=/app/data \
    HOST=0.0.0.0
WORKDIR /app
# Code and dependencies belong to root: the process (user node) can read them, not change them.
COPY --from=build /app ./
COPY package.json package-lock.json tsconfig.base.json tsconfig.json ./
COPY events/ events/
COPY projections/ projections/
COPY services/ services/
COPY scripts/ scripts/
RUN mkdir -p /app/data && chown node:node /app/data
USER node
# Fails the build, not the first start, when a runtime import needs a package the pruned tree lacks.
RUN node --import tsx --input-type=module -e "await import('@estafet/api'); await import('@estafet/worker')"
EXPOSE 3000
CMD ["npx", "tsx", "services/api/src/server.ts"]
