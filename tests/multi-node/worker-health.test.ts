// GET /healthz of real worker processes on PostgreSQL and Redis: the lease holder and a standby report the same
// checkpoints and lag, the standby reports "held" once it took over; 503 while the ledger or the read models do not
// answer (a relay that stops passing bytes) and while batches fail (read-model tables refusing writes), 200 after.
import t from 'tap';
import type { Test } from 'tap';
import { createServer, connect } from 'node:net';
import type { Socket } from 'node:net';
import { WorkerHealthSchema } from '../../services/worker/src/worker-health.js';
import type { WorkerHealth } from '../../services/worker/src/worker-health.js';
import { redisUrl, waitFor } from '../redis/redis-fixture.js';
import { databaseUrl } from '../store-contract/postgres-url.js';
import { startCluster } from './cluster.js';
import type { Child, Servers } from './cluster.js';
import { command, commandsFor, staff, unitCommand } from './ledger-client.js';

const [database, redis] = await Promise.all([databaseUrl(), redisUrl()]);

interface HealthAnswer {
  readonly status: number;
  readonly body: WorkerHealth;
}

/** The port the worker's health listener took (WORKER_HEALTH_PORT=0). */
const healthPortOf = async (worker: Child): Promise<number> => Number((await worker.log('health listener on')).fields['port']);

const askHealth = async (port: number): Promise<HealthAnswer> => {
  const response = await fetch(`http://127.0.0.1:${port}/healthz`);
  return { status: response.status, body: WorkerHealthSchema.parse(await response.json()) };
};

/** Asks until an answer satisfies `wanted`, and returns that answer. */
const healthUntil = async (what: string, port: number, wanted: (answer: HealthAnswer) => boolean, timeoutMs = 20_000): Promise<HealthAnswer> => {
  let last: HealthAnswer | null = null;
  await waitFor(what, async () => {
    last = await askHealth(port);
    return wanted(last);
  }, timeoutMs);
  if (last === null) throw new Error(`no health answer for ${what}`);
  return last;
};

/**
 * A TCP relay to PostgreSQL that can stop passing bytes: a partition, in which connections stay open and nothing
 * answers, until it passes them again (what was held first, in order).
 */
