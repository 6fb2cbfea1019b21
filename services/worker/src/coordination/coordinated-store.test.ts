// The coordinated store on a real SQLite ledger: each append publishes its head; a correction or a retroactive
// event records a cache invalidation before append() returns; a retry announces nothing.
import t from 'tap';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteEventStore } from '@estafet/ledger';
import type { NewEvent } from '@estafet/events';
import { createInProcessCoordination } from './in-process-coordination.js';
import { coordinatedStore } from './coordinated-store.js';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

const event = (type: string, effectiveAt: string): NewEvent => ({
  eventId: randomUUID(), type, schemaVersion: 1, data: { note: 'synthetic' }, effectiveAt, legalBasis: null,
  actor: { id: 'hr:test', role: 'hr' }, correlationId: 'c-1', causationId: null,
});

t.test('heads published, invalidations recorded, retries silent', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'estafet-coordinated-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  // 10:00 in Jakarta on 3 June 2024.
  const raw = createSqliteEventStore({ path: join(dir, 'ledger.db'), synchronous: 'NORMAL', clock: () => new Date('2024-06-03T03:00:00Z') });
  const coordination = createInProcessCoordination({ log: quiet });
  const store = coordinatedStore(raw, coordination);
  t.teardown(() => store.close());
  const heads: number[] = [];
  coordination.notifications.onHead((position) => heads.push(position));

  await store.append([{ streamId: 'unit-a', expectedVersion: 0, events: [event('UnitEstablished', '2024-06-03'), event('UnitRenamed', '2024-06-10')] }]);
  t.same(heads, [2], 'the last position of the append');
  t.equal(await coordination.cache.set('org-chart?asOf=2024-05-01', 'answer', 2), true);

  const retry = [{ streamId: 'unit-b', expectedVersion: 0, events: [event('UnitEstablished', '2024-06-03')] }];
  await store.append(retry, { idempotencyKey: 'k-1' });
  await store.append(retry, { idempotencyKey: 'k-1' });
  t.same(heads, [2, 3], 'a retry publishes nothing');
  t.equal((await coordination.cache.get('org-chart?asOf=2024-05-01')).hit, true, 'nothing that changes the past yet');

  await store.append([{ streamId: 'unit-a', expectedVersion: 'any', events: [event('UnitRenamed', '2024-06-01')] }]);
  t.same(await coordination.cache.get('org-chart?asOf=2024-05-01'), { hit: false }, 'a retroactive event invalidated it');
  t.equal(await coordination.cache.set('org-chart?asOf=2024-05-01', 'answer', 4), true);
  await store.append([{ streamId: 'unit-a', expectedVersion: 'any', events: [event('EventRetracted', '2024-06-03')] }]);
  t.same(await coordination.cache.get('org-chart?asOf=2024-05-01'), { hit: false }, 'a retraction invalidated it');
  t.same(heads, [2, 3, 4, 5]);

  t.equal(await store.headPosition(), 5, 'reads pass through');
  t.equal((await store.readStream('unit-a')).length, 4);
  t.equal(await store.streamVersion('unit-b'), 1);
  t.equal((await store.readAll({ types: ['UnitEstablished'] })).length, 2);
  const [first] = await store.readAll({ limit: 1 });
  t.equal((await store.getEvent(first?.eventId ?? ''))?.globalPosition, 1);
  t.match(await store.verifyChain(), { ok: true, checked: 5 });
  const seen: number[] = [];
  const subscription = store.subscribe({ fromPosition: 3 }, (stored) => {
    seen.push(stored.globalPosition);
  });
  await subscription.caughtUp;
  await subscription.close();
  t.same(seen, [4, 5]);
});
