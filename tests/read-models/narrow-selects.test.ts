// Narrow selects (SelectOptions.columns): SQLite, PostgreSQL and the in-memory rows hand back the same rows with
// just the chosen keys, in the same order, and a value that does not fit its column's type is refused.
import t from 'tap';
import type { Test } from 'tap';
import { z } from 'zod';
import { createMemoryRows, defineTable } from '@estafet/projections';
import type { Condition, RowQuery } from '@estafet/projections';
import { createSqliteEventStore } from '@estafet/ledger';
import { createSqliteReadModelStore } from '@estafet/worker';
import type { ReadModelStore } from '@estafet/worker';
import { databaseUrl } from '../store-contract/postgres-url.js';
import { postgresReadModel } from './postgres-schema.js';

const people = defineTable({
  name: 'test_people',
  schema: z.object({ id: z.string(), team: z.string().nullable(), age: z.int(), note: z.string() }),
  primaryKey: 'id',
  lookups: {},
});
type Person = z.infer<typeof people.schema>;
const SEED: Person[] = [
  { id: 'a', team: 'x', age: 30, note: 'first' }, { id: 'b', team: 'x', age: 40, note: 'second' }, { id: 'c', team: null, age: 50, note: 'third' },
];

const seeded = async (store: ReadModelStore): Promise<ReadModelStore> => {
  const { generation } = await store.reset('test', 1, [people], []);
  await store.commit([{ table: people, upserts: SEED, deletes: [] }],
    [{ name: 'test', position: 1, expectedPosition: 0, expectedGeneration: generation }], '2024-01-01T00:00:00.000Z');
  return store;
};

const sqlite = async (t: Test): Promise<ReadModelStore> => {
  const file = createSqliteEventStore({ path: ':memory:' });
  t.teardown(() => file.close());
  return seeded(createSqliteReadModelStore(file.db));
};

const memory = (): RowQuery => {
  const rows = createMemoryRows();
  for (const person of SEED) rows.put(people, person);
  return rows;
};

const questions: { where: Condition<Person>[]; columns: (keyof Person)[] }[] = [
  { where: [], columns: ['id', 'age'] },
  { where: [{ column: 'team', op: 'eq', value: 'x' }], columns: ['team', 'id'] },
  { where: [{ column: 'age', op: 'gte', value: 40 }], columns: ['id', 'team', 'note'] },
  { where: [{ column: 'id', op: 'in', values: ['a', 'c'] }], columns: ['age'] },
];

const answers = async (query: RowQuery) => Promise.all(questions.map(({ where, columns }) => query.select(people, where, { columns, orderBy: ['id'] })));

t.test('SQLite and the in-memory rows: just the chosen columns, the same rows', async (t) => {
  const store = await sqlite(t);
  const found = await answers(store);
  t.strictSame(found[0], [{ id: 'a', age: 30 }, { id: 'b', age: 40 }, { id: 'c', age: 50 }]);
  t.strictSame(found[3], [{ age: 30 }, { age: 50 }]);
  t.strictSame(found, await answers(memory()), 'the in-memory rows answer alike');
  t.strictSame(await store.select(people, [], { orderBy: ['id'] }), SEED, 'without columns, whole rows as before');
});

t.test('a value that does not fit its column is refused', async (t) => {
  const file = createSqliteEventStore({ path: ':memory:' });
  t.teardown(() => file.close());
  const store = await seeded(createSqliteReadModelStore(file.db));
  // A definition that disagrees with what is stored: the narrow read must not pass text off as an integer.
  const broken = defineTable({ name: 'test_people', schema: z.object({ id: z.string(), note: z.int() }), primaryKey: 'id', lookups: {} });
  await t.rejects(store.select(broken, [], { columns: ['note'] }), /test_people\.note holds string, not integer/);
});

const url = await databaseUrl();
if (url !== null) {
  t.test('PostgreSQL answers as SQLite does', async (t) => {
    const postgres = await seeded(await postgresReadModel(t, url));
    t.strictSame(await answers(postgres), await answers(await sqlite(t)));
  });
}
