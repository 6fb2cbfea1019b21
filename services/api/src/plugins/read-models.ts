// The read side the query routes use. Embedded mode (the default) runs the projection runner and the
// continuity process in this process over the configured read-model store; WORKER=external only reads the
// read models a separate `npm run worker` keeps. An injected reader (tests, other topologies) wins over both.
import fp from 'fastify-plugin';
import { createPollingReader, startWorker } from '@estafet/worker';
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
  const opened = app.topology;
  if (readModel !== undefined || opened === null) {
    app.decorate('readModel', readModel ?? null);
    return;
  }
  if (config.worker === 'external') {
    app.decorate('readModel', createPollingReader(opened.readModels));
    return;
  }
  const worker = await startWorker({
    opened, clock, log: app.log, continuityTickMs: config.continuityTickMs,
  });
  app.decorate('readModel', worker.runner.reader);
  // Registered after the store plugin, so this runs before the store closes.
  app.addHook('onClose', async () => {
    await worker.stop();
  });
  app.log.info({ head: await app.store.headPosition(), holdsLease: worker.holdsLease() }, 'embedded worker running');
}, { name: 'read-models', dependencies: ['store'] });
