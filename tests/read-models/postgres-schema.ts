// A PostgreSQL read-model store on a fresh random schema, dropped (and its pool closed) when the test ends.
import { randomBytes } from 'node:crypto';
import { createPostgresReadModelStore } from '@estafet/worker';
import type { PostgresReadModelStore } from '@estafet/worker';

export interface Teardown {
  teardown(fn: () => void | Promise<void>): void;
}

export const freshSchema = (): string => `estafet_rm_test_${randomBytes(6).toString('hex')}`;

/** Opens a store on `schema` (a fresh one by default); teardown drops the schema once, then closes the pool. */
export const postgresReadModel = async (t: Teardown, url: string, schema = freshSchema()): Promise<PostgresReadModelStore> => {
  const store = await createPostgresReadModelStore({ connectionString: url, schema });
  t.teardown(async () => {
    try {
      await store.dropSchema();
    } finally {
      await store.close();
    }
  });
  return store;
};
