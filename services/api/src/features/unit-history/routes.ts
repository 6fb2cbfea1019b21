// GET /units/{id}/history: a unit's names, kinds and parents over time and who headed it (holders, Plt,
// Plh of its leadership positions), from the org-chart read model.
import type { FastifyPluginCallback } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { UnitIdSchema } from '@estafet/events';
import { UnitHistorySchema, queryUnitHistory } from '@estafet/projections';
import { NotFoundError } from '@estafet/ledger';
import { ORG_CHART } from '@estafet/worker';
import { BEARER_SCHEME } from '../../plugins/openapi.js';
import { errorResponses } from '../../http/error-schemas.js';
import { KnownAtSchema, MinPositionSchema, NotCaughtUpSchema, READER_ROLES, caughtUp } from '../org-chart/read-model-route.js';
import type { ReadModelRouteOptions } from '../org-chart/read-model-route.js';

const unitHistoryRoutes: FastifyPluginCallback<ReadModelRouteOptions> = (app, options, done) => {
  app.withTypeProvider<ZodTypeProvider>().get('/units/:unitId/history', {
    onRequest: app.requireRole(...READER_ROLES),
    schema: {
      tags: ['units'],
      summary: 'A unit\'s names and parents over time and who headed it (hr, analyst, auditor)',
      security: [{ [BEARER_SCHEME]: [] }],
      params: z.object({ unitId: UnitIdSchema }),
      querystring: z.object({ knownAt: KnownAtSchema, minPosition: MinPositionSchema }),
      response: { 200: UnitHistorySchema, 503: NotCaughtUpSchema, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request, reply) => {
    const { knownAt, minPosition } = request.query;
    if (!await caughtUp(reply, options, minPosition, [ORG_CHART])) return reply;
    const history = await queryUnitHistory(options.readModel, { unitId: request.params.unitId, knownAt: knownAt ?? null });
    if (history === null) throw new NotFoundError('unit', request.params.unitId);
    return history;
  });
  done();
};

export default unitHistoryRoutes;
