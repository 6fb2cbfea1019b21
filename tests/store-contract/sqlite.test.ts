// Runs the store contract on the SQLite adapter, each test on its own temporary database file.
import t from 'tap';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteEventStore } from '@estafet/ledger';
import { runStoreContract } from './contract.js';

void runStoreContract(t, 'sqlite (temporary file, WAL, synchronous=FULL)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'estafet-store-'));
  const store = createSqliteEventStore({ path: join(dir, 'events.db') });
  return {
    store,
    async cleanup() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});
