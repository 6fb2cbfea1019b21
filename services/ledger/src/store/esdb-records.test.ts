// Events to ledger records and back: every envelope field survives the trip through EventStoreDB's JSON (as the
// client serialises and parses it), whatever the data, and anything this adapter would not have written is refused.
import t from 'tap';
import fc from 'fast-check';
import { GENESIS_HASH } from '@estafet/events';
import type { LedgerRecord } from './esdb-log.js';
import { RECORD_FORMAT, decodeRecord, encodeEvent } from './esdb-records.js';
import { sampleEvent, throughServer } from './esdb-test-fixtures.js';
import { computeEventHash } from './hash-chain.js';
import { CorruptRowError } from './sqlite-rows.js';

t.test('an event is a JSON record: data as the body, the envelope in metadata, EventStoreDB names for correlation', (t) => {
  const event = sampleEvent({ causationId: 'cmd-7' });
  const record = encodeEvent(event);
  t.match(record, { id: event.eventId, type: 'UnitRenamed', contentType: 'application/json', data: event.data });
  t.match(record.metadata, {
    format: RECORD_FORMAT, streamId: 'unit-dinas-a', streamVersion: 1, globalPosition: 1, alsoIn: ['org-jakarta'],
    prevHash: GENESIS_HASH, hash: event.hash, $correlationId: 'corr-1', $causationId: 'cmd-7',
  });
  t.notOk('data' in record.metadata || 'type' in record.metadata, 'data and type are not repeated in metadata');
  t.notOk('$causationId' in encodeEvent(sampleEvent()).metadata, 'no $causationId without a cause');
  t.strictSame(decodeRecord(throughServer(record, 0)), event);
  t.end();
});

t.test('data that is not an object, array or string goes as JSON text in a binary body and comes back equal', (t) => {
  for (const data of [42, -0.5, true, false, null]) {
    const event = sampleEvent({ data });
    const record = encodeEvent(event);
    t.equal(record.contentType, 'application/octet-stream', `${String(data)} is binary`);
    t.strictSame(decodeRecord(throughServer(record, 0)), event, `${String(data)} round trips`);
  }
  for (const data of ['plain text', [1, 'two'], {}]) t.equal(encodeEvent(sampleEvent({ data })).contentType, 'application/json');
  t.end();
});

t.test('any JSON data and envelope round trips, and still hashes to its hash', (t) => {
  fc.assert(fc.property(fc.jsonValue(), fc.option(fc.string({ minLength: 1, maxLength: 40 })), fc.nat({ max: 10_000 }),
    (data, key, revision) => {
      const event = sampleEvent({ data, idempotencyKey: key, globalPosition: revision + 1 });
      const back = decodeRecord(throughServer(encodeEvent(event), revision));
      return computeEventHash(back) === event.hash && back.globalPosition === revision + 1;
    }));
  t.end();
});

t.test('a record this adapter would not have written is refused as corrupt, naming the revision', (t) => {
  const { metadata } = encodeEvent(sampleEvent());
  const good = throughServer(encodeEvent(sampleEvent()), 0);
  const cases: [string, LedgerRecord, RegExp][] = [
    ['no metadata', { ...good, metadata: undefined }, /revision 0 is not an Estafet ledger record/],
    ['metadata that is not JSON', { ...good, metadata: new Uint8Array([1, 2]) }, /not an Estafet ledger record/],
    ['metadata that is a list', { ...good, metadata: [metadata] }, /not an Estafet ledger record/],
    ['another format', { ...good, metadata: { ...metadata, format: 'someone-else/1' } }, /not an Estafet ledger record/],
    ['an unknown role', { ...good, metadata: { ...metadata, actor: { id: 'x', role: 'admin' } } }, /revision 0: actor\.role/],
    ['a malformed hash', { ...good, metadata: { ...metadata, hash: 'nope' } }, /revision 0: hash/],
    ['a position that is not its revision', { ...good, revision: 4 }, /revision 4 claims global position 1, not 5/],
    ['a binary body that is not JSON', { ...good, data: new TextEncoder().encode('{oops') }, /binary body is not JSON/],
    ['a binary body that is not UTF-8', { ...good, data: new Uint8Array([0xff, 0xfe]) }, /binary body is not JSON/],
  ];
  for (const [why, record, message] of cases) t.throws(() => decodeRecord(record), message, why);
  try {
    decodeRecord({ ...good, metadata: undefined });
  } catch (error) {
    t.ok(error instanceof CorruptRowError, 'a CorruptRowError');
    t.match(error, { code: 'CORRUPT_ROW' });
  }
  t.end();
});
