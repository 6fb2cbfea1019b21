// The worker package: the projection runner (checkpointed catch-up, rebuilds, live follow), the SQLite
// read-model store, read access for query routes, and configuration.
export { createProjectionRunner } from './projection-runner.js';
export type { ProjectionRunner, ProjectionRunnerOptions, ReadModelReader, RunnerLog } from './projection-runner.js';
export { createSqliteProjections } from './embedded-worker.js';
export type { SqliteProjectionsOptions } from './embedded-worker.js';
export { createPollingReader } from './read-model-reader.js';
export { DEFAULT_PROJECTIONS, ORG_CHART, EMPLOYEE_TIMELINE } from './default-projections.js';
export { createSqliteReadModelStore } from './read-model/sqlite-dialect.js';
export type { SqliteDatabase, SqliteStatement } from './read-model/sqlite-dialect.js';
export { CheckpointMovedError } from './read-model/read-model-store.js';
export type { ReadModelStore, Checkpoint, CheckpointAdvance, TableWrites } from './read-model/read-model-store.js';
export { loadConfig, ConfigError, LEDGER_FILE_NAME } from './worker-config.js';
export type { WorkerConfig } from './worker-config.js';
export { startContinuityProcess } from './continuity/continuity-process.js';
export type { ContinuityProcess, ContinuityProcessOptions, ContinuityLogger } from './continuity/continuity-process.js';
export { createSqliteCheckpoints, createMemoryCheckpoints } from './continuity/continuity-checkpoints.js';
export type { CheckpointStore } from './continuity/continuity-checkpoints.js';
export { continuityRulesFrom } from './continuity/continuity-rules-from-ledger.js';
export { createCoordination } from './coordination/create-coordination.js';
export { coordinatedStore } from './coordination/coordinated-store.js';
export { LeaseLostError, StaleFencingTokenError } from './coordination/coordination.js';
export type { Coordination, HeadNotifications, Leases, Lease, AnswerCache } from './coordination/coordination.js';
