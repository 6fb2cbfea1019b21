// Group commit on PostgreSQL: appends queued while a transaction is in flight go together into the next one,
// which takes the append lock, reads what it needs in one query, plans in memory and writes in one INSERT.
//
// No SAVEPOINT per append (as SQLite has): every check (key, versions, event ids) is made in memory under the
// lock before anything is written, so only the rows themselves can still fail. A savepoint each would cost two
// round trips per append and, past 64 in one transaction, overflow PostgreSQL's per-backend subtransaction
// cache, which slows every other session's snapshots. Instead a group whose INSERT is refused is rolled back
// and its appends rerun one transaction each, so only the offending append fails: the isolation savepoints give.
import pg from 'pg';
import type { Pool } from 'pg';
import { z } from 'zod';
import { GENESIS_HASH } from '@estafet/events';
import type { UpcasterRegistry } from '@estafet/events';
import type { AppendResult } from './event-store.js';
import { InvalidAppendError } from './event-store.js';
import type { ParsedAppend } from './sqlite-append.js';
import { createPlanner } from './append-plan.js';
import type { Outcome, PlannedRows, Snapshot } from './append-plan.js';
import type { Queries } from './postgres-queries.js';
import { advisoryLockKey } from './postgres-schema.js';
import { EVENT_COLUMNS, rowToStoredEvent } from './sqlite-rows.js';
import { createGroupCommit } from './group-commit.js';

/** Bounds one transaction's lock hold and statement size; a backlog beyond it runs in further transactions. */
const MAX_GROUP = 500;

const COLUMN_TYPES: Record<(typeof EVENT_COLUMNS)[number], string> = {
  global_position: 'bigint', event_id: 'text', stream_id: 'text', stream_version: 'integer', type: 'text',
  schema_version: 'integer', data: 'text', effective_at: 'text', recorded_at: 'text', legal_basis: 'text',
  actor_id: 'text', actor_role: 'text', correlation_id: 'text', causation_id: 'text', idempotency_key: 'text',
  also_in: 'text', prev_hash: 'text', hash: 'text',
};

const SnapshotRowSchema = z.object({
  head: z.object({ position: z.number().int(), hash: z.string() }).nullable(),
  versions: z.array(z.tuple([z.string(), z.number().int().nullable()])),
  ids: z.array(z.tuple([z.string(), z.number().int()])),
  keys: z.array(z.tuple([z.string(), z.number().int(), z.number().int()])),
});

/** The group's INSERT failed on something in the rows themselves: its appends are retried one by one. */
class GroupInsertError extends Error {}

export interface AppendQueueOptions {
  readonly pool: Pool;
  readonly schema: string;
  readonly queries: Queries;
  readonly clock: () => Date;
  readonly upcasters: UpcasterRegistry;
  /** After a commit that stored events, with the new head position. */
  readonly onCommitted: (head: number) => void;
}

