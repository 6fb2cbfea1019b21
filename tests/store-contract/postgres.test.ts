// Runs the store contract on the PostgreSQL adapter, each test in its own fresh schema, dropped afterwards.
// Skips only when DATABASE_URL is unset and nothing answers at 127.0.0.1:5432 (CI always sets DATABASE_URL).
import t from 'tap';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createPostgresEventStore } from '@estafet/ledger';
import { runStoreContract } from './contract.js';

const LOCAL_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** DATABASE_URL when set (an unreachable one fails the run); else the local server if it answers; else null. */
async function databaseUrl(): Promise<string | null> {
  const configured = process.env.DATABASE_URL;
  if (configured !== undefined && configured !== '') return configured;
  const probe = new pg.Client({ connectionString: LOCAL_URL, connectionTimeoutMillis: 2000 });
  try {
    await probe.connect();
    return LOCAL_URL;
  } catch {
    return null;
  } finally {
    await probe.end().catch(() => undefined);
  }
}

const url = await databaseUrl();
if (url === null) {
  t.plan(0, 'PostgreSQL contract skipped: DATABASE_URL is unset and nothing answers at 127.0.0.1:5432');
} else {
  const admin = new pg.Pool({ connectionString: url, max: 2 });
  t.teardown(() => admin.end());
  void runStoreContract(t, 'postgres (fresh schema per test)', async () => {
    const schema = `estafet_test_${randomBytes(8).toString('hex')}`;
    const store = await createPostgresEventStore({ connectionString: url, schema });
    return {
      store,
      async cleanup() {
        await store.close();
        await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      },
    };
  });
}
