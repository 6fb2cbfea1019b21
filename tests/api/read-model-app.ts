// An API app with the read-model query routes and the projection runner in the same process (embedded
// mode), over the real SQLite store and command handler: the setup of the org-chart and history tests.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp, loadConfig } from '@estafet/api';
import { createSqliteEventStore } from '@estafet/ledger';
import { createSqliteProjections } from '@estafet/worker';
import type { ProjectionRunner } from '@estafet/worker';
import orgChartRoutes from '../../services/api/src/features/org-chart/routes.js';
import timelineRoutes from '../../services/api/src/features/timelines/routes.js';
import positionHistoryRoutes from '../../services/api/src/features/position-history/routes.js';
import unitHistoryRoutes from '../../services/api/src/features/unit-history/routes.js';
import { TOKENS, tempDataDir } from './helper.js';
import type { Teardown } from './helper.js';

export interface ReadModelApp {
  readonly app: FastifyInstance;
  readonly runner: ProjectionRunner;
}

/** A clock one second further on each call from 2024-06-03 10:00 in Jakarta, so every event has its own instant. */
export const steppingClock = (): (() => Date) => {
  let tick = 0;
  return () => new Date(Date.UTC(2024, 5, 3, 3, 0, 0) + (tick += 1) * 1000);
};

export async function buildWithReadModels(t: Teardown, options: { readonly waitTimeoutMs?: number } = {}): Promise<ReadModelApp> {
  const dataDir = await tempDataDir(t);
  const clock = steppingClock();
  const store = createSqliteEventStore({ path: join(dataDir, 'ledger.db'), clock, synchronous: 'NORMAL' });
  t.teardown(() => store.close());
  const runner = createSqliteProjections({ store });
  await runner.start();
  t.teardown(() => runner.stop());
  const tokens = Object.entries(TOKENS).map(([role, token]) => `${role}:${token}`).join(',');
  const app = await buildApp({ config: loadConfig({ DATA_DIR: dataDir, ESTAFET_API_TOKENS: tokens }), store, clock, logger: false });
  t.teardown(() => app.close());
  const routeOptions = { readModel: runner.reader, clock, ...(options.waitTimeoutMs === undefined ? {} : { waitTimeoutMs: options.waitTimeoutMs }) };
  // Once app.ts registers these itself, the app already has them and the test uses its wiring.
  if (!app.hasRoute({ method: 'GET', url: '/org-chart' })) await app.register(orgChartRoutes, routeOptions);
  if (!app.hasRoute({ method: 'GET', url: '/employees/:nip/timeline' })) await app.register(timelineRoutes, routeOptions);
  if (!app.hasRoute({ method: 'GET', url: '/positions/:positionId/history' })) await app.register(positionHistoryRoutes, routeOptions);
  if (!app.hasRoute({ method: 'GET', url: '/units/:unitId/history' })) await app.register(unitHistoryRoutes, routeOptions);
  await app.ready();
  return { app, runner };
}
