// The PostgreSQL side of a migration: the store from createPostgresEventStore, raw rows read through its pool
// and written on one dedicated connection that holds the schema's append lock for the whole copy.
import pg from 'pg';
import type { PoolClient } from 'pg';
import { z } from 'zod';
import { EVENT_COLUMNS, advisoryLockKey, createPostgresEventStore, parseEventRows } from '@estafet/ledger';
import type { PostgresEventStore } from '@estafet/ledger';
import { KeyRowSchema, MemberRowSchema, TotalsRowSchema, quoteIdentifier } from './ledger-endpoint.js';
import { MigrationRefusedError, NEW_TARGET, TargetChangedError } from './migration-errors.js';
import type { LedgerBatch, LedgerEndpoint, LedgerWriter } from './ledger-endpoint.js';
import { describeLocation } from './ledger-location.js';
import type { LedgerLocation } from './ledger-location.js';

type PostgresLocation = Extract<LedgerLocation, { kind: 'postgres' }>;

const SchemaLookSchema = z.object({ ledger: z.boolean(), tables: z.coerce.number().int() });
const ExistsRowSchema = z.object({ exists: z.boolean() });
const HeadRowSchema = z.object({ head: z.coerce.number().int() });

interface SchemaLook {
  /** The schema has the ledger's events table. */
  readonly ledger: boolean;
  /** ... and it holds at least one event. */
  readonly events: boolean;
  /** Tables of any kind in the schema. */
  readonly tables: number;
}

