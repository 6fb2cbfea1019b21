// Leases on Redis: one Lua script issues the fencing token (INCR) and takes the lease (SET NX PX) atomically,
// so a failed attempt never burns a token; renew and release compare holder and token before touching it.
import type { Redis } from 'ioredis';
import { LeaseLostError, StaleFencingTokenError, nonNegativeInteger } from './coordination.js';
import type { Lease, Leases } from './coordination.js';

// KEYS: holder key, token counter. ARGV: holder id, ttl ms, token floor. The floor lifts a counter that Redis
// lost (a restart without persistence) above the tokens already recorded beside checkpoints.
const ACQUIRE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return false end
if tonumber(redis.call('GET', KEYS[2]) or '0') < tonumber(ARGV[3]) then redis.call('SET', KEYS[2], ARGV[3]) end
local token = redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], ARGV[1] .. '|' .. token, 'NX', 'PX', ARGV[2])
return token`;

// KEYS: holder key. ARGV: "holder|token", ttl ms. Extends only the lease this holder and token still own.
const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

// KEYS: holder key. ARGV: "holder|token". Deletes only the lease this holder and token still own.
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

export interface RedisLeasesOptions {
  readonly redis: Redis;
  readonly keyPrefix: string;
  readonly isUp: () => boolean;
  readonly now: () => number;
}

const holderValue = (lease: Pick<Lease, 'holderId' | 'token'>): string => `${lease.holderId}|${lease.token}`;

export const createRedisLeases = (options: RedisLeasesOptions): Leases => {
  const { redis, keyPrefix, isUp, now } = options;
  const holderKey = (name: string): string => `${keyPrefix}lease:${name}:holder`;
  const tokenKey = (name: string): string => `${keyPrefix}lease:${name}:token`;

  /** The script's answer, or null when Redis did not give one (down, timed out): never a throw. */
  const run = async (script: string, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> => {
    if (!isUp()) return null;
    try {
      const answer: unknown = await redis.eval(script, keys.length, ...keys, ...args);
      return answer;
    } catch {
      return null;
    }
  };

  return {
    async acquire(name, holderId, ttlMs, tokenFloor = 0) {
      if (holderId.includes('|')) throw new RangeError('a lease holder id may not contain "|"');
      const started = now();
      const args = [holderId, nonNegativeInteger(ttlMs, 'ttlMs'), nonNegativeInteger(tokenFloor, 'tokenFloor')];
      const token = await run(ACQUIRE, [holderKey(name), tokenKey(name)], args);
      return typeof token === 'number' ? { name, holderId, token, validUntil: started + ttlMs } : null;
    },
    async renew(lease, ttlMs) {
      const started = now();
      const extended = await run(RENEW, [holderKey(lease.name)], [holderValue(lease), nonNegativeInteger(ttlMs, 'ttlMs')]);
      // A renewal that could not be confirmed is a loss: this holder cannot know the lease is still its own.
      return extended === 1 ? { ...lease, validUntil: started + ttlMs } : null;
    },
    async release(lease) {
      return (await run(RELEASE, [holderKey(lease.name)], [holderValue(lease)])) === 1;
    },
    async assertHeld(lease) {
      if (lease.validUntil <= now()) throw new LeaseLostError(lease.name, 'its validity ran out without a renewal');
      if (!isUp()) throw new LeaseLostError(lease.name, 'redis is unreachable');
      let holder: string | null;
      try {
        holder = await redis.get(holderKey(lease.name));
      } catch {
        throw new LeaseLostError(lease.name, 'redis did not answer');
      }
      if (holder !== holderValue(lease)) throw new LeaseLostError(lease.name, 'expired or taken over');
    },
    async fence(name, token) {
      if (!isUp()) throw new LeaseLostError(name, 'redis is unreachable, the fencing token cannot be checked');
      let highest: string | null;
      try {
        highest = await redis.get(tokenKey(name));
      } catch {
        throw new LeaseLostError(name, 'redis did not answer');
      }
      // The counter is the highest token ever issued for this lease: anything below it has been superseded.
      const issued = highest === null ? 0 : Number(highest);
      if (!Number.isSafeInteger(issued)) throw new LeaseLostError(name, 'the token counter is unreadable');
      if (token < issued) throw new StaleFencingTokenError(name, token, issued);
    },
  };
};
