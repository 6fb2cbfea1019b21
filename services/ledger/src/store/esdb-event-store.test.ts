// What of the EventStoreDB module can be checked without a server: options refused before connecting, an unreachable
// server failing the factory quickly (and releasing the client), and the translation between the client's types and
// errors and the ledger log's. With a server, tests/store-contract/esdb.test.ts runs the whole contract.
import t from 'tap';
import * as db from '@eventstore/db-client';
import { InvalidAppendError } from './event-store.js';
import { LedgerStreamSchema, appendFailure, createEventStoreDbEventStore, toEventData, toLedgerRecord } from './esdb-event-store.js';
import { encodeEvent } from './esdb-records.js';
import { sampleEvent } from './esdb-test-fixtures.js';

t.test('options are checked before anything connects', async (t) => {
  await t.rejects(createEventStoreDbEventStore({ connectionString: '' }), /connectionString/);
  await t.rejects(createEventStoreDbEventStore({ connectionString: 'esdb://127.0.0.1:1?tls=false', ledgerStream: '$all' }), /system stream/);
  await t.rejects(createEventStoreDbEventStore({ connectionString: 'esdb://127.0.0.1:1?tls=false', pollIntervalMs: 0 }), /pollIntervalMs/);
  t.ok(LedgerStreamSchema.safeParse('estafet-ledger').success);
  t.notOk(LedgerStreamSchema.safeParse('').success);
});

t.test('an unreachable server fails the factory with the client error, quickly', async (t) => {
  const started = Date.now();
  // Port 1 refuses connections: the first read, which builds the index, fails; the client is disposed.
  await t.rejects(createEventStoreDbEventStore({ connectionString: 'esdb://127.0.0.1:1?tls=false' }), { message: /UNAVAILABLE|ECONNREFUSED/ });
  t.ok(Date.now() - started < 10_000, 'no long retry loop');
});

t.test('append failures: a lost race is an outcome, an oversized write the caller\'s error, anything else passed on', (t) => {
  const lost = new db.WrongExpectedVersionError(undefined, { streamName: 'estafet-ledger', expected: 4n, current: 6n });
  t.strictSame(appendFailure(db, lost), { ok: false });
  const tooLarge = new db.MaxAppendSizeExceededError(undefined, 1024);
  t.throws(() => appendFailure(db, tooLarge), { message: /larger than the EventStoreDB server accepts in one write \(1024 bytes\)/ });
  try {
    appendFailure(db, tooLarge);
  } catch (error) {
    t.ok(error instanceof InvalidAppendError);
  }
  const other = new Error('14 UNAVAILABLE');
  t.throws(() => appendFailure(db, other), other);
  t.end();
});

t.test('records to the client\'s event data and back', (t) => {
  const json = encodeEvent(sampleEvent());
  t.match(toEventData(db, json), { id: json.id, type: 'UnitRenamed', contentType: 'application/json', data: json.data, metadata: json.metadata });
  const binary = encodeEvent(sampleEvent({ data: 7 }));
  const data = toEventData(db, binary);
  t.match(data, { contentType: 'application/octet-stream', metadata: binary.metadata });
  t.strictSame(data.data, new TextEncoder().encode('7'));
  const recorded = {
    streamId: 'estafet-ledger', id: json.id, isJson: true as const, revision: 41n, type: 'UnitRenamed', created: new Date(),
    data: { unitId: 'a' }, metadata: { format: 'x' }, position: undefined,
  };
  t.strictSame(toLedgerRecord(recorded), { revision: 41, type: 'UnitRenamed', data: { unitId: 'a' }, metadata: { format: 'x' } });
  t.end();
});
