// The worker through a Redis outage, on a private redis-server killed and restarted: while Redis is away nobody
// can take the lease over, so the holder folds on under its fencing token (heads polled from the store); when
// Redis is back it holds the lease again and goes on. Writes and read-your-writes queries never stop.
import t from 'tap';
import { buildApp, loadConfig } from '@estafet/api';
import { openTopology, startWorker } from '@estafet/worker';
import { createRedisCoordination } from '../../services/worker/src/coordination/redis-coordination.js';
import { FIXED_NOW, TOKENS, get, send, tempDataDir } from '../api/helper.js';
import { unitBody } from '../api/fixtures.js';
import { hasRedisServer, privateRedis, recordingLog, testPrefix, waitFor } from './redis-fixture.js';

if (!hasRedisServer()) {
  t.plan(0, 'worker outage test skipped: no redis-server on PATH to start and kill');
} else {
  t.test('the lease holder folds on while Redis is down and holds the lease again after', async (t) => {
    const redis = await privateRedis(t);
    const keyPrefix = testPrefix(t, redis.url);
    const dataDir = await tempDataDir(t);
    const { log, lines } = recordingLog();
    let head = (): Promise<number> => Promise.resolve(0);
    const coordination = createRedisCoordination({
      redisUrl: redis.url, keyPrefix, log, headSource: () => head(), pollIntervalMs: 20, maxReconnectDelayMs: 100, commandTimeoutMs: 500,
    });
    t.teardown(() => coordination.close());
    const opened = await openTopology({
      topology: { eventStore: { kind: 'sqlite' }, readModels: { kind: 'sqlite' }, redis: { url: redis.url, keyPrefix } },
      dataDir, sqliteSynchronous: 'NORMAL', log, coordination, clock: () => FIXED_NOW,
    });
    t.teardown(() => opened.close());
    head = () => opened.store.headPosition();
    await waitFor('redis up', () => coordination.isUp());
    const worker = await startWorker({
      opened, log: { ...log, child: () => log }, clock: () => FIXED_NOW, continuityTickMs: 60_000, leaseTtlMs: 600, retryDelayMs: 50,
    });
    t.teardown(() => worker.stop());
    await waitFor('the lease', () => worker.holdsLease());

    const tokens = Object.entries(TOKENS).map(([role, token]) => `${role}:${token}`).join(',');
    const app = await buildApp({
      config: loadConfig({ DATA_DIR: dataDir, ESTAFET_API_TOKENS: tokens, WORKER: 'external' }),
      store: opened.store, readModel: worker.runner.reader, coordination, clock: () => FIXED_NOW, logger: false,
    });
    t.teardown(() => app.close());
    const record = async (unitId: string, name: string): Promise<number> => {
      const response = await send(app, '/units', { ...unitBody, unitId, name });
      t.equal(response.statusCode, 201, `${unitId} recorded`);
      return response.json<{ position: number }>().position;
    };
    const visible = async (position: number, name: string): Promise<void> => {
      const chart = await get(app, `/org-chart?asOf=2024-06-01&minPosition=${position}`, 'analyst');
      t.equal(chart.statusCode, 200, `read-your-writes at ${position}`);
      t.match(chart.body, name, `${name} is in the org chart`);
    };

    await visible(await record('dinas-pendidikan', 'Dinas Pendidikan'), 'Dinas Pendidikan');

    await redis.stop();
    await waitFor('the outage noticed', () => !coordination.isUp());
    await waitFor('the lease lapsed by local reckoning', () => !worker.holdsLease());
    await visible(await record('dinas-kesehatan', 'Dinas Kesehatan'), 'Dinas Kesehatan');

    await redis.start();
    await waitFor('the lease held again', () => worker.holdsLease(), 10_000);
    await visible(await record('dinas-perhubungan', 'Dinas Perhubungan'), 'Dinas Perhubungan');
    t.ok(lines.some((line) => /lease lost/.test(line.message)), 'the lost lease was logged');
    t.equal(worker.runner.checkpoints()['org-chart'], await opened.store.headPosition(), 'folded up to the head');
  });
}
