// The read side the query routes use. Embedded mode (the default) runs the projection runner and the
// continuity process in this process over the app's own SQLite file; WORKER=external only reads the read
// models a separate `npm run worker` keeps. An injected reader (tests, other topologies) wins over both.
import fp from 'fastify-plugin';
import { CONTINUITY_ACTOR } from '@estafet/events';
import { continuityProjection } from '@estafet/projections';
import {
  DEFAULT_PROJECTIONS, createPollingReader, createSqliteCheckpoints, createSqliteProjections, createSqliteReadModelStore,
  startContinuityProcess,
} from '@estafet/worker';
import type { ReadModelReader } from '@estafet/worker';
import type { ApiConfig } from '../config.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Null when the app has no read models (an injected store without an injected reader). */
    readModel: ReadModelReader | null;
  }
}

export interface ReadModelsPluginOptions {
  readonly config: Pick<ApiConfig, 'worker' | 'continuityTickMs'>;
  readonly clock: () => Date;
  readonly readModel?: ReadModelReader;
}

export default fp<ReadModelsPluginOptions>(async (app, { config, clock, readModel }) => {
  const store = app.ownedSqliteStore;
  if (readModel !== undefined || store === null) {
    app.decorate('readModel', readModel ?? null);
    return;
  }
  if (config.worker === 'external') {
    app.decorate('readModel', createPollingReader(createSqliteReadModelStore(store.db)));
    return;
  }
  const runner = createSqliteProjections({ store, log: app.log, projections: [...DEFAULT_PROJECTIONS, continuityProjection] });
  await runner.start();
  const continuity = await startContinuityProcess({
    store, clock, logger: app.log.child({ actor: CONTINUITY_ACTOR.id }), tickIntervalMs: config.continuityTickMs,
    checkpoints: createSqliteCheckpoints(store.db),
  });
  continuity.done.catch((error: unknown) => {
    app.log.error({ err: error }, 'continuity process stopped');
  });
  app.decorate('readModel', runner.reader);
  // Registered after the store plugin, so this runs before the store closes.
  app.addHook('onClose', async () => {
    await continuity.stop();
    await runner.stop();
  });
  app.log.info({ head: await store.headPosition() }, 'embedded worker running');
}, { name: 'read-models', dependencies: ['store'] });
