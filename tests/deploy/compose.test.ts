// docker-compose.yml, its overrides and the Dockerfile checked against the code: the checks of compose-checks.ts
// pass on the files as committed, each check catches the mistake it is for, and the health checks ask
// something that answers.
import t from 'tap';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { WORKER_HEAP_FLAG, openTopology, startWorker } from '@estafet/worker';
import type { RunningWorker } from '@estafet/worker';
import { HEALTH_PATH, startHealthListener } from '../../services/worker/src/health-listener.js';
import { checkWorkerHealth, startingHealth } from '../../services/worker/src/worker-health.js';
import { build, tempDataDir } from '../api/helper.js';
import { ComposeSchema, OverrideSchema, environmentOf } from './compose-file.js';
import type { Compose, Service } from './compose-file.js';
import { ENTRY_POINTS, checkDeployment, healthcheckUrl } from './compose-checks.js';
import type { CheckOptions, DeploymentFiles } from './compose-checks.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (file: string): string => readFileSync(join(ROOT, file), 'utf8');
// Compose resolves anchors and `<<` merge keys; so must the parse.
const parseYaml = (file: string): unknown => parse(read(file), { merge: true });

const BASE = 'docker-compose.yml';
const ESDB = 'docker-compose.eventstoredb.yml';
const OVERRIDE_FILES = readdirSync(ROOT).filter((file) => /^docker-compose\..+\.ya?ml$/.test(file)).sort();

/** What a user exports before `docker compose up`. */
const HOST_ENV: Readonly<Record<string, string>> = {
  ESTAFET_API_TOKENS: 'hr:compose-test-hr-token,analyst:compose-test-analyst-token,auditor:compose-test-auditor-token',
  POSTGRES_PASSWORD: 'compose-test-password',
};
const OPTIONS: CheckOptions = { hostEnv: HOST_ENV, exists: (path) => existsSync(join(ROOT, path)) };

const base = (): Compose => ComposeSchema.parse(parseYaml(BASE));
const files = (changes: Partial<DeploymentFiles> = {}): DeploymentFiles => ({
  compose: base(),
  overrides: Object.fromEntries(OVERRIDE_FILES.map((file) => [file, parseYaml(file)])),
  dockerfile: read('Dockerfile'),
  ...changes,
});
const problemsOf = (changes: Partial<DeploymentFiles> = {}, options: CheckOptions = OPTIONS): readonly string[] =>
  checkDeployment(files(changes), options).problems;

/** A copy of the compose model with one service changed. */
const withService = (compose: Compose, name: string, change: (service: Service) => Service): Compose => {
  const service = compose.services[name];
  if (service === undefined) throw new Error(`no service ${name} in ${BASE}`);
  return { ...compose, services: { ...compose.services, [name]: change(service) } };
};
/** Sets (or, with undefined, removes) environment variables of a service. */
const withEnv = (changes: Record<string, string | undefined>) => (service: Service): Service => {
  const environment = Object.fromEntries([...environmentOf(service, {})].map(([name, value]) => [name, value ?? null]));
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) delete environment[name];
    else environment[name] = value;
  }
  return { ...service, environment };
};

t.test('the compose files and the Dockerfile pass every check', (t) => {
  t.ok(OVERRIDE_FILES.includes(ESDB), `${ESDB} is found and checked`);
  t.same(problemsOf(), [], 'no problems');
  t.end();
});

t.test('the base file runs two API nodes and a worker on PostgreSQL and Redis; the override moves the events to EventStoreDB', (t) => {
  const { models } = checkDeployment(files(), OPTIONS);
  const summary = (label: string) => (models[label] ?? []).map((app) => ({
    name: app.name, role: app.role, eventStore: app.topology.eventStore.kind, readModels: app.topology.readModels.kind,
    redis: app.topology.redis !== null,
  }));
  const expected = (eventStore: string) => ['api-a', 'api-b', 'worker'].map((name) => ({
    name, role: name === 'worker' ? 'worker' : 'api', eventStore, readModels: 'postgres', redis: true,
  }));
  t.same(summary(BASE), expected('postgres'));
  t.same(summary(`${BASE} + ${ESDB}`), expected('eventstoredb'));
  t.end();
});

