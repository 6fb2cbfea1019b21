// Bearer-token authentication and role checks. Routes declare who may call them with
// `onRequest: app.requireRole('hr')`; the caller (role and actor) is then on `request.caller`.
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiConfig, ApiRole, ConfiguredToken } from '../config.js';
import { createTokenVerifier } from '../auth/api-tokens.js';
import type { Caller } from '../auth/api-tokens.js';
import { resolveTokens } from '../auth/token-file.js';
import { ForbiddenError, UnauthorizedError } from '../http/http-errors.js';

export type RoleHook = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

declare module 'fastify' {
  interface FastifyInstance {
    /** An onRequest hook letting only callers with one of these roles through (401 / 403 otherwise). */
    requireRole(...roles: readonly ApiRole[]): RoleHook;
    /** Tokens generated on this first start, returned once (then empty) so server.ts can print them. */
    takeGeneratedTokens(): readonly ConfiguredToken[];
  }
  interface FastifyRequest {
    caller: Caller | null;
  }
}

const BEARER = /^Bearer ([\x21-\x7e]+)$/;

/** The authenticated caller of a request that passed requireRole; a route without the hook is a bug. */
export const callerOf = (request: FastifyRequest): Caller => {
  if (request.caller === null) throw new Error(`route ${request.routeOptions.url ?? '?'} has no requireRole hook`);
  return request.caller;
};

export default fp<{ config: ApiConfig }>(async (app, { config }) => {
  const tokens = await resolveTokens(config);
  const verifier = createTokenVerifier(tokens.hashes);
  let generated = tokens.generated;

  app.decorateRequest('caller', null);
  app.decorate('takeGeneratedTokens', () => {
    const once = generated;
    generated = [];
    return once;
  });
  app.decorate('requireRole', (...roles: readonly ApiRole[]): RoleHook => async (request, reply) => {
    const match = BEARER.exec(request.headers.authorization ?? '');
    const caller = match?.[1] === undefined ? null : verifier.identify(match[1]);
    if (caller === null) {
      void reply.header('www-authenticate', 'Bearer');
      throw new UnauthorizedError(match ? 'unknown token' : 'a bearer token is required (Authorization: Bearer <token>)');
    }
    if (!roles.includes(caller.role)) {
      throw new ForbiddenError(`role ${caller.role} may not do this; allowed: ${roles.join(', ')}`);
    }
    request.caller = caller;
  });
}, { name: 'auth' });