export function createAppendQueue(options: AppendQueueOptions) {
  const { pool, schema, queries, clock, upcasters } = options;
  const s = `"${schema}"`;
  const lockKey = advisoryLockKey(schema, 'append');
  const snapshotSql = `SELECT
    (SELECT json_build_object('position', global_position, 'hash', hash) FROM ${s}.events ORDER BY global_position DESC LIMIT 1) AS head,
    (SELECT coalesce(json_agg(json_build_array(id, (SELECT max(m.version) FROM ${s}.stream_members m WHERE m.stream_id = id))), '[]')
       FROM unnest($1::text[]) AS id) AS versions,
    (SELECT coalesce(json_agg(json_build_array(event_id, global_position)), '[]') FROM ${s}.events WHERE event_id = ANY($2::text[])) AS ids,
    (SELECT coalesce(json_agg(json_build_array(key, first_position, last_position)), '[]') FROM ${s}.idempotency_keys
       WHERE key = ANY($3::text[])) AS keys`;
  // One statement for three tables: data-modifying CTEs all run, and one round trip serves the whole group.
  const insertSql = `WITH events AS (INSERT INTO ${s}.events (${EVENT_COLUMNS.join(', ')})
      SELECT * FROM unnest(${EVENT_COLUMNS.map((column, i) => `$${i + 1}::${COLUMN_TYPES[column]}[]`).join(', ')})),
    members AS (INSERT INTO ${s}.stream_members (stream_id, version, global_position)
      SELECT * FROM unnest($19::text[], $20::integer[], $21::bigint[]))
    INSERT INTO ${s}.idempotency_keys (key, first_position, last_position) SELECT * FROM unnest($22::text[], $23::bigint[], $24::bigint[])`;

  async function commitGroup(appends: readonly ParsedAppend[]): Promise<{ outcomes: Outcome[]; head: number; stored: number }> {
    const client = await pool.connect();
    let failure: Error | undefined;
    try {
      // The head is read by a later statement than the lock: under READ COMMITTED each statement takes its
      // snapshot when it starts, so a read in the locking statement could miss the previous holder's commit.
      await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${lockKey})`);
      const streams = new Set<string>();
      for (const append of appends) {
        for (const entry of append.entries) {
          streams.add(entry.streamId);
          for (const { event } of entry.events) for (const linked of event.alsoIn) streams.add(linked);
        }
      }
      const found = await client.query<Record<string, unknown>>(snapshotSql, [
        [...streams], appends.flatMap((append) => append.eventIds), appends.flatMap((append) => append.idempotencyKey ?? [])]);
      const row = SnapshotRowSchema.parse(found.rows[0]);
      const snapshot: Snapshot = {
        head: row.head ?? { position: 0, hash: GENESIS_HASH },
        versions: new Map(row.versions.map(([id, version]) => [id, version ?? 0])),
        ids: new Map(row.ids),
        keys: new Map(row.keys.map(([key, first, last]) => [key, { first, last }])),
      };
      const planner = createPlanner(snapshot, clock, upcasters,
        async (positions) => (positions.length === 0 ? [] : (await queries.byPositions(client, positions)).map(rowToStoredEvent)));
      const outcomes: Outcome[] = [];
      for (const append of appends) outcomes.push(await planner.plan(append));
      const rows = planner.rows();
      if (rows.count > 0) await insertRows(client, rows);
      await client.query('COMMIT');
      return { outcomes, head: planner.head().position, stored: rows.count };
    } catch (error) {
      failure = error instanceof Error ? error : new Error('append transaction failed', { cause: error });
      // The transaction's own error is the one to report; a failed ROLLBACK means the connection is gone anyway.
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      // A client that failed mid-transaction is discarded, not returned to the pool in an unknown state.
      client.release(failure);
    }
  }

  async function insertRows(client: pg.PoolClient, rows: PlannedRows): Promise<void> {
    try {
      await client.query(insertSql, [...rows.events, ...rows.members, ...rows.keys]);
    } catch (error) {
      // Only a verdict on the rows (e.g. a NUL byte PostgreSQL text cannot hold) is worth retrying one by one;
      // a lost connection is not, and must reach every caller in the group.
      if (error instanceof pg.DatabaseError) throw new GroupInsertError('the group INSERT failed', { cause: error });
      throw error;
    }
  }

  async function runGroup(appends: readonly ParsedAppend[]): Promise<Outcome[]> {
    let committed: Awaited<ReturnType<typeof commitGroup>>;
    try {
      committed = await commitGroup(appends);
    } catch (error) {
      // A group's refused rows are run again one append each by the queue; alone, the append gets the verdict.
      throw error instanceof GroupInsertError && appends.length === 1 ? rowsRejected(error) : error;
    }
    if (committed.stored > 0) options.onCommitted(committed.head);
    return committed.outcomes;
  }

  // A data exception (SQLSTATE class 22, e.g. a NUL character, which PostgreSQL text cannot hold) is the caller's
  // input, like any other malformed append; anything else (a constraint broken behind our back) is passed on.
  const rowsRejected = (error: GroupInsertError): unknown => {
    const cause = error.cause;
    if (cause instanceof pg.DatabaseError && cause.code?.startsWith('22')) {
      return new InvalidAppendError(`invalid append: PostgreSQL cannot store it (${cause.message})`, { cause });
    }
    return cause;
  };

  // One transaction in flight per store: appends arriving meanwhile wait and then share the next one, which
  // is what recovers throughput when every append must hold the same lock anyway.
  return createGroupCommit<ParsedAppend, AppendResult>({
    runGroup,
    maxGroup: MAX_GROUP,
    // Nothing of the group was stored; alone, each append fails or succeeds on its own rows.
    runAloneAfter: (error) => error instanceof GroupInsertError,
  });
}
