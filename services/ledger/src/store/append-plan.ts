// Decides, in memory and under the append lock, what each append of a group commit does: duplicate, conflict,
// or new events with positions, stream versions and hashes. Same rules, in the same order, as sqlite-append.ts;
// the PostgreSQL and EventStoreDB adapters both plan with it.
import type { StoredEvent, UpcasterRegistry } from '@estafet/events';
import type { AppendResult } from './event-store.js';
import { InvalidAppendError, StreamVersionConflictError } from './event-store.js';
import type { ChainAnchor } from './hash-chain.js';
import { chainedEvent } from './sqlite-append.js';
import type { ParsedAppend } from './sqlite-append.js';
import { EVENT_COLUMNS, rowValues, upcastEvent } from './sqlite-rows.js';

/** What the database held when the lock was taken, for the streams, event ids and keys this group names. */
export interface Snapshot {
  readonly head: ChainAnchor;
  readonly versions: Map<string, number>;
  /** eventId -> global position */
  readonly ids: Map<string, number>;
  readonly keys: Map<string, { readonly first: number; readonly last: number }>;
}

export type Outcome = { readonly ok: true; readonly result: AppendResult } | { readonly ok: false; readonly error: Error };

/** Rows for one multi-row INSERT per table, column by column (what unnest() takes). */
export interface PlannedRows {
  readonly events: unknown[][];
  readonly members: [string[], number[], number[]];
  readonly keys: [string[], number[], number[]];
  count: number;
}

export interface Planner {
  plan(append: ParsedAppend): Promise<Outcome>;
  rows(): PlannedRows;
  head(): ChainAnchor;
}

/**
 * `loadStored` reads already committed events by position (a retry's originals); events planned earlier in
 * this same group are served from memory, since they are not in the database until the group's INSERT.
 */
export function createPlanner(
  snapshot: Snapshot,
  clock: () => Date,
  upcasters: UpcasterRegistry,
  loadStored: (positions: readonly number[]) => Promise<StoredEvent[]>,
): Planner {
  const { versions, ids, keys } = snapshot;
  const committedHead = snapshot.head.position;
  let head = snapshot.head;
  const planned = new Map<number, StoredEvent>();
  const rows: PlannedRows = { events: EVENT_COLUMNS.map(() => []), members: [[], [], []], keys: [[], [], []], count: 0 };

  const load = async (positions: readonly number[]): Promise<StoredEvent[]> => {
    const sorted = [...positions].sort((a, b) => a - b);
    const fromDb = await loadStored(sorted.filter((p) => p <= committedHead));
    const fromGroup = sorted.filter((p) => p > committedHead).flatMap((p) => planned.get(p) ?? []);
    return [...fromDb, ...fromGroup];
  };

  const duplicate = async (positions: readonly number[]): Promise<Outcome> =>
    ({ ok: true, result: { events: (await load(positions)).map((event) => upcastEvent(event, upcasters)), duplicate: true } });

  const versionOf = (streamId: string): number => versions.get(streamId) ?? 0;

  const firstConflict = (append: ParsedAppend): StreamVersionConflictError | null => {
    for (const entry of append.entries) {
      if (entry.expectedVersion === 'any') continue;
      const actual = versionOf(entry.streamId);
      if (actual !== entry.expectedVersion) return new StreamVersionConflictError(entry.streamId, entry.expectedVersion, actual);
    }
    return null;
  };

  const write = (append: ParsedAppend): StoredEvent[] => {
    let position = head.position;
    let prevHash = head.hash;
    const recordedAt = clock().toISOString();
    const stored: StoredEvent[] = [];
    for (const entry of append.entries) {
      for (const { event, dataJson } of entry.events) {
        position += 1;
        const streamVersion = versionOf(entry.streamId) + 1;
        versions.set(entry.streamId, streamVersion);
        const storedEvent = chainedEvent(event, {
          streamId: entry.streamId, streamVersion, globalPosition: position, recordedAt, idempotencyKey: append.idempotencyKey, prevHash,
        }, dataJson);
        rowValues(storedEvent, dataJson).forEach((value, column) => rows.events[column]?.push(value));
        addMember(entry.streamId, streamVersion, position);
        for (const linked of event.alsoIn) {
          const linkedVersion = versionOf(linked) + 1;
          versions.set(linked, linkedVersion);
          addMember(linked, linkedVersion, position);
        }
        ids.set(event.eventId, position);
        planned.set(position, storedEvent);
        prevHash = storedEvent.hash;
        stored.push(storedEvent);
      }
    }
    const first = stored[0];
    if (append.idempotencyKey !== null && first !== undefined) {
      keys.set(append.idempotencyKey, { first: first.globalPosition, last: position });
      rows.keys[0].push(append.idempotencyKey);
      rows.keys[1].push(first.globalPosition);
      rows.keys[2].push(position);
    }
    rows.count += stored.length;
    head = { position, hash: prevHash };
    return stored;
  };

  const addMember = (streamId: string, version: number, position: number): void => {
    rows.members[0].push(streamId);
    rows.members[1].push(version);
    rows.members[2].push(position);
  };

  return {
    async plan(append) {
      // Retries are recognised before versions are checked: a retry after success must not read as a conflict.
      if (append.idempotencyKey !== null) {
        const seen = keys.get(append.idempotencyKey);
        if (seen !== undefined) return duplicate(Array.from({ length: seen.last - seen.first + 1 }, (_, i) => seen.first + i));
      }
      const conflict = firstConflict(append);
      const known = append.eventIds.flatMap((id) => ids.get(id) ?? []);
      // An already stored event id is what SQLite's UNIQUE index reports; here it is known before writing. Either
      // way a retry (every id stored) wins over a version conflict, and a partial overlap is a malformed retry.
      if (known.length > 0) {
        if (known.length === append.eventIds.length) return duplicate(known);
        const stored = await load(known);
        return { ok: false, error: new InvalidAppendError(`event ${stored.map((event) => event.eventId).join(', ')} is already `
          + 'stored but others in this append are not: a retry must repeat the original append') };
      }
      if (conflict !== null) return { ok: false, error: conflict };
      return { ok: true, result: { events: write(append).map((event) => upcastEvent(event, upcasters)), duplicate: false } };
    },
    rows: () => rows,
    head: () => head,
  };
}
