// The event store and what sits beside it, opened from the configured topology (the SQLite file at
// `${dataDir}/ledger.db` by default; PostgreSQL or EventStoreDB, read models and Redis when configured) and
// closed when the app closes; or a store the caller injects (then the caller owns it and closes it).
import fp from 'fastify-plugin';
import { openTopology } from '@estafet/worker';
import type { OpenedTopology } from '@estafet/worker';
import type { EventStore, SqliteEventStore } from '@estafet/ledger';
import type { ApiConfig } from '../config.js';

export interface StoreDurability {
  readonly journalMode: string;
  readonly synchronous: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    store: EventStore;
    /** The SQLite store when the app opened it itself (embedded mode); null for an injected or non-SQLite store. */
    ownedSqliteStore: SqliteEventStore | null;
    /** What the app opened from its configuration; null for an injected store. */
    topology: OpenedTopology | null;
    /** The durability SQLite reports having in effect; null where the store does not say. */
    storeDurability(): StoreDurability | null;
  }
}

export interface StorePluginOptions {
  readonly config: Pick<ApiConfig, 'dataDir' | 'sqliteSynchronous' | 'topology'>;
  readonly clock: () => Date;
  readonly store?: EventStore;
}

export default fp<StorePluginOptions>(async (app, { config, clock, store: injected }) => {
  if (injected !== undefined) {
    app.decorate('store', injected);
    app.decorate('ownedSqliteStore', null);
    app.decorate('topology', null);
    app.decorate('storeDurability', () => null);
    return;
  }
  const opened = await openTopology({
    topology: config.topology, dataDir: config.dataDir, sqliteSynchronous: config.sqliteSynchronous, log: app.log, clock,
  });
  const sqlite = opened.sqliteStore;
  app.decorate('store', opened.store);
  app.decorate('ownedSqliteStore', sqlite);
  app.decorate('topology', opened);
  app.decorate('storeDurability', () => sqlite?.durability() ?? null);
  app.addHook('onClose', async () => {
    await opened.close();
  });
  app.log.info({ ...opened.describe, durability: sqlite?.durability() ?? null }, 'event store opened');
}, { name: 'store' });
