// Hash-chain verification over the PostgreSQL log in fixed-size batches (memory stays flat), plus a check the
// hashes alone cannot make: that stream_members, which readStream and version checks trust, matches each event.
import type { StoredEvent } from '@estafet/events';
import type { ChainVerification } from './event-store.js';
import { StoreClosedError } from './event-store.js';
import { verifyEvents } from './hash-chain.js';
import type { ChainAnchor } from './hash-chain.js';
import type { MemberRow } from './postgres-queries.js';
import { rowToStoredEvent } from './sqlite-rows.js';
import type { EventRow } from './sqlite-rows.js';

const BATCH_SIZE = 2000;

export interface AsyncVerifySource {
  /** The stored hash at a position (GENESIS_HASH at 0), or null when no event is stored there. */
  anchorHash(position: number): Promise<string | null>;
  rowsAfter(position: number, toPosition: number, limit: number): Promise<EventRow[]>;
  /** Membership rows with from < global_position <= to. */
  membersBetween(from: number, to: number): Promise<MemberRow[]>;
  isOpen(): boolean;
}

type Broken = { readonly ok: false; readonly checked: number; readonly position: number; readonly reason: string };

export async function verifyChainAsync(source: AsyncVerifySource, fromPosition: number, toPosition: number): Promise<ChainVerification> {
  const anchorHash = await source.anchorHash(fromPosition);
  if (anchorHash === null) {
    return { ok: false, checked: 0, position: fromPosition, reason: `position ${fromPosition} is missing: nothing to anchor the chain to` };
  }
  let anchor: ChainAnchor = { position: fromPosition, hash: anchorHash };
  let checked = 0;
  while (anchor.position < toPosition) {
    const rows = await source.rowsAfter(anchor.position, toPosition, BATCH_SIZE);
    if (rows.length === 0) {
      return { ok: false, checked, position: anchor.position + 1, reason: `position gap after ${anchor.position}: the log ends before ${toPosition}` };
    }
    // Rows are mapped as stored (no upcasting): the chain covers what was written. A row that cannot even be
    // read back was edited behind the store's back; it is reported like any other content change.
    const events: StoredEvent[] = [];
    let unreadable: Broken | null = null;
    for (const row of rows) {
      try {
        events.push(rowToStoredEvent(row));
      } catch (error) {
        const reason = `hash mismatch: event content changed (${error instanceof Error ? error.message : String(error)})`;
        unreadable = { ok: false, checked: 0, position: row.global_position, reason };
        break;
      }
    }
    const check = verifyEvents(events, anchor.hash, anchor.position);
    const good = check.ok ? events : events.slice(0, check.checked);
    // A membership fault sits at or before the chain's verdict only among events the chain accepted.
    const membership = await checkMembers(source, good, anchor.position);
    if (membership !== null) return { ...membership, checked: checked + good.findIndex((e) => e.globalPosition === membership.position) };
    checked += check.checked;
    if (!check.ok) return { ok: false, checked, position: check.position, reason: check.reason };
    anchor = check.last ?? anchor;
    if (unreadable !== null) {
      if (unreadable.position !== anchor.position + 1) {
        return { ok: false, checked, position: anchor.position + 1, reason: `position gap after ${anchor.position}: the next stored position is ${unreadable.position}` };
      }
      return { ...unreadable, checked };
    }
    if (!source.isOpen()) throw new StoreClosedError('the event store was closed during chain verification');
  }
  return { ok: true, checked, headPosition: anchor.position, headHash: anchor.hash };
}

/**
 * The first event whose membership rows are not exactly its own stream at its version plus one per alsoIn.
 * The events are gap-free (the chain accepted them), so every row in the range belongs to one of them.
 */
async function checkMembers(source: AsyncVerifySource, events: readonly StoredEvent[], after: number): Promise<Broken | null> {
  const last = events.at(-1);
  if (last === undefined) return null;
  const byPosition = new Map<number, MemberRow[]>();
  for (const row of await source.membersBetween(after, last.globalPosition)) {
    const list = byPosition.get(row.global_position);
    if (list === undefined) byPosition.set(row.global_position, [row]);
    else list.push(row);
  }
  for (const event of events) {
    const rows = byPosition.get(event.globalPosition) ?? [];
    const problem = memberProblem(event, rows);
    if (problem !== null) return { ok: false, checked: 0, position: event.globalPosition, reason: `stream membership altered: ${problem}` };
  }
  return null;
}

function memberProblem(event: StoredEvent, rows: readonly MemberRow[]): string | null {
  const own = rows.filter((row) => row.stream_id === event.streamId);
  if (own.length !== 1 || own[0]?.version !== event.streamVersion) {
    return `expected one row for ${event.streamId} at version ${event.streamVersion}`;
  }
  const linked = rows.filter((row) => row.stream_id !== event.streamId).map((row) => row.stream_id).sort();
  const expected = [...event.alsoIn].sort();
  if (linked.length !== expected.length || linked.some((id, i) => id !== expected[i])) {
    return `linked streams are [${linked.join(', ')}], the event names [${expected.join(', ')}]`;
  }
  return null;
}
