// Large read-model commits run on the commit thread (a second connection to the file) while the runner folds
// the next batch. The thread must commit exactly what the store's own connection would: the same rows, the
// same refusals (a moved checkpoint, a stale fencing token), nothing of a failed commit, and a runner whose
// commit failed in flight resumes to the same read model as a clean rebuild.
import t from 'tap';
import type { Test } from 'tap';
import type { SqliteEventStore } from '@estafet/ledger';
import {
  CheckpointMovedError, createProjectionRunner, createSqliteReadModelStore, DEFAULT_PROJECTIONS, StaleFencingTokenError,
} from '@estafet/worker';
import { people, seedPeople, SEED_AT } from '../../services/worker/src/read-model/people-test-fixtures.js';
import { appendSyntheticLog } from './synthetic-log.js';
import { checkpointRows, dumpReadModel, openStore, steppingClock, tempLedger } from './worker-fixture.js';

/** Bumped on this connection only when ANOTHER connection commits: proof a commit ran on the thread. */
const dataVersion = (store: SqliteEventStore): unknown => store.db.pragma('data_version', { simple: true });

const seeded = async (t: Test, events = 600): Promise<SqliteEventStore> => {
  const store = openStore(t, await tempLedger(t), steppingClock());
  await appendSyntheticLog(store, { events });
  return store;
};

const rebuildWith = async (store: SqliteEventStore, threadRows: number, batch: number) => {
  const readModel = createSqliteReadModelStore(store.db, { threadRows });
  const runner = createProjectionRunner({ store, readModel, projections: DEFAULT_PROJECTIONS, batchSize: batch, rebuildBatchSize: batch });
  const before = dataVersion(store);
  await runner.rebuild();
  const dump = dumpReadModel(store);
  const threaded = dataVersion(store) !== before;
  await runner.stop();
  await readModel.close();
  return { dump, threaded, checkpoints: runner.checkpoints() };
};

t.test('a rebuild committed by the thread, batches overlapping, equals one committed on the store connection', async (t) => {
  const store = await seeded(t);
  const local = await rebuildWith(store, 0, 50);
  t.notOk(local.threaded, 'threadRows 0: every commit ran on the store connection');
  const threaded = await rebuildWith(store, 1, 50);
  t.ok(threaded.threaded, 'the commits ran on another connection');
  t.same(threaded.dump, local.dump, 'same rows in every table');
  t.same(threaded.checkpoints, local.checkpoints);
  t.same(checkpointRows(store).map((row) => (row as { position: number }).position), [600, 600]);
  t.ok((threaded.dump.org_holders ?? []).length > 0, 'the log produced rows');
});

t.test('the thread refuses like the store connection: a moved checkpoint, a stale token; nothing of either is written', async (t) => {
  const store = openStore(t, await tempLedger(t));
  const readModel = createSqliteReadModelStore(store.db, { threadRows: 1 });
  t.teardown(() => readModel.close());
  const checkpoint = await seedPeople(readModel);
  const count = (): unknown => store.db.prepare('SELECT count(*) FROM test_people').pluck().get();
  const write = (id: string, expectedPosition: number, fence?: { lease: string; token: number }) => readModel.commit(
    [{ table: people, upserts: [{ id, team: 'y', age: 20 }], deletes: [] }],
    [{ name: 'test', position: expectedPosition + 1, expectedPosition, expectedGeneration: checkpoint.generation }], SEED_AT, fence);

  await t.rejects(write('d', 0), { code: 'CHECKPOINT_MOVED' }, 'the checkpoint is at 1, not 0');
  t.ok(await write('d', 0).catch((error: unknown) => error instanceof CheckpointMovedError));
  t.equal(count(), 3, 'the refused row was rolled back');
  await write('d', 1, { lease: 'worker', token: 5 });
  t.ok(await write('e', 2, { lease: 'worker', token: 4 }).catch((error: unknown) => error instanceof StaleFencingTokenError), 'a lower token after 5 committed');
  await t.rejects(write('e', 2, { lease: 'worker', token: 4 }), { code: 'STALE_FENCING_TOKEN', token: 4, highest: 5 });
  t.equal(count(), 4);
  await write('e', 2, { lease: 'worker', token: 5 });
  t.equal(await readModel.highestFence('worker'), 5);
  t.same((await readModel.checkpoints()).map((c) => c.position), [3]);
  t.equal(count(), 5);
});

