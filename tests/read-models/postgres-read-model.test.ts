// The PostgreSQL read-model store on its own: tables reset and indexed, batches committed in one transaction
// with their checkpoint (or not at all), WHERE-as-data selects, fencing, whole-table scans, SQLite's byte order
// for text, several stores starting at once on a new schema, and the continuity process's checkpoints.
import t from 'tap';
import type { Test } from 'tap';
import { z } from 'zod';
import pg from 'pg';
import { defineTable } from '@estafet/projections';
import type { Condition } from '@estafet/projections';
import { createSqliteEventStore } from '@estafet/ledger';
import { CheckpointMovedError, createPostgresCheckpoints, createPostgresReadModelStore, createSqliteReadModelStore } from '@estafet/worker';
import type { ReadModelStore } from '@estafet/worker';
import { databaseUrl } from '../store-contract/postgres-url.js';
import { freshSchema, postgresReadModel } from './postgres-schema.js';
import { people, SEED, SEED_AT, seedPeople } from '../../services/worker/src/read-model/people-test-fixtures.js';
import type { Person } from '../../services/worker/src/read-model/people-test-fixtures.js';

const retired = defineTable({ name: 'test_retired', schema: z.object({ id: z.string() }), primaryKey: 'id', lookups: {} });

const all = (store: ReadModelStore): Promise<Person[]> => store.select(people, [], { orderBy: ['id'] });
const sqliteReadModel = (t: Test): ReadModelStore => {
  const file = createSqliteEventStore({ path: ':memory:' });
  t.teardown(() => file.close());
  return createSqliteReadModelStore(file.db);
};

