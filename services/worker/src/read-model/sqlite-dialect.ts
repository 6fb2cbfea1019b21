// The ReadModelStore on SQLite (better-sqlite3, the event store's own connection): STRICT tables, multi-row
// INSERT OR REPLACE, BEGIN IMMEDIATE ... COMMIT per batch, and WHERE-as-data compiled to SQL with ? params.
import type { Row, Table, TableLayout } from '@estafet/projections';
import { compileWhere, orderAndLimit, selectList } from './where-sql.js';
import { CHECKPOINTS, CheckpointColumns, columnRows, toCheckpoint, toRow } from './stored-rows.js';
import { createSqliteCheckpointFence } from '../coordination/fencing.js';
import { CheckpointMovedError } from './read-model-store.js';
import type { Checkpoint, CheckpointAdvance, FenceToken, ReadModelStore, RowReads, TableWrites } from './read-model-store.js';

/** The slice of a better-sqlite3 Database this module uses, so it needs no import of the driver. */
export interface SqliteStatement {
  run(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  /** Rows as arrays in column order rather than keyed objects (better-sqlite3 has it; a wrapper may not). */
  raw?(toggle: boolean): SqliteStatement;
}
export interface SqliteDatabase {
  prepare(source: string): SqliteStatement;
  exec(source: string): unknown;
  readonly inTransaction: boolean;
}

const ROWS_PER_INSERT = 64;

const q = (name: string): string => `"${name}"`;
const sqlType = (type: 'text' | 'integer'): string => (type === 'text' ? 'TEXT' : 'INTEGER');

const createTableSql = (t: TableLayout): string => {
  const columns = t.columns.map((c) => `${q(c.name)} ${sqlType(c.type)}${c.nullable ? '' : ' NOT NULL'}`);
  return `CREATE TABLE IF NOT EXISTS ${q(t.name)} (${columns.join(', ')}, PRIMARY KEY (${q(t.primaryKey)})) STRICT`;
};

const indexSql = (t: TableLayout): string[] =>
  Object.entries({ ...t.lookups, ...t.indexes }).map(([name, columns]) =>
    `CREATE INDEX IF NOT EXISTS ${q(`${t.name}__${name}`)} ON ${q(t.name)} (${columns.map(q).join(', ')})`);

/** Runs synchronous work as a promise, a throw becoming a rejection. */
const settle = <T>(work: () => T): Promise<T> => {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error('read-model operation failed', { cause: error }));
  }
};

