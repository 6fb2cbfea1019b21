// A projection runner on PostgreSQL read models picks up where it left off: stopped mid-way and started again
// (a new process: new pool, tables loaded whole from the database), or failing mid-way and retrying, it ends
// with exactly the rows of a run that was never interrupted, without rebuilding anything.
import t from 'tap';
import type { Test } from 'tap';
import { join } from 'node:path';
import { createSqliteEventStore } from '@estafet/ledger';
import type { EventStore, SqliteEventStore } from '@estafet/ledger';
import { continuityProjection } from '@estafet/projections';
import type { Row } from '@estafet/projections';
import { DEFAULT_PROJECTIONS, createPostgresReadModelStore, createProjectionRunner } from '@estafet/worker';
import type { ProjectionRunner, ReadModelStore } from '@estafet/worker';
import { databaseUrl } from '../store-contract/postgres-url.js';
import { appendSyntheticLog } from '../worker/synthetic-log.js';
import { steppingClock } from '../worker/worker-fixture.js';
import { freshSchema, postgresReadModel } from './postgres-schema.js';

const PROJECTIONS = [...DEFAULT_PROJECTIONS, continuityProjection];
const EVENTS = 1600;
const BATCH = 200;

/** Every row of every projection table, in key order. */
const dump = async (readModel: ReadModelStore): Promise<Record<string, unknown[]>> => {
  const rows: Record<string, unknown[]> = {};
  for (const table of PROJECTIONS.flatMap((p) => p.tables)) {
    const key = (row: Row): string => String(row[table.primaryKey]);
    rows[table.name] = (await readModel.scanTable(table)).sort((a, b) => (key(a) < key(b) ? -1 : 1));
  }
  return rows;
};

const ledger = async (t: Test): Promise<SqliteEventStore> => {
  const store = createSqliteEventStore({ path: join(t.testdir(), 'ledger.db'), clock: steppingClock(), synchronous: 'NORMAL' });
  t.teardown(() => store.close());
  await appendSyntheticLog(store, { events: EVENTS });
  return store;
};

const runnerOn = (t: Test, store: EventStore, readModel: ReadModelStore, clock?: () => Date): ProjectionRunner => {
  const runner = createProjectionRunner({
    store, readModel, projections: PROJECTIONS, batchSize: BATCH, rebuildBatchSize: BATCH, ...(clock === undefined ? {} : { clock }),
  });
  t.teardown(() => runner.stop());
  return runner;
};

/** The same log folded in one go, for comparison. */
const uninterrupted = async (t: Test, url: string, store: EventStore): Promise<Record<string, unknown[]>> => {
  const readModel = await postgresReadModel(t, url);
  await createProjectionRunner({ store, readModel, projections: PROJECTIONS }).catchUp();
  return dump(readModel);
};

const url = await databaseUrl();
if (url === null) {
  t.plan(0, 'PostgreSQL read models skipped: DATABASE_URL is unset and nothing answers at 127.0.0.1:5432');
} else {
  t.test('stopped mid-way and started again, a runner resumes from its checkpoint', async (t) => {
    const store = await ledger(t);
    const head = await store.headPosition();
    const expected = await uninterrupted(t, url, store);
    t.ok((expected['org_holders'] ?? []).length > 0 && (expected['timeline_records'] ?? []).length > 0, 'the log folds into rows');

    const schema = freshSchema();
    // The first process's store is closed by the test itself; the second one's drops the schema at teardown.
    const first = await createPostgresReadModelStore({ connectionString: url, schema });
    // The runner stamps every commit with its clock: the second stamp asks it to stop after that batch.
    let commits = 0;
    let stopping = Promise.resolve();
    const runner: ProjectionRunner = runnerOn(t, store, first, () => {
      commits += 1;
      if (commits === 2) stopping = runner.stop();
      return new Date('2024-06-03T03:00:00.000Z');
    });
    await runner.catchUp();
    await stopping;
    const stoppedAt = await first.checkpoints();
    t.same(Object.fromEntries(stoppedAt.map((c) => [c.name, [c.position, c.generation]])),
      Object.fromEntries(PROJECTIONS.map((p) => [p.name, [2 * BATCH, 1]])), 'two batches committed, then it stopped');
    t.ok(2 * BATCH < head, `the log (${head} events) goes on past the checkpoint`);
    await first.close();

    // A new process: its own pool on the same schema, tables read back whole, folding on from the checkpoint.
    const second = await postgresReadModel(t, url, schema);
    const resumed = runnerOn(t, store, second);
    await resumed.catchUp();
    t.same(resumed.checkpoints(), Object.fromEntries(PROJECTIONS.map((p) => [p.name, head])), 'caught up');
    t.same((await second.checkpoints()).map((c) => c.generation), PROJECTIONS.map(() => 1), 'resumed, not rebuilt');
    t.strictSame(await dump(second), expected, 'the same rows as a run that was never interrupted');
  });

  t.test('a batch that fails mid-way keeps nothing; the retry reloads the tables and ends the same', async (t) => {
    const store = await ledger(t);
    const head = await store.headPosition();
    const expected = await uninterrupted(t, url, store);
    let reads = 0;
    // The log becomes unreadable once, in the middle of the third batch.
    const flaky: EventStore = {
      ...store,
      readAll: (filter) => {
        reads += 1;
        return reads === 3 ? Promise.reject(new Error('connection reset by peer')) : store.readAll(filter);
      },
    };
    const readModel = await postgresReadModel(t, url);
    const runner = runnerOn(t, flaky, readModel);
    await t.rejects(runner.catchUp(), /connection reset/);
    t.same((await readModel.checkpoints()).map((c) => c.position), PROJECTIONS.map(() => 2 * BATCH), 'the failed batch left no trace');
    await runner.catchUp();
    t.same((await readModel.checkpoints()).map((c) => c.position), PROJECTIONS.map(() => head), 'caught up on retry');
    t.strictSame(await dump(readModel), expected, 'the same rows as a run that never failed');
  });
}
