// GET /positions/{id}/history: a position's versions, definitive holders with tenure, Plt/Plh periods and
// vacancies, from the org-chart read model.
import type { FastifyPluginCallback } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PositionIdSchema } from '@estafet/events';
import { PositionHistorySchema, queryPositionHistory } from '@estafet/projections';
import { NotFoundError } from '@estafet/ledger';
import { ORG_CHART } from '@estafet/worker';
import { BEARER_SCHEME } from '../../plugins/openapi.js';
import { errorResponses } from '../../http/error-schemas.js';
import { KnownAtSchema, MinPositionSchema, NotCaughtUpSchema, READER_ROLES, caughtUp } from '../org-chart/read-model-route.js';
import type { ReadModelRouteOptions } from '../org-chart/read-model-route.js';

const positionHistoryRoutes: FastifyPluginCallback<ReadModelRouteOptions> = (app, options, done) => {
  app.withTypeProvider<ZodTypeProvider>().get('/positions/:positionId/history', {
    onRequest: app.requireRole(...READER_ROLES),
    schema: {
      tags: ['positions'],
      summary: 'A position\'s holders with tenure, Plt/Plh periods and vacancies (hr, analyst, auditor)',
      security: [{ [BEARER_SCHEME]: [] }],
      params: z.object({ positionId: PositionIdSchema }),
      querystring: z.object({ knownAt: KnownAtSchema, minPosition: MinPositionSchema }),
      response: { 200: PositionHistorySchema, 503: NotCaughtUpSchema, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request, reply) => {
    const { knownAt, minPosition } = request.query;
    if (!await caughtUp(reply, options, minPosition, [ORG_CHART])) return reply;
    const history = await queryPositionHistory(options.readModel, { positionId: request.params.positionId, knownAt: knownAt ?? null });
    if (history === null) throw new NotFoundError('position', request.params.positionId);
    return history;
  });
  done();
};

export default positionHistoryRoutes;
