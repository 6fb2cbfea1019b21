// The read side of the PostgreSQL event log: rows checked with zod into the shared row shape, the read
// queries, and readAll's filters turned into one parameterised, index-backed query.
import type { Pool, PoolClient } from 'pg';
import { z } from 'zod';
import { IsoDateSchema, IsoInstantSchema } from '@estafet/events';
import type { ReadAllFilter } from './event-store.js';
import { InvalidQueryError } from './event-store.js';
import { DEFAULT_LIMIT, MAX_LIMIT } from './sqlite-queries.js';
import { CorruptRowError, SELECT_EVENT_COLUMNS } from './sqlite-rows.js';
import type { EventRow } from './sqlite-rows.js';

// pg returns bigint as text (it may exceed 2^53); positions never do, and a value that would is corruption.
const BigIntColumn = z.union([z.number(), z.string().regex(/^-?\d+$/).transform(Number)]).pipe(z.number().int().safe());

const EventRowSchema = z.object({
  global_position: BigIntColumn,
  event_id: z.string(),
  stream_id: z.string(),
  stream_version: z.number().int(),
  type: z.string(),
  schema_version: z.number().int(),
  data: z.string(),
  effective_at: z.string(),
  recorded_at: z.string(),
  legal_basis: z.string().nullable(),
  actor_id: z.string(),
  actor_role: z.string(),
  correlation_id: z.string(),
  causation_id: z.string().nullable(),
  idempotency_key: z.string().nullable(),
  also_in: z.string(),
  prev_hash: z.string(),
  hash: z.string(),
}) satisfies z.ZodType<EventRow, unknown>;

export function parseEventRows(rows: readonly unknown[]): EventRow[] {
  return rows.map((row) => {
    const parsed = EventRowSchema.safeParse(row);
    if (!parsed.success) throw new CorruptRowError(`event row does not match the schema: ${parsed.error.issues[0]?.message ?? 'unknown'}`);
    return parsed.data;
  });
}

export const MemberRowSchema = z.object({ global_position: BigIntColumn, stream_id: z.string(), version: z.number().int() });
export type MemberRow = z.infer<typeof MemberRowSchema>;

