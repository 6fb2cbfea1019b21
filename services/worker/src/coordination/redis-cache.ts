// The as-of answer cache on Redis. Each entry carries the read-model checkpoint it was computed at; one key
// holds the invalidation generation (position of the newest answer-changing event), raised with a MAX.
import type { Redis } from 'ioredis';
import type { AnswerCache } from './coordination.js';

// KEYS: generation, entry. ARGV: checkpoint, entry JSON, ttl ms. Refuses an answer older than the generation,
// atomically, so one computed before a correction cannot land after the correction's invalidation.
const SET_IF_FRESH = `
if tonumber(ARGV[1]) < tonumber(redis.call('GET', KEYS[1]) or '0') then return 0 end
redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
return 1`;

// KEYS: generation. ARGV: position. A MAX, so bumps from several nodes or a replay commute.
const RAISE = `
if tonumber(redis.call('GET', KEYS[1]) or '0') < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], ARGV[1]) end
return 1`;

export interface RedisCacheOptions {
  readonly redis: Redis;
  readonly keyPrefix: string;
  readonly isUp: () => boolean;
  /** How long an entry lives at most, bounding memory. */
  readonly ttlMs: number;
}

export interface RedisCache extends AnswerCache {
  /** Records invalidations kept while Redis was down; called when it is back. */
  flush(): Promise<void>;
}

/** `{ c: checkpoint, v: value }` from Redis, or null for anything else (another version wrote the key). */
const readEntry = (raw: string | null): { checkpoint: number; value: unknown } | null => {
  if (raw === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || !('c' in parsed) || !('v' in parsed)) return null;
  return typeof parsed.c === 'number' ? { checkpoint: parsed.c, value: parsed.v } : null;
};

export const createRedisCache = (options: RedisCacheOptions): RedisCache => {
  const { redis, isUp, ttlMs } = options;
  const generationKey = `${options.keyPrefix}cache:generation`;
  const entryKey = (key: string): string => `${options.keyPrefix}cache:entry:${key}`;
  /** The highest invalidation this node knows of, recorded in Redis or not: it never serves below it. */
  let known = 0;
  /** An invalidation Redis has not confirmed yet (0: none). */
  let pending = 0;

  const flush = async (): Promise<void> => {
    if (pending === 0 || !isUp()) return;
    const position = pending;
    try {
      await redis.eval(RAISE, 1, generationKey, position);
      if (pending === position) pending = 0;
    } catch {
      // Still pending: the next get, set or recovery tries again.
    }
  };

  return {
    async get(key) {
      await flush();
      // Until the invalidation is recorded, other nodes may still write entries it should have stopped.
      if (pending !== 0 || !isUp()) return { hit: false };
      try {
        const [generation, raw] = await redis.mget(generationKey, entryKey(key));
        const entry = readEntry(raw ?? null);
        const floor = Math.max(known, Number(generation ?? '0') || 0);
        return entry !== null && entry.checkpoint >= floor ? { hit: true, value: entry.value } : { hit: false };
      } catch {
        return { hit: false };
      }
    },
    async set(key, value, checkpoint) {
      await flush();
      if (pending !== 0 || !isUp() || checkpoint < known || value === undefined) return false;
      const json = JSON.stringify({ c: checkpoint, v: value });
      try {
        return (await redis.eval(SET_IF_FRESH, 2, generationKey, entryKey(key), checkpoint, json, ttlMs)) === 1;
      } catch {
        return false;
      }
    },
    async invalidate(position) {
      known = Math.max(known, position);
      pending = Math.max(pending, position);
      await flush();
    },
    flush,
  };
};
