// Runs the projection worker standalone: opens the ledger under DATA_DIR, rebuilds read models whose version
// changed, catches up, follows new events, and closes cleanly on SIGINT/SIGTERM.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pino } from 'pino';
import { createSqliteEventStore } from '@estafet/ledger';
import { continuityProjection } from '@estafet/projections';
import { createSqliteProjections } from './embedded-worker.js';
import { DEFAULT_PROJECTIONS } from './default-projections.js';
import { startContinuityProcess } from './continuity/continuity-process.js';
import { createSqliteCheckpoints } from './continuity/continuity-checkpoints.js';
import { ConfigError, LEDGER_FILE_NAME, loadConfig } from './worker-config.js';
import type { WorkerConfig } from './worker-config.js';

const run = async (config: WorkerConfig): Promise<void> => {
  const log = pino({ level: config.logLevel, name: 'worker' });
  await mkdir(config.dataDir, { recursive: true });
  const store = createSqliteEventStore({ path: join(config.dataDir, LEDGER_FILE_NAME), synchronous: config.sqliteSynchronous });
  const runner = createSqliteProjections({
    store, log, batchSize: config.batchSize, rebuildBatchSize: config.rebuildBatchSize,
    projections: [...DEFAULT_PROJECTIONS, continuityProjection],
  });
  const continuity = startContinuityProcess({
    store, clock: () => new Date(), logger: log.child({ process: 'continuity' }), tickIntervalMs: 60_000,
    checkpoints: createSqliteCheckpoints(store.db),
  });
  let closing = false;
  const close = (signal: string): void => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'closing');
    continuity.then((process) => process.stop()).then(() => runner.stop()).then(() => store.close()).then(() => process.exit(0), (error: unknown) => {
      log.error({ err: error }, 'close failed');
      process.exit(1);
    });
  };
  process.once('SIGINT', close);
  process.once('SIGTERM', close);
  await runner.start();
  const started = await continuity;
  started.done.catch((error: unknown) => {
    log.error({ err: error }, 'continuity process stopped');
    process.exitCode = 1;
  });
};

// `tap services/worker` runs every file in the folder as a test, this entry point included: there it has
// nothing to test and must not start a worker that never exits.
const launchedAsTest = process.env.TAP === '1';

try {
  if (!launchedAsTest) await run(loadConfig(process.env));
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`Configuration error: ${error.message}\n`);
  process.exit(1);
}
