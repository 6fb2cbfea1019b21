// The write-back cache against a real SQLite read-model store: misses fall through, cached writes win over
// stored rows, lookups merge both, nothing reaches the database before a commit, and nulls never match.
import t from 'tap';
import type { Test } from 'tap';
import { z } from 'zod';
import { defineTable } from '@estafet/projections';
import { createSqliteEventStore } from '@estafet/ledger';
import { createSqliteReadModelStore } from './sqlite-dialect.js';
import { createRowCache } from './row-cache.js';
import { people, seedPeople } from './people-test-fixtures.js';

const setup = async (t: Test) => {
  const store = createSqliteEventStore({ path: ':memory:' });
  t.teardown(() => store.close());
  const readModel = createSqliteReadModelStore(store.db);
  await seedPeople(readModel);
  return { readModel, count: () => store.db.prepare('SELECT count(*) FROM test_people').pluck().get() };
};

t.test('an incomplete cache reads through and merges its own writes', async (t) => {
  const { readModel, count } = await setup(t);
  const cache = createRowCache(readModel.rowReads);
  cache.attach(people, false);
  t.same(cache.get(people, 'a'), { id: 'a', team: 'x', age: 30 });
  t.equal(cache.get(people, 'zz'), undefined);
  cache.put(people, { id: 'b', team: 'y', age: 41 });
  cache.put(people, { id: 'd', team: 'x', age: 20 });
  cache.delete(people, 'a');
  t.same(cache.find(people, 'byTeam', ['x']).map((p) => p.id).sort(), ['d'], 'b moved away, a deleted, d added');
  t.same(cache.find(people, 'byTeam', ['y']).map((p) => p.id), ['b']);
  t.same(cache.find(people, 'byTeam', [null]), [], 'a lookup never matches null, as in SQL');
  t.equal(count(), 3, 'nothing written before the commit');
  const writes = cache.writes([people]);
  t.same(writes[0]?.deletes, ['a']);
  await readModel.commit(writes, [], '2024-01-01T00:00:01.000Z');
  cache.markClean([people]);
  t.same(await readModel.select(people, [{ column: 'team', op: 'in', values: ['x', 'y'] }], { orderBy: ['id'] }),
    [{ id: 'b', team: 'y', age: 41 }, { id: 'd', team: 'x', age: 20 }]);
  t.same(cache.writes([people]), [], 'clean after markClean');
});

t.test('a complete cache never reads the database; forget makes it read again', async (t) => {
  const { readModel } = await setup(t);
  const cache = createRowCache(readModel.rowReads);
  cache.attach(people, true);
  t.equal(cache.get(people, 'a'), undefined, 'complete: a miss means absent');
  t.same(cache.find(people, 'byTeam', ['x']), []);
  cache.forget([people]);
  t.equal(cache.isComplete('test_people'), false);
  t.same(cache.get(people, 'a')?.age, 30);
  t.throws(() => cache.get(defineTable({ name: 'other_table', schema: z.object({ id: z.string() }), primaryKey: 'id', lookups: {} }), 'x'),
    /not attached/);
});

t.test('evicting clean rows keeps a complete table complete: only evicted keys and lookup values read the database', async (t) => {
  const { readModel } = await setup(t);
  // The stored rows a, b, c stand for rows this cache wrote and committed earlier.
  const cache = createRowCache(readModel.rowReads);
  cache.attach(people, true);
  cache.put(people, { id: 'a', team: 'x', age: 30 });
  cache.put(people, { id: 'c', team: null, age: 50 });
  cache.markClean([people]);
  cache.put(people, { id: 'b', team: 'x', age: 40 });
  t.equal(cache.evictClean([people]), true);
  cache.markClean([people]);
  t.equal(cache.isComplete('test_people'), true, 'still complete');
  t.equal(cache.size(), 1, 'only the row written since the last markClean stays');
  t.equal(cache.get(people, 'zz'), undefined);
  t.same(cache.find(people, 'byTeam', ['x']).map((p) => p.id).sort(), ['a', 'b'], 'an evicted lookup value reads the database');
  t.same(cache.find(people, 'byTeam', ['q']), [], 'a value no evicted row carried does not');
  cache.put(people, { id: 'a', team: 'q', age: 31 });
  t.same(cache.find(people, 'byTeam', ['x']).map((p) => p.id), ['b'], 'cached rows win over stored ones');
  t.same(cache.get(people, 'c'), { id: 'c', team: null, age: 50 }, 'an evicted key reads the database');
  t.equal(cache.evictClean([people]), false, 'c was read since the last eviction: it stays for one more');
  t.equal(cache.evictClean([people]), true, 'unused since, c leaves again');
  t.same(cache.writes([people])[0]?.upserts, [{ id: 'a', team: 'q', age: 31 }], 'dirty rows are never evicted');
});

