// The API as a fastify instance: infrastructure plugins first (errors, OpenAPI, store, auth, commands),
// then one vertical slice per feature. server.ts listens; tests inject.
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { EventStore } from '@estafet/ledger';
import type { ApiConfig } from './config.js';
import { genReqId, loggerOptions } from './http/logging.js';
import type { LogDestination } from './http/logging.js';
import errorHandler from './plugins/error-handler.js';
import openapi from './plugins/openapi.js';
import storePlugin from './plugins/store.js';
import auth from './plugins/auth.js';
import commands from './plugins/commands.js';
import healthRoutes from './features/health/routes.js';
import eventLogRoutes from './features/event-log/routes.js';
import unitRoutes from './features/units/routes.js';
import positionRoutes from './features/positions/routes.js';
import employeeRoutes from './features/employees/routes.js';
import programRoutes from './features/programs/routes.js';
import complaintRoutes from './features/complaints/routes.js';
import correctionRoutes from './features/corrections/routes.js';
import readModels from './plugins/read-models.js';
import coordinationPlugin from './plugins/coordination.js';
import type { Coordination, ReadModelReader } from '@estafet/worker';
import eventStreamRoutes from './features/event-stream/routes.js';
import orgChartRoutes from './features/org-chart/routes.js';
import timelineRoutes from './features/timelines/routes.js';
import positionHistoryRoutes from './features/position-history/routes.js';
import unitHistoryRoutes from './features/unit-history/routes.js';
import programsQueryRoutes from './features/programs-query/routes.js';
import handoverRoutes from './features/handovers/routes.js';

export interface BuildAppOptions {
  readonly config: ApiConfig;
  /** A store to use instead of `${dataDir}/ledger.db`; the caller keeps ownership and closes it. */
  readonly store?: EventStore;
  /** Where recordedAt and "today" come from; the system clock by default. */
  readonly clock?: () => Date;
  /** Where log lines go (JSON, one per line), or false for none; stdout by default (pretty on a terminal). */
  readonly logger?: LogDestination | false;
  /** Read models to serve queries from instead of the embedded worker's (tests, other topologies). */
  readonly readModel?: ReadModelReader;
  /** Coordination to use with an injected store (tests sharing one between nodes); the caller closes it. */
  readonly coordination?: Coordination;
  /** Comment lines on quiet event streams at this interval; 15 s by default. */
  readonly heartbeatMs?: number;
}

const systemClock = (): Date => new Date();

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config, store, clock = systemClock, logger, readModel, coordination } = options;
  const app: FastifyInstance = Fastify({
    logger: logger === false ? false : loggerOptions(config, logger ?? null),
    genReqId,
    // genReqId reads x-request-id itself, so that an unreasonable value is replaced rather than logged.
    requestIdHeader: false,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });

  try {
    await app.register(errorHandler);
    await app.register(openapi);
    await app.register(storePlugin, { config, clock, ...(store === undefined ? {} : { store }) });
    await app.register(auth, { config });
    await app.register(commands, { config, clock });
    await app.register(coordinationPlugin, { ...(coordination === undefined ? {} : { coordination }) });

    await app.register(healthRoutes);
    await app.register(eventLogRoutes);
    await app.register(unitRoutes);
    await app.register(positionRoutes);
    await app.register(employeeRoutes);
    await app.register(programRoutes);
    await app.register(complaintRoutes);
    await app.register(correctionRoutes);
    await app.register(eventStreamRoutes, {
      coordination: app.coordination, store: app.store, ...(options.heartbeatMs === undefined ? {} : { heartbeatMs: options.heartbeatMs }),
    });

    await app.register(readModels, { config, clock, ...(readModel === undefined ? {} : { readModel }) });
    if (app.readModel !== null) {
      // The as-of cache where every append reaches its invalidation: the app's own topology wraps its store so,
      // and a caller sharing Redis coordination does the same (an injected bare store would leave it stale).
      const cache = app.topology !== null || app.coordination.mode === 'redis' ? { answers: app.coordination.cache, head: () => app.store.headPosition() } : undefined;
      const queryOptions = { readModel: app.readModel, clock, ...(cache === undefined ? {} : { cache }) };
      await app.register(orgChartRoutes, queryOptions);
      await app.register(timelineRoutes, queryOptions);
      await app.register(positionHistoryRoutes, queryOptions);
      await app.register(unitHistoryRoutes, queryOptions);
      await app.register(programsQueryRoutes, { readModels: app.readModel });
      await app.register(handoverRoutes, { readModels: app.readModel, clock });
    }
  } catch (error) {
    // A plugin that failed to load leaves the ones before it open (the store file): close them.
    await app.close();
    throw error;
  }
  return app;
}
