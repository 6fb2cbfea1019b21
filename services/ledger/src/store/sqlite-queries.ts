// The read side of the SQLite event log: prepared statements for streams, single events and the head, and
// readAll's filters turned into one indexed query each (statements cached by shape).
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { IsoDateSchema, IsoInstantSchema } from '@estafet/events';
import type { ReadAllFilter } from './event-store.js';
import { InvalidQueryError } from './event-store.js';
import { SELECT_EVENT_COLUMNS, rowOfValues } from './sqlite-rows.js';
import type { EventRow, EventRowValues } from './sqlite-rows.js';

export const DEFAULT_LIMIT = 1000;
export const MAX_LIMIT = 10_000;
/** A position window no wider than one page is scanned in order rather than through the type index. */
const WINDOW_SCAN_LIMIT = MAX_LIMIT;

const PositionSchema = z.number().int().nonnegative();

const ReadAllFilterSchema = z.object({
  fromPosition: PositionSchema.optional(),
  toPosition: PositionSchema.optional(),
  types: z.array(z.string().min(1)).optional(),
  streamPrefix: z.string().optional(),
  effectiveFrom: IsoDateSchema.optional(),
  effectiveTo: IsoDateSchema.optional(),
  recordedFrom: IsoInstantSchema.optional(),
  recordedTo: IsoInstantSchema.optional(),
  actorId: z.string().optional(),
  correlationId: z.string().optional(),
  limit: z.number().int().positive().optional(),
});

type Params = Record<string, string | number>;

/** A readAll filter as SQL: the WHERE clause's shape (the statement cache key) and its parameters. */
export interface EventQuery {
  readonly sql: string;
  readonly params: Params;
}

