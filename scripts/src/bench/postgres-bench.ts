// The write measures on PostgreSQL, run when DATABASE_URL is set: the same appends as on SQLite (10 and 100
// events per stream append, batched) and the same command measures over the same generated ledger, each in a
// schema of its own that is dropped afterwards, whatever happened.
import pg from 'pg';
import type { NewEvent } from '@estafet/events';
import { createPostgresEventStore } from '@estafet/ledger';
import type { PostgresEventStore } from '@estafet/ledger';
import { generateJakarta } from '../generate/generate-jakarta.js';
import { appendBatched, appendInShape, withStore } from './append-bench.js';
import { measureCommands } from './command-bench.js';
import type { CommandRates, CommandSizes } from './command-bench.js';
import type { DataSetParams } from './data-sets.js';
import { interleavedMedians } from './stats.js';

export interface PostgresWrites {
  readonly append10: number;
  readonly append100: number;
  readonly batch: number;
  readonly commands: CommandRates;
  /** The server's durability, read back: a figure without it says nothing. */
  readonly fsync: boolean;
  readonly synchronousCommit: boolean;
}

export interface PostgresWriteSizes {
  readonly rounds: number;
  readonly commands: CommandSizes;
}

/** Schema names of one bench run: lower-case identifiers, unique to this process. */
const schemaPrefix = (): string => `estafet_bench_${process.pid}_${Date.now().toString(36)}`;

const serverDurability = async (store: PostgresEventStore): Promise<{ fsync: boolean; synchronousCommit: boolean }> => {
  const { rows } = await store.pool.query<{ name: string; setting: string }>(
    "SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit')");
  const on = (name: string): boolean => rows.some((row) => row.name === name && row.setting === 'on');
  return { fsync: on('fsync'), synchronousCommit: on('synchronous_commit') };
};

/**
 * `events` appended in the three shapes (`rounds` interleaved rounds, medians), then the data set `params`
 * generated into PostgreSQL through the store's batch append and `people` (in post at its end, as read from the
 * SQLite copy of the same ledger: the generator is deterministic) trained by commands.
 */
export const measurePostgresWrites = async (
  connectionString: string, events: readonly NewEvent[], params: DataSetParams, people: readonly string[], sizes: PostgresWriteSizes,
  log: (line: string) => void,
): Promise<PostgresWrites> => {
  const prefix = schemaPrefix();
  const schemas: string[] = [];
  const open = (label: string): Promise<PostgresEventStore> => {
    const schema = `${prefix}_${label}_${schemas.length}`;
    schemas.push(schema);
    return createPostgresEventStore({ connectionString, schema });
  };
  try {
    log(`PostgreSQL appends of ${events.length} events, ${sizes.rounds} interleaved round(s)...`);
    const appends = await interleavedMedians(sizes.rounds, {
      append10: async () => withStore(await open('a10'), (store) => appendInShape(store, events, 10)),
      append100: async () => withStore(await open('a100'), (store) => appendInShape(store, events, 100)),
      batch: async () => withStore(await open('batch'), (store) => appendBatched(store, events)),
    });
    log(`PostgreSQL: generating the ${params.employees}-employee data set through the batch append...`);
    const store = await open('ledger');
    try {
      await generateJakarta({ store, employees: params.employees, years: params.years, seed: params.seed, endDate: params.endDate });
      log('PostgreSQL: commands one at a time and several in flight...');
      const commands = await measureCommands(store, people, sizes.commands, params.endDate);
      return { ...appends, commands, ...await serverDurability(store) };
    } finally {
      await store.close();
    }
  } finally {
    await dropSchemas(connectionString, schemas);
  }
};

/**
 * Connects once and reads the server's version (rejects with the driver's error when nothing answers): a bench asked
 * to measure PostgreSQL finds out at the start, not after the SQLite measures, that it cannot reach it.
 */
export const checkPostgres = async (connectionString: string): Promise<string> => {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    return (await client.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version ?? 'unknown';
  } finally {
    await client.end().catch(() => undefined);
  }
};

const dropSchemas = async (connectionString: string, schemas: readonly string[]): Promise<void> => {
  if (schemas.length === 0) return;
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    // Names made by schemaPrefix: plain lower-case identifiers, so quoting them is enough.
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
};
