// What every read-model query route shares: its options, who may read, the query parameters for the two time
// axes, and read-your-writes (wait, bounded, until the read model has folded minPosition, else 503).
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { IsoDateSchema, IsoInstantSchema } from '@estafet/events';
import { normaliseInstant } from '@estafet/projections';
import { mayCacheAnswer } from '@estafet/worker';
import type { AnswerCache, ReadModelReader } from '@estafet/worker';
import type { ApiRole } from '../../config.js';

export interface ReadModelRouteOptions {
  /** The runner's reader in embedded mode, or createPollingReader beside a separate worker process. */
  readonly readModel: ReadModelReader;
  /** How long a query waits for minPosition before answering 503. Default 2,000 ms. */
  readonly waitTimeoutMs?: number;
  /** "Today" for asOf when it is omitted; the system clock by default. */
  readonly clock?: () => Date;
  /** As-of answers about past dates, shared between nodes; with `head`, the store's head position. */
  readonly cache?: { readonly answers: AnswerCache; head(): Promise<number> };
}

/** The response header telling whether an answer came from the as-of cache: `hit`, `miss` or `bypass`. */
export const CACHE_HEADER = 'x-estafet-cache';

/**
 * An answer about past dates from the cache, or computed and offered to it. Only answers computed from a read
 * model that had folded the whole log are stored, and an invalidating event (a correction, a retroactive SK)
 * recorded since refuses them (answer-cache-policy.ts). `parse` re-checks a cached value against the schema.
 */
export const cachedAnswer = async <T>(
  reply: FastifyReply, options: ReadModelRouteOptions,
  question: { readonly key: string; readonly dates: readonly string[]; readonly projection: string; readonly parse: (value: unknown) => T },
  compute: () => Promise<T>,
): Promise<T> => {
  const cache = options.cache;
  const today = jakartaToday(options.clock ?? (() => new Date()));
  if (cache === undefined || !question.dates.every((date) => date < today)) {
    void reply.header(CACHE_HEADER, 'bypass');
    return compute();
  }
  const found = await cache.answers.get(question.key);
  if (found.hit) {
    const parsed = (() => {
      try {
        return { ok: true as const, value: question.parse(found.value) };
      } catch {
        return { ok: false as const };
      }
    })();
    if (parsed.ok) {
      void reply.header(CACHE_HEADER, 'hit');
      return parsed.value;
    }
  }
  // Read before computing: the answer then reflects at least this checkpoint, never less.
  const checkpoint = options.readModel.checkpoint(question.projection);
  const head = await cache.head();
  const value = await compute();
  if (mayCacheAnswer({ dates: question.dates, today, checkpoint, head })) await cache.answers.set(question.key, value, checkpoint);
  void reply.header(CACHE_HEADER, 'miss');
  return value;
};

export const READER_ROLES: readonly ApiRole[] = ['hr', 'analyst', 'auditor'];

export const DEFAULT_WAIT_MS = 2000;

export const MinPositionSchema = z.string().regex(/^\d{1,15}$/, 'must be a whole number').transform(Number).optional()
  .describe('Read-your-writes: the `position` a command answered with; the query waits (up to 2 s) until the read model has it');

export const KnownAtSchema = IsoInstantSchema.transform(normaliseInstant).optional()
  .describe('As known at this instant: leaves out everything recorded later, corrections included');

export const AsOfSchema = IsoDateSchema.optional().describe('The effective date (TMT) to look at, YYYY-MM-DD; today by default');

export const NotCaughtUpSchema = z.object({
  error: z.literal('not-caught-up'),
  message: z.string(),
  minPosition: z.number().int(),
  checkpoint: z.number().int(),
}).describe('The read model has not folded minPosition yet; retry after Retry-After seconds');

/** Today's date in Jakarta (UTC+7, no daylight saving), the default asOf. */
export const jakartaToday = (clock: () => Date): string => new Date(clock().getTime() + 7 * 3_600_000).toISOString().slice(0, 10);

/**
 * Waits until every named read model has folded `minPosition`. Answers 503 with Retry-After and returns false
 * when it has not within the timeout; the caller then returns the reply.
 */
export const caughtUp = async (
  reply: FastifyReply, options: ReadModelRouteOptions, minPosition: number | undefined, projections: readonly string[],
): Promise<boolean> => {
  if (minPosition === undefined) return true;
  if (await options.readModel.waitForPosition(minPosition, options.waitTimeoutMs ?? DEFAULT_WAIT_MS, projections)) return true;
  const checkpoint = Math.min(...projections.map((name) => options.readModel.checkpoint(name)));
  await reply.code(503).header('retry-after', '1').send({
    error: 'not-caught-up', message: `the read model is at position ${checkpoint}, not yet at ${minPosition}`, minPosition, checkpoint,
  });
  return false;
};
