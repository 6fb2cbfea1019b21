// The API as a node of a multi-machine deployment, for the Redis tests: the real SQLite store wrapped so each
// append publishes its head and records cache invalidations, sharing the test's coordination.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp, loadConfig } from '@estafet/api';
import { createSqliteEventStore } from '@estafet/ledger';
import { coordinatedStore } from '../../services/worker/src/coordination/coordinated-store.js';
import type { Coordination } from '../../services/worker/src/coordination/coordination.js';
import { FIXED_NOW, TOKENS, tempDataDir } from '../api/helper.js';
import type { Teardown } from './redis-fixture.js';

export interface NodeOptions {
  /** Share a ledger file with another node; a fresh directory otherwise. */
  readonly dataDir?: string;
  readonly heartbeatMs?: number;
}

export async function coordinatedApp(t: Teardown, coordination: Coordination, options: NodeOptions = {}): Promise<FastifyInstance> {
  const dataDir = options.dataDir ?? await tempDataDir(t);
  const tokens = Object.entries(TOKENS).map(([role, token]) => `${role}:${token}`).join(',');
  const config = loadConfig({ DATA_DIR: dataDir, ESTAFET_API_TOKENS: tokens });
  const raw = createSqliteEventStore({ path: join(dataDir, 'ledger.db'), synchronous: 'NORMAL', clock: () => FIXED_NOW });
  // Teardowns run last-registered first: the app closes, then its store.
  t.teardown(() => raw.close());
  const app = await buildApp({
    config, store: coordinatedStore(raw, coordination), clock: () => FIXED_NOW, logger: false, coordination,
    ...(options.heartbeatMs === undefined ? {} : { heartbeatMs: options.heartbeatMs }),
  });
  t.teardown(() => app.close());
  await app.ready();
  return app;
}
