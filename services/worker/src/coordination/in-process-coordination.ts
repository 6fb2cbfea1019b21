// Coordination inside one process (no REDIS_URL): heads go to this process's listeners, leases and the cache
// are maps. Right for the embedded single-machine setup, where API and worker share a process.
import { createHeadFanOut } from './head-fan-out.js';
import { LeaseLostError, StaleFencingTokenError, nonNegativeInteger } from './coordination.js';
import type { AnswerCache, Coordination, CoordinationOptions, Lease, Leases } from './coordination.js';

export interface InProcessCoordinationOptions extends Pick<CoordinationOptions, 'log' | 'now' | 'headSource' | 'pollIntervalMs'> {
  /** Entries kept before the oldest is dropped. Default 10,000. */
  readonly maxCacheEntries?: number;
}

interface Holder {
  readonly holderId: string;
  readonly token: number;
  readonly expiresAt: number;
}

/** A synchronous answer as a promise, a throw as a rejection: callers await either way. */
const settle = <T>(work: () => T): Promise<T> => {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
};

const createMemoryLeases = (now: () => number): Leases => {
  const holders = new Map<string, Holder>();
  const issued = new Map<string, number>();
  const live = (name: string): Holder | undefined => {
    const holder = holders.get(name);
    if (holder !== undefined && holder.expiresAt <= now()) holders.delete(name);
    return holders.get(name);
  };
  const holds = (lease: Lease): boolean => {
    const holder = live(lease.name);
    return holder?.holderId === lease.holderId && holder.token === lease.token;
  };
  return {
    acquire: (name, holderId, ttlMs, tokenFloor = 0) => settle(() => {
      const expiresAt = now() + nonNegativeInteger(ttlMs, 'ttlMs');
      const floor = nonNegativeInteger(tokenFloor, 'tokenFloor');
      if (live(name) !== undefined) return null;
      const token = Math.max(issued.get(name) ?? 0, floor) + 1;
      issued.set(name, token);
      holders.set(name, { holderId, token, expiresAt });
      return { name, holderId, token, validUntil: expiresAt };
    }),
    renew: (lease, ttlMs) => settle(() => {
      const expiresAt = now() + nonNegativeInteger(ttlMs, 'ttlMs');
      if (!holds(lease)) return null;
      holders.set(lease.name, { holderId: lease.holderId, token: lease.token, expiresAt });
      return { ...lease, validUntil: expiresAt };
    }),
    release: (lease) => settle(() => holds(lease) && holders.delete(lease.name)),
    assertHeld: (lease) => settle(() => {
      if (lease.validUntil <= now() || !holds(lease)) throw new LeaseLostError(lease.name, 'expired or taken over');
    }),
    fence: (name, token) => settle(() => {
      const highest = issued.get(name) ?? 0;
      if (token < highest) throw new StaleFencingTokenError(name, token, highest);
    }),
  };
};

const createMemoryCache = (maxEntries: number): AnswerCache => {
  // JSON text, not the object: a caller mutating what it got must not change what the next caller gets.
  const entries = new Map<string, { readonly checkpoint: number; readonly json: string }>();
  let invalidatedUpTo = 0;
  return {
    get(key) {
      const entry = entries.get(key);
      if (entry === undefined || entry.checkpoint < invalidatedUpTo) return Promise.resolve({ hit: false });
      const value: unknown = JSON.parse(entry.json);
      return Promise.resolve({ hit: true, value });
    },
    set(key, value, checkpoint) {
      if (checkpoint < invalidatedUpTo) return Promise.resolve(false);
      const json = JSON.stringify(value);
      if (json === undefined) return Promise.resolve(false);
      entries.delete(key);
      entries.set(key, { checkpoint, json });
      // A Map iterates in insertion order: the first key is the oldest entry.
      if (entries.size > maxEntries) for (const oldest of entries.keys()) {
        entries.delete(oldest);
        break;
      }
      return Promise.resolve(true);
    },
    invalidate(position) {
      invalidatedUpTo = Math.max(invalidatedUpTo, position);
      return Promise.resolve();
    },
  };
};

export const createInProcessCoordination = (options: InProcessCoordinationOptions): Coordination => {
  const now = options.now ?? (() => performance.now());
  const heads = createHeadFanOut(options.log);
  // Appends by another process on the same ledger file (a worker beside an API started with --no-worker)
  // reach no listener here; with a head source they are polled.
  const { headSource } = options;
  const poller = headSource === undefined ? null : setInterval(() => {
    headSource().then((head) => heads.emit(head), () => undefined);
  }, options.pollIntervalMs ?? 1000);
  return {
    mode: 'in-process',
    notifications: { publishHead: (position) => heads.emit(position), onHead: (listener) => heads.onHead(listener) },
    leases: createMemoryLeases(now),
    cache: createMemoryCache(options.maxCacheEntries ?? 10_000),
    isUp: () => true,
    close: () => {
      if (poller !== null) clearInterval(poller);
      heads.clear();
      return Promise.resolve();
    },
  };
};