t.test('a clean row read or found since the last eviction gets a second chance; unused, it leaves at the next', async (t) => {
  const { readModel } = await setup(t);
  const cache = createRowCache(readModel.rowReads);
  cache.attach(people, true);
  for (const id of ['a', 'b', 'c']) cache.put(people, { id, team: id === 'c' ? 'y' : 'x', age: 30 });
  cache.markClean([people]);
  t.equal(cache.get(people, 'a')?.id, 'a');
  t.same(cache.find(people, 'byTeam', ['y']).map((p) => p.id), ['c']);
  t.equal(cache.evictClean([people]), true, 'b, unused, leaves');
  t.equal(cache.size(), 2, 'a (got) and c (found) stay');
  t.same(cache.find(people, 'byTeam', ['x']).map((p) => p.id).sort(), ['a', 'b'], 'the evicted b is read back by its lookup value');
  t.equal(cache.evictClean([people]), true, 'c, unused since, leaves');
  t.equal(cache.size(), 2, 'a and b (found) stay');
  t.equal(cache.get(people, 'c')?.age, 50, 'and is read back from the store (its stored row) when asked for');
});

t.test('without synchronous reads every table is held whole: seeded rows answer, a miss is an absence', async (t) => {
  const { readModel } = await setup(t);
  const cache = createRowCache(null);
  cache.seed(people, await readModel.scanTable(people));
  t.equal(cache.isComplete('test_people'), true);
  t.same(cache.get(people, 'b'), { id: 'b', team: 'x', age: 40 });
  t.same(cache.find(people, 'byTeam', ['x']).map((p) => p.id).sort(), ['a', 'b']);
  t.equal(cache.get(people, 'zz'), undefined);
  t.same(cache.writes([people]), [], 'seeded rows are not dirty');
  cache.forget([people]);
  t.throws(() => cache.get(people, 'a'), /cannot read synchronously/, 'a forgotten table cannot be read on demand');
  t.equal(await readModel.highestFence('runner'), null, 'no fence recorded yet');
  await readModel.commit([], [], '2024-01-01T00:00:02.000Z', { lease: 'runner', token: 3 });
  t.equal(await readModel.highestFence('runner'), 3);
  await t.rejects(readModel.commit([{ table: people, upserts: [{ id: 'e', team: 'x', age: 1 }], deletes: [] }], [], '2024-01-01T00:00:03.000Z',
    { lease: 'runner', token: 2 }), { code: 'STALE_FENCING_TOKEN' }, 'an older token cannot commit');
  t.same((await readModel.select(people, [{ column: 'id', op: 'eq', value: 'e' }])), [], 'and nothing of its batch was stored');


t.test('selects compile every condition', async (t) => {
  const { readModel } = await setup(t);
  const ids = async (where: Parameters<typeof readModel.select<{ id: string; team: string | null; age: number }>>[1]) =>
    (await readModel.select(people, where, { orderBy: ['id'] })).map((p) => p.id);
  t.same(await ids([{ column: 'age', op: 'gt', value: 30 }, { column: 'age', op: 'lte', value: 50 }]), ['b', 'c']);
  t.same(await ids([{ column: 'team', op: 'isNull' }]), ['c']);
  t.same(await ids([{ column: 'team', op: 'notNull' }, { column: 'age', op: 'lt', value: 40 }]), ['a']);
  t.same(await ids([{ anyOf: [[{ column: 'age', op: 'eq', value: 30 }], [{ column: 'team', op: 'isNull' }]] }]), ['a', 'c']);
  t.same(await ids([{ column: 'age', op: 'in', values: [] }]), []);
  t.same(await ids([{ column: 'age', op: 'gte', value: 40 }]), ['b', 'c']);
  t.same((await readModel.select(people, [], { orderBy: ['age'], limit: 1 })).map((p) => p.id), ['a']);
});
});
