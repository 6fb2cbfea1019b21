// Shared by the read-model store tests (not loaded otherwise): the `test_people` table, with a lookup and an
// index, and the three people a test starts from, so the SQLite and PostgreSQL suites test the same table.
import { z } from 'zod';
import { defineTable } from '@estafet/projections';
import type { ReadModelStore } from './read-model-store.js';

export const people = defineTable({
  name: 'test_people',
  schema: z.object({ id: z.string(), team: z.string().nullable(), age: z.int() }),
  primaryKey: 'id',
  lookups: { byTeam: ['team'] },
  indexes: { byAge: ['age'] },
});
export type Person = z.infer<typeof people.schema>;

export const SEED_AT = '2024-01-01T00:00:00.000Z';
/** Two people in team x, one in no team (a null a lookup must never match). */
export const SEED: readonly Person[] = [{ id: 'a', team: 'x', age: 30 }, { id: 'b', team: 'x', age: 40 }, { id: 'c', team: null, age: 50 }];

/** Resets projection `test` (version 1) over `people`, indexes it and commits SEED at position 1; the reset checkpoint. */
export const seedPeople = async (store: ReadModelStore) => {
  const checkpoint = await store.reset('test', 1, [people], []);
  await store.ensureIndexed([people]);
  await store.commit([{ table: people, upserts: SEED, deletes: [] }],
    [{ name: 'test', position: 1, expectedPosition: 0, expectedGeneration: checkpoint.generation }], SEED_AT);
  return checkpoint;
};
