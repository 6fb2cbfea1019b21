// GET /employees/{nip}/timeline: one civil servant's positions, acting roles, ranks, leave, trainings and
// separation with decrees and dates, from the employee-timeline read model (titles from the org chart).
import type { FastifyPluginCallback } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NipSchema } from '@estafet/events';
import { EmployeeTimelineSchema, queryEmployeeTimeline } from '@estafet/projections';
import { NotFoundError } from '@estafet/ledger';
import { EMPLOYEE_TIMELINE, ORG_CHART } from '@estafet/worker';
import { BEARER_SCHEME } from '../../plugins/openapi.js';
import { errorResponses } from '../../http/error-schemas.js';
import { KnownAtSchema, MinPositionSchema, NotCaughtUpSchema, READER_ROLES, caughtUp } from '../org-chart/read-model-route.js';
import type { ReadModelRouteOptions } from '../org-chart/read-model-route.js';

const timelineRoutes: FastifyPluginCallback<ReadModelRouteOptions> = (app, options, done) => {
  app.withTypeProvider<ZodTypeProvider>().get('/employees/:nip/timeline', {
    onRequest: app.requireRole(...READER_ROLES),
    schema: {
      tags: ['employees'],
      summary: 'A civil servant\'s timeline: positions, Plt/Plh, ranks, leave, trainings, separation (hr, analyst, auditor)',
      security: [{ [BEARER_SCHEME]: [] }],
      params: z.object({ nip: NipSchema }),
      querystring: z.object({ knownAt: KnownAtSchema, minPosition: MinPositionSchema }),
      response: { 200: EmployeeTimelineSchema, 503: NotCaughtUpSchema, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request, reply) => {
    const { knownAt, minPosition } = request.query;
    if (!await caughtUp(reply, options, minPosition, [EMPLOYEE_TIMELINE, ORG_CHART])) return reply;
    const timeline = await queryEmployeeTimeline(options.readModel, { nip: request.params.nip, knownAt: knownAt ?? null });
    if (timeline === null) throw new NotFoundError('employee', request.params.nip);
    return timeline;
  });
  done();
};

export default timelineRoutes;
