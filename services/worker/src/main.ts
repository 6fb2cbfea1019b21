// Runs the projection worker standalone: opens the topology the environment describes (the SQLite file under
// DATA_DIR by default; PostgreSQL, EventStoreDB and Redis when configured), rebuilds read models whose version
// changed, catches up, follows new events, answers GET /healthz on WORKER_HEALTH_PORT when set, and closes
// cleanly on SIGINT/SIGTERM.
import { pino } from 'pino';
import { startHealthListener } from './health-listener.js';
import type { HealthListener } from './health-listener.js';
import { openTopology } from './topology.js';
import { checkWorkerHealth, startingHealth } from './worker-health.js';
import { startWorker } from './worker-process.js';
import type { RunningWorker } from './worker-process.js';
import { ConfigError, loadConfig } from './worker-config.js';
import type { WorkerConfig } from './worker-config.js';

const run = async (config: WorkerConfig): Promise<void> => {
  const log = pino({ level: config.logLevel, name: 'worker' });
  const opened = await openTopology({ topology: config.topology, dataDir: config.dataDir, sqliteSynchronous: config.sqliteSynchronous, log });
  log.info(opened.describe, 'topology opened');
  // Listening before the catch-up, which can take minutes: meanwhile the probe hears "starting", not a refusal.
  let started: RunningWorker | null = null;
  const health: HealthListener | null = config.healthPort === null ? null : await startHealthListener({
    port: config.healthPort, log,
    check: () => (started === null ? Promise.resolve(startingHealth()) : checkWorkerHealth({ opened, worker: started, log })),
  });
  const worker = await startWorker({
    opened, log, continuityTickMs: config.continuityTickMs, batchSize: config.batchSize, rebuildBatchSize: config.rebuildBatchSize,
  });
  started = worker;
  let closing = false;
  const close = (signal: string): void => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'closing');
    Promise.resolve(health?.close()).then(() => worker.stop()).then(() => opened.close()).then(() => process.exit(0), (error: unknown) => {
      log.error({ err: error }, 'close failed');
      process.exit(1);
    });
  };
  process.once('SIGINT', close);
  process.once('SIGTERM', close);
  log.info({ checkpoints: worker.runner.checkpoints(), holdsLease: worker.holdsLease() }, 'worker running');
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
