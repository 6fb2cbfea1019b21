// The event store: the SQLite file at `${dataDir}/ledger.db`, opened here and closed when the app closes,
// or a store the caller injects (then the caller owns it and closes it).
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import fp from 'fastify-plugin';
import { createSqliteEventStore } from '@estafet/ledger';
import type { EventStore, SqliteEventStore } from '@estafet/ledger';
import type { ApiConfig } from '../config.js';

export interface StoreDurability {
  readonly journalMode: string;
  readonly synchronous: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    store: EventStore;
    /** The SQLite store when the app opened it itself (embedded mode); null for an injected store. */
    ownedSqliteStore: SqliteEventStore | null;
    /** The durability SQLite reports having in effect; null for an injected store that does not say. */
    storeDurability(): StoreDurability | null;
  }
}

export interface StorePluginOptions {
  readonly config: Pick<ApiConfig, 'dataDir' | 'sqliteSynchronous'>;
  readonly clock: () => Date;
  readonly store?: EventStore;
}

export const LEDGER_FILE_NAME = 'ledger.db';

export default fp<StorePluginOptions>(async (app, { config, clock, store: injected }) => {
  if (injected !== undefined) {
    app.decorate('store', injected);
    app.decorate('ownedSqliteStore', null);
    app.decorate('storeDurability', () => null);
    return;
  }
  await mkdir(config.dataDir, { recursive: true });
  const path = join(config.dataDir, LEDGER_FILE_NAME);
  const store = createSqliteEventStore({ path, clock, synchronous: config.sqliteSynchronous });
  app.decorate('store', store);
  app.decorate('ownedSqliteStore', store);
  app.decorate('storeDurability', () => store.durability());
  app.addHook('onClose', async () => {
    await store.close();
  });
  app.log.info({ durability: store.durability() }, 'event store opened');
}, { name: 'store' });
