// The ReadModelStore on SQLite (better-sqlite3, the event store's own connection): STRICT tables, multi-row
// INSERT OR REPLACE, BEGIN IMMEDIATE ... COMMIT per batch, and WHERE-as-data compiled to SQL with ? params.
import type { Row, Table, TableLayout } from '@estafet/projections';
import { compileWhere, orderAndLimit, selectList } from './where-sql.js';
import { CHECKPOINTS, CheckpointColumns, columnRows, toCheckpoint, toRow } from './stored-rows.js';
import { createSqliteCheckpointFence } from '../coordination/fencing.js';
import { StaleFencingTokenError } from '../coordination/coordination.js';
import { CommitRefusedError, commitSteps, refusalError, rowsWritten } from './sqlite-commit-steps.js';
import type { CommitStep } from './sqlite-commit-steps.js';
import { createCommitThread } from './sqlite-commit-thread.js';
import type { CommitThread } from './sqlite-commit-thread.js';
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
  /** The file (better-sqlite3 has both): a file-backed database can take large commits on a second connection. */
  readonly name?: string;
  readonly memory?: boolean;
}

export interface SqliteReadModelOptions {
  /**
   * Commits of at least this many rows run on the commit thread (its own connection to the file) while the
   * runner folds on; smaller ones, and every commit of an in-memory database, run on this connection. Default
   * 2,000; 0 turns the thread off.
   */
  readonly threadRows?: number;
}

const SYNCHRONOUS = ['OFF', 'NORMAL', 'FULL', 'EXTRA'] as const;

const q = (name: string): string => `"${name}"`;
const sqlType = (type: 'text' | 'integer'): string => (type === 'text' ? 'TEXT' : 'INTEGER');

const createTableSql = (t: TableLayout): string => {
  const columns = t.columns.map((c) => `${q(c.name)} ${sqlType(c.type)}${c.nullable ? '' : ' NOT NULL'}`);
  return `CREATE TABLE IF NOT EXISTS ${q(t.name)} (${columns.join(', ')}, PRIMARY KEY (${q(t.primaryKey)})) STRICT`;
};

const indexSql = (t: TableLayout): string[] =>
  Object.entries({ ...t.lookups, ...t.indexes }).map(([name, columns]) =>
    `CREATE INDEX IF NOT EXISTS ${q(`${t.name}__${name}`)} ON ${q(t.name)} (${columns.map(q).join(', ')})`);

const DEFAULT_THREAD_ROWS = 2000;

/** The commit thread for a file-backed database, or null (in memory, or turned off). */
const commitThreadFor = (db: SqliteDatabase, rows: number): { commits: CommitThread; rows: number } | null => {
  if (rows <= 0 || db.memory !== false || db.name === undefined || db.name === '' || db.name === ':memory:') return null;
  const level = db.prepare('PRAGMA synchronous').all()[0];
  const value: unknown = typeof level === 'object' && level !== null ? Reflect.get(level, 'synchronous') : undefined;
  const synchronous = typeof value === 'number' ? SYNCHRONOUS[value] : undefined;
  if (synchronous === undefined) return null;
  return { commits: createCommitThread({ path: db.name, synchronous }), rows };
};

/** Runs synchronous work as a promise, a throw becoming a rejection. */
const settle = <T>(work: () => T): Promise<T> => {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error('read-model operation failed', { cause: error }));
  }
};

export const createSqliteReadModelStore = (db: SqliteDatabase, options: SqliteReadModelOptions = {}): ReadModelStore => {
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

  const parseRows = <T extends Row>(table: Table<T>, raws: readonly unknown[]): T[] => raws.map((raw) => table.schema.parse(raw));
  const fences = createSqliteCheckpointFence(db);
  const thread = commitThreadFor(db, options.threadRows ?? DEFAULT_THREAD_ROWS);
  /** Writes on this connection wait for the commit thread: commits land in the order they were made. */
  const afterThread = async <T>(work: () => T): Promise<T> => {
    await thread?.commits.idle();
    return settle(work);
  };

  const runSteps = (steps: Iterable<CommitStep>): void => {
    inTransaction(() => {
      for (const step of steps) {
        const statement = prepared(step.sql);
        for (const params of step.runs) {
          if (step.refusal === undefined) statement.run(...params);
          else if (statement.all(...params).length === 0) throw new CommitRefusedError(step.refusal.kind, step.refusal.message);
        }
      }
    });
  };

  // Cache misses while folding read back rows this runner wrote from typed rows: as tuples, checked column by
  // column (the trust narrow selects use), which costs a fraction of parsing keyed objects through the schema.
  // One reader per table (its layout, not just its name) and key columns, built on the first miss: misses are a
  // hot path of a rebuild.
  const keyedReaders = new WeakMap<TableLayout, Map<string, (params: readonly unknown[]) => Row[]>>();
  const wholeRows = <T extends Row>(table: Table<T>, keyColumns: readonly string[], params: readonly unknown[]): T[] => {
    let readers = keyedReaders.get(table);
    if (readers === undefined) keyedReaders.set(table, (readers = new Map<string, (params: readonly unknown[]) => Row[]>()));
    const id = keyColumns.join('\u0000');
    let read = readers.get(id);
    if (read === undefined) {
      const names = table.columns.map((c) => c.name);
      // `=` never matches NULL, the same rule the row cache follows for lookups.
      const sql = `SELECT ${names.map(q).join(', ')} FROM ${q(table.name)} WHERE ${keyColumns.map((c) => `${q(c)} = ?`).join(' AND ')}`;
      const tuples = tupleReader(sql, names);
      const toRows = columnRows(table, names);
      read = (values) => toRows(tuples(values));
      readers.set(id, read);
    }
    // Every column of the table, each checked against its declared type: the table's whole row type.
    return read(params) as T[];
  };
  const rowReads: RowReads = {
    getRow: (table, key) => wholeRows(table, [table.primaryKey], [key])[0],
    findRows: (table, columns, values) => wholeRows(table, columns, values),
  };

  return {
    dialect: 'sqlite',
    checkpoints: () => settle(() => prepared(`SELECT ${CheckpointColumns.join(', ')} FROM ${CHECKPOINTS} ORDER BY name`).all().map(toCheckpoint)),

    reset: (name, version, tables, dropTables) => afterThread(() => {
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

    ensureIndexed: (tables) => afterThread(() => {
      inTransaction(() => {
        for (const table of tables) {
          db.exec(createTableSql(table));
          for (const sql of indexSql(table)) db.exec(sql);
        }
      });
    }),

    async commit(writes: readonly TableWrites[], advances: readonly CheckpointAdvance[], at: string, fence?: FenceToken) {
      const steps = commitSteps(writes, advances, at, fence);
      try {
        if (thread !== null && rowsWritten(writes) >= thread.rows) await thread.commits.run(steps);
        else await afterThread(() => runSteps(steps));
      } catch (error) {
        if (!(error instanceof CommitRefusedError)) throw error;
        throw refusalError(error, () => new StaleFencingTokenError(fence?.lease ?? '', fence?.token ?? 0, fences.highest(fence?.lease ?? '') ?? 0));
      }
    },

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

    // The connection is the event store's: closing it is the store's business; the commit thread is ours.
    close: async () => {
      await thread?.commits.close();
    },
  };
};
