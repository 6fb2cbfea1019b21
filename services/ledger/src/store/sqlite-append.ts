// One append on the SQLite event log: validation before any lock is taken, then idempotency, version checks,
// positions, memberships and the hash chain inside a savepoint of the current group-commit transaction.
import Database from 'better-sqlite3';
import { z } from 'zod';
import { NewEventSchema, StreamIdSchema } from '@estafet/events';
import type { StoredEvent, UpcasterRegistry } from '@estafet/events';
import type { AppendOptions, AppendResult, AppendStream, ExpectedVersion } from './event-store.js';
import { InvalidAppendError, StreamVersionConflictError } from './event-store.js';
import { CanonicalJsonError, canonicalJson, computeEventHashWithData } from './hash-chain.js';
import type { ChainAnchor } from './hash-chain.js';
import type { Queries } from './sqlite-queries.js';
import { EVENT_COLUMNS, rowToStoredEvent, rowValues, upcastEvent } from './sqlite-rows.js';
import type { EventRow, EventRowValues } from './sqlite-rows.js';

const AppendSchema = z.object({
  streams: z.array(z.object({
    streamId: StreamIdSchema,
    expectedVersion: z.union([z.number().int().nonnegative(), z.literal('any')]),
    events: z.array(NewEventSchema),
  })).min(1, 'an append names at least one stream'),
  idempotencyKey: z.string().min(1).max(200).nullable(),
});

type ParsedNewEvent = z.output<typeof NewEventSchema>;

export interface ParsedEntry {
  readonly streamId: string;
  readonly expectedVersion: ExpectedVersion;
  /** Each event with its data already in canonical JSON: what is stored and what the hash covers. */
  readonly events: readonly { readonly event: ParsedNewEvent; readonly dataJson: string }[];
}

export interface ParsedAppend {
  readonly entries: readonly ParsedEntry[];
  readonly idempotencyKey: string | null;
  readonly eventIds: readonly string[];
}

/** Where an appended event lands: its stream, positions, the append's instant and key, and the previous hash. */
export interface ChainPlace {
  readonly streamId: string;
  readonly streamVersion: number;
  readonly globalPosition: number;
  readonly recordedAt: string;
  readonly idempotencyKey: string | null;
  readonly prevHash: string;
}

/**
 * The stored event with its hash, as every store appends it. Written out rather than spread from the parsed
 * event: one object shape for every stored event, which the hash, the row mapping and the readers then access
 * at monomorphic cost.
 */
export function chainedEvent(event: ParsedNewEvent, place: ChainPlace, dataJson: string): StoredEvent {
  const stored: StoredEvent = {
    eventId: event.eventId, type: event.type, schemaVersion: event.schemaVersion, data: event.data,
    effectiveAt: event.effectiveAt, legalBasis: event.legalBasis, actor: event.actor, correlationId: event.correlationId,
    causationId: event.causationId, alsoIn: event.alsoIn, streamId: place.streamId, streamVersion: place.streamVersion,
    globalPosition: place.globalPosition, recordedAt: place.recordedAt, idempotencyKey: place.idempotencyKey,
    prevHash: place.prevHash, hash: '',
  };
  stored.hash = computeEventHashWithData(stored, dataJson);
  return stored;
}

/** The stream versions an append is checked and numbered against: `current` reads one, `set` records a new one. */
export interface StreamVersions {
  current(streamId: string): number;
  set(streamId: string, version: number): void;
}

/** The first stream whose expected version is not its current one, as the error to report; null when none. */
export function firstConflict(append: ParsedAppend, versions: StreamVersions): StreamVersionConflictError | null {
  for (const entry of append.entries) {
    if (entry.expectedVersion === 'any') continue;
    const actual = versions.current(entry.streamId);
    if (actual !== entry.expectedVersion) return new StreamVersionConflictError(entry.streamId, entry.expectedVersion, actual);
  }
  return null;
}

/** Where a chained append goes: each stored event with its data's JSON, each stream membership (own and linked). */
export interface ChainSink {
  event(stored: StoredEvent, dataJson: string): void;
  member(streamId: string, version: number, position: number): void;
}

/**
 * Gives each event of an append its global position, stream version and hash after `head`, and each stream it
 * belongs to (its own and each alsoIn) the next version: the one walk every store's append makes.
 */
export function chainAppend(
  append: ParsedAppend, head: ChainAnchor, recordedAt: string, versions: StreamVersions, sink: ChainSink,
): { stored: StoredEvent[]; head: ChainAnchor } {
  let position = head.position;
  let prevHash = head.hash;
  const next = (streamId: string): number => {
    const version = versions.current(streamId) + 1;
    versions.set(streamId, version);
    return version;
  };
  const stored: StoredEvent[] = [];
  for (const entry of append.entries) {
    for (const { event, dataJson } of entry.events) {
      position += 1;
      const streamVersion = next(entry.streamId);
      const storedEvent = chainedEvent(event, {
        streamId: entry.streamId, streamVersion, globalPosition: position, recordedAt, idempotencyKey: append.idempotencyKey, prevHash,
      }, dataJson);
      sink.event(storedEvent, dataJson);
      sink.member(entry.streamId, streamVersion, position);
      for (const linked of event.alsoIn) sink.member(linked, next(linked), position);
      prevHash = storedEvent.hash;
      stored.push(storedEvent);
    }
  }
  return { stored, head: { position, hash: prevHash } };
}

