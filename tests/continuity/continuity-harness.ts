// End-to-end harness for the continuity process: one SQLite file holding the log and the read models, the API
// (real command handler, auth) with the continuity routes, the projection runner and the continuity process,
// all on one clock the test moves. settle() waits on positions, never on time.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp, loadConfig } from '@estafet/api';
import { createSqliteEventStore } from '@estafet/ledger';
import type { SqliteEventStore } from '@estafet/ledger';
import { TOKENS } from '../api/helper.js';
import type { Teardown } from '../api/helper.js';
import { continuityProjection } from '@estafet/projections';
import { createProjectionRunner } from '../../services/worker/src/projection-runner.js';
import type { ProjectionRunner } from '../../services/worker/src/projection-runner.js';
import { createSqliteReadModelStore } from '../../services/worker/src/read-model/sqlite-dialect.js';
import { startContinuityProcess } from '../../services/worker/src/continuity/continuity-process.js';
import type { ContinuityProcess } from '../../services/worker/src/continuity/continuity-process.js';
import programsQueryRoutes from '../../services/api/src/features/programs-query/routes.js';
import handoverRoutes from '../../services/api/src/features/handovers/routes.js';

export interface Harness {
  readonly app: FastifyInstance;
  readonly store: SqliteEventStore;
  readonly runner: ProjectionRunner;
  readonly process: ContinuityProcess;
  /** Moves the one clock (recordedAt, "today", the time rules). */
  setNow(instant: string): void;
  /** Waits until the process has reacted to everything and the read models have folded it all. */
  settle(): Promise<void>;
}

const quiet = { info: () => undefined, error: () => undefined };

export const startHarness = async (t: Teardown, startAt: string): Promise<Harness> => {
  const dataDir = await mkdtemp(join(tmpdir(), 'estafet-continuity-e2e-'));
  t.teardown(() => rm(dataDir, { recursive: true, force: true }));
  let now = new Date(startAt);
  const clock = (): Date => now;
  const store = createSqliteEventStore({ path: join(dataDir, 'ledger.db'), clock, pollIntervalMs: 10 });
  t.teardown(() => store.close());

  const runner = createProjectionRunner({ store, readModel: createSqliteReadModelStore(store.db), projections: [continuityProjection], clock });
  await runner.start();
  t.teardown(() => runner.stop());
  const process = await startContinuityProcess({ store, clock, logger: quiet, tickIntervalMs: 0 });
  t.teardown(() => process.stop());

  const tokens = Object.entries(TOKENS).map(([role, token]) => `${role}:${token}`).join(',');
  const app = await buildApp({ config: loadConfig({ DATA_DIR: dataDir, ESTAFET_API_TOKENS: tokens }), store, clock, logger: false });
  await app.register(programsQueryRoutes, { readModels: runner.reader });
  await app.register(handoverRoutes, { readModels: runner.reader, clock });
  await app.ready();
  t.teardown(() => app.close());

  return {
    app, store, runner, process,
    setNow: (instant) => {
      now = new Date(instant);
    },
    async settle() {
      for (;;) {
        const head = await store.headPosition();
        await process.reached(head);
        if (!await runner.waitForPosition(head, 5000)) throw new Error(`read models did not reach ${head}`);
        if (await store.headPosition() === head) return;
      }
    },
  };
};
