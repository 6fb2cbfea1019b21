// Handover checklists: lists (open, overdue, closed, by unit), one checklist with its tasks and the move that
// opened it, and HR ticking a task. The continuity process closes the checklist once its required tasks are done.
import type { FastifyPluginCallback } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { eventDefinition } from '@estafet/events';
import type { EventStore } from '@estafet/ledger';
import { StreamVersionConflictError, toRecorded } from '@estafet/ledger';
import { errorResponses } from '../../http/error-schemas.js';
import { CommandHeadersSchema, CommandResultSchema } from '../../http/command-schemas.js';
import { expectedVersionFrom } from '../../http/command-route.js';
import { callerOf } from '../../plugins/auth.js';
import { BEARER_SCHEME } from '../../plugins/openapi.js';
import { dateAtOffset, handoverStream, handoverWithTasks, listHandovers } from '@estafet/projections';
import { replyNotCaughtUp, waitForContinuity } from '../programs-query/continuity-read-models.js';
import type { ContinuityReadModels } from '../programs-query/continuity-read-models.js';
import { HandoverNotFoundError, decideCompleteTask, evolveHandover, initialHandoverState } from './complete-task-decider.js';
import {
  CompleteTaskBodySchema, HandoverDetailQuerySchema, HandoverDetailSchema, HandoverListQuerySchema, HandoverListSchema,
  HandoverParamsSchema, HandoverTaskParamsSchema,
} from './handover-schemas.js';

export interface HandoverRoutesOptions {
  readonly readModels: ContinuityReadModels;
  /** "Today" for overdue and for the effective date of a completion. */
  readonly clock: () => Date;
  /** Dates are read in Jakarta time (UTC+7) unless said otherwise. */
  readonly utcOffsetMinutes?: number;
}

/** The move behind a checklist: the opening event's causation, looked up in the log itself. */
const causationOf = async (store: EventStore, openedEventId: string) => {
  const opened = await store.getEvent(openedEventId);
  if (opened?.causationId == null) return null;
  const cause = await store.getEvent(opened.causationId);
  if (cause === null) return null;
  const { eventId, type, streamId, effectiveAt, recordedAt, legalBasis } = cause;
  return { eventId, type, streamId, effectiveAt, recordedAt, legalBasis };
};

const handoverRoutes: FastifyPluginCallback<HandoverRoutesOptions> = (app, options, done) => {
  const { readModels, clock } = options;
  const today = (): string => dateAtOffset(clock(), options.utcOffsetMinutes ?? 7 * 60);
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const readers = app.requireRole('hr', 'analyst', 'auditor');
  const security = [{ [BEARER_SCHEME]: [] }];
  const notFound = { error: 'not-found' as const };

  routes.get('/handovers', {
    onRequest: readers,
    schema: {
      tags: ['handovers'],
      summary: 'Handover checklists, by status and unit (hr, analyst, auditor)',
      security,
      querystring: HandoverListQuerySchema,
      response: { 200: HandoverListSchema, ...errorResponses(400, 401, 403) },
    },
  }, async (request, reply) => {
    const { status, unit, minPosition } = request.query;
    if (!await waitForContinuity(readModels, minPosition)) return replyNotCaughtUp(reply, minPosition);
    const filter = { today: today(), ...(status === undefined ? {} : { status }), ...(unit === undefined ? {} : { unit }) };
    return { handovers: await listHandovers(readModels, filter) };
  });

  routes.get('/handovers/:checklistId', {
    onRequest: readers,
    schema: {
      tags: ['handovers'],
      summary: 'One handover checklist: tasks with status and due dates, and the move that opened it',
      security,
      params: HandoverParamsSchema,
      querystring: HandoverDetailQuerySchema,
      response: { 200: HandoverDetailSchema, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request, reply) => {
    if (!await waitForContinuity(readModels, request.query.minPosition)) return replyNotCaughtUp(reply, request.query.minPosition);
    const found = await handoverWithTasks(readModels, request.params.checklistId, today());
    if (found === null) {
      return reply.code(404).send({ ...notFound, message: `handover checklist ${request.params.checklistId} is not recorded` });
    }
    return { ...found, causation: await causationOf(app.store, found.handover.openedEventId) };
  });

  routes.post('/handovers/:checklistId/tasks/:taskId/complete', {
    onRequest: app.requireRole('hr'),
    schema: {
      tags: ['handovers'],
      summary: 'Mark a handover task done (hr)',
      description: 'Records HandoverTaskCompleted. When every required task is done, the continuity process closes the '
        + 'checklist, and clears the programs\' risk once the position has a holder or Plt.',
      security,
      params: HandoverTaskParamsSchema,
      // fastify hands a missing body over as null: a tick needs no body at all.
      body: CompleteTaskBodySchema.nullish(),
      headers: CommandHeadersSchema,
      response: {
        201: CommandResultSchema.describe('Recorded'),
        200: CommandResultSchema.describe('A retry with a known Idempotency-Key: the original event, nothing stored'),
        ...errorResponses(400, 401, 403, 404, 409, 412),
      },
    },
  }, async (request, reply) => {
    const { checklistId, taskId } = request.params;
    const headers = CommandHeadersSchema.parse(request.headers);
    const key = headers['idempotency-key'];
    const streamId = handoverStream(checklistId);
    const stored = await app.store.readStream(streamId);
    const earlier = key === undefined ? [] : stored.filter((e) => e.idempotencyKey === key);
    if (earlier.length > 0) {
      void reply.header('idempotent-replayed', 'true');
      return reply.code(200).send({ events: earlier, position: earlier.at(-1)?.globalPosition ?? 0, warnings: [] });
    }
    const version = stored.at(-1)?.streamVersion ?? 0;
    const expected = expectedVersionFrom(headers['if-match']);
    if (expected !== undefined && expected !== version) throw new StreamVersionConflictError(streamId, expected, version);

    const state = stored.reduce((s, e) => evolveHandover(s, toRecorded(e), e.eventId), initialHandoverState);
    let event;
    try {
      event = decideCompleteTask(state, { checklistId, taskId, note: request.body?.note ?? null });
    } catch (error) {
      // The ledger's NotFoundError names only its own resources; a missing checklist or task is answered here.
      if (error instanceof HandoverNotFoundError) return reply.code(404).send({ ...notFound, message: error.message });
      throw error;
    }
    const opened = stored[0];
    const result = await app.store.append([{ streamId, expectedVersion: version, events: [{
      eventId: app.newId(),
      type: event.type,
      schemaVersion: eventDefinition(event.type).schemaVersion,
      data: event.data,
      effectiveAt: today(),
      legalBasis: null,
      actor: callerOf(request).actor,
      correlationId: headers['x-correlation-id'] ?? opened?.correlationId ?? app.newId(),
      causationId: opened?.eventId ?? null,
    }] }], key === undefined ? {} : { idempotencyKey: key });
    const last = result.events.at(-1);
    if (last !== undefined) void reply.header('etag', `"${last.streamVersion}"`);
    request.log.info({ checklistId, taskId, position: last?.globalPosition }, 'handover task completed');
    return reply.code(result.duplicate ? 200 : 201).send({ events: [...result.events], position: last?.globalPosition ?? 0, warnings: [] });
  });
  done();
};

export default handoverRoutes;
