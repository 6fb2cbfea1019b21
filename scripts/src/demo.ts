// `npm run demo`: seeds the demo organisation into the embedded store under DATA_DIR (default ./data)
// through the command path. `--if-empty` (used by `npm start`) leaves a store that already has events alone.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createCommandHandler, createSqliteEventStore } from '@estafet/ledger';
import { seedDemo } from './demo/seed-demo.js';

const EnvSchema = z.object({ DATA_DIR: z.string().min(1).default('./data') });

const main = async (): Promise<number> => {
  const { values } = parseArgs({ options: { 'if-empty': { type: 'boolean', default: false }, seed: { type: 'string' } } });
  const env = EnvSchema.safeParse(process.env);
  if (!env.success) {
    process.stderr.write(`DATA_DIR: ${env.error.issues[0]?.message ?? 'invalid'}\n`);
    return 1;
  }
  const seed = values.seed === undefined ? undefined : Number.parseInt(values.seed, 10);
  if (seed !== undefined && !Number.isSafeInteger(seed)) {
    process.stderr.write('--seed must be an integer\n');
    return 1;
  }
  mkdirSync(env.data.DATA_DIR, { recursive: true });
  const store = createSqliteEventStore({ path: join(env.data.DATA_DIR, 'ledger.db') });
  try {
    if ((await store.headPosition()) > 0) {
      if (values['if-empty']) return 0;
      process.stderr.write(`${env.data.DATA_DIR}/ledger.db already holds events; the demo seeds an empty store only\n`);
      return 1;
    }
    const handler = createCommandHandler({ store, clock: () => new Date(), newId: randomUUID });
    const started = Date.now();
    const summary = await seedDemo((command, context) => handler.execute(command, context), { today: new Date(), seed });
    const head = await store.headPosition();
    process.stdout.write(`demo data: ${summary.units} units, ${summary.positions} positions, ${summary.employees} employees; `
      + `${summary.commands} commands, ${head} events in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    return 0;
  } finally {
    await store.close();
  }
};

process.exitCode = await main();
