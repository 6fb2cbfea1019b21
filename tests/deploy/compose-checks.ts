// The checks that keep docker-compose.yml, its overrides and the Dockerfile honest against the code: every
// variable an app service sets is one its config schema reads and parses with the code's own loadConfig, the
// nodes agree on one topology, dependencies, health checks, volumes and entry-point files exist, no secret is
// written down. Each check returns problems, one line each, naming the file, the service and the variable.
import { z } from 'zod';
import { API_ENVIRONMENT, ConfigError as ApiConfigError, loadConfig as loadApiConfig } from '@estafet/api';
import { ConfigError as WorkerConfigError, WORKER_ENVIRONMENT, loadConfig as loadWorkerConfig } from '@estafet/worker';
import type { Topology } from '@estafet/worker';
import { HEALTH_PATH } from '../../services/worker/src/health-listener.js';
import {
  ComposeSchema, InterpolationError, OverrideSchema, dependsOnRecord, environmentOf, interpolate, mergeOverride, parseDockerfile,
} from './compose-file.js';
import type { Compose, DockerfileSummary, Service } from './compose-file.js';

export const ENTRY_POINTS = { api: 'services/api/src/server.ts', worker: 'services/worker/src/main.ts' } as const;
export type Role = keyof typeof ENTRY_POINTS;
const ROLES: readonly Role[] = ['api', 'worker'];

const ROLE_ENVIRONMENT: Readonly<Record<Role, readonly string[]>> = { api: API_ENVIRONMENT, worker: WORKER_ENVIRONMENT };
const ROLE_LIST_NAME: Readonly<Record<Role, string>> = { api: 'API_ENVIRONMENT', worker: 'WORKER_ENVIRONMENT' };

export interface DeploymentFiles {
  /** docker-compose.yml, as parsed YAML. */
  readonly compose: unknown;
  /** Override files by file name, each as parsed YAML; each is checked merged onto the base file. */
  readonly overrides: Readonly<Record<string, unknown>>;
  readonly dockerfile: string;
}

export interface CheckOptions {
  /** What a user exports before `docker compose up` (the values `${VAR:?...}` demands). */
  readonly hostEnv: Readonly<Record<string, string>>;
  /** Whether a path relative to the repository root exists. */
  readonly exists: (path: string) => boolean;
}

/** An app service (one built from the Dockerfile) with the configuration its loader made of its environment. */
export interface AppService {
  readonly name: string;
  readonly role: Role;
  readonly topology: Topology;
  /** PORT of an API node; WORKER_HEALTH_PORT of a worker (null: unset). */
  readonly port: number | null;
  readonly host: string | null;
  readonly worker: 'embedded' | 'external' | null;
}

const REPO_FILE = /^[\w.-]+(?:\/[\w.-]+)+\.(?:ts|mts|js|mjs|cjs)$/;
const splitCommand = (command: string | readonly string[]): readonly string[] =>
  (typeof command === 'string' ? command.trim().split(/\s+/) : command);
const missingFiles = (args: readonly string[], options: CheckOptions): string[] =>
  args.filter((arg) => REPO_FILE.test(arg) && !options.exists(arg));

export const checkDockerfile = (dockerfile: DockerfileSummary, options: CheckOptions): string[] => {
  const problems: string[] = [];
  if (dockerfile.cmd === null && dockerfile.entrypoint === null) problems.push('Dockerfile: the final stage sets no CMD');
  const args = [...dockerfile.entrypoint ?? [], ...dockerfile.cmd ?? []];
  problems.push(...missingFiles(args, options).map((file) => `Dockerfile: CMD names ${file}, which does not exist`));
  const known = new Set([...API_ENVIRONMENT, ...WORKER_ENVIRONMENT]);
  for (const name of dockerfile.env.keys()) {
    if (!known.has(name) && !name.startsWith('NPM_CONFIG_')) {
      problems.push(`Dockerfile: ENV ${name} is read by neither the API (API_ENVIRONMENT) nor the worker (WORKER_ENVIRONMENT)`);
    }
  }
  for (const source of dockerfile.copySources) {
    if (!options.exists(source.replace(/\/+$/, ''))) problems.push(`Dockerfile: COPY ${source}: no such file in the repository`);
  }
  return problems;
};