const url = await databaseUrl();
if (url === null) {
  t.plan(0, 'PostgreSQL read models skipped: DATABASE_URL is unset and nothing answers at 127.0.0.1:5432');
} else {
  t.test('reset, ensureIndexed, commit and a select for every condition', async (t) => {
    const store = await postgresReadModel(t, url);
    t.equal(store.dialect, 'postgres');
    t.equal(store.rowReads, null, 'no synchronous reads: the runner holds tables whole');
    const checkpoint = await seedPeople(store);
    t.same(checkpoint, { name: 'test', version: 1, position: 0, generation: 1, tables: ['test_people'] });
    t.same(await store.checkpoints(), [{ ...checkpoint, position: 1 }], 'the commit moved the checkpoint');
    await store.ensureIndexed([people]);
    const { rows: indexes } = await store.pool.query<{ indexname: string }>(
      'SELECT indexname FROM pg_indexes WHERE schemaname = $1 AND tablename = $2 ORDER BY indexname', [store.schema, 'test_people']);
    t.same(indexes.map((i) => i.indexname), ['test_people__byAge', 'test_people__byTeam', 'test_people_pkey'], 'lookups and indexes, once');

    const ids = async (where: readonly Condition<Person>[]): Promise<string[]> => (await store.select(people, where, { orderBy: ['id'] })).map((p) => p.id);
    t.same(await ids([{ column: 'age', op: 'eq', value: 40 }]), ['b']);
    t.same(await ids([{ column: 'age', op: 'gt', value: 30 }, { column: 'age', op: 'lte', value: 50 }]), ['b', 'c']);
    t.same(await ids([{ column: 'age', op: 'lt', value: 40 }]), ['a']);
    t.same(await ids([{ column: 'age', op: 'gte', value: 40 }]), ['b', 'c']);
    t.same(await ids([{ column: 'team', op: 'isNull' }]), ['c']);
    t.same(await ids([{ column: 'team', op: 'notNull' }, { column: 'age', op: 'lt', value: 40 }]), ['a']);
    t.same(await ids([{ column: 'team', op: 'eq', value: 'x' }]), ['a', 'b'], '= never matches null');
    t.same(await ids([{ column: 'id', op: 'in', values: ['c', 'a', 'zz'] }]), ['a', 'c']);
    t.same(await ids([{ column: 'age', op: 'in', values: [] }]), [], 'an empty in matches nothing');
    t.same(await ids([{ anyOf: [[{ column: 'age', op: 'eq', value: 30 }], [{ column: 'team', op: 'isNull' }]] }]), ['a', 'c']);
    t.same(await ids([{ anyOf: [] }]), [], 'no alternative matches nothing');
    t.same(await ids([{ anyOf: [[]] }]), ['a', 'b', 'c'], 'an empty alternative matches everything');
    t.same((await store.select(people, [], { orderBy: ['age'], limit: 1 })).map((p) => p.id), ['a']);
    t.same((await store.select(people, [], { orderBy: ['team', 'age'] })).map((p) => p.id), ['c', 'a', 'b'], 'null first, as SQLite');
    t.same(await store.select(people, [{ column: 'id', op: 'eq', value: 'b' }]), [{ id: 'b', team: 'x', age: 40 }]);
    t.equal(typeof (await all(store))[0]?.age, 'number', 'BIGINT comes back as a number');

    await store.commit([{ table: people, upserts: [{ id: 'b', team: 'y', age: 41 }, { id: 'd', team: null, age: 1 }], deletes: ['a'] }], [], SEED_AT);
    t.same(await all(store), [{ id: 'b', team: 'y', age: 41 }, { id: 'c', team: null, age: 50 }, { id: 'd', team: null, age: 1 }],
      'an upsert replaces, a delete removes');

    // More rows than one INSERT can carry parameters for (65,535): the store splits them.
    const many = Array.from({ length: 25_000 }, (_, i): Person => ({ id: `p${String(i).padStart(5, '0')}`, team: i % 2 === 0 ? 'even' : null, age: i }));
    await store.commit([{ table: people, upserts: many, deletes: [] }], [], SEED_AT);
    t.equal((await store.select(people, [{ column: 'id', op: 'gte', value: 'p' }])).length, 25_000, 'a 75,000-parameter batch');

    const again = await store.reset('test', 2, [people], ['test_retired']);
    t.same(again, { name: 'test', version: 2, position: 0, generation: 2, tables: ['test_people'] }, 'a reset bumps the generation');
    t.same(await all(store), [], 'and empties the tables');
  });

  t.test('a reset drops the tables a read model no longer has', async (t) => {
    const store = await postgresReadModel(t, url);
    await store.reset('test', 1, [people, retired], []);
    await store.reset('test', 2, [people], ['test_retired']);
    const { rows } = await store.pool.query<{ tablename: string }>('SELECT tablename FROM pg_tables WHERE schemaname = $1 ORDER BY tablename', [store.schema]);
    t.same(rows.map((r) => r.tablename), ['estafet_lease_fences', 'estafet_projection_checkpoints', 'test_people']);
  });

  t.test('a checkpoint moved under a commit rolls the whole batch back', async (t) => {
    const store = await postgresReadModel(t, url);
    const { generation } = await seedPeople(store);
    const batch = [{ table: people, upserts: [{ id: 'e', team: 'z', age: 9 }], deletes: ['a'] }];
    const error = await store.commit(batch, [{ name: 'test', position: 5, expectedPosition: 0, expectedGeneration: generation }], SEED_AT).catch((e: unknown) => e);
    t.ok(error instanceof CheckpointMovedError, 'another runner moved it to 1');
    t.match(error, { code: 'CHECKPOINT_MOVED' });
    await t.rejects(store.commit(batch, [{ name: 'test', position: 5, expectedPosition: 1, expectedGeneration: generation + 1 }], SEED_AT),
      { code: 'CHECKPOINT_MOVED' }, 'a generation that was never reached');
    t.same(await all(store), SEED, 'nothing of either batch was stored');
    t.equal((await store.checkpoints())[0]?.position, 1);

    // A reset between a runner's read and its commit: its old generation cannot commit over the rebuild.
    await store.reset('test', 1, [people], []);
    await t.rejects(store.commit(batch, [{ name: 'test', position: 2, expectedPosition: 0, expectedGeneration: generation }], SEED_AT),
      { code: 'CHECKPOINT_MOVED' });
    t.same(await all(store), [], 'the rebuilt table stays empty');
  });

  t.test('fencing: an older lease token cannot commit once a newer one has', async (t) => {
    const store = await postgresReadModel(t, url);
    const { generation } = await seedPeople(store);
    t.equal(await store.highestFence('worker'), null, 'no token recorded yet');
    await store.commit([], [], SEED_AT, { lease: 'worker', token: 3 });
    await store.commit([], [], SEED_AT, { lease: 'worker', token: 3 });
    t.equal(await store.highestFence('worker'), 3, 'one holder commits many batches under one token');
    await store.commit([], [], SEED_AT, { lease: 'worker', token: 5 });
    const stale = store.commit([{ table: people, upserts: [{ id: 'e', team: 'x', age: 1 }], deletes: ['a'] }],
      [{ name: 'test', position: 2, expectedPosition: 1, expectedGeneration: generation }], SEED_AT, { lease: 'worker', token: 4 });
    await t.rejects(stale, { code: 'STALE_FENCING_TOKEN', name: 'StaleFencingTokenError' }, 'token 4 after token 5');
    t.same(await all(store), SEED, 'nothing of its batch was stored');
    t.equal((await store.checkpoints())[0]?.position, 1, 'nor its checkpoint');
    t.equal(await store.highestFence('worker'), 5);
    t.equal(await store.highestFence('other-lease'), null, 'leases are fenced apart');

    // Two holders committing at once queue on the fence row: the newest token always wins.
    const outcomes = await Promise.allSettled([7, 6].map((token) => store.commit([], [], SEED_AT, { lease: 'worker', token })));
    t.equal(outcomes[0]?.status, 'fulfilled');
    t.equal(await store.highestFence('worker'), 7);
  });

  t.test('scanTable reads every row back as stored', async (t) => {
    const store = await postgresReadModel(t, url);
    await seedPeople(store);
    const scanned = await store.scanTable(people);
    t.same([...scanned].sort((a, b) => String(a['id']).localeCompare(String(b['id']))), SEED);
    t.equal(typeof scanned[0]?.['age'], 'number');
    await t.rejects(store.scanTable(retired), { code: '42P01' }, 'a table that does not exist is an error, not an empty answer');
  });

  t.test('text orders and compares as on SQLite: bytes, not a locale', async (t) => {
    const keys = ['a', 'B', 'Z', 'b', '_x', 'é', 'E', 'e', '10', '9', 'a b', 'ab', 'A', 'ä', 'z', '~', ' lead'];
    const rows = keys.map((id, i): Person => ({ id, team: i % 3 === 0 ? null : `t${keys[(i * 7) % keys.length] ?? ''}`, age: i % 4 }));
    const postgres = await postgresReadModel(t, url);
    const sqlite = sqliteReadModel(t);
    for (const store of [postgres, sqlite]) {
      const { generation } = await store.reset('test', 1, [people], []);
      await store.commit([{ table: people, upserts: rows, deletes: [] }], [{ name: 'test', position: 1, expectedPosition: 0, expectedGeneration: generation }], SEED_AT);
    }
    const byId = (await all(postgres)).map((p) => p.id);
    t.same(byId, [...keys].sort(), 'JavaScript sorts UTF-16 units, the same as UTF-8 bytes for these keys');
    t.ok(byId.indexOf('B') < byId.indexOf('a') && byId.indexOf('Z') < byId.indexOf('a'), "'B' < 'a' and 'Z' < 'a'");
    t.same(byId, (await all(sqlite)).map((p) => p.id), 'the same order as SQLite');
    const questions: { where: Condition<Person>[]; orderBy: (keyof Person)[] }[] = [
      { where: [{ column: 'id', op: 'gt', value: 'Z' }], orderBy: ['id'] },
      { where: [{ column: 'id', op: 'lt', value: 'a' }], orderBy: ['id'] },
      { where: [{ column: 'id', op: 'gte', value: 'B' }, { column: 'id', op: 'lte', value: 'b' }], orderBy: ['id'] },
      { where: [], orderBy: ['team', 'id'] },
      { where: [], orderBy: ['age', 'team', 'id'] },
      { where: [{ column: 'team', op: 'notNull' }], orderBy: ['team', 'age', 'id'] },
    ];
    for (const { where, orderBy } of questions) {
      t.strictSame(await postgres.select(people, where, { orderBy }), await sqlite.select(people, where, { orderBy }), JSON.stringify({ where, orderBy }));
    }
  });

  t.test('several stores starting at once on a new schema: created once, no race', async (t) => {
    const schema = freshSchema();
    const stores = await Promise.all([1, 2, 3, 4].map(() => createPostgresReadModelStore({ connectionString: url, schema, maxConnections: 2 })));
    t.teardown(async () => {
      await stores[0]?.dropSchema();
      await Promise.all(stores.map((store) => store.close()));
    });
    await Promise.all(stores.map((store) => store.ensureIndexed([people])));
    const [first, second] = stores;
    if (first === undefined || second === undefined) throw new Error('four stores were opened');
    await seedPeople(first);
    t.same(await all(second), SEED, 'one schema, seen from every store');
    t.same(await second.checkpoints(), await first.checkpoints());
    await t.rejects(createPostgresReadModelStore({ connectionString: url, schema: 'Robert"; DROP' }), /lower-case SQL identifier/);
  });

  t.test('the continuity checkpoints: saved, loaded, never moved back', async (t) => {
    const store = await postgresReadModel(t, url);
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    t.teardown(() => pool.end());
    // Workers starting at once create the table under the schema's lock.
    const [checkpoints, other] = await Promise.all([createPostgresCheckpoints(pool, store.schema), createPostgresCheckpoints(pool, store.schema)]);
    if (checkpoints === undefined || other === undefined) throw new Error('two checkpoint stores were opened');
    t.equal(await checkpoints.load('continuity'), 0, 'nothing saved yet');
    await checkpoints.save('continuity', 120);
    t.equal(await other.load('continuity'), 120);
    await other.save('continuity', 80);
    t.equal(await checkpoints.load('continuity'), 120, 'a lower position does not move it back');
    await Promise.all([checkpoints.save('continuity', 300), other.save('continuity', 200)]);
    t.equal(await checkpoints.load('continuity'), 300, 'two workers saving at once keep the higher');
    t.equal(await checkpoints.load('another'), 0, 'names are kept apart');
    t.equal(typeof await checkpoints.load('continuity'), 'number');
  });
}