t.test('the worker and a rebuild run with the worker heap budget, in compose and in the npm scripts', (t) => {
  const command = base().services['worker']?.command;
  t.ok(Array.isArray(command) && command.includes(WORKER_HEAP_FLAG), `the compose worker's command passes ${WORKER_HEAP_FLAG}`);
  const manifest: unknown = JSON.parse(read('package.json'));
  const scripts: unknown = typeof manifest === 'object' && manifest !== null ? Reflect.get(manifest, 'scripts') : undefined;
  for (const name of ['worker', 'rebuild']) {
    const script: unknown = typeof scripts === 'object' && scripts !== null ? Reflect.get(scripts, name) : undefined;
    t.match(script, new RegExp(`^tsx ${WORKER_HEAP_FLAG} `), `npm run ${name} passes it to node`);
  }
  t.end();
});

t.test('the API health check asks a route that answers 200 without a token', async (t) => {
  const app = await build(t);
  for (const name of ['api-a', 'api-b']) {
    const service = base().services[name];
    const url = service === undefined ? null : healthcheckUrl(service);
    t.not(url, null, `${name} has a health check URL`);
    const response = await app.inject({ method: 'GET', url: url?.pathname ?? '/' });
    t.equal(response.statusCode, 200, `${name}: GET ${url?.pathname ?? ''} answers 200`);
  }
});

t.test('the worker health check passes on a started worker\'s /healthz and fails while it is starting or gone', async (t) => {
  const service = base().services['worker'];
  const test = service?.healthcheck?.test;
  const args = Array.isArray(test) && test[0] === 'CMD' ? test.slice(1) : [];
  t.equal(args[0], 'node', 'the worker health check runs node: the image has no curl');
  t.notMatch(read('Dockerfile'), /\bcurl\b/, 'and the Dockerfile installs none');
  const url = service === undefined ? null : healthcheckUrl(service);
  t.equal(url?.pathname, HEALTH_PATH);
  const configured = url?.port ?? '';
  // The command as written, on the port this test's worker took (the container's is fixed, this machine's is not).
  const probe = (port: number): Promise<number> => promisify(execFile)(process.execPath,
    args.slice(1).map((arg) => arg.replaceAll(`127.0.0.1:${configured}/`, `127.0.0.1:${port}/`)))
    .then(() => 0, (error: { code?: unknown }) => (typeof error.code === 'number' ? error.code : -1));

  const log = { info: () => undefined, warn: () => undefined, error: () => undefined, child: () => log };
  const opened = await openTopology({
    topology: { eventStore: { kind: 'sqlite' }, readModels: { kind: 'sqlite' }, redis: null },
    dataDir: await tempDataDir(t), sqliteSynchronous: 'NORMAL', log,
  });
  t.teardown(() => opened.close());
  let worker: RunningWorker | null = null;
  const listener = await startHealthListener({
    port: 0, log, check: () => (worker === null ? Promise.resolve(startingHealth()) : checkWorkerHealth({ opened, worker, log })),
  });
  t.teardown(() => listener.close());
  t.equal(await probe(listener.port), 1, 'starting: unhealthy');
  const started = await startWorker({ opened, log, continuityTickMs: 60_000 });
  t.teardown(() => started.stop());
  worker = started;
  t.equal(await probe(listener.port), 0, 'a running worker: healthy');
  await listener.close();
  t.equal(await probe(listener.port), 1, 'nothing listening: unhealthy');
});