/** Validates a filter and builds its query; a malformed filter is an InvalidQueryError, never a silent default. */
export function buildReadAllQuery(filter: ReadAllFilter): EventQuery {
  const parsed = ReadAllFilterSchema.safeParse(filter);
  if (!parsed.success) {
    throw new InvalidQueryError(`readAll filter: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  }
  const f = parsed.data;
  const params: Params = { from: f.fromPosition ?? 0, limit: Math.min(f.limit ?? DEFAULT_LIMIT, MAX_LIMIT) };
  const where = ['e.global_position > @from'];
  if (f.toPosition !== undefined) {
    where.push('e.global_position <= @to');
    params.to = f.toPosition;
  }
  if (f.types !== undefined) {
    // Inside a short window of positions, walking the window in order beats the type index, whose matches
    // come back by type and need a sort (2.6× slower when the types are most of the log, as a projection's
    // are); the unary + keeps the planner off that index.
    const window = f.toPosition !== undefined && f.toPosition - (f.fromPosition ?? 0) <= WINDOW_SCAN_LIMIT;
    const column = window ? '+e.type' : 'e.type';
    if (f.types.length === 0) where.push('0');
    else where.push(`${column} IN (${f.types.map((type, i) => { params[`type${i}`] = type; return `@type${i}`; }).join(', ')})`);
  }
  if (f.streamPrefix !== undefined && f.streamPrefix !== '') {
    // A range on the membership key; stream ids are ASCII (StreamIdSchema), so U+10FFFF sorts after every one.
    where.push(`e.global_position IN (SELECT m.global_position FROM stream_members m
      WHERE m.stream_id >= @prefixLow AND m.stream_id < @prefixHigh AND m.global_position > @from)`);
    params.prefixLow = f.streamPrefix;
    params.prefixHigh = `${f.streamPrefix}\u{10FFFF}`;
  }
  addBound(where, params, 'e.effective_at >=', 'effectiveFrom', f.effectiveFrom);
  addBound(where, params, 'e.effective_at <=', 'effectiveTo', f.effectiveTo);
  // recorded_at is stored as toISOString() (UTC, fixed width), so instants compare as text once normalised.
  addBound(where, params, 'e.recorded_at >=', 'recordedFrom', f.recordedFrom === undefined ? undefined : utcInstant(f.recordedFrom, 'up'));
  addBound(where, params, 'e.recorded_at <=', 'recordedTo', f.recordedTo === undefined ? undefined : utcInstant(f.recordedTo, 'down'));
  addBound(where, params, 'e.actor_id =', 'actorId', f.actorId);
  addBound(where, params, 'e.correlation_id =', 'correlationId', f.correlationId);
  const sql = `SELECT ${SELECT_EVENT_COLUMNS} FROM events e WHERE ${where.join(' AND ')}
    ORDER BY e.global_position LIMIT @limit`;
  return { sql, params };
}

function addBound(where: string[], params: Params, condition: string, name: string, value: string | undefined): void {
  if (value === undefined) return;
  where.push(`${condition} @${name}`);
  params[name] = value;
}

/** An instant as toISOString() writes it; sub-millisecond digits rounded so the bound stays inclusive-correct. */
function utcInstant(instant: string, round: 'up' | 'down'): string {
  const millis = Date.parse(instant);
  const fraction = /\.(\d+)/.exec(instant)?.[1] ?? '';
  const beyondMillis = fraction.length > 3 && /[1-9]/.test(fraction.slice(3));
  return new Date(round === 'up' && beyondMillis ? millis + 1 : millis).toISOString();
}

/** Statements prepared once per store, plus a small cache of readAll shapes. */
export function prepareQueries(db: Database.Database) {
  const readAllCache = new Map<string, Database.Statement<[Params], EventRowValues>>();
  // Raw (values, not objects), see rowOfValues: the command handler reads a stream per command.
  const streamRows = db.prepare<[string, number], EventRowValues>(
    `SELECT ${SELECT_EVENT_COLUMNS} FROM stream_members m JOIN events e ON e.global_position = m.global_position
     WHERE m.stream_id = ? AND m.version >= ? ORDER BY m.version`).raw();
  return {
    readStream: (streamId: string, fromVersion: number): EventRow[] => streamRows.all(streamId, fromVersion).map(rowOfValues),
    streamVersion: db.prepare<[string], number>(
      'SELECT coalesce(max(version), 0) FROM stream_members WHERE stream_id = ?').pluck(),
    byEventId: db.prepare<[string], EventRow>(`SELECT ${SELECT_EVENT_COLUMNS} FROM events e WHERE e.event_id = ?`),
    byEventIds: db.prepare<[string], EventRow>(
      `SELECT ${SELECT_EVENT_COLUMNS} FROM events e WHERE e.event_id IN (SELECT value FROM json_each(?))
       ORDER BY e.global_position`),
    range: db.prepare<[number, number, number], EventRow>(
      `SELECT ${SELECT_EVENT_COLUMNS} FROM events e WHERE e.global_position > ? AND e.global_position <= ?
       ORDER BY e.global_position LIMIT ?`),
    idempotencyKey: db.prepare<[string], { first_position: number; last_position: number }>(
      'SELECT first_position, last_position FROM idempotency_keys WHERE key = ?'),
    head: db.prepare<[], { global_position: number; hash: string }>(
      'SELECT global_position, hash FROM events ORDER BY global_position DESC LIMIT 1'),
    hashAt: db.prepare<[number], string>('SELECT hash FROM events WHERE global_position = ?').pluck(),
    readAll(query: EventQuery): EventRow[] {
      let statement = readAllCache.get(query.sql);
      if (statement === undefined) {
        // Shapes are few (one per combination of filters and number of types); the cap only guards odd callers.
        if (readAllCache.size >= 200) readAllCache.clear();
        // Raw, like readStream: a rebuild reads every event through here.
        statement = db.prepare<[Params], EventRowValues>(query.sql).raw();
        readAllCache.set(query.sql, statement);
      }
      return statement.all(query.params).map(rowOfValues);
    },
  };
}

export type Queries = ReturnType<typeof prepareQueries>;
