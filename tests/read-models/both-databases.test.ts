// Read models on SQLite and on PostgreSQL are interchangeable: every projection the worker runs is rebuilt from
// position 0 on both databases from the same ledger (the demo organisation plus corrections, retractions and
// acting officials), and every read-model query route answers the same status and the same JSON from both.
import t from 'tap';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp, loadConfig } from '@estafet/api';
import { createSqliteEventStore } from '@estafet/ledger';
import { continuityProjection } from '@estafet/projections';
import type { OrgChart, OrgChartDiff, Row, TableLayout } from '@estafet/projections';
import { DEFAULT_PROJECTIONS, createProjectionRunner, createSqliteReadModelStore } from '@estafet/worker';
import type { ProjectionRunner, ReadModelStore } from '@estafet/worker';
import { TOKENS, get } from '../api/helper.js';
import type { Teardown } from '../api/helper.js';
import { databaseUrl } from '../store-contract/postgres-url.js';
import { QUERY_NOW, allEvents, recordLaterChanges, seedDemoLedger } from './demo-ledger.js';
import type { DemoLedger } from './demo-ledger.js';
import { READ_MODEL_ROUTES, queryPlan } from './query-urls.js';
import { postgresReadModel } from './postgres-schema.js';

const PROJECTIONS = [...DEFAULT_PROJECTIONS, continuityProjection];
const IN_FLIGHT = 8;
/** Routes that read the log or nothing: every other GET route must be in READ_MODEL_ROUTES. */
const LOG_ROUTES = ['/events', '/events/stream', '/events/{eventId}', '/events/verify', '/healthz', '/openapi.json'];

/** Rows in primary-key order (keys are text: code-unit order is enough to line two dumps up). */
const byKey = (table: TableLayout, rows: readonly Row[]): Row[] =>
  [...rows].sort((a, b) => (String(a[table.primaryKey]) < String(b[table.primaryKey]) ? -1 : 1));

const seconds = (from: number): string => `${((performance.now() - from) / 1000).toFixed(1)} s`;