const partitionableRelay = async (t: Test, target: string) => {
  const upstream = new URL(target);
  let held: (() => void)[] | null = null;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const server = connect(Number(upstream.port === '' ? 5432 : upstream.port), upstream.hostname);
    for (const socket of [client, server]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        sockets.delete(socket);
        client.destroy();
        server.destroy();
      });
    }
    const forward = (from: Socket, to: Socket): void => {
      from.on('data', (chunk: Buffer) => {
        if (held === null) to.write(chunk);
        else held.push(() => to.write(chunk));
      });
    };
    forward(client, server);
    forward(server, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the relay has no TCP port');
  t.teardown(() => {
    for (const socket of sockets) socket.destroy();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const url = new URL(target);
  url.host = `127.0.0.1:${address.port}`;
  return {
    url: url.toString(),
    partition: (): void => {
      held ??= [];
    },
    heal: (): void => {
      const queued = held ?? [];
      held = null;
      for (const write of queued) write();
    },
  };
};

const healthTests = (t: Test, servers: Servers): void => {
  t.test('the holder and a standby answer 200 with the same checkpoints; the standby answers "held" after taking over', async (t) => {
    const cluster = startCluster(t, servers);
    const api = await cluster.startApi('api');
    const first = await cluster.startWorker('worker-1', { WORKER_HEALTH_PORT: '0' });
    await first.log('worker lease held');
    const second = await cluster.startWorker('worker-2', { WORKER_HEALTH_PORT: '0' });
    const [firstPort, secondPort] = await Promise.all([healthPortOf(first), healthPortOf(second)]);

    let written = await command(api, unitCommand);
    for (const step of commandsFor(staff(0))) written = await command(api, step);
    const holder = await healthUntil('the holder caught up', firstPort, ({ body }) => body.head === written && body.lag === 0);
    t.equal(holder.status, 200);
    t.equal(holder.body.lease, 'held');
    t.equal(holder.body.problem, undefined);
    t.ok(Object.keys(holder.body.checkpoints).length > 1, 'every projection has a checkpoint');
    t.ok(Object.values(holder.body.checkpoints).every((position) => position === written), `every checkpoint at ${written}`);
    const standby = await askHealth(secondPort);
    t.same(standby, { status: 200, body: { ...holder.body, lease: 'standby' } }, 'the standby reports the stored checkpoints too');

    await first.stop('SIGTERM');
    const takenOver = await healthUntil('the standby took the lease over', secondPort, ({ body }) => body.lease === 'held');
    t.same(takenOver, { status: 200, body: holder.body });
  });

  t.test('503 while the ledger or the read models do not answer and while batches fail; 200 again after each', async (t) => {
    const cluster = startCluster(t, servers);
    const api = await cluster.startApi('api');
    // The worker reaches the ledger and the read models (one server, two URLs) each through a relay of its own.
    const [ledgerRelay, readRelay] = await Promise.all([partitionableRelay(t, servers.databaseUrl), partitionableRelay(t, servers.databaseUrl)]);
    const worker = await cluster.startWorker('worker', { DATABASE_URL: ledgerRelay.url, READ_MODEL_URL: readRelay.url, WORKER_HEALTH_PORT: '0' });
    const port = await healthPortOf(worker);
    let written = await command(api, unitCommand);
    const caughtUp = await healthUntil('caught up', port, ({ status, body }) => status === 200 && body.head === written && body.lag === 0);
    const { checkpoints } = caughtUp.body;

    for (const [relay, problem] of [[ledgerRelay, 'event store unreachable'], [readRelay, 'read-model store unreachable']] as const) {
      relay.partition();
      const cut = await healthUntil(`${problem}: noticed`, port, ({ status }) => status !== 200);
      const known = problem === 'event store unreachable' ? { head: null, lag: null } : { head: written, lag: null };
      t.same(cut, { status: 503, body: { lease: 'held', checkpoints, ...known, problem } }, problem);
      relay.heal();
      await healthUntil(`${problem}: healthy again`, port, ({ status, body }) => status === 200 && body.lag === 0);
    }

    // Every projection table refuses writes: the worker reads and retries, and each batch fails at its commit.
    const read = `"${cluster.readSchema}"`;
    await cluster.db.query(`CREATE FUNCTION ${read}.refuse_writes() RETURNS trigger LANGUAGE plpgsql AS
      $$ BEGIN RAISE EXCEPTION 'read-model table closed by the test'; END $$`);
    const { rows } = await cluster.db.query<{ tablename: string }>(
      "SELECT tablename FROM pg_tables WHERE schemaname = $1 AND tablename NOT LIKE 'estafet\\_%'", [cluster.readSchema]);
    t.ok(rows.length > 0, 'the read models have tables');
    for (const { tablename } of rows) {
      await cluster.db.query(`CREATE TRIGGER refuse_writes BEFORE INSERT OR UPDATE OR DELETE ON ${read}."${tablename}"
        FOR EACH ROW EXECUTE FUNCTION ${read}.refuse_writes()`);
    }
    const before = written;
    for (const step of commandsFor(staff(1))) written = await command(api, step);
    const failing = await healthUntil('the failed batch noticed', port, ({ status }) => status !== 200);
    t.equal(failing.status, 503);
    t.match(failing.body, { lease: 'held', head: written, lag: written - before, problem: 'last batch failed' });
    await cluster.db.query(`DROP FUNCTION ${read}.refuse_writes() CASCADE`);
    const healed = await healthUntil('healthy after a batch committed', port, ({ status }) => status === 200);
    t.match(healed.body, { head: written, problem: undefined });
    await healthUntil('caught up again', port, ({ body }) => body.lag === 0);
  });
};

if (database === null || redis === null) {
  t.plan(0, 'worker health tests skipped: they need PostgreSQL (DATABASE_URL or 127.0.0.1:5432) and Redis (REDIS_URL or 127.0.0.1:6379)');
} else {
  healthTests(t, { databaseUrl: database, redisUrl: redis });
}