/** Everything that can be checked without the database; throws InvalidAppendError naming the offending field. */
export function parseAppend(streams: readonly AppendStream[], options: AppendOptions | undefined): ParsedAppend {
  const parsed = AppendSchema.safeParse({ streams, idempotencyKey: options?.idempotencyKey ?? null });
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
    throw new InvalidAppendError(`invalid append: ${issues.join('; ')}`);
  }
  const seenStreams = new Set<string>();
  const eventIds = new Set<string>();
  const entries = parsed.data.streams.map((entry, s): ParsedEntry => {
    if (seenStreams.has(entry.streamId)) throw new InvalidAppendError(`stream ${entry.streamId} is named twice in one append`);
    seenStreams.add(entry.streamId);
    const events = entry.events.map((event, e) => {
      const where = `streams[${s}].events[${e}]`;
      if (eventIds.has(event.eventId)) throw new InvalidAppendError(`${where}: event ${event.eventId} appears twice`);
      eventIds.add(event.eventId);
      if (event.alsoIn.includes(entry.streamId) || new Set(event.alsoIn).size !== event.alsoIn.length) {
        throw new InvalidAppendError(`${where}.alsoIn: must not repeat a stream or name the event's own stream`);
      }
      return { event, dataJson: dataToJson(event.data, where) };
    });
    return { streamId: entry.streamId, expectedVersion: entry.expectedVersion, events };
  });
  return { entries, idempotencyKey: parsed.data.idempotencyKey, eventIds: [...eventIds] };
}

function dataToJson(data: unknown, where: string): string {
  try {
    return canonicalJson(data);
  } catch (error) {
    if (error instanceof CanonicalJsonError) throw new InvalidAppendError(`${where}.data: ${error.message}`);
    throw error;
  }
}

const formatPath = (path: readonly PropertyKey[]): string =>
  path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : `${out}${out ? '.' : ''}${String(key)}`), '');

export interface AppendOutcome {
  readonly result: AppendResult;
  /** The chain head after this append: where the next append in the same transaction continues. */
  readonly head: ChainAnchor;
}

/**
 * Builds the function that performs one parsed append. It must run inside a write transaction (the group commit);
 * its writes sit in a savepoint of their own, so a conflict undoes this append only.
 */
export function createAppender(db: Database.Database, queries: Queries, upcasters: UpcasterRegistry) {
  // Values bound as one array: spreading 18 arguments per event is measurably slower.
  const insertEvent = db.prepare<[EventRowValues]>(
    `INSERT INTO events (${EVENT_COLUMNS.join(', ')}) VALUES (${EVENT_COLUMNS.map(() => '?').join(', ')})`);
  const insertMember = db.prepare<[string, number, number]>(
    'INSERT INTO stream_members (stream_id, version, global_position) VALUES (?, ?, ?)');
  const insertKey = db.prepare<[string, number, number]>(
    'INSERT INTO idempotency_keys (key, first_position, last_position) VALUES (?, ?, ?)');

  const write = db.transaction((append: ParsedAppend, head: ChainAnchor, recordedAt: string): AppendOutcome => {
    // One SELECT per stream touched, not per event; later events of the same stream count on from the cache.
    const known = new Map<string, number>();
    const versions: StreamVersions = {
      current(streamId) {
        let version = known.get(streamId);
        if (version === undefined) {
          version = queries.streamVersion.get(streamId) ?? 0;
          known.set(streamId, version);
        }
        return version;
      },
      set: (streamId, version) => known.set(streamId, version),
    };
    const conflict = firstConflict(append, versions);
    if (conflict !== null) throw conflict;
    const { stored, head: last } = chainAppend(append, head, recordedAt, versions, {
      event: (storedEvent, dataJson) => insertEvent.run(rowValues(storedEvent, dataJson)),
      member: (streamId, version, position) => insertMember.run(streamId, version, position),
    });
    const first = stored[0];
    if (append.idempotencyKey !== null && first !== undefined) insertKey.run(append.idempotencyKey, first.globalPosition, last.position);
    return { result: { events: stored.map((event) => upcastEvent(event, upcasters)), duplicate: false }, head: last };
  });

  const duplicateOf = (rows: readonly EventRow[]): AppendResult =>
    ({ events: rows.map((row) => upcastEvent(rowToStoredEvent(row), upcasters)), duplicate: true });

  return (append: ParsedAppend, head: ChainAnchor, recordedAt: string): AppendOutcome => {
    // Retries are recognised before versions are checked: a retry after success must not read as a conflict.
    if (append.idempotencyKey !== null) {
      const seen = queries.idempotencyKey.get(append.idempotencyKey);
      if (seen !== undefined) {
        const count = seen.last_position - seen.first_position + 1;
        return { result: duplicateOf(queries.range.all(seen.first_position - 1, seen.last_position, count)), head };
      }
    }
    try {
      return write(append, head, recordedAt);
    } catch (error) {
      // Known event ids are looked up only when the write failed in a way a retry would: no SELECT per event
      // on the normal path, and the UNIQUE index on event_id is the final word either way.
      if (append.eventIds.length === 0 || !(error instanceof StreamVersionConflictError || isDuplicateEventId(error))) throw error;
      const stored = queries.byEventIds.all(JSON.stringify(append.eventIds));
      if (stored.length === append.eventIds.length) return { result: duplicateOf(stored), head };
      if (stored.length > 0) {
        throw new InvalidAppendError(`event ${stored.map((row) => row.event_id).join(', ')} is already stored but others in `
          + 'this append are not: a retry must repeat the original append');
      }
      throw error;
    }
  };
}

function isDuplicateEventId(error: unknown): boolean {
  return error instanceof Database.SqliteError && error.code === 'SQLITE_CONSTRAINT_UNIQUE'
    && error.message.includes('events.event_id');
}