/** The command a container of the service runs: compose's entrypoint/command over the image's. */
const commandOf = (service: Service, dockerfile: DockerfileSummary): readonly string[] => {
  const entrypoint = service.entrypoint === undefined ? dockerfile.entrypoint ?? [] : splitCommand(service.entrypoint);
  // A compose entrypoint drops the image's CMD, as docker does.
  const imageCommand = service.entrypoint === undefined ? dockerfile.cmd ?? [] : [];
  const command = service.command === undefined ? imageCommand : splitCommand(service.command);
  return [...entrypoint, ...command];
};

const healthcheckArgs = (service: Service): readonly string[] =>
  (service.healthcheck?.test === undefined ? [] : splitCommand(service.healthcheck.test));

/** The URL an app service's health check fetches on its own container, if it fetches one. */
export const healthcheckUrl = (service: Service): URL | null => {
  const match = /http:\/\/(?:127\.0\.0\.1|localhost):\d+\/[^'"\s)]*/.exec(healthcheckArgs(service).join(' '));
  return match === null ? null : new URL(match[0]);
};

type Port = NonNullable<Service['ports']>[number];
const containerPort = (port: Port): number =>
  (typeof port === 'object' ? port.target : Number(String(port).split(':').at(-1)?.split('/')[0]));
const portText = (port: Port): string => (typeof port === 'object' ? JSON.stringify(port) : String(port));

/** The named volume a volumes: entry mounts; null for a bind mount or an anonymous volume. */
const namedVolume = (volume: NonNullable<Service['volumes']>[number]): string | null => {
  if (typeof volume !== 'string') return volume.type === 'volume' ? volume.source ?? null : null;
  const [source, target] = volume.split(':');
  return target !== undefined && source !== undefined && !/^[./~$]/.test(source) ? source : null;
};

const serviceProblems = (name: string, service: Service, compose: Compose): string[] => {
  const problems: string[] = [];
  const test = healthcheckArgs(service);
  if (service.healthcheck?.disable === true || test.length === 0 || test[0] === 'NONE') problems.push(`${name}: has no healthcheck`);
  for (const [dependency, { condition }] of Object.entries(dependsOnRecord(service.depends_on))) {
    const target = compose.services[dependency];
    if (target === undefined) problems.push(`${name}: depends_on ${dependency}, which is not a service`);
    else if (condition === 'service_healthy' && target.healthcheck?.test === undefined) {
      problems.push(`${name}: waits for ${dependency} to be healthy, but ${dependency} has no healthcheck`);
    }
  }
  for (const volume of service.volumes ?? []) {
    const source = namedVolume(volume);
    if (source !== null && !(source in (compose.volumes ?? {}))) problems.push(`${name}: uses volume ${source}, which volumes: does not declare`);
  }
  return problems;
};

const SECRET_NAME = /TOKEN|PASSWORD|SECRET|KEY$/;
const WHOLLY_INTERPOLATED = /^\$\{[A-Za-z_][A-Za-z0-9_]*(?::?[-?][^}]*)?\}$/;

/** A secret in the file must come from the host: the variable's whole value, or a URL's password, is `${...}`. */
const secretProblems = (name: string, service: Service): string[] => {
  const problems: string[] = [];
  for (const [variable, raw] of environmentOf(service, {})) {
    if (raw === undefined || raw === '') continue;
    if (SECRET_NAME.test(variable) && !WHOLLY_INTERPOLATED.test(raw)) {
      problems.push(`${name}: ${variable} is written in the file; take it from the host with \${${variable}:?...}`);
    }
    const password = /^[a-z+]+:\/\/[^:/@]+:([^@]+)@/.exec(raw)?.[1];
    if (password !== undefined && !WHOLLY_INTERPOLATED.test(password)) {
      problems.push(`${name}: ${variable} has a password written in the file; take it from the host with \${...:?...}`);
    }
  }
  return problems;
};

