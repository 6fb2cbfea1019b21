// Hash-chain verification over the SQLite log in fixed-size batches, so memory stays flat however long the log,
// and the event loop is yielded between batches so a long audit does not stall appends and reads.
import type { StoredEvent } from '@estafet/events';
import type { ChainVerification } from './event-store.js';
import { StoreClosedError } from './event-store.js';
import { verifyEvents } from './hash-chain.js';
import type { ChainAnchor } from './hash-chain.js';
import { rowToStoredEvent } from './sqlite-rows.js';
import type { EventRow } from './sqlite-rows.js';

const BATCH_SIZE = 2000;

export interface VerifySource {
  /** The stored hash at a position (GENESIS_HASH at 0), or null when no event is stored there. */
  anchorHash(position: number): string | null;
  rowsAfter(position: number, toPosition: number, limit: number): EventRow[];
  isOpen(): boolean;
}

export async function verifyRows(source: VerifySource, fromPosition: number, toPosition: number): Promise<ChainVerification> {
  const anchorHash = source.anchorHash(fromPosition);
  if (anchorHash === null) {
    return { ok: false, checked: 0, position: fromPosition, reason: `position ${fromPosition} is missing: nothing to anchor the chain to` };
  }
  let anchor: ChainAnchor = { position: fromPosition, hash: anchorHash };
  let checked = 0;
  while (anchor.position < toPosition) {
    const rows = source.rowsAfter(anchor.position, toPosition, BATCH_SIZE);
    if (rows.length === 0) {
      return { ok: false, checked, position: anchor.position + 1, reason: `position gap after ${anchor.position}: the log ends before ${toPosition}` };
    }
    // Rows are mapped as stored (no upcasting): the chain covers what was written. A row that cannot even be
    // read back was edited behind the store's back; it is reported like any other content change.
    const events: StoredEvent[] = [];
    let unreadable: { position: number; message: string } | null = null;
    for (const row of rows) {
      try {
        events.push(rowToStoredEvent(row));
      } catch (error) {
        unreadable = { position: row.global_position, message: error instanceof Error ? error.message : String(error) };
        break;
      }
    }
    const check = verifyEvents(events, anchor.hash, anchor.position);
    checked += check.checked;
    if (!check.ok) return { ok: false, checked, position: check.position, reason: check.reason };
    anchor = check.last ?? anchor;
    if (unreadable !== null) {
      if (unreadable.position !== anchor.position + 1) {
        return { ok: false, checked, position: anchor.position + 1, reason: `position gap after ${anchor.position}: the next stored position is ${unreadable.position}` };
      }
      return { ok: false, checked, position: unreadable.position, reason: `hash mismatch: event content changed (${unreadable.message})` };
    }
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (!source.isOpen()) throw new StoreClosedError('the event store was closed during chain verification');
  }
  return { ok: true, checked, headPosition: anchor.position, headHash: anchor.hash };
}
