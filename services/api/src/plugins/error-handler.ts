// The one place errors become HTTP answers: validation 400 naming each bad field, 401/403, 404, rule broken
// 409, version conflict 412, write contention 503 with Retry-After. Anything else is a 5xx: logged in full under `err`, answered generically.
import fp from 'fastify-plugin';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import {
  DomainError, InvalidAppendError, LedgerContentionError, NotFoundError, RuleViolationError, StreamVersionConflictError, ValidationError,
} from '@estafet/ledger';
import { BadHeaderError, ForbiddenError, UnauthorizedError } from '../http/http-errors.js';

interface Answer {
  readonly retryAfterSeconds?: number;
  readonly status: number;
  readonly body: Record<string, unknown>;
}

// "/legalBasis/skDate" -> "legalBasis.skDate"; an empty path means the whole body, query or params.
const dotted = (instancePath: string, context: string | undefined): string =>
  instancePath.split('/').filter((part) => part.length > 0).join('.') || (context ?? '');

const statusOf = (error: { statusCode?: unknown }): number =>
  typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;

const CLIENT_ERROR_NAMES: Record<number, string> = { 400: 'bad-request', 404: 'not-found', 413: 'payload-too-large', 415: 'unsupported-media-type' };

/** The answer for an error we raise or fastify raises on purpose; null for anything unexpected (a 5xx). */
const answerFor = (error: unknown): Answer | null => {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = error.validation.map((issue) => ({
      path: dotted(issue.instancePath, error.validationContext), message: issue.message ?? 'invalid',
    }));
    return { status: 400, body: { error: 'validation', message: 'the request does not match its schema', issues } };
  }
  if (error instanceof ValidationError) {
    return { status: 400, body: { error: 'validation', message: error.message, issues: error.issues } };
  }
  if (error instanceof BadHeaderError) {
    const issues = [{ path: error.header, message: error.message }];
    return { status: 400, body: { error: 'validation', message: error.message, issues } };
  }
  if (error instanceof InvalidAppendError) return { status: 400, body: { error: 'bad-request', message: error.message } };
  if (error instanceof UnauthorizedError) return { status: 401, body: { error: 'unauthorized', message: error.message } };
  if (error instanceof ForbiddenError) return { status: 403, body: { error: 'forbidden', message: error.message } };
  if (error instanceof NotFoundError) return { status: 404, body: { error: 'not-found', message: error.message } };
  if (error instanceof RuleViolationError) {
    return { status: 409, body: { error: 'rule-violation', rule: error.rule, message: error.message } };
  }
  if (error instanceof StreamVersionConflictError) {
    const { streamId, expected, actual, message } = error;
    return { status: 412, body: { error: 'version-conflict', streamId, expected, actual, message } };
  }
  if (error instanceof DomainError && error.httpStatus < 500) {
    return { status: error.httpStatus, body: { error: 'bad-request', message: error.message } };
  }
  // Too many writers raced for the EventStoreDB ledger stream: nothing was stored, a retry will go through.
  if (error instanceof LedgerContentionError) {
    return { status: 503, retryAfterSeconds: 1, body: { error: 'contention', message: error.message } };
  }
  // fastify's own client errors (bad JSON, wrong content type, body too large) carry a safe message.
  if (error instanceof Error && 'statusCode' in error && statusOf(error) < 500) {
    const status = statusOf(error);
    return { status, body: { error: CLIENT_ERROR_NAMES[status] ?? 'client-error', message: error.message } };
  }
  return null;
};

export default fp((app, _options, done) => {
  app.setErrorHandler((error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) => {
    const answer = answerFor(error);
    if (answer === null) {
      request.log.error({ err: error }, 'request failed');
      return reply.code(500).send({ error: 'internal', message: 'Internal Server Error' });
    }
    // Messages of refused commands can quote a NIP or a name: only the code goes to info logs.
    request.log.info({ statusCode: answer.status, code: 'code' in error ? error.code : undefined }, 'request refused');
    if (answer.retryAfterSeconds !== undefined) void reply.header('retry-after', String(answer.retryAfterSeconds));
    return reply.code(answer.status).send(answer.body);
  });

  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: 'not-found', message: `no route ${request.method} ${request.url.split('?')[0] ?? ''}` }));
  done();
}, { name: 'error-handler' });
