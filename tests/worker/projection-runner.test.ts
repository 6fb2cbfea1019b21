// The runner's contract: batches of any size give the same read model, running twice changes nothing,
// a new projection version rebuilds on start, it follows appends live, and read-your-writes waits are bounded.
import t from 'tap';
import type { Test } from 'tap';
import type { ProjectionDefinition } from '@estafet/projections';
import { FOLDED, defineTable, orgChartProjection } from '@estafet/projections';
import { z } from 'zod';
import {
  CheckpointMovedError, createPollingReader, createProjectionRunner, createSqliteProjections, createSqliteReadModelStore,
  DEFAULT_PROJECTIONS, ORG_CHART,
} from '@estafet/worker';
import type { SqliteEventStore } from '@estafet/ledger';
import { appendSyntheticLog } from './synthetic-log.js';
import { checkpointRows, dumpReadModel, openStore, steppingClock, tempLedger } from './worker-fixture.js';

const seeded = async (t: Test, events = 400): Promise<SqliteEventStore> => {
  const store = openStore(t, await tempLedger(t), steppingClock());
  await appendSyntheticLog(store, { events });
  return store;
};

const runnerOn = (store: SqliteEventStore, options: { batchSize?: number; projections?: readonly ProjectionDefinition[] } = {}) =>
  createProjectionRunner({
    store, readModel: createSqliteReadModelStore(store.db), projections: options.projections ?? DEFAULT_PROJECTIONS,
    batchSize: options.batchSize ?? 5000, rebuildBatchSize: options.batchSize ?? 50_000,
  });

t.test('the batch size does not change the read model', async (t) => {
  const store = await seeded(t);
  const small = runnerOn(store, { batchSize: 7 });
  await small.catchUp();
  const inSmallBatches = dumpReadModel(store);
  await small.stop();
  const large = runnerOn(store, { batchSize: 10_000 });
  await large.rebuild();
  t.same(dumpReadModel(store), inSmallBatches);
  t.ok((inSmallBatches.org_holders ?? []).length > 0, 'the log produced holder intervals');
  await large.stop();
});

t.test('idempotent if run twice: a second runner over a caught-up read model writes nothing', async (t) => {
  const store = await seeded(t);
  const first = runnerOn(store);
  await first.start();
  const once = dumpReadModel(store);
  const checkpoints = checkpointRows(store);
  await first.stop();
  const second = runnerOn(store);
  await second.start();
  t.same(dumpReadModel(store), once);
  t.same(checkpointRows(store), checkpoints, 'same positions, same generations: no rebuild');
  await second.rebuild();
  await second.rebuild();
  t.same(dumpReadModel(store), once, 'rebuilding twice gives the same rows again');
  await second.stop();
});

t.test('a projection whose version changed is rebuilt on start; a changed layout drops the old tables', async (t) => {
  const store = await seeded(t);
  const v1 = runnerOn(store);
  await v1.start();
  await v1.stop();
  const rowsV1 = dumpReadModel(store);
  const generation = (): unknown => store.db.prepare('SELECT generation FROM estafet_projection_checkpoints WHERE name = ?').pluck().get(ORG_CHART);
  t.equal(generation(), 1);

  const v2 = runnerOn(store, { projections: [{ ...orgChartProjection, version: orgChartProjection.version + 1 }] });
  await v2.start();
  t.equal(generation(), 2, 'reset once');
  t.same(dumpReadModel(store).org_holders, rowsV1.org_holders, 'same fold, same rows');
  await v2.stop();

  // A projection of its own that renames its table between versions.
  const counter = (version: number, name: string): ProjectionDefinition => {
    const table = defineTable({ name, schema: z.object({ type: z.string(), count: z.int() }), primaryKey: 'type', lookups: {} });
    return {
      name: 'event-counts', version, eventTypes: ['UnitEstablished', 'UnitRenamed'], tables: [table],
      apply: (e, rows) => {
        rows.put(table, { type: e.event.type, count: (rows.get(table, e.event.type)?.count ?? 0) + 1 });
        return FOLDED;
      },
      refold: () => undefined,
    };
  };
  const tableNames = (): unknown => store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'counts_%' ORDER BY name").pluck().all();
  const c1 = runnerOn(store, { projections: [counter(1, 'counts_a')] });
  await c1.start();
  await c1.stop();
  t.same(tableNames(), ['counts_a']);
  const c2 = runnerOn(store, { projections: [counter(2, 'counts_b')] });
  await c2.start();
  await c2.stop();
  t.same(tableNames(), ['counts_b'], 'the old layout\'s table was dropped, the new one filled');
  t.ok(Number(store.db.prepare('SELECT sum(count) FROM counts_b').pluck().get()) >= 6);
});

t.test('follows appends live; waitForPosition resolves once the read models have them', async (t) => {
  const store = await seeded(t, 100);
  const runner = createSqliteProjections({ store });
  await runner.start();
  t.teardown(() => runner.stop());
  await appendSyntheticLog(store, { events: 60, seed: 99, idOffset: 10_000 });
  const head = await store.headPosition();
  t.equal(await runner.waitForPosition(head, 5000), true);
  t.same(runner.checkpoints(), { 'org-chart': head, 'employee-timeline': head });
  const live = dumpReadModel(store);
  const fresh = runnerOn(store);
  await fresh.rebuild();
  t.same(dumpReadModel(store), live, 'following live equals a rebuild');
  await fresh.stop();
  t.equal(await runner.waitForPosition(head + 1000, 50), false, 'a position never appended times out');
});

t.test('a reader in another process polls the checkpoint table', async (t) => {
  const store = await seeded(t, 50);
  const reader = createPollingReader(createSqliteReadModelStore(store.db), { pollIntervalMs: 5 });
  const head = await store.headPosition();
  const waiting = reader.waitForPosition(head, 5000, [ORG_CHART]);
  const runner = runnerOn(store);
  await runner.catchUp();
  t.equal(await waiting, true);
  t.equal(reader.checkpoint(ORG_CHART), head);
  t.equal(await reader.waitForPosition(head + 1, 30, [ORG_CHART]), false);
  await runner.stop();
});

t.test('a runner whose checkpoint was moved under it (a rebuild elsewhere) rolls back and resumes', async (t) => {
  const store = await seeded(t, 200);
  const slow = runnerOn(store, { batchSize: 20 });
  await slow.catchUp();
  await appendSyntheticLog(store, { events: 40, seed: 5, idOffset: 20_000 });
  const other = runnerOn(store);
  await other.rebuild(ORG_CHART);
  await other.stop();
  await t.rejects(slow.catchUp(), { code: new CheckpointMovedError('').code }, 'its commit is refused');
  await slow.catchUp();
  const resumed = dumpReadModel(store);
  await slow.rebuild();
  t.same(dumpReadModel(store), resumed);
  await slow.stop();
});

t.test('rebuild names a projection that exists', async (t) => {
  const store = await seeded(t, 10);
  const runner = runnerOn(store);
  await t.rejects(runner.rebuild('no-such'), /no projection named no-such/);
  await runner.stop();
});
