// CLI: generates a synthetic DKI Jakarta into a SQLite file (default ./data/jakarta.db) or PostgreSQL, with a
// progress bar on stderr and a summary table on stdout. `npm run generate -- --help` lists the options.
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createPostgresEventStore, createSqliteEventStore } from '@estafet/ledger';
import type { EventStore, PostgresEventStore } from '@estafet/ledger';
import { USAGE, UsageError, loadGenerateConfig } from './generate/cli-options.js';
import type { GenerateCliConfig } from './generate/cli-options.js';
import { createProgressReporter, formatSummary } from './generate/cli-report.js';
import { generateJakarta } from './generate/generate-jakarta.js';

/** The store already holds events and --force was not given. */
class StoreNotEmptyError extends Error {
  readonly code = 'STORE_NOT_EMPTY';
}

interface OpenedStore {
  readonly store: EventStore;
  readonly location: string;
  /** Bytes on disk, read after the store is closed. */
  size(): Promise<number | null>;
  close(): Promise<void>;
}

const SQLITE_FILES = ['', '-wal', '-shm'];

async function openSqlite(config: GenerateCliConfig): Promise<OpenedStore> {
  const path = resolve(config.out);
  mkdirSync(dirname(path), { recursive: true });
  if (existsSync(path) && statSync(path).size > 0) {
    if (config.force) {
      for (const suffix of SQLITE_FILES) rmSync(`${path}${suffix}`, { force: true });
    } else {
      const existing = createSqliteEventStore({ path });
      const head = await existing.headPosition().finally(() => existing.close());
      if (head > 0) throw new StoreNotEmptyError(`${path} already holds ${head} events; pass --force to replace it`);
    }
  }
  // A bulk load: NORMAL skips the fsync per commit; an interrupted run is simply generated again.
  const store = createSqliteEventStore({ path, synchronous: 'NORMAL' });
  return {
    store, location: path, close: () => store.close(),
    size: () => Promise.resolve(SQLITE_FILES.reduce((n, suffix) => n + (existsSync(`${path}${suffix}`) ? statSync(`${path}${suffix}`).size : 0), 0)),
  };
}

async function openPostgres(config: GenerateCliConfig): Promise<OpenedStore> {
  const connectionString = config.databaseUrl ?? '';
  let store: PostgresEventStore = await createPostgresEventStore({ connectionString, schema: config.schema });
  const head = await store.headPosition();
  if (head > 0) {
    if (!config.force) {
      await store.close();
      throw new StoreNotEmptyError(`schema ${config.schema} already holds ${head} events; pass --force to replace it`);
    }
    // The schema name was checked to be a plain lower-case identifier, so quoting it is enough.
    await store.pool.query(`DROP SCHEMA IF EXISTS "${config.schema}" CASCADE`);
    await store.close();
    store = await createPostgresEventStore({ connectionString, schema: config.schema });
  }
  const opened = store;
  let bytes: number | null = null;
  return {
    store: opened, location: `schema ${config.schema}`,
    async close() {
      const result = await opened.pool.query<{ bytes: string | null }>(
        `SELECT sum(pg_total_relation_size(c.oid))::text AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = $1 AND c.relkind = 'r'`, [config.schema]);
      const text = result.rows[0]?.bytes;
      bytes = text === null || text === undefined ? null : Number(text);
      await opened.close();
    },
    size: () => Promise.resolve(bytes),
  };
}

async function main(): Promise<number> {
  let config: GenerateCliConfig | null;
  try {
    config = loadGenerateConfig(process.argv.slice(2), process.env, new Date());
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (config === null) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let opened: OpenedStore;
  try {
    opened = config.store === 'sqlite' ? await openSqlite(config) : await openPostgres(config);
  } catch (error) {
    if (!(error instanceof StoreNotEmptyError)) throw error;
    process.stderr.write(`generate: ${error.message}\n`);
    return 1;
  }
  const progress = createProgressReporter(process.stderr, () => performance.now());
  try {
    const summary = await generateJakarta({
      store: opened.store, employees: config.employees, years: config.years, seed: config.seed, endDate: config.endDate,
      batchSize: config.batchSize, onProgress: (p) => progress.update(p),
    });
    progress.done();
    await opened.close();
    process.stdout.write(formatSummary(summary, { store: config.store, location: opened.location, sizeBytes: await opened.size() }));
    return 0;
  } catch (error) {
    progress.done();
    // The generation error is the one to report; a failure to close after it is mentioned, not hidden.
    await opened.close().catch((closeError: unknown) => {
      process.stderr.write(`generate: closing the store also failed: ${closeError instanceof Error ? closeError.message : String(closeError)}\n`);
    });
    throw error;
  }
}

main().then((code) => {
  process.exitCode = code;
}, (error: unknown) => {
  process.stderr.write(`generate failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exitCode = 1;
});
