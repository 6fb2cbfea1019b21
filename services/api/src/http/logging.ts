// Logger options for the API: request ids (an incoming x-request-id is honoured when it looks sane),
// pino-pretty only on a terminal, and request URLs with NIPs masked so no personal data reaches info logs.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyRequest, FastifyServerOptions } from 'fastify';
import type { ApiConfig } from '../config.js';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Keeps a caller's x-request-id so logs join up across services; anything else gets a fresh UUID. */
export const genReqId = (request: IncomingMessage): string => {
  const incoming = request.headers['x-request-id'];
  return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
};

/** A NIP (18 digits) embeds a birth date and gender: it is personal data and stays out of request logs. */
export const maskNips = (text: string): string => text.replace(/\d{18}/g, '<nip>');

const serializeRequest = (request: FastifyRequest) => ({
  method: request.method,
  url: maskNips(request.url),
  remoteAddress: request.ip,
});

export interface LogDestination {
  write(line: string): void;
}

/** JSON lines to `destination`, or to stdout (through pino-pretty when stdout is a terminal) when it is null. */
type LoggerOptions = Exclude<FastifyServerOptions['logger'], boolean | undefined>;

export const loggerOptions = (config: Pick<ApiConfig, 'logLevel'>, destination: LogDestination | null): LoggerOptions => {
  const options: LoggerOptions = {
    level: config.logLevel,
    serializers: { req: serializeRequest },
    // Tokens travel in the Authorization header; keep them out of any log line that carries headers.
    redact: ['req.headers.authorization', 'headers.authorization'],
  };
  if (destination !== null) return { ...options, stream: destination };
  return process.stdout.isTTY
    ? { ...options, transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } } }
    : options;
};
