// Opens what a Topology describes, the same way for the API and the worker: the event store (SQLite file,
// PostgreSQL or EventStoreDB), the read-model store beside it, the continuity checkpoints, and the
// coordination (Redis or in process). The store handed out publishes each new head and records cache
// invalidations, so every node and every browser hears of every append.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createEventStoreDbEventStore, createPostgresEventStore, createSqliteEventStore } from '@estafet/ledger';
import type { EventStore, SqliteEventStore } from '@estafet/ledger';
import { createSqliteCheckpoints } from './continuity/continuity-checkpoints.js';
import type { CheckpointStore } from './continuity/continuity-checkpoints.js';
import { createPostgresCheckpoints } from './continuity/postgres-checkpoints.js';
import { createCoordination } from './coordination/create-coordination.js';
import { coordinatedStore } from './coordination/coordinated-store.js';
import type { Coordination, CoordinationLog } from './coordination/coordination.js';
import { createPostgresReadModelStore } from './read-model/postgres-dialect.js';
import type { ReadModelStore } from './read-model/read-model-store.js';
import { createSqliteReadModelStore } from './read-model/sqlite-dialect.js';
import type { Topology } from './topology-config.js';
import { LEDGER_FILE_NAME } from './worker-config.js';


export interface OpenTopologyOptions {
  readonly topology: Topology;
  readonly dataDir: string;
  readonly sqliteSynchronous: 'FULL' | 'NORMAL';
  readonly log: CoordinationLog;
  readonly clock?: () => Date;
  /** Use this coordination instead of making one (tests share one between nodes); the caller closes it. */
  readonly coordination?: Coordination;
}

export interface OpenedTopology {
  /** Appends publish their head and record cache invalidations. */
  readonly store: EventStore;
  /** The raw SQLite store when the ledger is a SQLite file (durability reports, embedded read models). */
  readonly sqliteStore: SqliteEventStore | null;
  readonly readModels: ReadModelStore;
  readonly processCheckpoints: CheckpointStore;
  readonly coordination: Coordination;
  /** A short description for start-up logs, without credentials. */
  readonly describe: Record<string, string>;
  /** Closes what was opened here, in reverse order of opening. */
  close(): Promise<void>;
}

const withoutCredentials = (url: string): string => {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    parsed.username = '';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
};

const openStore = async (options: OpenTopologyOptions): Promise<{ store: EventStore; sqlite: SqliteEventStore | null }> => {
  const { topology, clock } = options;
  const clockOption = clock === undefined ? {} : { clock };
  switch (topology.eventStore.kind) {
    case 'sqlite': {
      await mkdir(options.dataDir, { recursive: true });
      const sqlite = createSqliteEventStore({ path: join(options.dataDir, LEDGER_FILE_NAME), synchronous: options.sqliteSynchronous, ...clockOption });
      return { store: sqlite, sqlite };
    }
    case 'postgres':
      return { store: await createPostgresEventStore({ connectionString: topology.eventStore.url, schema: topology.eventStore.schema, ...clockOption }), sqlite: null };
    case 'eventstoredb':
      return { store: await createEventStoreDbEventStore({ connectionString: topology.eventStore.url, ...clockOption }), sqlite: null };
  }
};

export const openTopology = async (options: OpenTopologyOptions): Promise<OpenedTopology> => {
  const { topology, log } = options;
  const { store: raw, sqlite } = await openStore(options);
  const opened: (() => Promise<void>)[] = [() => raw.close()];
  const closeAll = async (): Promise<void> => {
    for (const close of opened.reverse()) await close();
  };
  try {
    let readModels: ReadModelStore;
    let processCheckpoints: CheckpointStore;
    if (topology.readModels.kind === 'postgres') {
      const postgres = await createPostgresReadModelStore({ connectionString: topology.readModels.url, schema: topology.readModels.schema });
      opened.push(() => postgres.close());
      readModels = postgres;
      processCheckpoints = await createPostgresCheckpoints(postgres.pool, postgres.schema);
    } else {
      if (sqlite === null) throw new Error('read models in SQLite need the SQLite event store; set READ_MODEL_URL');
      readModels = createSqliteReadModelStore(sqlite.db);
      processCheckpoints = createSqliteCheckpoints(sqlite.db);
    }
    const coordination = options.coordination ?? createCoordination({
      redisUrl: topology.redis?.url ?? null,
      log,
      // While Redis is away, heads appended by other nodes are polled from the store.
      headSource: () => raw.headPosition(),
      ...(topology.redis === null ? {} : { keyPrefix: topology.redis.keyPrefix }),
    });
    if (options.coordination === undefined) opened.push(() => coordination.close());
    return {
      store: coordinatedStore(raw, coordination),
      sqliteStore: sqlite,
      readModels,
      processCheckpoints,
      coordination,
      describe: {
        eventStore: topology.eventStore.kind === 'sqlite' ? `sqlite ${join(options.dataDir, LEDGER_FILE_NAME)}`
          : topology.eventStore.kind === 'postgres' ? `postgres ${withoutCredentials(topology.eventStore.url)} schema ${topology.eventStore.schema}`
            : `eventstoredb ${withoutCredentials(topology.eventStore.url)}`,
        readModels: topology.readModels.kind === 'sqlite' ? 'sqlite (the ledger file)'
          : `postgres ${withoutCredentials(topology.readModels.url)} schema ${topology.readModels.schema}`,
        coordination: coordination.mode,
      },
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
};
