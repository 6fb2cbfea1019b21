// GET /org-chart (as of a date, as known at an instant, a subtree to a depth) and GET /org-chart/diff (who
// moved in, out and across between two dates; positions created and abolished), from the org-chart read model.
import type { FastifyPluginCallback } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdSchema, IsoDateSchema } from '@estafet/events';
import { OrgChartDiffSchema, OrgChartSchema, queryOrgChart, queryOrgChartDiff } from '@estafet/projections';
import { ORG_CHART } from '@estafet/worker';
import { BEARER_SCHEME } from '../../plugins/openapi.js';
import { errorResponses } from '../../http/error-schemas.js';
import {
  AsOfSchema, KnownAtSchema, MinPositionSchema, NotCaughtUpSchema, READER_ROLES, cachedAnswer, caughtUp, jakartaToday,
} from './read-model-route.js';
import type { ReadModelRouteOptions } from './read-model-route.js';

const OrgChartQuerySchema = z.object({
  asOf: AsOfSchema,
  knownAt: KnownAtSchema,
  unit: IdSchema.optional().describe('Root the chart at this unit (default: every top-level unit)'),
  depth: z.string().regex(/^\d{1,2}$/, 'must be a whole number from 0 to 99').transform(Number).optional()
    .describe('Levels below the root to include; 0 is the root unit alone (default: all)'),
  minPosition: MinPositionSchema,
});

const OrgChartDiffQuerySchema = z.object({
  from: IsoDateSchema.describe('The earlier date, YYYY-MM-DD'),
  to: IsoDateSchema.describe('The later date, YYYY-MM-DD'),
  unit: IdSchema.optional().describe('Limit to this unit and the units below it'),
  minPosition: MinPositionSchema,
});

const orgChartRoutes: FastifyPluginCallback<ReadModelRouteOptions> = (app, options, done) => {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const readers = app.requireRole(...READER_ROLES);
  const security = [{ [BEARER_SCHEME]: [] }];
  const clock = options.clock ?? (() => new Date());

  routes.get('/org-chart', {
    onRequest: readers,
    schema: {
      tags: ['units'],
      summary: 'The org chart on a date: units, positions, definitive holders, Plt/Plh and vacancies (hr, analyst, auditor)',
      description: 'asOf is an indexed lookup on holder intervals; knownAt answers what the ledger said at that instant.',
      security,
      querystring: OrgChartQuerySchema,
      response: { 200: OrgChartSchema, 503: NotCaughtUpSchema, ...errorResponses(400, 401, 403) },
    },
  }, async (request, reply) => {
    const { asOf, knownAt, unit, depth, minPosition } = request.query;
    if (!await caughtUp(reply, options, minPosition, [ORG_CHART])) return reply;
    const question = { asOf: asOf ?? jakartaToday(clock), knownAt: knownAt ?? null, unit: unit ?? null, depth: depth ?? null };
    // "As known at" a past instant is as settled as a past date, but it is asked rarely: not cached.
    if (question.knownAt !== null) return queryOrgChart(options.readModel, question);
    return cachedAnswer(reply, options, {
      key: `org-chart?asOf=${question.asOf}&unit=${question.unit ?? ''}&depth=${question.depth ?? ''}`,
      dates: [question.asOf], projection: ORG_CHART, parse: (value) => OrgChartSchema.parse(value),
    }, () => queryOrgChart(options.readModel, question));
  });

  routes.get('/org-chart/diff', {
    onRequest: readers,
    schema: {
      tags: ['units'],
      summary: 'What changed between two dates: moves in, out and across; positions created and abolished (hr, analyst, auditor)',
      security,
      querystring: OrgChartDiffQuerySchema,
      response: { 200: OrgChartDiffSchema, 503: NotCaughtUpSchema, ...errorResponses(400, 401, 403) },
    },
  }, async (request, reply) => {
    const { from, to, unit, minPosition } = request.query;
    if (!await caughtUp(reply, options, minPosition, [ORG_CHART])) return reply;
    return cachedAnswer(reply, options, {
      key: `org-chart/diff?from=${from}&to=${to}&unit=${unit ?? ''}`,
      dates: [from, to], projection: ORG_CHART, parse: (value) => OrgChartDiffSchema.parse(value),
    }, () => queryOrgChartDiff(options.readModel, { from, to, unit: unit ?? null }));
  });
  done();
};

export default orgChartRoutes;