export const createSqliteReadModelStore = (db: SqliteDatabase): ReadModelStore => {
  db.exec(`CREATE TABLE IF NOT EXISTS ${CHECKPOINTS} (name TEXT PRIMARY KEY, version INTEGER NOT NULL,
    position INTEGER NOT NULL, generation INTEGER NOT NULL, tables TEXT NOT NULL, updatedAt TEXT NOT NULL) STRICT`);
  const statements = new Map<string, SqliteStatement>();
  const prepared = (sql: string): SqliteStatement => {
    let statement = statements.get(sql);
    if (statement === undefined) statements.set(sql, (statement = db.prepare(sql)));
    return statement;
  };
  // Narrow selects read tuples: their own statements, since raw mode is a statement's setting.
  const tuples = new Map<string, (params: readonly unknown[]) => unknown[]>();
  const tupleReader = (sql: string, columns: readonly string[]): ((params: readonly unknown[]) => unknown[]) => {
    let read = tuples.get(sql);
    if (read === undefined) {
      const statement = db.prepare(sql);
      const raw = statement.raw?.(true);
      const field = (row: unknown, column: string): unknown => (typeof row === 'object' && row !== null ? Reflect.get(row, column) : undefined);
      read = raw === undefined
        ? (params) => statement.all(...params).map((row) => columns.map((c) => field(row, c)))
        : (params) => raw.all(...params);
      tuples.set(sql, read);
    }
    return read;
  };

  // The caller's work runs inside BEGIN IMMEDIATE; synchronous, so nothing else on this connection interleaves.
  const inTransaction = <T>(work: () => T): T => {
    if (db.inTransaction) throw new Error('read-model commit inside another transaction');
    db.exec('BEGIN IMMEDIATE');
    try {
      const result = work();
      db.exec('COMMIT');
      return result;
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw error;
    }
  };

  const insertSql = (t: TableLayout, rows: number): string => {
    const tuple = `(${t.columns.map(() => '?').join(', ')})`;
    return `INSERT OR REPLACE INTO ${q(t.name)} (${t.columns.map((c) => q(c.name)).join(', ')}) VALUES ${Array(rows).fill(tuple).join(', ')}`;
  };

  const upsert = (t: TableLayout, rows: readonly Row[]): void => {
    const names = t.columns.map((c) => c.name);
    const full = prepared(insertSql(t, ROWS_PER_INSERT));
    let i = 0;
    const params: unknown[] = [];
    for (; i + ROWS_PER_INSERT <= rows.length; i += ROWS_PER_INSERT) {
      params.length = 0;
      for (let j = i; j < i + ROWS_PER_INSERT; j++) {
        const row = rows[j];
        if (row !== undefined) for (const name of names) params.push(row[name] ?? null);
      }
      full.run(...params);
    }
    const single = prepared(insertSql(t, 1));
    for (; i < rows.length; i++) {
      const row = rows[i];
      if (row !== undefined) single.run(...names.map((name) => row[name] ?? null));
    }
  };

  const parseRows = <T extends Row>(table: Table<T>, raws: readonly unknown[]): T[] => raws.map((raw) => table.schema.parse(raw));
  const fences = createSqliteCheckpointFence(db);

  const rowReads: RowReads = {
    getRow(table, key) {
      return parseRows(table, prepared(`SELECT * FROM ${q(table.name)} WHERE ${q(table.primaryKey)} = ?`).all(key))[0];
    },
    findRows(table, columns, values) {
      // `=` never matches NULL, the same rule the row cache follows for lookups.
      const where = columns.map((c) => `${q(c)} = ?`).join(' AND ');
      return parseRows(table, prepared(`SELECT * FROM ${q(table.name)} WHERE ${where}`).all(...values));
    },
  };

  return {
    dialect: 'sqlite',
    checkpoints: () => settle(() => prepared(`SELECT ${CheckpointColumns.join(', ')} FROM ${CHECKPOINTS} ORDER BY name`).all().map(toCheckpoint)),

    reset: (name, version, tables, dropTables) => settle(() => {
      return inTransaction(() => {
        const previous = prepared(`SELECT ${CheckpointColumns.join(', ')} FROM ${CHECKPOINTS} WHERE name = ?`).all(name).map(toCheckpoint)[0];
        for (const table of new Set([...dropTables, ...tables.map((t) => t.name)])) db.exec(`DROP TABLE IF EXISTS ${q(table)}`);
        for (const table of tables) db.exec(createTableSql(table));
        const checkpoint: Checkpoint = {
          name, version, position: 0, generation: (previous?.generation ?? 0) + 1, tables: tables.map((t) => t.name),
        };
        prepared(`INSERT OR REPLACE INTO ${CHECKPOINTS} (name, version, position, generation, tables, updatedAt)
          VALUES (?, ?, 0, ?, ?, ?)`).run(name, version, checkpoint.generation, JSON.stringify(checkpoint.tables), new Date(0).toISOString());
        return checkpoint;
      });
    }),

    ensureIndexed: (tables) => settle(() => {
      inTransaction(() => {
        for (const table of tables) {
          db.exec(createTableSql(table));
          for (const sql of indexSql(table)) db.exec(sql);
        }
      });
    }),

    commit: (writes: readonly TableWrites[], advances: readonly CheckpointAdvance[], at: string, fence?: FenceToken) => settle(() => {
      inTransaction(() => {
        if (fence !== undefined) fences.admit(fence.lease, fence.token);
        for (const { table, upserts, deletes } of writes) {
          if (upserts.length > 0) upsert(table, upserts);
          const remove = prepared(`DELETE FROM ${q(table.name)} WHERE ${q(table.primaryKey)} = ?`);
          for (const key of deletes) remove.run(key);
        }
        const advance = prepared(`UPDATE ${CHECKPOINTS} SET position = ?, updatedAt = ?
          WHERE name = ? AND position = ? AND generation = ? RETURNING name`);
        for (const a of advances) {
          if (advance.all(a.position, at, a.name, a.expectedPosition, a.expectedGeneration).length !== 1) {
            throw new CheckpointMovedError(`checkpoint ${a.name} is no longer at ${a.expectedPosition} (generation ${a.expectedGeneration})`);
          }
        }
      });
    }),

    highestFence: (lease) => settle(() => fences.highest(lease)),
    rowReads,
    scanTable: (table) => settle(() => prepared(`SELECT * FROM ${q(table.name)}`).all().map(toRow)),

    select(table, where, options = {}) {
      const compiled = compileWhere(where, q);
      const sql = `SELECT ${selectList(options, q)} FROM ${q(table.name)}${compiled.sql === '' ? '' : ` WHERE ${compiled.sql}`}${orderAndLimit(options, q)}`;
      const { columns } = options;
      return settle(() => (columns === undefined
        ? parseRows(table, prepared(sql).all(...compiled.params))
        : columnRows(table, columns)(tupleReader(sql, columns)(compiled.params))));
    },

    // The connection is the event store's: closing it is the store's business.
    close: () => Promise.resolve(),
  };
};
