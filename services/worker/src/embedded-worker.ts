// The projection runner over a SQLite event store, read models in the same file: what main.ts runs
// standalone and what the API starts in-process in embedded mode (API and worker in one process).
import type { ProjectionDefinition } from '@estafet/projections';
import type { SqliteEventStore } from '@estafet/ledger';
import { DEFAULT_PROJECTIONS } from './default-projections.js';
import { createProjectionRunner } from './projection-runner.js';
import type { ProjectionRunner, RunnerLog } from './projection-runner.js';
import { createSqliteReadModelStore } from './read-model/sqlite-dialect.js';

export interface SqliteProjectionsOptions {
  readonly store: SqliteEventStore;
  readonly log?: RunnerLog;
  readonly batchSize?: number;
  readonly rebuildBatchSize?: number;
  readonly projections?: readonly ProjectionDefinition[];
}

/** A runner over the store's own connection; call start() to catch up and follow, stop() before closing the store. */
export const createSqliteProjections = (options: SqliteProjectionsOptions): ProjectionRunner => createProjectionRunner({
  store: options.store,
  readModel: createSqliteReadModelStore(options.store.db),
  projections: options.projections ?? DEFAULT_PROJECTIONS,
  ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
  ...(options.rebuildBatchSize === undefined ? {} : { rebuildBatchSize: options.rebuildBatchSize }),
  ...(options.log === undefined ? {} : { log: options.log }),
});