t.test('each check catches the mistake it is for, naming the service and the variable', (t) => {
  const cases: [string, Partial<DeploymentFiles>, RegExp][] = [
    ['a variable the API does not read',
      { compose: withService(base(), 'api-a', withEnv({ BOGUS_SETTING: 'x' })) },
      /^docker-compose\.yml: api-a: BOGUS_SETTING is not a variable the API reads \(API_ENVIRONMENT\)$/],
    ['a worker variable on an API node',
      { compose: withService(base(), 'api-b', withEnv({ PROJECTION_BATCH_SIZE: '100' })) },
      /^docker-compose\.yml: api-b: PROJECTION_BATCH_SIZE is not a variable the API reads/],
    ['an API variable on the worker',
      { compose: withService(base(), 'worker', withEnv({ MIN_GOLONGAN_POLICY: 'warn' })) },
      /^docker-compose\.yml: worker: MIN_GOLONGAN_POLICY is not a variable the worker reads \(WORKER_ENVIRONMENT\)$/],
    ['a value the worker cannot parse',
      { compose: withService(base(), 'worker', withEnv({ PROJECTION_BATCH_SIZE: 'lots' })) },
      /^docker-compose\.yml: worker: PROJECTION_BATCH_SIZE: /],
    ['a value the API cannot parse',
      { compose: withService(base(), 'api-a', withEnv({ ESTAFET_API_TOKENS: 'boss:aaaaaaaaaaaaaaaaaaaa' })) },
      /^docker-compose\.yml: api-a: ESTAFET_API_TOKENS: /],
    ['an API node listening on localhost only',
      { compose: withService(base(), 'api-a', withEnv({ HOST: '127.0.0.1' })) },
      /^docker-compose\.yml: api-a: HOST is 127\.0\.0\.1; in a container it must be 0\.0\.0\.0$/],
    ['a port the ports mapping and the health check do not use',
      { compose: withService(base(), 'api-b', withEnv({ PORT: '4000' })) },
      /^docker-compose\.yml: api-b: ports maps 3002:3000, but PORT is 4000$/],
    ['an API node running its own worker beside the worker service',
      { compose: withService(base(), 'api-a', withEnv({ WORKER: 'embedded' })) },
      /^docker-compose\.yml: api-a: WORKER must be external/],
    ['nodes on different read models',
      { compose: withService(base(), 'api-b', withEnv({ READ_MODEL_SCHEMA: 'elsewhere' })) },
      /^docker-compose\.yml: api-b: its topology differs from api-a's/],
    ['nodes without Redis',
      { compose: ['api-a', 'api-b', 'worker'].reduce((c, name) => withService(c, name, withEnv({ REDIS_URL: undefined, REDIS_KEY_PREFIX: undefined })), base()) },
      /^docker-compose\.yml: api-a: REDIS_URL: several nodes need Redis$/],
    ['a worker without a health port',
      { compose: withService(base(), 'worker', withEnv({ WORKER_HEALTH_PORT: undefined })) },
      /^docker-compose\.yml: worker: WORKER_HEALTH_PORT must be set to a port for its healthcheck to ask$/],
    ['a worker health check asking another port',
      { compose: withService(base(), 'worker', withEnv({ WORKER_HEALTH_PORT: '9000' })) },
      /^docker-compose\.yml: worker: its healthcheck asks port 8081, but WORKER_HEALTH_PORT is 9000$/],
    ['a worker health check asking another path',
      { compose: withService(base(), 'worker', (s) => ({ ...s, healthcheck: { ...s.healthcheck, test: ['CMD', 'node', '-e', "fetch('http://127.0.0.1:8081/health')"] } })) },
      /^docker-compose\.yml: worker: its healthcheck asks \/health; the worker answers \/healthz$/],
    ['a dependency that is not a service',
      { compose: withService(base(), 'worker', (s) => ({ ...s, depends_on: { postgress: { condition: 'service_healthy' } } })) },
      /^docker-compose\.yml: worker: depends_on postgress, which is not a service$/],
    ['a service without a health check',
      { compose: withService(base(), 'redis', (s) => ({ ...s, healthcheck: undefined })) },
      /^docker-compose\.yml: redis: has no healthcheck$/],
    ['waiting for the health of a service that has none',
      { compose: withService(base(), 'redis', (s) => ({ ...s, healthcheck: undefined })) },
      /^docker-compose\.yml: api-a: waits for redis to be healthy, but redis has no healthcheck$/],
    ['a volume the file does not declare',
      { compose: withService(base(), 'redis', (s) => ({ ...s, volumes: ['redis-data:/data'] })) },
      /^docker-compose\.yml: redis: uses volume redis-data, which volumes: does not declare$/],
    ['a command naming a file that does not exist',
      { compose: withService(base(), 'worker', (s) => ({ ...s, command: ['npx', 'tsx', 'services/worker/src/worker.ts'] })) },
      /^docker-compose\.yml: worker: its command names services\/worker\/src\/worker\.ts, which does not exist$/],
    ['a token written in the file',
      { compose: withService(base(), 'api-a', withEnv({ ESTAFET_API_TOKENS: 'hr:committed-token-0123456789' })) },
      /^docker-compose\.yml: api-a: ESTAFET_API_TOKENS is written in the file/],
    ['a password written into a URL',
      { compose: withService(base(), 'worker', withEnv({ DATABASE_URL: 'postgres://estafet:hunter2@postgres:5432/estafet' })) },
      /^docker-compose\.yml: worker: DATABASE_URL has a password written in the file/],
    ['a Dockerfile CMD naming a file that does not exist',
      { dockerfile: read('Dockerfile').replace(ENTRY_POINTS.api, 'services/api/src/main.ts') },
      /^Dockerfile: CMD names services\/api\/src\/main\.ts, which does not exist$/],
    ['a Dockerfile ENV the code does not read',
      { dockerfile: `${read('Dockerfile')}\nENV ESTAFET_PORT=3000\n` },
      /^Dockerfile: ENV ESTAFET_PORT is read by neither/],
    ['a Dockerfile COPY of a missing path',
      { dockerfile: read('Dockerfile').replace('COPY scripts/ scripts/', 'COPY tools/ tools/') },
      /^Dockerfile: COPY tools\/: no such file in the repository$/],
  ];
  for (const [what, changes, expected] of cases) {
    const problems = problemsOf(changes);
    t.ok(problems.some((problem) => expected.test(problem)), what, { problems, expected });
  }
  t.end();
});

t.test('the override must blank DATABASE_URL: the code refuses it beside EVENT_STORE=eventstoredb', (t) => {
  const override = OverrideSchema.parse(parseYaml(ESDB));
  const kept = Object.fromEntries(Object.entries(override.services).map(([name, service]) => [name, withEnv({ DATABASE_URL: undefined })(service)]));
  const problems = problemsOf({ overrides: { [ESDB]: { services: kept } } });
  t.ok(problems.some((problem) => problem.startsWith(`${BASE} + ${ESDB}: api-a: DATABASE_URL: is set but EVENT_STORE is eventstoredb`)), 'named', { problems });
  t.end();
});

t.test('an override naming a service the base file lacks is reported', (t) => {
  const problems = problemsOf({ overrides: { [ESDB]: { services: { 'api-c': { environment: { EVENT_STORE: 'eventstoredb' } } } } } });
  t.ok(problems.includes(`${BASE} + ${ESDB}: api-c: the override names a service the base file does not define`), 'named', { problems });
  t.end();
});

t.test('the secrets come from the host: without them every place that needs one is named', (t) => {
  const problems = problemsOf({}, { ...OPTIONS, hostEnv: {} });
  for (const [service, variable, host] of [
    ['api-a', 'ESTAFET_API_TOKENS', 'ESTAFET_API_TOKENS'], ['api-b', 'DATABASE_URL', 'POSTGRES_PASSWORD'],
    ['worker', 'READ_MODEL_URL', 'POSTGRES_PASSWORD'],
  ] as const) {
    t.ok(problems.some((problem) => problem.startsWith(`${BASE}: ${service}: ${variable}: ${host}: must be set on the host`)),
      `${service} ${variable} needs ${host}`, { problems });
  }
  t.end();
});

t.test('a file that is not a compose file is reported, not thrown', (t) => {
  t.match(problemsOf({ compose: { services: 'none' } }), [/^docker-compose\.yml: /]);
  t.match(problemsOf({ overrides: { [ESDB]: { services: [] } } }), [new RegExp(`^docker-compose\\.yml \\+ ${ESDB.replace(/\./g, '\\.')}: `)]);
  t.end();
});
