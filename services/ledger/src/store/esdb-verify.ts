// Hash-chain verification over the EventStoreDB ledger stream, batch by batch. It reads the stream itself, not the
// in-process index, so it still reports (rather than throws) when records were truncated or are not ours.
import { GENESIS_HASH } from '@estafet/events';
import type { StoredEvent } from '@estafet/events';
import type { ChainVerification } from './event-store.js';
import { StoreClosedError } from './event-store.js';
import { decodeRecord } from './esdb-records.js';
import type { LedgerLog, LedgerRecord } from './esdb-log.js';
import { verifyEvents } from './hash-chain.js';
import type { ChainAnchor } from './hash-chain.js';

const BATCH_SIZE = 2000;

type Failure = Extract<ChainVerification, { ok: false }>;

/** Decodes records up to the first that cannot be read; that one is returned with why. */
function decodeAll(records: readonly LedgerRecord[]): { events: StoredEvent[]; unreadable: { position: number; why: string } | null } {
  const events: StoredEvent[] = [];
  for (const record of records) {
    try {
      events.push(decodeRecord(record));
    } catch (error) {
      return { events, unreadable: { position: record.revision + 1, why: error instanceof Error ? error.message : String(error) } };
    }
  }
  return { events, unreadable: null };
}

async function anchorAt(log: Pick<LedgerLog, 'read'>, position: number): Promise<ChainAnchor | Failure> {
  if (position === 0) return { position, hash: GENESIS_HASH };
  const missing: Failure = { ok: false, checked: 0, position, reason: `position ${position} is missing: nothing to anchor the chain to` };
  const [record] = await log.read(position - 1, 1);
  if (record?.revision !== position - 1) return missing;
  // The anchor is trusted by definition; only its hash is needed, but a record that cannot be read has none.
  const { events } = decodeAll([record]);
  return events[0] === undefined ? missing : { position, hash: events[0].hash };
}

export async function verifyLedger(
  log: Pick<LedgerLog, 'read'>,
  fromPosition: number,
  toPosition: number,
  isOpen: () => boolean,
): Promise<ChainVerification> {
  const start = await anchorAt(log, fromPosition);
  if ('ok' in start) return start;
  let anchor = start;
  let checked = 0;
  while (anchor.position < toPosition) {
    const records = await log.read(anchor.position, Math.min(BATCH_SIZE, toPosition - anchor.position));
    const next = anchor.position + 1;
    if (records.length === 0) {
      return { ok: false, checked, position: next, reason: `position gap after ${anchor.position}: the log ends before ${toPosition}` };
    }
    const { events, unreadable } = decodeAll(records);
    const check = verifyEvents(events, anchor.hash, anchor.position);
    checked += check.checked;
    if (!check.ok) return { ok: false, checked, position: check.position, reason: check.reason };
    anchor = check.last ?? anchor;
    if (unreadable !== null) {
      // Everything before it linked up; it is either where the next event should be, or beyond a gap.
      const expected = anchor.position + 1;
      const reason = unreadable.position === expected
        ? `hash mismatch: event content changed (${unreadable.why})`
        : `position gap after ${anchor.position}: the next stored position is ${unreadable.position}`;
      return { ok: false, checked, position: expected, reason };
    }
    if (!isOpen()) throw new StoreClosedError('the event store was closed during chain verification');
  }
  return { ok: true, checked, headPosition: anchor.position, headHash: anchor.hash };
}
