// The in-process coordination: heads delivered once and in order, exclusive leases with growing fencing
// tokens (on a hand-driven clock), and a cache that refuses answers older than an invalidation.
import t from 'tap';
import { createInProcessCoordination } from './in-process-coordination.js';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

const withClock = () => {
  let ms = 1000;
  return { now: () => ms, advance: (by: number) => { ms += by; } };
};

t.test('heads reach every listener once, strictly increasing; a throwing listener does not stop the others', (t) => {
  const errors: string[] = [];
  const coordination = createInProcessCoordination({ log: { ...quiet, error: (_d, message) => errors.push(message) } });
  t.teardown(() => coordination.close());
  const seen: number[] = [];
  coordination.notifications.onHead(() => {
    throw new Error('a closed connection');
  });
  const off = coordination.notifications.onHead((position) => seen.push(position));
  for (const position of [1, 3, 3, 2, 5]) coordination.notifications.publishHead(position);
  off();
  coordination.notifications.publishHead(8);
  t.same(seen, [1, 3, 5]);
  t.equal(errors.length, 4, 'each failure logged');
  t.equal(coordination.mode, 'in-process');
  t.ok(coordination.isUp());
  t.end();
});

t.test('a head source is polled for appends by another process', async (t) => {
  let head = 0;
  const coordination = createInProcessCoordination({ log: quiet, headSource: () => Promise.resolve(head), pollIntervalMs: 5 });
  t.teardown(() => coordination.close());
  const seen = new Promise<number>((resolve) => coordination.notifications.onHead(resolve));
  head = 7;
  t.equal(await seen, 7);
});

t.test('leases: one holder, expiry hands over with a larger token, the old token is fenced off', async (t) => {
  const clock = withClock();
  const { leases } = createInProcessCoordination({ log: quiet, now: clock.now });
  const first = await leases.acquire('projection:org-chart', 'worker-a', 100);
  t.ok(first);
  if (first === null) return;
  t.equal(await leases.acquire('projection:org-chart', 'worker-b', 100), null, 'held: the second holder waits');
  await leases.assertHeld(first);
  await leases.fence(first.name, first.token);

  clock.advance(50);
  const renewed = await leases.renew(first, 100);
  t.ok(renewed && renewed.validUntil > first.validUntil, 'renewal extends');
  clock.advance(101);
  await t.rejects(leases.assertHeld(first), { code: 'LEASE_LOST' });
  t.equal(await leases.renew(first, 100), null, 'expired: cannot be renewed');
  const second = await leases.acquire('projection:org-chart', 'worker-b', 100);
  t.ok(second && second.token > first.token, 'a new, larger token');
  await t.rejects(leases.fence(first.name, first.token), { code: 'STALE_FENCING_TOKEN' });
  t.equal(await leases.release(first), false, 'the old holder cannot release the new one');
  if (second === null) return;
  t.equal(await leases.release(second), true);
  t.ok(await leases.acquire('projection:org-chart', 'worker-a', 100), 'released: free at once');
});

t.test('a token floor lifts the token above one recorded elsewhere', async (t) => {
  const { leases } = createInProcessCoordination({ log: quiet });
  const lease = await leases.acquire('projection:timeline', 'worker-a', 1000, 41);
  t.equal(lease?.token, 42);
  await t.rejects(leases.acquire('x', 'a', -1), RangeError);
});

t.test('cache: hit, miss, and an invalidation above the checkpoint hides the entry and refuses older answers', async (t) => {
  const { cache } = createInProcessCoordination({ log: quiet, maxCacheEntries: 2 });
  t.same(await cache.get('org-chart?asOf=2023-03-01'), { hit: false });
  t.equal(await cache.set('org-chart?asOf=2023-03-01', { holders: ['budi'] }, 10), true);
  const hit = await cache.get('org-chart?asOf=2023-03-01');
  t.same(hit, { hit: true, value: { holders: ['budi'] } });
  if (hit.hit && typeof hit.value === 'object' && hit.value !== null && 'holders' in hit.value) hit.value.holders = [];
  t.same(await cache.get('org-chart?asOf=2023-03-01'), { hit: true, value: { holders: ['budi'] } }, 'a copy each time');

  await cache.invalidate(8);
  t.equal((await cache.get('org-chart?asOf=2023-03-01')).hit, true, 'an invalidation below the checkpoint changes nothing');
  await cache.invalidate(11);
  t.same(await cache.get('org-chart?asOf=2023-03-01'), { hit: false }, 'computed before the correction');
  t.equal(await cache.set('org-chart?asOf=2023-03-01', { holders: ['budi'] }, 10), false, 'a late write of an old answer');
  t.equal(await cache.set('org-chart?asOf=2023-03-01', { holders: ['siti'] }, 11), true);
  t.equal(await cache.set('b', 1, 11), true);
  t.equal(await cache.set('c', undefined, 11), false, 'not JSON');
  t.equal(await cache.set('d', 2, 11), true);
  t.same(await cache.get('org-chart?asOf=2023-03-01'), { hit: false }, 'the oldest entry made room');
  t.same(await cache.get('d'), { hit: true, value: 2 });
});
