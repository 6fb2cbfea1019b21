// One generic handler behind every command endpoint: assemble the command from path and body, take the
// actor from the token, map If-Match / Idempotency-Key / X-Correlation-Id, execute, answer with the events.
import type { FastifyInstance, FastifyPluginCallback } from 'fastify';
import type { CommandType, StoredEvent } from '@estafet/events';
import type { EventStore } from '@estafet/ledger';
import type { ApiRole } from '../config.js';
import { callerOf } from '../plugins/auth.js';
import { BEARER_SCHEME } from '../plugins/openapi.js';
import { BadHeaderError } from './http-errors.js';
import { errorResponses } from './error-schemas.js';
import { CommandHeadersSchema, CommandResultSchema, commandHttpSchemas } from './command-schemas.js';

export interface CommandRoute {
  readonly command: CommandType;
  /** fastify syntax; each `:param` is a field of the command. */
  readonly url: string;
  readonly summary: string;
  readonly description?: string;
  /** Who may send it; hr unless said otherwise. */
  readonly roles?: readonly ApiRole[];
  /**
   * The stream ETag and If-Match speak of, when it is not the one the event is stored in: an acting
   * appointment is stored with the employee but is a command on the position. From the path parameters.
   */
  readonly etagStream?: (params: Readonly<Record<string, unknown>>) => string;
}

const IF_MATCH = /^"(\d{1,15})"$/;

/** If-Match: "3" -> 3. `*` asks for no check. Anything else is refused rather than silently ignored. */
export const expectedVersionFrom = (ifMatch: string | undefined): number | undefined => {
  if (ifMatch === undefined || ifMatch.trim() === '*') return undefined;
  const match = IF_MATCH.exec(ifMatch.trim());
  if (match?.[1] === undefined) {
    throw new BadHeaderError('if-match', 'If-Match must be a quoted stream version as sent in ETag, e.g. "3"');
  }
  return Number(match[1]);
};

const fieldsOf = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null ? Object.fromEntries(Object.entries(value)) : {};

/**
 * The stream's version right after these events. An event only linked into the stream (alsoIn) does not
 * carry that stream's version, so then the stream is read and the event's place in it counted: unlike
 * asking for the current version, this cannot include a later command by someone else.
 */
const versionAfter = async (store: EventStore, streamId: string, events: readonly StoredEvent[]): Promise<number | undefined> => {
  const last = events.filter((event) => event.streamId === streamId || event.alsoIn.includes(streamId)).at(-1);
  if (last === undefined) return undefined;
  if (last.streamId === streamId) return last.streamVersion;
  const index = (await store.readStream(streamId)).findIndex((event) => event.eventId === last.eventId);
  return index < 0 ? undefined : index + 1;
};

const registerCommandRoutes = (app: FastifyInstance, tag: string, routes: readonly CommandRoute[]): void => {
  for (const route of routes) {
    const { params, body } = commandHttpSchemas(route.command, route.url);
    const roles = route.roles ?? ['hr'];
    app.route({
      method: 'POST',
      url: route.url,
      onRequest: app.requireRole(...roles),
      schema: {
        tags: [tag],
        summary: route.summary,
        description: `${route.description ?? ''}\n\nCommand \`${route.command}\`; roles: ${roles.join(', ')}.`.trim(),
        operationId: route.command,
        security: [{ [BEARER_SCHEME]: [] }],
        ...(params === undefined ? {} : { params }),
        body,
        headers: CommandHeadersSchema,
        response: {
          201: CommandResultSchema.describe('Recorded'),
          200: CommandResultSchema.describe('A retry with a known Idempotency-Key: the original events, nothing stored'),
          ...errorResponses(400, 401, 403, 404, 409, 412),
        },
      },
      handler: async (request, reply) => {
        const caller = callerOf(request);
        const headers = CommandHeadersSchema.parse(request.headers);
        const expectedVersion = expectedVersionFrom(headers['if-match']);
        // Path fields win over the body; the handler validates the whole command (cross-field rules too).
        const command = { ...fieldsOf(request.body), ...fieldsOf(request.params), type: route.command };
        const result = await app.commands.execute(command, {
          actor: caller.actor,
          correlationId: headers['x-correlation-id'] ?? app.newId(),
          ...(headers['idempotency-key'] === undefined ? {} : { idempotencyKey: headers['idempotency-key'] }),
          ...(expectedVersion === undefined ? {} : { expectedVersion }),
        });
        const last = result.events.at(-1);
        const etagStream = route.etagStream?.(fieldsOf(request.params)) ?? result.events[0]?.streamId;
        const version = etagStream === undefined ? undefined : await versionAfter(app.store, etagStream, result.events);
        if (version !== undefined) void reply.header('etag', `"${version}"`);
        if (result.duplicate) void reply.header('idempotent-replayed', 'true');
        request.log.info({ command: route.command, position: last?.globalPosition, duplicate: result.duplicate }, 'command executed');
        return reply.code(result.duplicate ? 200 : 201).send({
          events: result.events,
          position: last?.globalPosition ?? 0,
          warnings: result.warnings,
        });
      },
    });
  }
};

/** A feature slice's plugin: its command table, registered under one OpenAPI tag. */
export const commandRoutes = (tag: string, routes: readonly CommandRoute[]): FastifyPluginCallback => (app, _options, done) => {
  registerCommandRoutes(app, tag, routes);
  done();
};
