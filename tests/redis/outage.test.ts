// Redis going away and coming back, on a private redis-server killed and restarted on the same port: writes
// and reads go on, heads are polled, the cache misses, leases count as lost; one warning per node; then all resumes.
import t from 'tap';
import { createRedisCoordination } from '../../services/worker/src/coordination/redis-coordination.js';
import type { Coordination } from '../../services/worker/src/coordination/coordination.js';
import { get, headPosition, send } from '../api/helper.js';
import { unitBody } from '../api/fixtures.js';
import { coordinatedApp } from './coordinated-app.js';
import { hasRedisServer, nextValue, privateRedis, recordingLog, testPrefix, waitFor } from './redis-fixture.js';
import type { LogLine, Teardown } from './redis-fixture.js';

const node = (t: Teardown, url: string, keyPrefix: string, headSource: () => Promise<number>) => {
  const { log, lines } = recordingLog();
  const coordination: Coordination = createRedisCoordination({
    redisUrl: url, keyPrefix, log, headSource, pollIntervalMs: 20, maxReconnectDelayMs: 100, commandTimeoutMs: 2000,
  });
  t.teardown(() => coordination.close());
  return { coordination, lines };
};

const count = (lines: readonly LogLine[], level: LogLine['level'], message: RegExp): number =>
  lines.filter((line) => line.level === level && message.test(line.message)).length;

if (!hasRedisServer()) {
  t.plan(0, 'outage tests skipped: no redis-server on PATH to start and kill');
} else {
  t.test('an outage is survived, logged once per node, and recovered from by itself', async (t) => {
    const redis = await privateRedis(t);
    const prefix = testPrefix(t, redis.url);
    let storeHead = 0;
    const a = node(t, redis.url, prefix, () => Promise.resolve(storeHead));
    const b = node(t, redis.url, prefix, () => Promise.resolve(storeHead));
    const app = await coordinatedApp(t, a.coordination);
    await waitFor('both nodes up', () => a.coordination.isUp() && b.coordination.isUp());

    const heard = nextValue<number>((callback) => b.coordination.notifications.onHead(callback));
    t.equal((await send(app, '/units', unitBody)).statusCode, 201);
    t.equal(await heard, 1, 'through Redis');
    const lease = await a.coordination.leases.acquire('projection:org-chart', 'worker-a', 10_000);
    t.ok(lease);
    t.equal(await a.coordination.cache.set('k', 'v', 1), true);

    await redis.stop();
    await waitFor('both nodes to notice', () => !a.coordination.isUp() && !b.coordination.isUp());

    // Writes and reads go on.
    const written = await send(app, '/units', { ...unitBody, unitId: 'setda', name: 'Sekretariat Daerah', kind: 'SETDA' });
    t.equal(written.statusCode, 201, written.body);
    t.equal((await get(app, '/events?limit=10')).statusCode, 200);
    // Heads: node b polls its store.
    storeHead = await headPosition(app);
    const polled = nextValue<number>((callback) => b.coordination.notifications.onHead(callback));
    t.equal(await polled, 2, 'polled while Redis is away');
    // The cache misses and refuses; an invalidation is kept for later.
    t.same(await a.coordination.cache.get('k'), { hit: false });
    t.equal(await a.coordination.cache.set('k', 'v', 2), false);
    await a.coordination.cache.invalidate(3);
    // Leases count as lost.
    if (lease !== null) {
      t.equal(await a.coordination.leases.renew(lease, 10_000), null, 'a renewal that cannot be confirmed is a loss');
      await t.rejects(a.coordination.leases.assertHeld(lease), { code: 'LEASE_LOST' });
      await t.rejects(a.coordination.leases.fence(lease.name, lease.token), { code: 'LEASE_LOST' });
    }
    t.equal(await b.coordination.leases.acquire('projection:org-chart', 'worker-b', 10_000), null);
    // Several reconnect rounds (back-off capped at 100 ms) and failing calls pass meanwhile: none may log again.
    for (let round = 0; round < 5; round += 1) {
      await b.coordination.cache.get('k');
      b.coordination.notifications.publishHead(2);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    await redis.start();
    await waitFor('both nodes back', () => a.coordination.isUp() && b.coordination.isUp(), 10_000);

    for (const [name, lines] of [['a', a.lines], ['b', b.lines]] as const) {
      t.equal(count(lines, 'warn', /redis unreachable/), 1, `node ${name}: the outage is logged once`);
      t.equal(count(lines, 'info', /redis reachable again/), 1, `node ${name}: and its end once`);
      t.equal(count(lines, 'error', /./), 0, `node ${name}: nothing else`);
    }

    // Notifications resume through Redis (the polled head stays at 2, so 3 can only come from Redis).
    const resumed = nextValue<number>((callback) => b.coordination.notifications.onHead(callback));
    t.equal((await send(app, '/units', { ...unitBody, unitId: 'bappeda', name: 'Bappeda', kind: 'BADAN' })).statusCode, 201);
    t.equal(await resumed, 3, 'through Redis again');
    // The kept invalidation reaches Redis on recovery (at the latest before node a's next read): node b, which
    // never saw it, then refuses an answer older than it.
    t.same(await a.coordination.cache.get('k'), { hit: false });
    t.equal(await b.coordination.cache.set('k', 'old', 2), false);
    t.equal(await b.coordination.cache.set('k', 'new', 3), true);
    t.same(await a.coordination.cache.get('k'), { hit: true, value: 'new' }, 'the cache serves again');
    t.ok(await b.coordination.leases.acquire('projection:org-chart', 'worker-b', 10_000), 'leases work again (Redis came back empty)');
  });

  t.test('a Redis that never answers: heads polled, misses, no lease, one warning, a prompt close', async (t) => {
    let storeHead = 4;
    const { coordination, lines } = node(t, 'redis://127.0.0.1:1', 'unused:', () => Promise.resolve(storeHead));
    t.equal(await nextValue<number>((callback) => coordination.notifications.onHead(callback)), 4);
    storeHead = 5;
    t.equal(await nextValue<number>((callback) => coordination.notifications.onHead(callback)), 5);
    t.same(await coordination.cache.get('k'), { hit: false });
    t.equal(await coordination.leases.acquire('projection:org-chart', 'worker-a', 1000), null);
    const started = Date.now();
    await coordination.close();
    t.ok(Date.now() - started < 1000, 'close does not wait for a connection');
    t.equal(count(lines, 'warn', /redis unreachable/), 1);
    t.equal(lines.length, 1);
  });
}
