// Decides, in memory and under the append lock, what each append of a group commit does: duplicate, conflict,
// or new events with positions, stream versions and hashes. Same rules, in the same order, as sqlite-append.ts;
// the PostgreSQL and EventStoreDB adapters both plan with it.
import type { StoredEvent, UpcasterRegistry } from '@estafet/events';
import type { AppendResult } from './event-store.js';
import { InvalidAppendError } from './event-store.js';
import type { ChainAnchor } from './hash-chain.js';
import { chainAppend, firstConflict } from './sqlite-append.js';
import type { ParsedAppend, StreamVersions } from './sqlite-append.js';
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

  const addMember = (streamId: string, version: number, position: number): void => {
    rows.members[0].push(streamId);
    rows.members[1].push(version);
    rows.members[2].push(position);
  };

  const streamVersions: StreamVersions = {
    current: (streamId) => versions.get(streamId) ?? 0,
    set: (streamId, version) => versions.set(streamId, version),
  };

  const write = (append: ParsedAppend): StoredEvent[] => {
    const { stored, head: last } = chainAppend(append, head, clock().toISOString(), streamVersions, {
      event: (storedEvent, dataJson) => {
        rowValues(storedEvent, dataJson).forEach((value, column) => rows.events[column]?.push(value));
        ids.set(storedEvent.eventId, storedEvent.globalPosition);
        planned.set(storedEvent.globalPosition, storedEvent);
      },
      member: addMember,
    });
    const first = stored[0];
    if (append.idempotencyKey !== null && first !== undefined) {
      keys.set(append.idempotencyKey, { first: first.globalPosition, last: last.position });
      rows.keys[0].push(append.idempotencyKey);
      rows.keys[1].push(first.globalPosition);
      rows.keys[2].push(last.position);
    }
    rows.count += stored.length;
    head = last;
    return stored;
  };

  return {
    async plan(append) {
      // Retries are recognised before versions are checked: a retry after success must not read as a conflict.
      if (append.idempotencyKey !== null) {
        const seen = keys.get(append.idempotencyKey);
        if (seen !== undefined) return duplicate(Array.from({ length: seen.last - seen.first + 1 }, (_, i) => seen.first + i));
      }
      const conflict = firstConflict(append, streamVersions);
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
