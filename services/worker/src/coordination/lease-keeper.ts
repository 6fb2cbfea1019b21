// Holds one lease for a long-running process (a projection runner): acquires it, renews it at a third of its
// TTL, and when a renewal fails counts it as lost at once and keeps trying to acquire it again.
import type { CoordinationLog, Lease, Leases } from './coordination.js';
import { LeaseLostError } from './coordination.js';

export interface LeaseKeeperOptions {
  readonly leases: Leases;
  readonly name: string;
  readonly holderId: string;
  readonly ttlMs: number;
  readonly log: CoordinationLog;
  /** Tokens recorded beside the checkpoint (ReadModelStore.highestFence), so a new token is above them. */
  readonly tokenFloor?: () => number | null | Promise<number | null>;
  /** Monotonic milliseconds; must be the clock the leases were created with. Default performance.now(). */
  readonly now?: () => number;
}

export interface LeaseKeeper {
  /** The lease while it is valid by local reckoning; null while another process holds it or it was lost. */
  current(): Lease | null;
  /** The current lease, confirmed by the backend and its fence; LeaseLostError / StaleFencingTokenError otherwise. */
  assertHeld(): Promise<Lease>;
  /** Resolves with the lease once held (stop() resolves it with null). */
  acquired(): Promise<Lease | null>;
  /** Resolves when the first attempt is over: with the lease if it won it, else null (held elsewhere, or no answer). */
  firstAttempt(): Promise<Lease | null>;
  /** Stops renewing and releases the lease so another process takes over without waiting for the TTL. */
  stop(): Promise<void>;
}

export const createLeaseKeeper = (options: LeaseKeeperOptions): LeaseKeeper => {
  const { leases, name, holderId, ttlMs, log } = options;
  const now = options.now ?? (() => performance.now());
  const every = Math.max(10, Math.floor(ttlMs / 3));
  let lease: Lease | null = null;
  let stopped = false;
  let waiting: ((lease: Lease | null) => void)[] = [];
  let timer: NodeJS.Timeout | null = null;
  let tick: Promise<void> = Promise.resolve();

  const valid = (): Lease | null => (lease !== null && lease.validUntil > now() ? lease : null);

  const step = async (): Promise<void> => {
    if (stopped) return;
    if (lease !== null) {
      const renewed = await leases.renew(lease, ttlMs);
      if (renewed === null) {
        // Decided: an unconfirmed renewal is a loss. The runner stops committing; acquiring again below.
        log.warn({ lease: name, token: lease.token }, 'lease lost; not committing until it is acquired again');
        lease = null;
      } else {
        lease = renewed;
        return;
      }
    }
    const got = await leases.acquire(name, holderId, ttlMs, (await options.tokenFloor?.()) ?? 0);
    if (got === null || stopped) {
      if (got !== null) await leases.release(got);
      return;
    }
    lease = got;
    log.info({ lease: name, token: got.token }, 'lease acquired');
    for (const resolve of waiting) resolve(got);
    waiting = [];
  };

  const schedule = (): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      timer = null;
      tick = step().catch((error: unknown) => log.error({ err: error, lease: name }, 'lease keeper step failed')).then(schedule);
    }, every);
  };
  tick = step().catch((error: unknown) => log.error({ err: error, lease: name }, 'lease keeper step failed')).then(schedule);
  const first = tick.then(() => valid());

  return {
    current: valid,
    async assertHeld() {
      const held = valid();
      if (held === null) throw new LeaseLostError(name, 'not held by this process');
      await leases.assertHeld(held);
      await leases.fence(name, held.token);
      return held;
    },
    firstAttempt: () => first,
    acquired() {
      const held = valid();
      if (held !== null || stopped) return Promise.resolve(held);
      return new Promise((resolve) => waiting.push(resolve));
    },
    async stop() {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      await tick;
      for (const resolve of waiting) resolve(null);
      waiting = [];
      const held = lease;
      lease = null;
      if (held !== null) await leases.release(held);
    },
  };
};