type Loaded = { readonly problems: string[]; readonly service: AppService | null };

const loadAppService = (name: string, service: Service, dockerfile: DockerfileSummary, options: CheckOptions): Loaded => {
  const problems: string[] = [];
  const command = commandOf(service, dockerfile);
  problems.push(...missingFiles(command, options).map((file) => `${name}: its command names ${file}, which does not exist`));
  const roles = ROLES.filter((role) => command.includes(ENTRY_POINTS[role]));
  const role = roles[0];
  if (role === undefined || roles.length > 1) {
    problems.push(`${name}: built from the Dockerfile, but runs neither ${ENTRY_POINTS.api} nor ${ENTRY_POINTS.worker}: ${command.join(' ')}`);
    return { problems, service: null };
  }
  const env: Record<string, string> = Object.fromEntries(dockerfile.env);
  for (const [variable, raw] of environmentOf(service, options.hostEnv)) {
    if (!ROLE_ENVIRONMENT[role].includes(variable)) {
      problems.push(`${name}: ${variable} is not a variable the ${role === 'api' ? 'API' : 'worker'} reads (${ROLE_LIST_NAME[role]})`);
    }
    try {
      if (raw !== undefined) env[variable] = interpolate(raw, options.hostEnv);
    } catch (error) {
      if (!(error instanceof InterpolationError)) throw error;
      problems.push(`${name}: ${variable}: ${error.message}`);
    }
  }
  try {
    if (role === 'api') {
      const config = loadApiConfig(env);
      return { problems, service: { name, role, topology: config.topology, port: config.port, host: config.host, worker: config.worker } };
    }
    const config = loadWorkerConfig(env);
    return { problems, service: { name, role, topology: config.topology, port: config.healthPort, host: null, worker: null } };
  } catch (error) {
    if (!(error instanceof ApiConfigError) && !(error instanceof WorkerConfigError)) throw error;
    problems.push(`${name}: ${error.message}`);
    return { problems, service: null };
  }
};

const apiProblems = (app: AppService, service: Service): string[] => {
  const problems: string[] = [];
  if (app.host !== '0.0.0.0' && app.host !== '::') problems.push(`${app.name}: HOST is ${app.host}; in a container it must be 0.0.0.0`);
  for (const port of service.ports ?? []) {
    if (containerPort(port) !== app.port) problems.push(`${app.name}: ports maps ${portText(port)}, but PORT is ${app.port}`);
  }
  const url = healthcheckUrl(service);
  if (url === null) problems.push(`${app.name}: its healthcheck fetches no http://127.0.0.1:PORT/ URL`);
  else if (Number(url.port) !== app.port) problems.push(`${app.name}: its healthcheck asks port ${url.port}, but PORT is ${app.port}`);
  return problems;
};

/** The worker's health check must ask its health listener, which must listen on a fixed port. */
const workerProblems = (app: AppService, service: Service): string[] => {
  const url = healthcheckUrl(service);
  if (app.port === null || app.port === 0) return [`${app.name}: WORKER_HEALTH_PORT must be set to a port for its healthcheck to ask`];
  if (url === null) return [`${app.name}: its healthcheck fetches no http://127.0.0.1:WORKER_HEALTH_PORT/healthz URL`];
  if (Number(url.port) !== app.port) return [`${app.name}: its healthcheck asks port ${url.port}, but WORKER_HEALTH_PORT is ${app.port}`];
  return url.pathname === HEALTH_PATH ? [] : [`${app.name}: its healthcheck asks ${url.pathname}; the worker answers ${HEALTH_PATH}`];
};

