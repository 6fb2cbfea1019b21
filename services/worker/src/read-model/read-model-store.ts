// The one interface between the projection runner (and queries) and a database: tables created and dropped,
// checkpoints, keyed reads for cache misses, one-transaction commits, and WHERE-as-data selects. SQL dialect
// differences live behind it (sqlite-dialect.ts, postgres-dialect.ts).
import type { Row, RowQuery, Table } from '@estafet/projections';
import type { TableLayout } from '@estafet/projections';

export interface Checkpoint {
  readonly name: string;
  readonly version: number;
  /** Global position of the last event folded into the read model. */
  readonly position: number;
  /** Bumped by every reset, so a runner holding an older generation cannot commit over a rebuild. */
  readonly generation: number;
  /** The table names the read model had when it was last reset, so a changed layout can be dropped. */
  readonly tables: readonly string[];
}

export interface TableWrites {
  readonly table: TableLayout;
  readonly upserts: readonly Row[];
  readonly deletes: readonly string[];
}

export interface CheckpointAdvance {
  readonly name: string;
  readonly position: number;
  /** The checkpoint must still be at this position and generation, or the commit rolls back. */
  readonly expectedPosition: number;
  readonly expectedGeneration: number;
}

/** Another runner (or a rebuild) moved a checkpoint under this one: its cached state is stale. */
export class CheckpointMovedError extends Error {
  readonly code = 'CHECKPOINT_MOVED';
}

/** A lease token to admit inside the commit's transaction (coordination/fencing.ts). */
export interface FenceToken {
  readonly lease: string;
  readonly token: number;
}

/** Reads for cache misses while folding, where the database answers synchronously (SQLite: a function call). */
export interface RowReads {
  getRow<T extends Row>(table: Table<T>, key: string): T | undefined;
  findRows<T extends Row>(table: Table<T>, columns: readonly string[], values: readonly (string | number | null)[]): T[];
}

export interface ReadModelStore extends RowQuery {
  readonly dialect: 'sqlite' | 'postgres';
  checkpoints(): Promise<Checkpoint[]>;
  /** Drops the old tables, creates the new ones without their secondary indexes and sets the checkpoint to 0. */
  reset(name: string, version: number, tables: readonly TableLayout[], dropTables: readonly string[]): Promise<Checkpoint>;
  /** Creates missing tables and every lookup and query index (idempotent). */
  ensureIndexed(tables: readonly TableLayout[]): Promise<void>;
  /**
   * Row writes and checkpoint advances in one transaction; CheckpointMovedError rolls everything back, and so
   * does StaleFencingTokenError when `fence` is given and a newer lease holder has committed.
   */
  commit(writes: readonly TableWrites[], advances: readonly CheckpointAdvance[], at: string, fence?: FenceToken): Promise<void>;
  /** The highest lease token committed under, the floor for the next acquire. */
  highestFence(lease: string): Promise<number | null>;
  /**
   * Synchronous reads for cache misses, or null where every read is a network round trip (PostgreSQL): the
   * runner then holds its tables whole in memory, loaded once through scanTable.
   */
  readonly rowReads: RowReads | null;
  /** Every row of a table, for a runner that keeps it whole in memory. */
  scanTable(table: TableLayout): Promise<Row[]>;
  /** Releases what the store opened itself (a pool); a store on a borrowed connection leaves it open. */
  close(): Promise<void>;
}