const ReadAllFilterSchema = z.object({
  fromPosition: z.number().int().nonnegative().optional(),
  toPosition: z.number().int().nonnegative().optional(),
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

export interface SqlQuery {
  readonly text: string;
  readonly values: unknown[];
}

/** Validates a filter (same rules as the SQLite adapter) and builds its query; schema is a checked identifier. */
export function buildReadAllQuery(schema: string, filter: ReadAllFilter): SqlQuery {
  const parsed = ReadAllFilterSchema.safeParse(filter);
  if (!parsed.success) {
    throw new InvalidQueryError(`readAll filter: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  }
  const f = parsed.data;
  const values: unknown[] = [];
  const param = (value: unknown): string => `$${values.push(value)}`;
  const from = param(f.fromPosition ?? 0);
  const where = [`e.global_position > ${from}`];
  if (f.toPosition !== undefined) where.push(`e.global_position <= ${param(f.toPosition)}`);
  if (f.types !== undefined) where.push(f.types.length === 0 ? 'false' : `e.type = ANY(${param(f.types)}::text[])`);
  if (f.streamPrefix !== undefined && f.streamPrefix !== '') {
    // A range on the membership key (COLLATE "C": bytewise); stream ids are ASCII, so U+10FFFF sorts after each.
    where.push(`e.global_position IN (SELECT m.global_position FROM "${schema}".stream_members m
      WHERE m.stream_id >= ${param(f.streamPrefix)} AND m.stream_id < ${param(`${f.streamPrefix}\u{10FFFF}`)}
      AND m.global_position > ${from})`);
  }
  if (f.effectiveFrom !== undefined) where.push(`e.effective_at >= ${param(f.effectiveFrom)}`);
  if (f.effectiveTo !== undefined) where.push(`e.effective_at <= ${param(f.effectiveTo)}`);
  // recorded_at is stored as toISOString() (UTC, fixed width), so instants compare as text once normalised.
  if (f.recordedFrom !== undefined) where.push(`e.recorded_at >= ${param(utcInstant(f.recordedFrom, 'up'))}`);
  if (f.recordedTo !== undefined) where.push(`e.recorded_at <= ${param(utcInstant(f.recordedTo, 'down'))}`);
  if (f.actorId !== undefined) where.push(`e.actor_id = ${param(f.actorId)}`);
  if (f.correlationId !== undefined) where.push(`e.correlation_id = ${param(f.correlationId)}`);
  const limit = param(Math.min(f.limit ?? DEFAULT_LIMIT, MAX_LIMIT));
  return {
    text: `SELECT ${SELECT_EVENT_COLUMNS} FROM "${schema}".events e WHERE ${where.join(' AND ')} ORDER BY e.global_position LIMIT ${limit}`,
    values,
  };
}

/** An instant as toISOString() writes it; sub-millisecond digits rounded so the bound stays inclusive-correct. */
function utcInstant(instant: string, round: 'up' | 'down'): string {
  const millis = Date.parse(instant);
  const fraction = /\.(\d+)/.exec(instant)?.[1] ?? '';
  const beyondMillis = fraction.length > 3 && /[1-9]/.test(fraction.slice(3));
  return new Date(round === 'up' && beyondMillis ? millis + 1 : millis).toISOString();
}

const CountRowSchema = z.object({ value: BigIntColumn.nullable() });
const HashRowSchema = z.object({ hash: z.string() });

/** The fixed read queries of one schema; every one works on the pool or on a client inside a transaction. */
export function createQueries(schema: string) {
  const events = `"${schema}".events`;
  const members = `"${schema}".stream_members`;
  type Db = Pool | PoolClient;
  const eventRows = async (db: Db, text: string, values: unknown[]): Promise<EventRow[]> =>
    parseEventRows((await db.query<Record<string, unknown>>(text, values)).rows);
  const scalar = async (db: Db, text: string, values: unknown[]): Promise<number> =>
    CountRowSchema.parse((await db.query<Record<string, unknown>>(text, values)).rows[0]).value ?? 0;
  return {
    readAll: (db: Db, query: SqlQuery) => eventRows(db, query.text, query.values),
    readStream: (db: Db, streamId: string, fromVersion: number) => eventRows(db,
      `SELECT ${SELECT_EVENT_COLUMNS} FROM ${members} m JOIN ${events} e ON e.global_position = m.global_position
       WHERE m.stream_id = $1 AND m.version >= $2 ORDER BY m.version`, [streamId, fromVersion]),
    streamVersion: (db: Db, streamId: string) =>
      scalar(db, `SELECT max(version) AS value FROM ${members} WHERE stream_id = $1`, [streamId]),
    headPosition: (db: Db) => scalar(db, `SELECT max(global_position) AS value FROM ${events}`, []),
    byEventId: async (db: Db, eventId: string): Promise<EventRow | null> =>
      (await eventRows(db, `SELECT ${SELECT_EVENT_COLUMNS} FROM ${events} e WHERE e.event_id = $1`, [eventId]))[0] ?? null,
    byPositions: (db: Db, positions: readonly number[]) => eventRows(db,
      `SELECT ${SELECT_EVENT_COLUMNS} FROM ${events} e WHERE e.global_position = ANY($1::bigint[]) ORDER BY e.global_position`,
      [positions]),
    /** Rows after `from` up to `to` inclusive, in order: the chain verifier's batches. */
    range: (db: Db, from: number, to: number, limit: number) => eventRows(db,
      `SELECT ${SELECT_EVENT_COLUMNS} FROM ${events} e WHERE e.global_position > $1 AND e.global_position <= $2
       ORDER BY e.global_position LIMIT $3`, [from, to, limit]),
    hashAt: async (db: Db, position: number): Promise<string | null> => {
      const rows = (await db.query<Record<string, unknown>>(`SELECT hash FROM ${events} WHERE global_position = $1`, [position])).rows;
      return rows[0] === undefined ? null : HashRowSchema.parse(rows[0]).hash;
    },
    membersBetween: async (db: Db, from: number, to: number): Promise<MemberRow[]> =>
      (await db.query<Record<string, unknown>>(
        `SELECT global_position, stream_id, version FROM ${members} WHERE global_position > $1 AND global_position <= $2`,
        [from, to])).rows.map((row) => MemberRowSchema.parse(row)),
  };
}

export type Queries = ReturnType<typeof createQueries>;
