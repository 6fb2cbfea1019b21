// Chain verification over the ledger stream: an intact stream, and each way it can be damaged behind the adapter's
// back on EventStoreDB (a foreign or forged record appended, records truncated away), reported at the position.
import t from 'tap';
import { GENESIS_HASH } from '@estafet/events';
import type { StoredEvent } from '@estafet/events';
import { createMemoryLedgerLog } from './esdb-memory-log.js';
import { encodeEvent } from './esdb-records.js';
import { chainOf, throughServer } from './esdb-test-fixtures.js';
import { verifyLedger } from './esdb-verify.js';
import { computeEventHash } from './hash-chain.js';

const drafts = (n: number) => Array.from({ length: n }, (_, i) => ({ streamId: `unit-${i % 3}`, alsoIn: [] }));

const logOf = (events: readonly StoredEvent[]) => {
  const log = createMemoryLedgerLog();
  for (const event of events) {
    const { revision: _revision, ...record } = throughServer(encodeEvent(event), 0);
    log.writeRaw(record);
  }
  return log;
};

const open = () => true;
const foreign = { type: 'SomethingElse', data: { hello: 'world' }, metadata: undefined };

t.test('an intact stream verifies, whole or in part', async (t) => {
  const chain = chainOf(drafts(6));
  const log = logOf(chain);
  t.strictSame(await verifyLedger(log, 0, 6, open), { ok: true, checked: 6, headPosition: 6, headHash: chain[5]?.hash });
  t.strictSame(await verifyLedger(log, 3, 6, open), { ok: true, checked: 3, headPosition: 6, headHash: chain[5]?.hash });
  t.strictSame(await verifyLedger(log, 0, 4, open), { ok: true, checked: 4, headPosition: 4, headHash: chain[3]?.hash });
  t.strictSame(await verifyLedger(createMemoryLedgerLog(), 0, 0, open), { ok: true, checked: 0, headPosition: 0, headHash: GENESIS_HASH });
});

t.test('a long stream is verified across batches', async (t) => {
  const chain = chainOf(drafts(2003));
  t.match(await verifyLedger(logOf(chain), 0, 2003, open), { ok: true, checked: 2003, headHash: chain.at(-1)?.hash });
});

t.test('a forged record is found whether or not its own hash is right', async (t) => {
  const chain = chainOf(drafts(5));
  const [, , third] = chain;
  if (third === undefined) throw new Error('short chain');
  const edited = { ...third, data: { unitId: 'dinas-a', name: 'Dinas Palsu' } };
  t.strictSame(await verifyLedger(logOf([...chain.slice(0, 2), edited, ...chain.slice(3)]), 0, 5, open),
    { ok: false, checked: 2, position: 3, reason: 'hash mismatch: event content changed' });
  const rehashed = { ...edited, hash: computeEventHash(edited) };
  t.match(await verifyLedger(logOf([...chain.slice(0, 2), rehashed, ...chain.slice(3)]), 0, 5, open),
    { ok: false, checked: 3, position: 4, reason: /^prevHash does not match hash of position 3/ }, 'the next link breaks');
});

t.test('a record not written by the adapter is reported at its position, not thrown', async (t) => {
  const chain = chainOf(drafts(3));
  const log = logOf(chain);
  log.writeRaw(foreign);
  t.match(await verifyLedger(log, 0, 4, open), {
    ok: false, checked: 3, position: 4, reason: /^hash mismatch: event content changed \(ledger record at revision 3 is not an Estafet ledger record/,
  });
  t.match(await verifyLedger(log, 4, 4, open), { ok: false, checked: 0, position: 4, reason: 'position 4 is missing: nothing to anchor the chain to' },
    'an unreadable record cannot anchor');
});

t.test('truncated records are a gap', async (t) => {
  const chain = chainOf(drafts(5));
  const log = logOf(chain);
  log.truncateBefore(2);
  t.strictSame(await verifyLedger(log, 0, 5, open), { ok: false, checked: 0, position: 1, reason: 'position gap after 0: the next stored position is 3' });
  t.match(await verifyLedger(log, 1, 5, open), { ok: false, position: 1, reason: /missing/ }, 'a truncated anchor is missing');
  t.match(await verifyLedger(log, 2, 5, open), { ok: false, position: 2, reason: /missing/ });
  t.match(await verifyLedger(log, 3, 5, open), { ok: true, checked: 2 }, 'from a position still there, the rest links');
  t.strictSame(await verifyLedger(log, 5, 9, open), { ok: false, checked: 0, position: 6, reason: 'position gap after 5: the log ends before 9' });
  t.match(await verifyLedger(log, 9, 9, open), { ok: false, position: 9, reason: /missing/ });
});

t.test('an unreadable record beyond a gap is reported as the gap', async (t) => {
  const log = logOf(chainOf(drafts(1)));
  log.writeRaw(foreign);
  log.truncateBefore(1);
  t.strictSame(await verifyLedger(log, 0, 2, open), { ok: false, checked: 0, position: 1, reason: 'position gap after 0: the next stored position is 2' });
});

t.test('closing the store stops a verification between batches', async (t) => {
  const log = logOf(chainOf(drafts(3)));
  await t.rejects(verifyLedger(log, 0, 3, () => false), { code: 'STORE_CLOSED', message: /closed during chain verification/ });
});
