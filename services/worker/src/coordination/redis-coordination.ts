// Coordination over Redis for several machines: one link (two connections, one outage state) shared by the
// notifications, the leases and the cache, each falling back on its own terms while Redis is away.
import { DEFAULT_KEY_PREFIX } from './coordination.js';
import type { Coordination, CoordinationOptions } from './coordination.js';
import { createRedisCache } from './redis-cache.js';
import { createRedisLeases } from './redis-leases.js';
import { createRedisLink } from './redis-link.js';
import { createRedisNotifications } from './redis-notifications.js';

export interface RedisCoordinationOptions extends CoordinationOptions {
  readonly redisUrl: string;
  /** Longest life of a cache entry. Default one day. */
  readonly cacheTtlMs?: number;
  /** Per-command timeout; a slower answer counts as Redis being away for that call. Default 500 ms. */
  readonly commandTimeoutMs?: number;
  /** Upper bound of the reconnect back-off. Default 1,000 ms. */
  readonly maxReconnectDelayMs?: number;
}

export const createRedisCoordination = (options: RedisCoordinationOptions): Coordination => {
  const keyPrefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
  const now = options.now ?? (() => performance.now());
  const channel = `${keyPrefix}head`;
  const link = createRedisLink({
    url: options.redisUrl,
    log: options.log,
    channels: [channel],
    ...(options.commandTimeoutMs === undefined ? {} : { commandTimeoutMs: options.commandTimeoutMs }),
    ...(options.maxReconnectDelayMs === undefined ? {} : { maxReconnectDelayMs: options.maxReconnectDelayMs }),
  });
  const notifications = createRedisNotifications({
    link, channel, log: options.log, pollIntervalMs: options.pollIntervalMs ?? 1000,
    ...(options.headSource === undefined ? {} : { headSource: options.headSource }),
  });
  const isUp = (): boolean => link.isUp();
  const cache = createRedisCache({ redis: link.command, keyPrefix, isUp, ttlMs: options.cacheTtlMs ?? 86_400_000 });
  link.onChange((up) => {
    if (up) void cache.flush();
  });
  return {
    mode: 'redis',
    notifications: {
      publishHead: (position) => notifications.publishHead(position),
      onHead: (listener) => notifications.onHead(listener),
    },
    leases: createRedisLeases({ redis: link.command, keyPrefix, isUp, now }),
    cache: {
      get: (key) => cache.get(key),
      set: (key, value, checkpoint) => cache.set(key, value, checkpoint),
      invalidate: (position) => cache.invalidate(position),
    },
    isUp,
    async close() {
      notifications.close();
      await link.close();
    },
  };
};