/** What the schema holds, looked at on a connection of its own, before the factory would create anything. */
async function lookAtSchema(location: PostgresLocation): Promise<SchemaLook> {
  const client = new pg.Client({ connectionString: location.connectionString });
  await client.connect();
  try {
    const found = await client.query<Record<string, unknown>>(
      `SELECT to_regclass($1) IS NOT NULL AS ledger,
         (SELECT count(*) FROM pg_tables WHERE schemaname = $2) AS tables`, [`"${location.schema}".events`, location.schema]);
    const { ledger, tables } = SchemaLookSchema.parse(found.rows[0]);
    // A second statement: a table that does not exist cannot be named even in a query that would skip it.
    const events = ledger && ExistsRowSchema.parse((await client.query<Record<string, unknown>>(
      `SELECT EXISTS (SELECT 1 FROM ${quoteIdentifier(location.schema)}.events) AS exists`)).rows[0]).exists;
    return { ledger, events, tables };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Opens an existing ledger schema to copy from; a schema without one is refused rather than created. */
export async function openPostgresSource(location: PostgresLocation): Promise<LedgerEndpoint> {
  if (!(await lookAtSchema(location)).ledger) {
    throw new MigrationRefusedError(`--from: ${describeLocation(location)} holds no Estafet ledger (no events table)`);
  }
  return postgresEndpoint(await createPostgresEventStore({ connectionString: location.connectionString, schema: location.schema }), location);
}

/**
 * Refuses, without creating anything, a schema already used for something else or already holding events: an
 * early answer before the source's chain is verified. The writer's check under the append lock is the final word.
 */
export async function checkPostgresTarget(location: PostgresLocation): Promise<void> {
  const look = await lookAtSchema(location);
  if (!look.ledger && look.tables > 0) {
    throw new MigrationRefusedError(`--to: ${describeLocation(location)} already holds tables but no Estafet ledger; name a new schema`);
  }
  if (look.events) throw new MigrationRefusedError(`--to: ${describeLocation(location)} is not empty (rows in events); ${NEW_TARGET}`);
}

/** Opens (creating if needed) the schema to copy into. */
export async function openPostgresTarget(location: PostgresLocation): Promise<LedgerEndpoint> {
  await checkPostgresTarget(location);
  return postgresEndpoint(await createPostgresEventStore({ connectionString: location.connectionString, schema: location.schema }), location);
}

function postgresEndpoint(store: PostgresEventStore, location: PostgresLocation): LedgerEndpoint {
  const { pool } = store;
  const s = quoteIdentifier(store.schema);

  const rowsAfter = async (after: number, toPosition: number, limit: number) =>
    parseEventRows((await pool.query<Record<string, unknown>>(
      `SELECT ${EVENT_COLUMNS.join(', ')} FROM ${s}.events WHERE global_position > $1 AND global_position <= $2
       ORDER BY global_position LIMIT $3`, [after, toPosition, limit])).rows);
  const membersBetween = async (after: number, last: number) =>
    (await pool.query<Record<string, unknown>>(
      `SELECT stream_id, version, global_position FROM ${s}.stream_members WHERE global_position > $1 AND global_position <= $2
       ORDER BY global_position, stream_id`, [after, last])).rows.map((row) => MemberRowSchema.parse(row));
  // idempotency_keys has no index on position: a scan per batch, cheap while keys are far fewer than events.
  const keysBetween = async (after: number, last: number) =>
    (await pool.query<Record<string, unknown>>(
      `SELECT key, first_position, last_position FROM ${s}.idempotency_keys WHERE last_position > $1 AND last_position <= $2
       ORDER BY last_position`, [after, last])).rows.map((row) => KeyRowSchema.parse(row));

  return {
    label: describeLocation(location),
    store,

    async* scan(toPosition: number, batchSize: number): AsyncGenerator<LedgerBatch> {
      let after = 0;
      while (after < toPosition) {
        const events = await rowsAfter(after, toPosition, batchSize);
        const last = events.at(-1)?.global_position;
        if (last === undefined) return;
        const [members, keys] = await Promise.all([membersBetween(after, last), keysBetween(after, last)]);
        yield { events, members, keys };
        after = last;
      }
    },

    async totals() {
      const { rows } = await pool.query<Record<string, unknown>>(`SELECT (SELECT count(*) FROM ${s}.events) AS events,
        (SELECT count(*) FROM ${s}.stream_members) AS members, (SELECT count(*) FROM ${s}.idempotency_keys) AS keys`);
      return TotalsRowSchema.parse(rows[0]);
    },

    async occupiedTables() {
      const { rows } = await pool.query<{ name: string }>(
        "SELECT tablename AS name FROM pg_tables WHERE schemaname = $1 AND tablename <> 'schema_version' ORDER BY tablename",
        [store.schema]);
      const occupied: string[] = [];
      for (const { name } of rows) {
        const found = await pool.query(`SELECT 1 FROM ${s}.${quoteIdentifier(name)} LIMIT 1`);
        if (found.rowCount !== 0) occupied.push(name);
      }
      return occupied;
    },

    openWriter: () => postgresWriter(store, describeLocation(location)),

    close: () => store.close(),
  };
}

// json_populate_recordset turns each JSON object into a row of the table itself, so every column gets the
// table's own type with no list of types to keep in step; text arrives exactly as it was in the source.
const insertSql = (s: string): string => `WITH copied_events AS (
    INSERT INTO ${s}.events SELECT * FROM json_populate_recordset(NULL::${s}.events, $1::json)),
  copied_members AS (INSERT INTO ${s}.stream_members SELECT * FROM json_populate_recordset(NULL::${s}.stream_members, $2::json))
  INSERT INTO ${s}.idempotency_keys SELECT * FROM json_populate_recordset(NULL::${s}.idempotency_keys, $3::json)`;

async function postgresWriter(store: PostgresEventStore, label: string): Promise<LedgerWriter> {
  const s = quoteIdentifier(store.schema);
  const client: PoolClient = await store.pool.connect();
  const lockKey = advisoryLockKey(store.schema, 'append');
  try {
    // The adapter's appends take this key per transaction; holding it per session keeps them all out until
    // the copy is done. A bounded wait: another migration into the same schema holds it for minutes.
    await client.query("SET lock_timeout = '15s'");
    await client.query(`SELECT pg_advisory_lock(${lockKey}); RESET lock_timeout`);
  } catch (error) {
    client.release(true);
    if (error instanceof pg.DatabaseError && error.code === '55P03') {
      throw new MigrationRefusedError(`--to: ${label}: another process holds the ledger's append lock (a migration or a busy writer)`);
    }
    throw error;
  }
  const sql = insertSql(s);
  let broken = false;
  return {
    async write(batch, expectedHead) {
      try {
        await client.query('BEGIN');
        const head = HeadRowSchema.parse((await client.query<Record<string, unknown>>(
          `SELECT coalesce(max(global_position), 0) AS head FROM ${s}.events`)).rows[0]).head;
        if (head !== expectedHead) {
          throw new TargetChangedError(`the target's head is at ${head}, the copy expected ${expectedHead}: something else writes to it`);
        }
        await client.query(sql, [JSON.stringify(batch.events), JSON.stringify(batch.members), JSON.stringify(batch.keys)]);
        await client.query('COMMIT');
      } catch (error) {
        // The batch's own error is the one to report; a failed ROLLBACK means the connection is gone anyway.
        await client.query('ROLLBACK').catch(() => {
          broken = true;
        });
        // e.g. a NUL character, which SQLite text holds and PostgreSQL text cannot: the detail says which.
        if (error instanceof pg.DatabaseError && error.detail !== undefined) {
          throw new Error(`PostgreSQL refused the batch: ${error.message} (${error.detail})`, { cause: error });
        }
        throw error;
      }
    },
    async finish() {
      // Otherwise the first readers after a bulk load pay for it: the planner has no statistics yet (it may scan
      // stream_members whole for each batch's memberships) and each page's hint bits are set on first read.
      await client.query(`VACUUM (ANALYZE) ${s}.events, ${s}.stream_members, ${s}.idempotency_keys`);
    },
    async close() {
      if (!broken) {
        try {
          await client.query(`SELECT pg_advisory_unlock(${lockKey})`);
        } catch {
          broken = true;
        }
      }
      // A connection in doubt is destroyed, which releases its session lock too.
      client.release(broken);
    },
  };
}
