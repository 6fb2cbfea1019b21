// The EventStoreDB adapter's logic on an in-memory ledger stream with the server's rules (esdb-memory-log.ts): what
// the shared contract cannot show from one process — several store objects (processes) racing on one stream, the
// server refusing or failing writes — and what it does with a stream damaged behind its back. The contract suite
// itself runs against a real server in tests/store-contract/esdb.test.ts.
import t from 'tap';
import type { Test } from 'tap';
import { createUpcasterRegistry, defaultUpcasters } from '@estafet/events';
import type { StoredEvent } from '@estafet/events';
import { InvalidAppendError, StreamVersionConflictError } from './event-store.js';
import type { EventStore } from './event-store.js';
import { MAX_ATTEMPTS } from './esdb-append.js';
import { createLedgerEventStore } from './esdb-ledger-store.js';
import type { LedgerStoreOptions } from './esdb-ledger-store.js';
import { LedgerContentionError } from './esdb-log.js';
import type { LedgerLog } from './esdb-log.js';
import { createMemoryLedgerLog } from './esdb-memory-log.js';
import { renamed } from './esdb-test-fixtures.js';
import { CorruptRowError } from './sqlite-rows.js';

async function openStore(t: Test, log: LedgerLog, options: Partial<LedgerStoreOptions> = {}): Promise<EventStore> {
  const store = await createLedgerEventStore(log, { clock: () => new Date(), upcasters: defaultUpcasters, pollIntervalMs: 10, ...options });
  t.teardown(() => store.close());
  return store;
}

const positionsOf = (events: readonly StoredEvent[]): number[] => events.map((event) => event.globalPosition);
const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

