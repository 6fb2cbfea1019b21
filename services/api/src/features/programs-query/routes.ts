// Programs as the continuity read model sees them: which are at risk (by unit), and one program with its
// risk history, each flag pointing at the move that caused it. POST routes on /programs are the programs feature's.
import type { FastifyPluginCallback } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotFoundError } from '@estafet/ledger';
import { errorResponses } from '../../http/error-schemas.js';
import { BEARER_SCHEME } from '../../plugins/openapi.js';
import { listPrograms, programWithRiskHistory } from '@estafet/projections';
import { replyNotCaughtUp, waitForContinuity } from './continuity-read-models.js';
import type { ContinuityReadModels } from './continuity-read-models.js';
import {
  MinPositionSchema, ProgramDetailSchema, ProgramListQuerySchema, ProgramListSchema, ProgramParamsSchema,
} from './program-query-schemas.js';

export interface ProgramsQueryOptions {
  readonly readModels: ContinuityReadModels;
}

const programsQueryRoutes: FastifyPluginCallback<ProgramsQueryOptions> = (app, { readModels }, done) => {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const readers = app.requireRole('hr', 'analyst', 'auditor');
  const security = [{ [BEARER_SCHEME]: [] }];

  routes.get('/programs', {
    onRequest: readers,
    schema: {
      tags: ['programs'],
      summary: 'Programs, filtered by risk and unit (hr, analyst, auditor)',
      security,
      querystring: ProgramListQuerySchema,
      response: { 200: ProgramListSchema, ...errorResponses(400, 401, 403) },
    },
  }, async (request, reply) => {
    const { atRisk, unit, minPosition } = request.query;
    if (!await waitForContinuity(readModels, minPosition)) return replyNotCaughtUp(reply, minPosition);
    return { programs: await listPrograms(readModels, { ...(atRisk === undefined ? {} : { atRisk }), ...(unit === undefined ? {} : { unit }) }) };
  });

  routes.get('/programs/:programId', {
    onRequest: readers,
    schema: {
      tags: ['programs'],
      summary: 'One program with its risk history (hr, analyst, auditor)',
      security,
      params: ProgramParamsSchema,
      querystring: z.object({ minPosition: MinPositionSchema.optional() }),
      response: { 200: ProgramDetailSchema, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request, reply) => {
    if (!await waitForContinuity(readModels, request.query.minPosition)) return replyNotCaughtUp(reply, request.query.minPosition);
    const found = await programWithRiskHistory(readModels, request.params.programId);
    if (found === null) throw new NotFoundError('program', request.params.programId);
    return found;
  });
  done();
};

export default programsQueryRoutes;
