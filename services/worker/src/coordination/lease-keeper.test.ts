// The lease keeper on in-process leases: one of two keepers holds the lease, a stopped keeper hands it over at
// once, and a failed renewal counts as a loss (logged, assertHeld refuses) until the lease is acquired again.
import t from 'tap';
import { createInProcessCoordination } from './in-process-coordination.js';
import { createLeaseKeeper } from './lease-keeper.js';
import type { Leases } from './coordination.js';

const recording = () => {
  const lines: string[] = [];
  const log = { info: (_d: object, m: string) => lines.push(`info ${m}`), warn: (_d: object, m: string) => lines.push(`warn ${m}`), error: (_d: object, m: string) => lines.push(`error ${m}`) };
  return { log, lines };
};

t.test('two keepers, one holder; stop() hands the lease over with a larger token', async (t) => {
  const { leases } = createInProcessCoordination({ log: recording().log });
  const a = createLeaseKeeper({ leases, name: 'projection:org-chart', holderId: 'a', ttlMs: 2000, log: recording().log });
  const first = await a.acquired();
  const b = createLeaseKeeper({ leases, name: 'projection:org-chart', holderId: 'b', ttlMs: 2000, log: recording().log });
  t.teardown(() => b.stop());
  t.ok(first);
  t.equal(b.current(), null, 'b waits');
  t.same(await a.assertHeld(), first);
  await t.rejects(b.assertHeld(), { code: 'LEASE_LOST' });

  const handedOver = b.acquired();
  await a.stop();
  t.equal(a.current(), null);
  const second = await handedOver;
  t.ok(second && first && second.token > first.token, 'a larger token');
  await t.rejects(leases.fence('projection:org-chart', first?.token ?? 0), { code: 'STALE_FENCING_TOKEN' });
});

t.test('a renewal that fails is a loss: logged, refused, then acquired again above the recorded floor', async (t) => {
  const { leases } = createInProcessCoordination({ log: recording().log });
  let failRenewals = false;
  const flaky: Leases = { ...leases, renew: (lease, ttlMs) => (failRenewals ? Promise.resolve(null) : leases.renew(lease, ttlMs)) };
  const { log, lines } = recording();
  const keeper = createLeaseKeeper({ leases: flaky, name: 'projection:timeline', holderId: 'a', ttlMs: 300, log, tokenFloor: () => 9 });
  t.teardown(() => keeper.stop());
  const first = await keeper.acquired();
  t.equal(first?.token, 10, 'above the floor');
  failRenewals = true;
  // Wait for the keeper's own renewal round to notice, not for a fixed time.
  while (!lines.includes('warn lease lost; not committing until it is acquired again')) await new Promise((r) => setTimeout(r, 5));
  failRenewals = false;
  // The old entry lives on in the backend for up to a TTL, so no new lease yet: nothing may commit meanwhile.
  t.equal(keeper.current(), null);
  await t.rejects(keeper.assertHeld(), { code: 'LEASE_LOST' });
  const again = await keeper.acquired();
  t.ok(again && again.token > 10, 'reacquired with a new token');
  t.same(lines.filter((line) => line.startsWith('warn')), ['warn lease lost; not committing until it is acquired again']);
});
