// `npm run demo`: seeds the demo organisation through the command path into the configured event store: the
// embedded SQLite file under DATA_DIR (default ./data), or PostgreSQL / EventStoreDB when EVENT_STORE says so
// (the same variables as the worker). `--if-empty` (used by `npm start`) leaves a store that has events alone.
import { parseArgs } from 'node:util';
import { createCommandHandler, createEventIdMinter } from '@estafet/ledger';
import { ConfigError, loadConfig, openTopology } from '@estafet/worker';
import { seedDemo } from './demo/seed-demo.js';

const quiet = {
  info: () => undefined,
  warn: (details: object, message: string) => process.stderr.write(`${message} ${JSON.stringify(details)}\n`),
  error: (details: object, message: string) => process.stderr.write(`${message} ${JSON.stringify(details)}\n`),
};

const main = async (): Promise<number> => {
  const { values } = parseArgs({ options: { 'if-empty': { type: 'boolean', default: false }, seed: { type: 'string' } } });
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`Configuration error: ${error.message}\n`);
    return 1;
  }
  const seed = values.seed === undefined ? undefined : Number.parseInt(values.seed, 10);
  if (seed !== undefined && !Number.isSafeInteger(seed)) {
    process.stderr.write('--seed must be an integer\n');
    return 1;
  }
  const opened = await openTopology({ topology: config.topology, dataDir: config.dataDir, sqliteSynchronous: config.sqliteSynchronous, log: quiet });
  const { store } = opened;
  try {
    if ((await store.headPosition()) > 0) {
      if (values['if-empty']) return 0;
      process.stderr.write(`${opened.describe.eventStore ?? 'the event store'} already holds events; the demo seeds an empty store only\n`);
      return 1;
    }
    const handler = createCommandHandler({ store, clock: () => new Date(), newId: createEventIdMinter() });
    const started = Date.now();
    const summary = await seedDemo((command, context) => handler.execute(command, context), { today: new Date(), seed });
    const head = await store.headPosition();
    process.stdout.write(`demo data: ${summary.units} units, ${summary.positions} positions, ${summary.employees} employees; `
      + `${summary.commands} commands, ${head} events in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    return 0;
  } finally {
    await opened.close();
  }
};

process.exitCode = await main();
