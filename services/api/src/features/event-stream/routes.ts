// GET /events/stream: server-sent events telling browsers the ledger moved on ({ position } heads; auditors
// also get each new event's type and stream). Register after the auth plugin, with coordination and store.
import type { FastifyPluginCallback } from 'fastify';
import { z } from 'zod';
import type { EventStore } from '@estafet/ledger';
import type { Coordination } from '@estafet/worker';
import { callerOf } from '../../plugins/auth.js';
import { BEARER_SCHEME } from '../../plugins/openapi.js';
import { errorResponses } from '../../http/error-schemas.js';
import type { ApiRole } from '../../config.js';
import { createSseHub } from './sse-hub.js';

export interface EventStreamOptions {
  readonly coordination: Pick<Coordination, 'notifications'>;
  readonly store: EventStore;
  /** Comment lines at this interval keep proxies and load balancers from closing a quiet stream. Default 15 s. */
  readonly heartbeatMs?: number;
}

/** Who may listen; public callers get 403 (they learn nothing, not even that the ledger moved). */
export const STREAM_ROLES: readonly ApiRole[] = ['hr', 'analyst', 'auditor'];

const LAST_EVENT_ID = /^\d{1,15}$/;

const StreamHeadersSchema = z.object({
  'last-event-id': z.string().regex(LAST_EVENT_ID, 'must be a position as sent in `id:`').optional()
    .describe('Sent by a reconnecting browser: auditors get the events after it (up to 1,000) before the head'),
});

const StreamSchema = z.string().describe('text/event-stream. `event: head` with `data: {"position": N}` (id N); '
  + 'for auditors first `event: events` with `data: {"events": [{"position", "type", "streamId"}]}`; '
  + '`: heartbeat` comments in between');

const eventStreamRoutes: FastifyPluginCallback<EventStreamOptions> = (app, options, done) => {
  const hub = createSseHub({
    notifications: options.coordination.notifications,
    store: options.store,
    log: app.log,
    ...(options.heartbeatMs === undefined ? {} : { heartbeatMs: options.heartbeatMs }),
  });
  // Before the server stops accepting: an open stream would keep app.close() waiting forever.
  app.addHook('preClose', (hookDone) => {
    hub.close();
    hookDone();
  });

  app.get('/events/stream', {
    onRequest: app.requireRole(...STREAM_ROLES),
    schema: {
      tags: ['event-log'],
      summary: 'Live heads of the event log as server-sent events (hr, analyst; auditor also gets event types and streams)',
      description: 'Answers `text/event-stream` and stays open. Every head is a global position: re-query with '
        + '`minPosition` to see it in the read models. Event data never travels on this stream.',
      security: [{ [BEARER_SCHEME]: [] }],
      headers: StreamHeadersSchema,
      response: { 200: StreamSchema, ...errorResponses(401, 403) },
    },
  }, async (request, reply) => {
    const caller = callerOf(request);
    const lastEventId = request.headers['last-event-id'];
    const resumeFrom = typeof lastEventId === 'string' && LAST_EVENT_ID.test(lastEventId) ? Number(lastEventId) : null;
    const head = await options.store.headPosition();
    const stream = hub.open(caller.role === 'auditor', head, resumeFrom);
    // The client went away: stop writing to it.
    reply.raw.on('close', () => stream.destroy());
    return reply
      .header('content-type', 'text/event-stream; charset=utf-8')
      .header('cache-control', 'no-cache, no-transform')
      .header('x-accel-buffering', 'no')
      .send(stream);
  });
  done();
};

export default eventStreamRoutes;
