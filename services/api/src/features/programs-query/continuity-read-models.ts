// What the continuity query routes read: the continuity projection's rows, and a bounded wait until the read
// models have folded a position (so a client can read its own writes). The projection runner's reader fits.
import type { FastifyReply } from 'fastify';
import type { RowQuery } from '@estafet/projections';

export interface ContinuityReadModels extends RowQuery {
  /** Resolves true once the named projections have folded `position`, false after `timeoutMs`. */
  waitForPosition?(position: number, timeoutMs: number, projections?: readonly string[]): Promise<boolean>;
}

/** How long a request with ?minPosition= may wait for the read model before answering with what it has. */
export const MIN_POSITION_WAIT_MS = 2000;

/**
 * Waits for the continuity read model to fold `minPosition`. False means it did not within the bound: the route
 * answers 503 with Retry-After (replyNotCaughtUp) rather than serve an answer that misses the caller's write.
 */
export const waitForContinuity = async (readModels: ContinuityReadModels, minPosition: number | undefined): Promise<boolean> => {
  if (minPosition === undefined || readModels.waitForPosition === undefined) return true;
  return readModels.waitForPosition(minPosition, MIN_POSITION_WAIT_MS, ['continuity']);
};

export const replyNotCaughtUp = (reply: FastifyReply, minPosition: number | undefined): FastifyReply =>
  reply.code(503).header('retry-after', '1').send({
    error: 'not-caught-up', message: `the continuity read model has not reached position ${minPosition ?? 0} yet`,
  });
