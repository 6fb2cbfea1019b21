// The coordination port (ARCHITECTURE.md, Redis): head notifications, leases with fencing tokens, and a cache
// for as-of answers. Redis when REDIS_URL is set (several machines), in-process otherwise (one machine).

/** What coordination logs: pino (or fastify's app.log) fits. */
export interface CoordinationLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export type HeadListener = (position: number) => void;

/** "New events up to position N": fan-out of the store's head to every node. */
export interface HeadNotifications {
  /** Call after each append with its last global position. Never throws; a lost message is made up by polling. */
  publishHead(position: number): void;
  /**
   * Calls `listener` with each new head, strictly increasing (a head seen twice, through Redis and locally, is
   * delivered once). Returns the function that removes the listener.
   */
  onHead(listener: HeadListener): () => void;
}

export interface Lease {
  readonly name: string;
  readonly holderId: string;
  /** Strictly increasing per lease name across all holders: a later holder always has a larger token. */
  readonly token: number;
  /**
   * When this holder must assume the lease is gone unless renewed, on the `now()` clock of the process that
   * acquired it. Counted from before the request was sent, so it never outlives the server-side expiry.
   */
  readonly validUntil: number;
}

export interface Leases {
  /**
   * The lease with a new fencing token, or null when someone else holds it or the backend is unreachable.
   * `tokenFloor`: the highest token recorded beside the checkpoint; the new token is above it even when Redis
   * lost its counter (restarted without persistence). Default 0.
   */
  acquire(name: string, holderId: string, ttlMs: number, tokenFloor?: number): Promise<Lease | null>;
  /** Extends a lease still held by this holder and token; null when it is lost (expired, taken, unreachable). */
  renew(lease: Lease, ttlMs: number): Promise<Lease | null>;
  /** Deletes the lease only if this holder and token still hold it; true when it did. */
  release(lease: Lease): Promise<boolean>;
  /** Throws LeaseLostError unless the lease is still valid by local reckoning and the backend confirms it. */
  assertHeld(lease: Lease): Promise<void>;
  /**
   * Throws StaleFencingTokenError when a higher token was issued for the lease (someone took over), and
   * LeaseLostError when that cannot be checked. A fast early check; the binding one is admitFencingToken
   * inside the checkpoint transaction (fencing.ts).
   */
  fence(name: string, token: number): Promise<void>;
}

export type CacheLookup = { readonly hit: true; readonly value: unknown } | { readonly hit: false };

/**
 * Answers that cannot change, keyed by the caller. The invalidation generation is the global position of the
 * newest event that can change a past as-of answer (a correction, a retraction, a retroactive event): an entry
 * computed from a read model at checkpoint C is served only while no such event above C is known. Bumping is
 * a MAX, so many nodes (or a replay) bumping the same position is harmless.
 */
export interface AnswerCache {
  /** A miss when absent, invalidated, unreadable or the backend is unreachable; never throws. */
  get(key: string): Promise<CacheLookup>;
  /**
   * Stores a JSON value computed from read models at `checkpoint`; refused (false) when an invalidation above
   * that checkpoint is already known, or the backend is unreachable. Never throws.
   */
  set(key: string, value: unknown, checkpoint: number): Promise<boolean>;
  /**
   * Records that the event at `position` may change cached answers. Never throws: when the backend is
   * unreachable it is kept and recorded first thing on recovery, and this node serves no hit meanwhile.
   */
  invalidate(position: number): Promise<void>;
}

export interface Coordination {
  readonly mode: 'redis' | 'in-process';
  readonly notifications: HeadNotifications;
  readonly leases: Leases;
  readonly cache: AnswerCache;
  /** Whether the backend answers now (always true in process). */
  isUp(): boolean;
  close(): Promise<void>;
}

/** The lease expired, was taken over, or cannot be confirmed: the holder must not commit. */
export class LeaseLostError extends Error {
  override readonly name = 'LeaseLostError';
  readonly code = 'LEASE_LOST';
  constructor(readonly lease: string, detail: string) {
    super(`lease ${lease} is not held: ${detail}`);
  }
}

/** A fencing token lower than one already issued or recorded: an old holder tried to commit. */
export class StaleFencingTokenError extends Error {
  override readonly name = 'StaleFencingTokenError';
  readonly code = 'STALE_FENCING_TOKEN';
  constructor(readonly lease: string, readonly token: number, readonly highest: number) {
    super(`lease ${lease}: token ${token} is older than ${highest}`);
  }
}

export const DEFAULT_KEY_PREFIX = 'estafet:';

/** Options shared by both implementations. */
export interface CoordinationOptions {
  readonly log: CoordinationLog;
  /** Prepended to every Redis key and channel, so deployments (and tests) sharing a Redis stay apart. */
  readonly keyPrefix?: string;
  /** The store's head: polled for notifications while Redis is unreachable. */
  readonly headSource?: () => Promise<number>;
  /** Poll interval for headSource while Redis is down. Default 1,000 ms. */
  readonly pollIntervalMs?: number;
  /** Monotonic milliseconds for lease validity. Default performance.now(). */
  readonly now?: () => number;
}

export const nonNegativeInteger = (value: number, what: string): number => {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${what} must be a non-negative integer, got ${value}`);
  return value;
};