async function failure(pending: Promise<unknown>): Promise<unknown> {
  try {
    await pending;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

t.test('two stores on one stream (two processes): a lost race is caught up and retried, one order, one chain', async (t) => {
  const log = createMemoryLedgerLog();
  const [a, b] = [await openStore(t, log), await openStore(t, log)];
  // Issued in the same tick, both plan on the empty stream; the server takes one, the other catches up and retries.
  const [first, second] = await Promise.all([
    a.append([{ streamId: 'unit-a', expectedVersion: 0, events: [renamed('a', 'A')] }]),
    b.append([{ streamId: 'unit-b', expectedVersion: 0, events: [renamed('b', 'B')] }]),
  ]);
  t.equal(log.appendCalls(), 3, 'one write was refused and retried');
  t.strictSame([...positionsOf(first.events), ...positionsOf(second.events)].sort(), [1, 2]);
  t.equal(await b.streamVersion('unit-a'), 1, "each reads the other's appends");
  const many = (store: EventStore, n: number) => Promise.all(Array.from({ length: n }, (_, i) =>
    store.append([{ streamId: `unit-${i}-${n}`, expectedVersion: 'any', events: [renamed('x', `X ${i}`), renamed('y', `Y ${i}`)] }])));
  await Promise.all([many(a, 15), many(b, 17)]);
  const all = await a.readAll();
  t.strictSame(positionsOf(all), range(1, 66), 'gap-free and strictly increasing');
  t.strictSame(await b.readAll(), all);
  t.match(await b.verifyChain(), { ok: true, checked: 66 });
});

t.test('across processes, expected versions and idempotency keys hold', async (t) => {
  const log = createMemoryLedgerLog();
  const [a, b] = [await openStore(t, log), await openStore(t, log)];
  const settled = await Promise.allSettled([a, b].map((store, i) =>
    store.append([{ streamId: 'unit-race', expectedVersion: 0, events: [renamed('race', `R ${i}`)] }])));
  t.equal(settled.filter((s) => s.status === 'fulfilled').length, 1, 'exactly one wins');
  const lost = settled.find((s) => s.status === 'rejected');
  t.ok(lost?.status === 'rejected' && lost.reason instanceof StreamVersionConflictError, 'the other is a version conflict');
  t.match(lost?.status === 'rejected' ? lost.reason : null, { streamId: 'unit-race', expected: 0, actual: 1 });
  const original = await a.append([{ streamId: 'unit-k', expectedVersion: 0, events: [renamed('k', 'K')] }], { idempotencyKey: 'cmd-k' });
  const retry = await b.append([{ streamId: 'unit-k', expectedVersion: 0, events: [renamed('k', 'K')] }], { idempotencyKey: 'cmd-k' });
  t.equal(retry.duplicate, true);
  t.strictSame(retry.events, original.events, 'the retry in the other process gets the stored events');
  t.equal(await a.headPosition(), 2);
});

t.test('an append that keeps losing gives up with LedgerContentionError and stores nothing', async (t) => {
  const inner = createMemoryLedgerLog();
  let calls = 0;
  const store = await openStore(t, { ...inner, append: async () => {
    calls += 1;
    return Promise.resolve({ ok: false });
  } });
  const error = await failure(store.append([{ streamId: 'unit-a', expectedVersion: 0, events: [renamed('a', 'A')] }]));
  t.ok(error instanceof LedgerContentionError);
  t.match(error, { code: 'LEDGER_CONTENTION', message: /moved on under this append 10 times/ });
  t.equal(calls, MAX_ATTEMPTS);
  t.equal(await store.headPosition(), 0);
});

t.test('a write confirmed at another revision than planned is not trusted: the next round reads the stream', async (t) => {
  const inner = createMemoryLedgerLog();
  let lie = true;
  const store = await openStore(t, { ...inner, append: async (records, expected) => {
    const written = await inner.append(records, expected);
    if (!lie || !written.ok) return written;
    lie = false;
    return { ok: true, lastRevision: written.lastRevision + 5 };
  } });
  const event = renamed('a', 'A');
  const result = await store.append([{ streamId: 'unit-a', expectedVersion: 0, events: [event] }]);
  t.match(result, { duplicate: true, events: [{ eventId: event.eventId, globalPosition: 1 }] }, 'found stored, answered as such');
  t.equal(await store.headPosition(), 1, 'stored once');
  t.equal(inner.appendCalls(), 1);
});

t.test('a group the server refuses as too large is retried append by append', async (t) => {
  const inner = createMemoryLedgerLog();
  const store = await openStore(t, { ...inner, append: async (records, expected) => {
    if (records.length > 1) throw new InvalidAppendError('invalid append: larger than the server accepts');
    return inner.append(records, expected);
  } });
  const results = await Promise.all(['a', 'b', 'c'].map((id) => store.append([{ streamId: `unit-${id}`, expectedVersion: 0, events: [renamed(id, id)] }])));
  t.strictSame(results.flatMap((result) => positionsOf(result.events)).sort(), [1, 2, 3], 'each fitted alone');
  const error = await failure(store.append([{ streamId: 'unit-d', expectedVersion: 0, events: [renamed('d', 'D'), renamed('d', 'E')] }]));
  t.ok(error instanceof InvalidAppendError, 'an append too large alone is refused');
  t.equal(await store.headPosition(), 3);
});

t.test('a failed write call reaches every append of its group; the store goes on afterwards', async (t) => {
  const inner = createMemoryLedgerLog();
  let down = true;
  const store = await openStore(t, { ...inner, append: (records, expected) =>
    (down ? Promise.reject(new Error('14 UNAVAILABLE')) : inner.append(records, expected)) });
  const settled = await Promise.allSettled(['a', 'b'].map((id) => store.append([{ streamId: `unit-${id}`, expectedVersion: 0, events: [renamed(id, id)] }])));
  t.strictSame(settled.map((s) => (s.status === 'rejected' && s.reason instanceof Error ? s.reason.message : s.status)), ['14 UNAVAILABLE', '14 UNAVAILABLE']);
  down = false;
  const later = await store.append([{ streamId: 'unit-a', expectedVersion: 0, events: [renamed('a', 'A')] }]);
  t.strictSame(positionsOf(later.events), [1]);
});

const foreign = { type: 'SomethingElse', data: { hello: 'world' }, metadata: { note: 'written by another tool' } };

t.test('a record not written by the adapter: reads fail with CorruptRowError, verifyChain reports where', async (t) => {
  const log = createMemoryLedgerLog();
  const store = await openStore(t, log);
  await store.append([{ streamId: 'unit-a', expectedVersion: 0, events: [renamed('a', 'A')] }]);
  log.writeRaw(foreign);
  const error = await failure(store.headPosition());
  t.ok(error instanceof CorruptRowError);
  t.match(error, { message: /revision 1 is not an Estafet ledger record/ });
  await t.rejects(store.readAll(), { code: 'CORRUPT_ROW' }, 'scanning over it too');
  t.match(await store.verifyChain(), { ok: false, checked: 1, position: 2, reason: /^hash mismatch: event content changed/ });
  await t.rejects(createLedgerEventStore(log, { clock: () => new Date(), upcasters: defaultUpcasters, pollIntervalMs: 10 }),
    { code: 'CORRUPT_ROW' }, 'a store cannot be opened on it');
});

t.test('records truncated away: the index cannot be built or used, verifyChain reports the gap', async (t) => {
  const log = createMemoryLedgerLog();
  const store = await openStore(t, log);
  await store.append([{ streamId: 'unit-a', expectedVersion: 0, events: [renamed('a', 'A'), renamed('a', 'B'), renamed('a', 'C')] }]);
  log.truncateBefore(1);
  await t.rejects(store.readStream('unit-a'), { code: 'CORRUPT_ROW', message: /lacks 1 of the records the index holds/ });
  t.strictSame(await store.verifyChain(), { ok: false, checked: 0, position: 1, reason: 'position gap after 0: the next stored position is 2' });
  await t.rejects(createLedgerEventStore(log, { clock: () => new Date(), upcasters: defaultUpcasters, pollIntervalMs: 10 }),
    { code: 'CORRUPT_ROW', message: /goes from position 0 to 2/ });
});

/** UnitRenamed v2, as a later catalogue might have it. */
const renamedV2 = createUpcasterRegistry([{
  type: 'UnitRenamed', fromVersion: 1, up: (data) => ({ lifted: data }),
}]);

t.test('upcasters lift on every read path; the stream keeps what was written', async (t) => {
  const log = createMemoryLedgerLog();
  const store = await openStore(t, log, { upcasters: renamedV2 });
  const event = renamed('c', 'Dinas Cipta Karya');
  const lifted = { schemaVersion: 2, data: { lifted: { unitId: 'c', name: 'Dinas Cipta Karya' } } };
  const idempotencyKey = 'cmd-lift';
  t.match((await store.append([{ streamId: 'unit-c', expectedVersion: 0, events: [event] }], { idempotencyKey })).events[0], lifted, 'append');
  t.match((await store.append([{ streamId: 'unit-c', expectedVersion: 0, events: [event] }], { idempotencyKey })).events[0], lifted, 'a retry');
  t.match((await store.readStream('unit-c'))[0], lifted, 'readStream');
  t.match((await store.readAll({ types: ['UnitRenamed'] }))[0], lifted, 'readAll');
  t.match((await store.readAll({ streamPrefix: 'unit-' }))[0], lifted, 'readAll by prefix');
  t.match(await store.getEvent(event.eventId), lifted, 'getEvent');
  const seen: StoredEvent[] = [];
  const subscription = store.subscribe({ fromPosition: 0 }, (delivered) => {
    seen.push(delivered);
  });
  await subscription.caughtUp;
  await subscription.close();
  t.match(seen[0], lifted, 'subscribe');
  const [record] = await log.read(0, 1);
  t.match(record, { type: 'UnitRenamed', data: { unitId: 'c', name: 'Dinas Cipta Karya' }, metadata: { schemaVersion: 1 } }, 'stored as written');
  t.match(await store.verifyChain(), { ok: true, checked: 1 });
});

t.test('reading: scattered streams, prefixes past one page, bounds and limits', async (t) => {
  const store = await openStore(t, createMemoryLedgerLog());
  // 'unit-sparse' gets every 20th position, so reading it takes many separate runs.
  const events = Array.from({ length: 1200 }, (_, i) => renamed('x', `X ${i}`));
  await store.append([{ streamId: 'unit-many', expectedVersion: 0, events }]);
  for (let i = 0; i < 40; i += 1) {
    await store.append([
      { streamId: 'position-filler', expectedVersion: 'any', events: Array.from({ length: 19 }, () => renamed('f', 'F')) },
      { streamId: 'unit-sparse', expectedVersion: i, events: [renamed('s', `S ${i}`)] },
    ]);
  }
  const sparse = await store.readStream('unit-sparse');
  t.strictSame(positionsOf(sparse), range(1, 40).map((i) => 1200 + 20 * i));
  t.strictSame(sparse.map((event) => event.streamVersion), range(1, 40));
  t.strictSame(positionsOf(await store.readStream('unit-sparse', { fromVersion: 39 })), [1980, 2000]);
  t.equal((await store.readAll({ streamPrefix: 'unit-many', limit: 10_000 })).length, 1200, 'prefix candidates read page by page');
  t.strictSame(positionsOf(await store.readAll({ streamPrefix: 'unit-', fromPosition: 1199, limit: 3 })), [1200, 1220, 1240]);
  t.strictSame(positionsOf(await store.readAll({ fromPosition: 1995, toPosition: 1998 })), [1996, 1997, 1998]);
  t.equal((await store.readAll({ types: ['UnitRenamed'], limit: 10_000 })).length, 2000, 'a scan across batches');
  t.strictSame(await store.readAll({ fromPosition: 2000 }), []);
  t.equal(await store.getEvent('00000000-0000-4000-8000-000000000000'), null);
  await t.rejects(store.readStream('unit-many', { fromVersion: -1 }), { code: 'INVALID_QUERY' });
  await t.rejects(store.verifyChain({ fromPosition: -1 }), { code: 'INVALID_QUERY' });
  t.match(await store.verifyChain({ fromPosition: 1000, toPosition: 1500 }), { ok: true, checked: 500, headPosition: 1500 });
});

t.test('notify gets the head after each write that stored events', async (t) => {
  const notified: number[] = [];
  const store = await openStore(t, createMemoryLedgerLog(), { notify: (position) => notified.push(position) });
  const event = renamed('a', 'A');
  await store.append([{ streamId: 'unit-a', expectedVersion: 0, events: [event, renamed('a', 'B')] }]);
  await store.append([{ streamId: 'unit-a', expectedVersion: 0, events: [event, renamed('a', 'B')] }]).catch(() => undefined);
  await store.append([{ streamId: 'unit-a', expectedVersion: 9, events: [] }]).catch(() => undefined);
  await store.append([{ streamId: 'unit-a', expectedVersion: 2, events: [] }]);
  await Promise.all([1, 2].map((i) => store.append([{ streamId: `unit-${i}`, expectedVersion: 0, events: [renamed('b', 'B')] }])));
  t.strictSame(notified, [2, 4], 'nothing for a duplicate, a conflict or a check; once per group');
});

t.test('a subscription sees appends by another process by polling', async (t) => {
  const log = createMemoryLedgerLog();
  const [a, b] = [await openStore(t, log), await openStore(t, log)];
  const seen: number[] = [];
  let reached: () => void = () => undefined;
  const third = new Promise<void>((resolve) => {
    reached = resolve;
  });
  const subscription = a.subscribe({ fromPosition: 0 }, (event) => {
    seen.push(event.globalPosition);
    if (event.globalPosition === 3) reached();
  });
  t.teardown(() => subscription.close());
  await subscription.caughtUp;
  await b.append([{ streamId: 'unit-a', expectedVersion: 0, events: [renamed('a', 'A'), renamed('a', 'B')] }]);
  await b.append([{ streamId: 'unit-a', expectedVersion: 2, events: [renamed('a', 'C')] }]);
  await third;
  t.strictSame(seen, [1, 2, 3]);
});

t.test('a subscription to a rare type reads each record once, not again at every poll', async (t) => {
  const log = createMemoryLedgerLog();
  let recordsRead = 0;
  const counted: LedgerLog = { ...log, read: async (from, count) => {
    const records = await log.read(from, count);
    recordsRead += records.length;
    return records;
  } };
  const [subscriber, writer] = [await openStore(t, counted, { pollIntervalMs: 1 }), await openStore(t, log)];
  const seen: number[] = [];
  let wake: () => void = () => undefined;
  const subscription = subscriber.subscribe({ fromPosition: 0, types: ['Rare'] }, (event) => {
    seen.push(event.globalPosition);
    wake();
  });
  t.teardown(() => subscription.close());
  await subscription.caughtUp;
  for (const round of [1, 2]) {
    const delivered = new Promise<void>((resolve) => {
      wake = resolve;
    });
    await writer.append([{ streamId: `unit-${round}`, expectedVersion: 0, events: Array.from({ length: 600 }, () => renamed('r', 'R')) }]);
    await writer.append([{ streamId: `unit-${round}`, expectedVersion: 600, events: [renamed('r', 'R', { type: 'Rare' })] }]);
    await delivered;
  }
  t.strictSame(seen, [601, 1202]);
  t.equal(recordsRead, 1202, 'every record read once, however many polls');
});

t.test('close writes appends already issued, then refuses new work', async (t) => {
  const log = createMemoryLedgerLog();
  const store = await createLedgerEventStore(log, { clock: () => new Date(), upcasters: defaultUpcasters, pollIntervalMs: 10 });
  const subscription = store.subscribe({ fromPosition: 0 }, () => undefined);
  const pending = store.append([{ streamId: 'unit-a', expectedVersion: 0, events: [renamed('a', 'A')] }]);
  await store.close();
  t.equal((await pending).events[0]?.globalPosition, 1, 'the append issued before close was written');
  await subscription.done;
  t.pass('subscriptions were stopped');
  await t.rejects(store.append([{ streamId: 'unit-b', expectedVersion: 0, events: [renamed('b', 'B')] }]), { code: 'STORE_CLOSED' });
  await t.rejects(store.readAll(), { code: 'STORE_CLOSED' });
  await t.rejects(store.verifyChain(), { code: 'STORE_CLOSED' });
  t.throws(() => store.subscribe({ fromPosition: 0 }, () => undefined), { code: 'STORE_CLOSED' });
  await store.close();
  t.equal((await log.read(0, 10)).length, 1, 'and it is in the stream');
});