/** Several nodes must share one ledger, one set of read models and Redis, and a worker must exist for them. */
const topologyProblems = (apps: readonly AppService[]): string[] => {
  const problems: string[] = [];
  const [first] = apps;
  if (first === undefined) return ['no service runs the API or the worker'];
  for (const app of apps.slice(1)) {
    if (JSON.stringify(app.topology) !== JSON.stringify(first.topology)) {
      problems.push(`${app.name}: its topology differs from ${first.name}'s: ${JSON.stringify(app.topology)}`);
    }
  }
  if (apps.length > 1) {
    const { eventStore, readModels, redis } = first.topology;
    if (eventStore.kind === 'sqlite') problems.push(`${first.name}: EVENT_STORE: several nodes cannot share a SQLite file`);
    if (readModels.kind === 'sqlite') problems.push(`${first.name}: READ_MODEL_URL: several nodes need the read models in PostgreSQL`);
    if (redis === null) problems.push(`${first.name}: REDIS_URL: several nodes need Redis`);
  }
  const workers = apps.filter((app) => app.role === 'worker');
  for (const api of apps.filter((app) => app.role === 'api')) {
    if (workers.length > 0 && api.worker !== 'external') {
      problems.push(`${api.name}: WORKER must be external: the worker service keeps the read models`);
    }
    if (workers.length === 0 && api.worker === 'external') problems.push(`${api.name}: WORKER is external, but no service runs the worker`);
  }
  return problems;
};

export interface ComposeReport {
  readonly problems: readonly string[];
  readonly apps: readonly AppService[];
}

/** Checks one compose model (the base file, or the base merged with an override). */
export const checkCompose = (compose: Compose, dockerfile: DockerfileSummary, options: CheckOptions): ComposeReport => {
  const problems: string[] = [];
  const apps: AppService[] = [];
  // Built from the Dockerfile, or running the image another service builds.
  const builtImages = new Set<string | undefined>(Object.values(compose.services)
    .flatMap((s) => (s.build !== undefined && s.image !== undefined ? [s.image] : [])));
  for (const [name, service] of Object.entries(compose.services)) {
    problems.push(...serviceProblems(name, service, compose), ...secretProblems(name, service));
    if (service.build === undefined && !builtImages.has(service.image)) continue;
    const loaded = loadAppService(name, service, dockerfile, options);
    problems.push(...loaded.problems);
    if (loaded.service === null) continue;
    apps.push(loaded.service);
    problems.push(...(loaded.service.role === 'api' ? apiProblems : workerProblems)(loaded.service, service));
  }
  problems.push(...topologyProblems(apps));
  return { problems, apps };
};

export interface DeploymentReport {
  readonly problems: readonly string[];
  /** The app services of each checked model: "docker-compose.yml" and "docker-compose.yml + <override>". */
  readonly models: Readonly<Record<string, readonly AppService[]>>;
}

export const checkDeployment = (files: DeploymentFiles, options: CheckOptions): DeploymentReport => {
  const dockerfile = parseDockerfile(files.dockerfile);
  const problems = checkDockerfile(dockerfile, options);
  const models: Record<string, readonly AppService[]> = {};
  const base = ComposeSchema.safeParse(files.compose);
  if (!base.success) return { problems: [...problems, `docker-compose.yml: ${z.prettifyError(base.error)}`], models };
  const checked = (label: string, compose: Compose): void => {
    const report = checkCompose(compose, dockerfile, options);
    problems.push(...report.problems.map((problem) => `${label}: ${problem}`));
    models[label] = report.apps;
  };
  checked('docker-compose.yml', base.data);
  for (const [file, raw] of Object.entries(files.overrides)) {
    const label = `docker-compose.yml + ${file}`;
    const override = OverrideSchema.safeParse(raw);
    if (!override.success) {
      problems.push(`${label}: ${z.prettifyError(override.error)}`);
      continue;
    }
    const { merged, unknown } = mergeOverride(base.data, override.data);
    problems.push(...unknown.map((name) => `${label}: ${name}: the override names a service the base file does not define`));
    checked(label, merged);
  }
  return { problems, models };
};
