// Runs the store contract, unchanged, on the PostgreSQL adapter, each test in its own fresh schema dropped
// afterwards; then the adapter's migration. Skips only when DATABASE_URL is unset and nothing answers at
// 127.0.0.1:5432 (CI always sets DATABASE_URL).
import t from 'tap';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createPostgresEventStore } from '@estafet/ledger';
import { runStoreContract } from './contract.js';
import { databaseUrl } from './postgres-url.js';


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

  t.test('postgres: migrate is idempotent, safe to race, and refuses a newer schema', async (t) => {
    const schema = `estafet_test_${randomBytes(8).toString('hex')}`;
    t.teardown(() => admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).then(() => undefined));
    // Three processes starting at once on a database without the tables.
    const stores = await Promise.all([1, 2, 3].map(() => createPostgresEventStore({ connectionString: url, schema })));
    await stores[0]?.migrate();
    const { rows } = await admin.query<{ version: number }>(`SELECT version FROM "${schema}".schema_version`);
    t.strictSame(rows, [{ version: 1 }], 'created once');
    await Promise.all(stores.map((store) => store.close()));
    await admin.query(`UPDATE "${schema}".schema_version SET version = 2`);
    await t.rejects(createPostgresEventStore({ connectionString: url, schema }), { code: 'SCHEMA_TOO_NEW' }, 'a newer schema is refused');
    await t.rejects(createPostgresEventStore({ connectionString: url, schema: 'Robert"; DROP' }), 'a schema name that is not an identifier is refused');
  });
}