t.test('a statement failing on the thread rolls its commit back and names the cause; the next commit goes through', async (t) => {
  const store = openStore(t, await tempLedger(t));
  const readModel = createSqliteReadModelStore(store.db, { threadRows: 1 });
  t.teardown(() => readModel.close());
  const checkpoint = await seedPeople(readModel);
  store.db.exec(`CREATE TRIGGER refuse_z BEFORE INSERT ON test_people WHEN NEW.id = 'z' BEGIN SELECT RAISE(ABORT, 'disk full (injected)'); END`);
  const rows = [{ id: 'y', team: 'y', age: 1 }, { id: 'z', team: 'y', age: 2 }];
  await t.rejects(readModel.commit([{ table: people, upserts: rows, deletes: [] }],
    [{ name: 'test', position: 2, expectedPosition: 1, expectedGeneration: checkpoint.generation }], SEED_AT), /disk full \(injected\)/);
  t.same(store.db.prepare('SELECT id FROM test_people ORDER BY id').pluck().all(), ['a', 'b', 'c'], 'y was rolled back with z');
  await readModel.commit([{ table: people, upserts: [rows[0] ?? { id: 'y', team: null, age: 0 }], deletes: ['a'] }],
    [{ name: 'test', position: 2, expectedPosition: 1, expectedGeneration: checkpoint.generation }], SEED_AT);
  t.same(store.db.prepare('SELECT id FROM test_people ORDER BY id').pluck().all(), ['b', 'c', 'y']);
});

t.test('a commit failing in flight while the next batch folds: the runner reloads, and resumes to a clean rebuild', async (t) => {
  const store = await seeded(t);
  const readModel = createSqliteReadModelStore(store.db, { threadRows: 1 });
  t.teardown(() => readModel.close());
  let applied = 0;
  // Armed while folding: the trigger is in the file, so the thread's next commit of holder rows fails.
  const arming = DEFAULT_PROJECTIONS.map((projection) => ({
    ...projection,
    apply: (...args: Parameters<typeof projection.apply>) => {
      if ((applied += 1) === 200) {
        store.db.exec(`CREATE TRIGGER refuse_holders BEFORE INSERT ON org_holders BEGIN SELECT RAISE(ABORT, 'disk full (injected)'); END`);
      }
      return projection.apply(...args);
    },
  }));
  const runner = createProjectionRunner({ store, readModel, projections: arming, batchSize: 50, rebuildBatchSize: 50 });
  await t.rejects(runner.catchUp(), /disk full \(injected\)/);
  const stuck = Object.values(runner.checkpoints());
  t.ok(stuck.every((position) => position < 600), 'stopped before the head');
  t.same(checkpointRows(store).map((row) => (row as { position: number }).position), stuck, 'the runner holds what the file holds');
  t.match(String(runner.lastFailure()?.error), /disk full \(injected\)/, 'the runner reports why its last batch failed');
  store.db.exec('DROP TRIGGER refuse_holders');
  await runner.catchUp();
  t.same(Object.values(runner.checkpoints()), [600, 600]);
  t.equal(runner.lastFailure(), null, 'a batch committed since: the failure is over');
  const resumed = dumpReadModel(store);
  await runner.rebuild();
  t.same(resumed, dumpReadModel(store), 'the resumed read model equals a clean rebuild');
  await runner.stop();
});

t.test('a commit that fails while the next batch is still folding is waited for, never an unhandled rejection', async (t) => {
  const store = await seeded(t, 300);
  const local = createSqliteReadModelStore(store.db, { threadRows: 0 });
  let commits = 0;
  // A store whose reads yield to the event loop (as PostgreSQL's do) and whose third commit fails at once.
  const readModel = { ...local, commit: (...args: Parameters<typeof local.commit>) => ((commits += 1) === 3
    ? Promise.reject(new Error('connection lost (injected)'))
    : local.commit(...args)) };
  const yielding = new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'readAll') {
        return async (filter: Parameters<typeof store.readAll>[0]) => {
          await new Promise((resolve) => setImmediate(resolve));
          return target.readAll(filter);
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  const unhandled: unknown[] = [];
  const record = (reason: unknown): void => {
    unhandled.push(reason);
  };
  process.on('unhandledRejection', record);
  t.teardown(() => process.off('unhandledRejection', record));
  const runner = createProjectionRunner({ store: yielding, readModel, projections: DEFAULT_PROJECTIONS, batchSize: 20, rebuildBatchSize: 20 });
  await t.rejects(runner.catchUp(), /connection lost \(injected\)/);
  await new Promise((resolve) => setImmediate(resolve));
  t.same(unhandled, [], 'the failed commit was handled by the runner');
  t.same(Object.values(runner.checkpoints()), [40, 40], 'the two commits before it stand');
  await runner.catchUp();
  t.same(Object.values(runner.checkpoints()), [300, 300]);
  await runner.stop();
});
