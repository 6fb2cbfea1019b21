// `npm run rebuild -- [name]`: drops one read model (or all) and replays it from the first event, reporting
// events per second. Safe beside a running worker: its next commit sees the new generation and starts over.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createSqliteEventStore } from '@estafet/ledger';
import { DEFAULT_PROJECTIONS } from './default-projections.js';
import { createSqliteProjections } from './embedded-worker.js';
import { ConfigError, LEDGER_FILE_NAME, loadConfig } from './worker-config.js';

const rebuild = async (name: string | undefined): Promise<void> => {
  const config = loadConfig(process.env);
  const known = DEFAULT_PROJECTIONS.map((p) => p.name);
  if (name !== undefined && !known.includes(name)) {
    process.stderr.write(`Unknown read model ${name}; known: ${known.join(', ')}\n`);
    process.exit(2);
  }
  await mkdir(config.dataDir, { recursive: true });
  const store = createSqliteEventStore({ path: join(config.dataDir, LEDGER_FILE_NAME), synchronous: config.sqliteSynchronous });
  try {
    const runner = createSqliteProjections({ store, batchSize: config.batchSize, rebuildBatchSize: config.rebuildBatchSize });
    const head = await store.headPosition();
    const started = performance.now();
    await runner.rebuild(name);
    const seconds = (performance.now() - started) / 1000;
    await runner.stop();
    const rate = seconds > 0 ? Math.round(head / seconds) : head;
    process.stdout.write(`Rebuilt ${name ?? known.join(', ')}: ${head} events in ${seconds.toFixed(2)} s (${rate} events/s)\n`);
  } finally {
    await store.close();
  }
};

// `tap services/worker` runs every file in the folder as a test, this one included: there it rebuilds nothing.
const launchedAsTest = process.env.TAP === '1';

try {
  if (!launchedAsTest) await rebuild(process.argv.slice(2).find((arg) => arg !== '--'));
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`Configuration error: ${error.message}\n`);
  process.exit(1);
}
