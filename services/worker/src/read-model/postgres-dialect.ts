// The ReadModelStore on PostgreSQL (pg): the same tables as on SQLite, in their own schema, so the same
// projection definitions run unchanged and several API nodes read what one worker writes. Text columns use the
// "C" collation so ORDER BY and range conditions compare as SQLite does (byte order), and integers are BIGINT
// read back as numbers. Every read is a round trip, so the store offers no synchronous reads: the runner keeps
// its tables whole in memory (scanTable) and writes back one transaction per batch.
import pg from 'pg';
import type { Pool, PoolClient } from 'pg';
import type { Row, Table, TableLayout } from '@estafet/projections';
import { admitFencingToken } from '../coordination/fencing.js';
import { CheckpointMovedError } from './read-model-store.js';
import type { Checkpoint, CheckpointAdvance, FenceToken, ReadModelStore, TableWrites } from './read-model-store.js';
import { CHECKPOINTS, CheckpointColumns, columnRows, toCheckpoint, toRow } from './stored-rows.js';
import { compileWhere, orderAndLimit, selectList } from './where-sql.js';

export interface PostgresReadModelOptions {
  readonly connectionString: string;
  /** The schema holding the read models; created if missing. A lower-case SQL identifier. */
  readonly schema: string;
  /** Connections in the pool. Default 4. */
  readonly maxConnections?: number;
}

const FENCES = 'estafet_lease_fences';
/** PostgreSQL takes at most 65,535 parameters per statement. */
const MAX_PARAMETERS = 60_000;
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
/** Below the worker lease's TTL (5 s) minus one renewal interval (a third of it). */
const IDLE_IN_TRANSACTION_MS = 3000;

const q = (name: string): string => `"${name}"`;
const sqlType = (type: 'text' | 'integer'): string => (type === 'text' ? 'TEXT COLLATE "C"' : 'BIGINT');

/** `?` placeholders (where-sql.ts) renumbered as $n, starting after `offset`. */
const numbered = (sql: string, offset = 0): string => {
  let n = offset;
  return sql.replace(/\?/g, () => `$${++n}`);
};

// BIGINT (int8) arrives as a string by default; read-model integers are positions, days and counts, all far
// inside the safe-integer range, so they are parsed as numbers for this pool only.
const INT8_OID = 20;
const parseInt8 = (value: string): number => Number(value);
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary'): unknown =>
    (oid === INT8_OID ? parseInt8 : pg.types.getTypeParser(oid, format ?? 'text'))) as typeof pg.types.getTypeParser,
};

export interface PostgresReadModelStore extends ReadModelStore {
  readonly pool: Pool;
  readonly schema: string;
  /** Drops the schema and everything in it (tests, and a deliberate full reset). */
  dropSchema(): Promise<void>;
}

