// The one interface between the projection runner (and queries) and a database: tables created and dropped,
// checkpoints, keyed reads for cache misses, one-transaction commits, and WHERE-as-data selects. SQL dialect
// differences live behind it (sqlite-dialect.ts now, a PostgreSQL one later).
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

export interface ReadModelStore extends RowQuery {
  readonly dialect: string;
  checkpoints(): Checkpoint[];
  /** Drops the old tables, creates the new ones without their secondary indexes and sets the checkpoint to 0. */
  reset(name: string, version: number, tables: readonly TableLayout[], dropTables: readonly string[]): Checkpoint;
  /** Creates missing tables and every lookup and query index (idempotent). */
  ensureIndexed(tables: readonly TableLayout[]): void;
  /** Row writes and checkpoint advances in one transaction; CheckpointMovedError rolls everything back. */
  commit(writes: readonly TableWrites[], advances: readonly CheckpointAdvance[], at: string): void;
  /** Reads for cache misses while folding; synchronous on SQLite, where a read is a function call. */
  getRow<T extends Row>(table: Table<T>, key: string): T | undefined;
  findRows<T extends Row>(table: Table<T>, columns: readonly string[], values: readonly (string | number | null)[]): T[];
}
