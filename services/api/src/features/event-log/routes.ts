// The auditor's view of the ledger: the filterable event log paged by global position, one event by id,
// and verification of the SHA-256 hash chain.
import type { FastifyPluginCallback } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { EventIdSchema, StoredEventSchema } from '@estafet/events';
import { NotFoundError } from '@estafet/ledger';
import { BEARER_SCHEME } from '../../plugins/openapi.js';
import { errorResponses } from '../../http/error-schemas.js';
import { DEFAULT_PAGE, EventLogQuerySchema } from './event-log-query.js';

const EventPageSchema = z.object({
  events: z.array(StoredEventSchema),
  nextFromPosition: z.number().int().nullable().describe('Pass as fromPosition for the next page; null on the last'),
});

const ChainVerificationSchema = z.union([
  z.object({ ok: z.literal(true), checked: z.number().int(), headPosition: z.number().int(), headHash: z.string() }),
  z.object({ ok: z.literal(false), checked: z.number().int(), position: z.number().int(), reason: z.string() }),
]);

const eventLogRoutes: FastifyPluginCallback = (app, _options, done) => {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const auditorOnly = app.requireRole('auditor');
  const security = [{ [BEARER_SCHEME]: [] }];

  routes.get('/events', {
    onRequest: auditorOnly,
    schema: {
      tags: ['event-log'],
      summary: 'The event log in global order, filtered and paged (auditor)',
      security,
      querystring: EventLogQuerySchema,
      response: { 200: EventPageSchema, ...errorResponses(400, 401, 403) },
    },
  }, async (request) => {
    const { limit = DEFAULT_PAGE, ...filter } = request.query;
    // One more than asked tells whether another page exists without an empty last request.
    const found = await app.store.readAll({ ...filter, limit: limit + 1 });
    const events = found.slice(0, limit);
    const last = events.at(-1);
    return { events, nextFromPosition: found.length > limit && last !== undefined ? last.globalPosition : null };
  });

  routes.get('/events/verify', {
    onRequest: auditorOnly,
    schema: {
      tags: ['event-log'],
      summary: 'Recompute the SHA-256 hash chain over every stored event (auditor)',
      description: 'ok:false names the first position where the stored chain no longer matches its events.',
      security,
      response: { 200: ChainVerificationSchema, ...errorResponses(401, 403) },
    },
  }, async () => app.store.verifyChain());

  routes.get('/events/:eventId', {
    onRequest: auditorOnly,
    schema: {
      tags: ['event-log'],
      summary: 'One stored event by its id (auditor)',
      security,
      params: z.object({ eventId: EventIdSchema }),
      response: { 200: StoredEventSchema, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request) => {
    const event = await app.store.getEvent(request.params.eventId);
    if (event === null) throw new NotFoundError('event', request.params.eventId);
    return event;
  });
  done();
};

export default eventLogRoutes;