const url = await databaseUrl();
if (url === null) {
  t.plan(0, 'PostgreSQL read models skipped: DATABASE_URL is unset and nothing answers at 127.0.0.1:5432');
} else {
  t.test('every projection rebuilt on SQLite and on PostgreSQL answers every query alike', async (t) => {
    const dir = t.testdir();
    let started = performance.now();
    const ledger = await seedDemoLedger(t, dir);
    t.comment(`demo ledger: ${ledger.seeded} commands, ${await ledger.store.headPosition()} events in ${seconds(started)}`);

    // A: SQLite, in a file of its own beside the ledger. B: PostgreSQL, in a fresh schema.
    const readModelFile = createSqliteEventStore({ path: join(dir, 'read-models.db'), synchronous: 'NORMAL' });
    t.teardown(() => readModelFile.close());
    const sqlite = createSqliteReadModelStore(readModelFile.db);
    const postgres = await postgresReadModel(t, url);
    const runner = (readModel: ReadModelStore): ProjectionRunner => {
      const built = createProjectionRunner({ store: ledger.store, readModel, projections: PROJECTIONS, clock: () => QUERY_NOW });
      t.teardown(() => built.stop());
      return built;
    };
    const runnerA = runner(sqlite);
    const runnerB = runner(postgres);
    const appA = await queryApp(t, dir, ledger, runnerA);
    const appB = await queryApp(t, dir, ledger, runnerB);

    // The later changes go through app A's command routes; neither runner has folded anything yet.
    started = performance.now();
    const later = await recordLaterChanges(appA, ledger);
    const events = await allEvents(ledger.store);
    const head = events.at(-1)?.globalPosition ?? 0;
    t.comment(`later changes and continuity reactions: ${head} events in all, ${seconds(started)}`);
    t.same(runnerA.checkpoints(), runnerB.checkpoints(), 'both runners start from the same place');
    t.ok(Object.values(runnerA.checkpoints()).every((position) => position === 0), 'and that place is position 0');

    started = performance.now();
    await runnerA.catchUp();
    t.comment(`rebuilt on SQLite in ${seconds(started)}`);
    started = performance.now();
    await runnerB.catchUp();
    t.comment(`rebuilt on PostgreSQL in ${seconds(started)}`);
    const everywhere = Object.fromEntries(PROJECTIONS.map((p) => [p.name, head]));
    t.same(runnerA.checkpoints(), everywhere, 'SQLite folded the whole log');
    t.same(runnerB.checkpoints(), everywhere, 'PostgreSQL folded the whole log');

    t.test('every table holds the same rows', async (t) => {
      for (const table of PROJECTIONS.flatMap((p) => p.tables)) {
        const rows = byKey(table, await sqlite.scanTable(table));
        t.strictSame(byKey(table, await postgres.scanTable(table)), rows, `${table.name}: ${rows.length} rows`);
        t.ok(rows.length > 0, `${table.name} is not empty`);
      }
    });

    t.test('every read-model route answers the same from both', async (t) => {
      const spec = (await get(appA, '/openapi.json')).json<{ paths: Record<string, Record<string, unknown>> }>();
      const getRoutes = Object.entries(spec.paths).filter(([, methods]) => 'get' in methods).map(([path]) => path);
      t.same(getRoutes.filter((path) => !LOG_ROUTES.includes(path)).sort(), [...READ_MODEL_ROUTES].sort(),
        'the GET routes that read read models are exactly the ones compared here');

      const plan = queryPlan(events, later);
      const statuses = new Map<string, number[]>();
      started = performance.now();
      // A few questions in flight at once keep the PostgreSQL pool busy; the answers are compared in order.
      for (let from = 0; from < plan.urls.length; from += IN_FLIGHT) {
        const paths = plan.urls.slice(from, from + IN_FLIGHT);
        const answers = await Promise.all(paths.map((path) => Promise.all([get(appA, path), get(appB, path)])));
        answers.forEach(([a, b], i) => {
          const path = paths[i] ?? '';
          t.equal(b.statusCode, a.statusCode, `status of ${path}`);
          t.strictSame(b.json(), a.json(), path);
          const route = plan.routeOf.get(path) ?? path;
          statuses.set(route, [...(statuses.get(route) ?? []), a.statusCode]);
        });
      }
      t.comment(`${plan.urls.length} queries on each database in ${seconds(started)}`);
      for (const route of READ_MODEL_ROUTES) {
        const answered = statuses.get(route) ?? [];
        t.ok(answered.filter((status) => status === 200).length >= 1, `${route}: ${answered.length} queries, answered 200 at least once`);
      }
      t.ok((statuses.get('/employees/{nip}/timeline') ?? []).includes(404), 'an unknown NIP is asked too');
    });

    t.test('the answers are not trivially equal: the picture is full and shows the later changes', async (t) => {
      const chart = (await get(appB, '/org-chart?asOf=2025-06-16')).json<OrgChart>();
      const positions = chart.units.flatMap((u) => u.positions);
      t.ok(chart.units.length >= 100, `${chart.units.length} units`);
      t.ok(positions.filter((p) => p.holder !== null).length >= 200, `${positions.filter((p) => p.holder !== null).length} positions held`);
      t.same(positions.find((p) => p.positionId === 'disdik-kepala')?.acting.map((a) => a.kind), ['PLT'], 'the Plt recorded later');
      t.equal(chart.units.find((u) => u.unitId === 'disdik')?.name, 'Dinas Pendidikan Provinsi DKI Jakarta', 'the corrected name');
      const before = (await get(appB, `/org-chart?asOf=2025-06-16&knownAt=${encodeURIComponent(later.knownBefore)}`)).json<OrgChart>();
      t.equal(before.units.find((u) => u.unitId === 'disdik')?.name, 'Dinas Pendidikan', 'as known before the correction');
      const plh = (await get(appB, '/org-chart?asOf=2025-06-10&unit=dishub&depth=0')).json<OrgChart>();
      t.same(plh.units[0]?.positions.find((p) => p.positionId === 'dishub-kepala')?.acting.map((a) => [a.kind, a.plannedEnd]), [['PLH', '2025-07-31']],
        'the extended Plh');

      const diff = async (from: string, to: string): Promise<OrgChartDiff> => (await get(appB, `/org-chart/diff?from=${from}&to=${to}`)).json<OrgChartDiff>();
      const moves = await diff('2022-01-01', '2025-07-01');
      t.ok(moves.movedAcross.length + moves.movedIn.length + moves.movedOut.length >= 10, 'people moved');
      t.ok((await diff('2022-01-01', '2023-06-30')).positionsCreated.some((p) => p.positionId === later.latePositionId), 'the late position, created');
      t.ok((await diff('2023-06-30', '2025-07-01')).positionsAbolished.some((p) => p.positionId === later.latePositionId), 'and abolished');
      const timeline = (await get(appB, `/employees/${later.correctedNip}/timeline`));
      t.equal(timeline.statusCode, 200);
      t.match(timeline.body, /Putra/, 'the corrected name in the timeline');

      const atRisk = (await get(appB, '/programs?atRisk=true')).json<{ programs: { programId: string }[] }>();
      t.ok(atRisk.programs.length >= 1, `${atRisk.programs.length} programs at risk`);
      const handovers = (await get(appB, '/handovers')).json<{ handovers: { tasksDone: number }[] }>();
      t.ok(handovers.handovers.length >= 2, `${handovers.handovers.length} handover checklists`);
      t.ok(handovers.handovers.some((h) => h.tasksDone >= 1), 'a ticked task');
    });
  });
}

/** An app over the shared ledger whose query routes read `runner`'s read models; "today" is QUERY_NOW. */
async function queryApp(t: Teardown, dir: string, ledger: DemoLedger, runner: ProjectionRunner): Promise<FastifyInstance> {
  const tokens = Object.entries(TOKENS).map(([role, token]) => `${role}:${token}`).join(',');
  const app = await buildApp({
    config: loadConfig({ DATA_DIR: dir, ESTAFET_API_TOKENS: tokens }), store: ledger.store, clock: () => QUERY_NOW, logger: false, readModel: runner.reader,
  });
  t.teardown(() => app.close());
  await app.ready();
  return app;
}
