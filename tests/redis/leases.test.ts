// Leases on the real Redis: two holders, one wins; expiry hands over with a larger fencing token; the old
// holder can neither renew, release nor commit (Redis fence and the SQLite fence beside the checkpoint).
import t from 'tap';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { createSqliteEventStore } from '@estafet/ledger';
import { createSqliteCheckpointFence } from '../../services/worker/src/coordination/fencing.js';
import { createLeaseKeeper } from '../../services/worker/src/coordination/lease-keeper.js';
import type { Lease } from '../../services/worker/src/coordination/coordination.js';
import { recordingLog, redisNode, redisUrl, testPrefix } from './redis-fixture.js';

const url = await redisUrl();

/** Tries until the lease is free (its TTL ran out in Redis), for at most 5 s. */
const acquireWhenFree = async (attempt: () => Promise<Lease | null>): Promise<Lease> => {
  const deadline = Date.now() + 5000;
  for (;;) {
    const lease = await attempt();
    if (lease !== null) return lease;
    if (Date.now() > deadline) throw new Error('the lease never became free');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

if (url === null) {
  t.plan(0, 'Redis tests skipped: REDIS_URL is unset and nothing answers at 127.0.0.1:6379');
} else {
  t.test('one holder at a time; expiry hands over; the old token is refused everywhere', async (t) => {
    const prefix = testPrefix(t, url);
    const { leases: a } = await redisNode(t, url, prefix);
    const { leases: b } = await redisNode(t, url, prefix);
    const name = 'projection:org-chart';

    const [first, loser] = await Promise.all([a.acquire(name, 'worker-a', 2000), b.acquire(name, 'worker-b', 2000)]);
    const winners = [first, loser].filter((lease) => lease !== null);
    t.equal(winners.length, 1, 'exactly one of two simultaneous holders wins');
    const held = winners[0];
    if (held === undefined) return;
    const [holder, other] = held.holderId === 'worker-a' ? [a, b] : [b, a];
    const otherId = held.holderId === 'worker-a' ? 'worker-b' : 'worker-a';
    await holder.assertHeld(held);
    await holder.fence(name, held.token);
    t.equal(await other.release({ ...held, holderId: otherId }), false, 'nobody else can release it');
    const renewed = await holder.renew(held, 300);
    t.ok(renewed, 'renewed while held (to a short TTL, so the handover below comes soon)');

    // Waiting on the lease's own expiry in Redis: acquire until it is free.
    const next = await acquireWhenFree(() => other.acquire(name, otherId, 5000));
    t.ok(next.token > held.token, `a larger token (${next.token} > ${held.token})`);
    t.equal(await holder.renew(held, 300), null, 'the old holder cannot renew');
    await t.rejects(holder.assertHeld(held), { code: 'LEASE_LOST' });
    await t.rejects(holder.fence(name, held.token), { code: 'STALE_FENCING_TOKEN' });
    t.equal(await holder.release(held), false, 'nor release the new holder\'s lease');
    await other.assertHeld(next);

    // The binding fence: the runner records the token beside its checkpoint in the same transaction.
    const dir = await mkdtemp(join(tmpdir(), 'estafet-lease-'));
    t.teardown(() => rm(dir, { recursive: true, force: true }));
    const store = createSqliteEventStore({ path: join(dir, 'ledger.db'), synchronous: 'NORMAL' });
    t.teardown(() => store.close());
    const fence = createSqliteCheckpointFence(store.db);
    const commit = (token: number): void => {
      store.db.exec('BEGIN IMMEDIATE');
      try {
        fence.admit(name, token);
        store.db.exec('COMMIT');
      } catch (error) {
        store.db.exec('ROLLBACK');
        throw error;
      }
    };
    commit(next.token);
    t.throws(() => commit(held.token), { code: 'STALE_FENCING_TOKEN' }, 'a checkpoint under the old token is refused');

    // Redis lost its counter (a restart without persistence): the floor from the checkpoint keeps tokens growing.
    t.equal(await other.release(next), true);
    const admin = new Redis(url);
    t.teardown(() => admin.disconnect());
    await admin.del(`${prefix}lease:${name}:token`);
    const afterLoss = await holder.acquire(name, held.holderId, 300, fence.highest(name) ?? 0);
    t.equal(afterLoss?.token, next.token + 1);
  });

  t.test('lease keepers on Redis: one runs, stop() hands over at once', async (t) => {
    const prefix = testPrefix(t, url);
    const { leases } = await redisNode(t, url, prefix);
    const { log } = recordingLog();
    const a = createLeaseKeeper({ leases, name: 'projection:timeline', holderId: 'a', ttlMs: 3000, log });
    const first = await a.acquired();
    const b = createLeaseKeeper({ leases, name: 'projection:timeline', holderId: 'b', ttlMs: 3000, log });
    t.teardown(() => b.stop());
    t.ok(first);
    t.same(await a.assertHeld(), first);
    t.equal(b.current(), null);
    const handedOver = b.acquired();
    await a.stop();
    const second = await handedOver;
    t.ok(second && first && second.token > first.token, 'b took over long before the 3 s TTL');
  });

  t.test('a holder id with the separator is refused', async (t) => {
    const { leases } = await redisNode(t, url, testPrefix(t, url));
    await t.rejects(leases.acquire('x', 'a|b', 100), RangeError);
  });
}