export const createPostgresReadModelStore = async (options: PostgresReadModelOptions): Promise<PostgresReadModelStore> => {
  const { schema } = options;
  if (!SCHEMA_NAME.test(schema)) throw new Error(`read-model schema ${schema} must be a lower-case SQL identifier`);
  // A worker frozen inside a commit (SIGSTOP, a VM pause) would hold the fence row locked past its lease and
  // block its successor: the server aborts a transaction left idle longer than the lease can outlive a renewal.
  const pool = new pg.Pool({
    connectionString: options.connectionString, max: options.maxConnections ?? 4, types,
    idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_MS,
  });
  // A dropped idle connection is replaced by the pool; errors on queries reach their callers.
  pool.on('error', () => undefined);
  const table = (name: string): string => `${q(schema)}.${q(name)}`;

  const transaction = async <T>(work: (client: PoolClient) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    // A connection the server ends mid-transaction (the idle timeout below, a restart) also emits 'error' on the
    // client; the query in flight rejects with it, so the event is only kept from crashing the process.
    const ignore = (): void => undefined;
    client.on('error', ignore);
    let failed = false;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      failed = true;
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.off('error', ignore);
      // After a failure the connection may be dead: the pool discards it rather than handing it out again.
      client.release(failed);
    }
  };

  // Several processes may start at once on an empty database: one creates, the others wait on the lock.
  try {
    await transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`estafet-read-model:${schema}`]);
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${q(schema)}`);
      await client.query(`CREATE TABLE IF NOT EXISTS ${table(CHECKPOINTS)} (name TEXT PRIMARY KEY, version BIGINT NOT NULL,
        position BIGINT NOT NULL, generation BIGINT NOT NULL, tables TEXT NOT NULL, "updatedAt" TEXT NOT NULL)`);
      await client.query(`CREATE TABLE IF NOT EXISTS ${table(FENCES)} (lease TEXT PRIMARY KEY, token BIGINT NOT NULL, "updatedAt" TEXT NOT NULL)`);
    });
  } catch (error) {
    await pool.end();
    throw error;
  }

  const createTableSql = (t: TableLayout): string => {
    const columns = t.columns.map((c) => `${q(c.name)} ${sqlType(c.type)}${c.nullable ? '' : ' NOT NULL'}`);
    return `CREATE TABLE IF NOT EXISTS ${table(t.name)} (${columns.join(', ')}, PRIMARY KEY (${q(t.primaryKey)}))`;
  };
  const indexSql = (t: TableLayout): string[] => Object.entries({ ...t.lookups, ...t.indexes }).map(([name, columns]) =>
    `CREATE INDEX IF NOT EXISTS ${q(`${t.name}__${name}`.slice(0, 63))} ON ${table(t.name)} (${columns.map(q).join(', ')})`);

  const selectCheckpoints = async (client: Pool | PoolClient, name?: string): Promise<Checkpoint[]> => {
    const where = name === undefined ? '' : ' WHERE name = $1';
    const { rows } = await client.query(`SELECT ${CheckpointColumns.join(', ')} FROM ${table(CHECKPOINTS)}${where} ORDER BY name`,
      name === undefined ? [] : [name]);
    return rows.map(toCheckpoint);
  };

  const upsert = async (client: PoolClient, t: TableLayout, rows: readonly Row[]): Promise<void> => {
    const names = t.columns.map((c) => c.name);
    const columnList = names.map(q).join(', ');
    const updates = names.filter((n) => n !== t.primaryKey).map((n) => `${q(n)} = EXCLUDED.${q(n)}`);
    const conflict = updates.length === 0 ? 'DO NOTHING' : `DO UPDATE SET ${updates.join(', ')}`;
    const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / names.length));
    for (let from = 0; from < rows.length; from += perStatement) {
      const chunk = rows.slice(from, from + perStatement);
      const params: (string | number | null)[] = [];
      const tuples = chunk.map((row) => {
        const start = params.length;
        for (const name of names) params.push(row[name] ?? null);
        return `(${names.map((_, i) => `$${start + i + 1}`).join(', ')})`;
      });
      await client.query(`INSERT INTO ${table(t.name)} (${columnList}) VALUES ${tuples.join(', ')}
        ON CONFLICT (${q(t.primaryKey)}) ${conflict}`, params);
    }
  };

  const admit = async (client: PoolClient, fence: FenceToken): Promise<void> => {
    // FOR UPDATE: two runners committing under different tokens queue here, so the check and the record are one step.
    await client.query(`INSERT INTO ${table(FENCES)} (lease, token, "updatedAt") VALUES ($1, 0, $2) ON CONFLICT (lease) DO NOTHING`,
      [fence.lease, new Date().toISOString()]);
    const { rows } = await client.query<{ token: number }>(`SELECT token FROM ${table(FENCES)} WHERE lease = $1 FOR UPDATE`, [fence.lease]);
    const recorded = rows[0]?.token ?? 0;
    const next = admitFencingToken(fence.lease, recorded === 0 ? null : recorded, fence.token);
    if (next !== recorded) {
      await client.query(`UPDATE ${table(FENCES)} SET token = $2, "updatedAt" = $3 WHERE lease = $1`, [fence.lease, next, new Date().toISOString()]);
    }
  };

  const parseRows = <T extends Row>(t: Table<T>, raws: readonly unknown[]): T[] => raws.map((raw) => t.schema.parse(raw));

  return {
    dialect: 'postgres',
    pool,
    schema,
    checkpoints: () => selectCheckpoints(pool),

    reset: (name, version, tables, dropTables) => transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`estafet-read-model:${schema}:${name}`]);
      const previous = (await selectCheckpoints(client, name))[0];
      for (const dropped of new Set([...dropTables, ...tables.map((t) => t.name)])) await client.query(`DROP TABLE IF EXISTS ${table(dropped)}`);
      for (const t of tables) await client.query(createTableSql(t));
      const checkpoint: Checkpoint = { name, version, position: 0, generation: (previous?.generation ?? 0) + 1, tables: tables.map((t) => t.name) };
      await client.query(`INSERT INTO ${table(CHECKPOINTS)} (name, version, position, generation, tables, "updatedAt")
        VALUES ($1, $2, 0, $3, $4, $5) ON CONFLICT (name) DO UPDATE SET version = EXCLUDED.version, position = 0,
        generation = EXCLUDED.generation, tables = EXCLUDED.tables, "updatedAt" = EXCLUDED."updatedAt"`,
      [name, version, checkpoint.generation, JSON.stringify(checkpoint.tables), new Date(0).toISOString()]);
      return checkpoint;
    }),

    ensureIndexed: (tables) => transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`estafet-read-model:${schema}`]);
      for (const t of tables) {
        await client.query(createTableSql(t));
        for (const sql of indexSql(t)) await client.query(sql);
      }
    }),

    commit: (writes: readonly TableWrites[], advances: readonly CheckpointAdvance[], at: string, fence?: FenceToken) => transaction(async (client) => {
      if (fence !== undefined) await admit(client, fence);
      for (const { table: t, upserts, deletes } of writes) {
        if (upserts.length > 0) await upsert(client, t, upserts);
        if (deletes.length > 0) await client.query(`DELETE FROM ${table(t.name)} WHERE ${q(t.primaryKey)} = ANY($1::text[])`, [deletes]);
      }
      for (const a of advances) {
        const { rowCount } = await client.query(`UPDATE ${table(CHECKPOINTS)} SET position = $1, "updatedAt" = $2
          WHERE name = $3 AND position = $4 AND generation = $5`, [a.position, at, a.name, a.expectedPosition, a.expectedGeneration]);
        if (rowCount !== 1) {
          throw new CheckpointMovedError(`checkpoint ${a.name} is no longer at ${a.expectedPosition} (generation ${a.expectedGeneration})`);
        }
      }
    }),

    async highestFence(lease) {
      const { rows } = await pool.query<{ token: number }>(`SELECT token FROM ${table(FENCES)} WHERE lease = $1`, [lease]);
      const token = rows[0]?.token ?? 0;
      return token === 0 ? null : token;
    },

    rowReads: null,

    async scanTable(t) {
      const { rows } = await pool.query(`SELECT * FROM ${table(t.name)}`);
      return rows.map(toRow);
    },

    async select(t, where, selectOptions = {}) {
      const compiled = compileWhere(where, q);
      // SQLite sorts NULL before every value, PostgreSQL after unless told: nullable columns say NULLS FIRST.
      const nullable = new Set(t.columns.filter((c) => c.nullable).map((c) => c.name));
      const orderColumn = (name: string): string => (nullable.has(name) ? `${q(name)} NULLS FIRST` : q(name));
      const sql = `SELECT ${selectList(selectOptions, q)} FROM ${table(t.name)}${compiled.sql === '' ? '' : ` WHERE ${numbered(compiled.sql)}`}${orderAndLimit(selectOptions, orderColumn)}`;
      const { columns } = selectOptions;
      if (columns === undefined) return parseRows(t, (await pool.query(sql, compiled.params)).rows);
      // Narrow selects read tuples, as on SQLite.
      const { rows } = await pool.query({ text: sql, values: compiled.params, rowMode: 'array' });
      return columnRows(t, columns)(rows);
    },

    async dropSchema() {
      await pool.query(`DROP SCHEMA IF EXISTS ${q(schema)} CASCADE`);
    },

    close: () => pool.end(),
  };
};
