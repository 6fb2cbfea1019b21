// One generic handler behind every command endpoint: assemble the command from path and body, take the
// actor from the token, map If-Match / Idempotency-Key / X-Correlation-Id, execute, answer with the events.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyPluginCallback } from 'fastify';
import type { CommandType, StoredEvent } from '@estafet/events';
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

/** The version of the stream the command was about (the first event's own stream) after it was stored. */
const primaryVersion = (events: readonly StoredEvent[]): number | undefined => {
  const primary = events[0]?.streamId;
  return events.filter((event) => event.streamId === primary).at(-1)?.streamVersion;
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
          correlationId: headers['x-correlation-id'] ?? randomUUID(),
          ...(headers['idempotency-key'] === undefined ? {} : { idempotencyKey: headers['idempotency-key'] }),
          ...(expectedVersion === undefined ? {} : { expectedVersion }),
        });
        const last = result.events.at(-1);
        const version = primaryVersion(result.events);
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
