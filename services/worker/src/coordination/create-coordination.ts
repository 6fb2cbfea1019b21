// Picks the coordination for this deployment: Redis when a URL is configured (REDIS_URL, parsed by the
// service's config), in process otherwise, so one machine needs no Redis at all.
import type { Coordination, CoordinationOptions } from './coordination.js';
import { createInProcessCoordination } from './in-process-coordination.js';
import { createRedisCoordination } from './redis-coordination.js';
import type { RedisCoordinationOptions } from './redis-coordination.js';

export interface CreateCoordinationOptions extends CoordinationOptions, Omit<RedisCoordinationOptions, 'redisUrl'> {
  /** From the service's config; null or undefined for in-process coordination. */
  readonly redisUrl?: string | null;
}

export const createCoordination = (options: CreateCoordinationOptions): Coordination => {
  const { redisUrl, ...rest } = options;
  if (redisUrl === undefined || redisUrl === null || redisUrl === '') {
    options.log.info({}, 'coordination in process (no REDIS_URL): one machine only');
    return createInProcessCoordination(rest);
  }
  return createRedisCoordination({ ...rest, redisUrl });
};
