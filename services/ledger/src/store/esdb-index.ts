// The EventStoreDB adapter's in-process index of the ledger stream: which global positions each logical stream holds
// (its own events and those linked through alsoIn), where each event id and idempotency key sits, and the chain head.
// It is rebuilt by reading the ledger stream from the start and kept current by reading on from the head.
import { GENESIS_HASH } from '@estafet/events';
import type { StoredEvent } from '@estafet/events';
import type { ChainAnchor } from './hash-chain.js';
import type { Snapshot } from './append-plan.js';
import type { ParsedAppend } from './sqlite-append.js';
import { CorruptRowError } from './sqlite-rows.js';

export interface LedgerIndex {
  head(): ChainAnchor;
  /** Adds the event at the next position; anything else means records were deleted (CorruptRowError). */
  add(event: StoredEvent): void;
  /** The number of events in the stream, linked ones included. */
  version(streamId: string): number;
  /** The stream's positions from `fromVersion` (1-based) on, in stream-version order. */
  positions(streamId: string, fromVersion: number): number[];
  positionOf(eventId: string): number | null;
  /** Positions in (after, upTo] of every stream whose id starts with `prefix`, ascending, each once. */
  positionsWithPrefix(prefix: string, after: number, upTo: number): number[];
  /** What the append planner needs to know about the streams, event ids and keys these appends name. */
  snapshot(appends: readonly ParsedAppend[]): Snapshot;
}

export function createLedgerIndex(): LedgerIndex {
  let head: ChainAnchor = { position: 0, hash: GENESIS_HASH };
  // Memory per event: one id entry and one number per stream it belongs to; the events themselves stay in EventStoreDB.
  const streams = new Map<string, number[]>();
  const ids = new Map<string, number>();
  const keys = new Map<string, { readonly first: number; readonly last: number }>();

  const version = (streamId: string): number => streams.get(streamId)?.length ?? 0;

  return {
    head: () => head,

    add(event) {
      const position = event.globalPosition;
      if (position !== head.position + 1) {
        throw new CorruptRowError(`the ledger stream goes from position ${head.position} to ${position}: `
          + 'records were deleted or truncated, so stream versions can no longer be counted');
      }
      for (const streamId of [event.streamId, ...event.alsoIn]) {
        const list = streams.get(streamId);
        if (list === undefined) streams.set(streamId, [position]);
        else list.push(position);
      }
      // The first occurrence wins, as a unique index would have it; this adapter never writes a second.
      if (!ids.has(event.eventId)) ids.set(event.eventId, position);
      const key = event.idempotencyKey;
      if (key !== null) {
        // One append's events are consecutive; a key is the range they cover.
        const seen = keys.get(key);
        if (seen === undefined) keys.set(key, { first: position, last: position });
        else if (seen.last === position - 1) keys.set(key, { first: seen.first, last: position });
      }
      head = { position, hash: event.hash };
    },

    version,

    positions: (streamId, fromVersion) => (streams.get(streamId) ?? []).slice(Math.max(fromVersion, 1) - 1),

    positionOf: (eventId) => ids.get(eventId) ?? null,

    positionsWithPrefix(prefix, after, upTo) {
      const found = new Set<number>();
      for (const [streamId, positions] of streams) {
        if (!streamId.startsWith(prefix)) continue;
        for (const position of positions) if (position > after && position <= upTo) found.add(position);
      }
      return [...found].sort((a, b) => a - b);
    },

    snapshot(appends) {
      const snapshot: Snapshot = { head, versions: new Map(), ids: new Map(), keys: new Map() };
      for (const append of appends) {
        for (const entry of append.entries) {
          snapshot.versions.set(entry.streamId, version(entry.streamId));
          for (const { event } of entry.events) for (const linked of event.alsoIn) snapshot.versions.set(linked, version(linked));
        }
        for (const eventId of append.eventIds) {
          const position = ids.get(eventId);
          if (position !== undefined) snapshot.ids.set(eventId, position);
        }
        const range = append.idempotencyKey === null ? undefined : keys.get(append.idempotencyKey);
        if (append.idempotencyKey !== null && range !== undefined) snapshot.keys.set(append.idempotencyKey, range);
      }
      return snapshot;
    },
  };
}

export interface Run {
  readonly first: number;
  readonly last: number;
}

/**
 * Ascending positions grouped into ranges to read with one call each: a gap of up to `maxGap` unwanted positions is
 * read through rather than paid for with another round trip.
 */
export function coalesceRuns(positions: readonly number[], maxGap: number): Run[] {
  const runs: Run[] = [];
  let current: { first: number; last: number } | null = null;
  for (const position of positions) {
    if (current !== null && position - current.last - 1 <= maxGap) {
      current.last = position;
    } else {
      current = { first: position, last: position };
      runs.push(current);
    }
  }
  return runs;
}
