// Read-your-writes: callers wait until the read models they query have folded a given global position,
// bounded by a timeout. The runner settles waiters after each commit; a reader without a runner polls.

export interface PositionWaiters {
  /** Resolves true once `reached()` says so, false after timeoutMs. */
  wait(position: number, timeoutMs: number, projections: readonly string[] | undefined): Promise<boolean>;
  /** Re-checks every waiter (call after checkpoints moved). */
  settle(): void;
  /** Resolves every waiter false (shutdown). */
  cancelAll(): void;
}

interface Waiter {
  readonly position: number;
  readonly projections: readonly string[] | undefined;
  readonly finish: (reached: boolean) => void;
}

export const createPositionWaiters = (
  reached: (position: number, projections: readonly string[] | undefined) => boolean,
): PositionWaiters => {
  const waiters = new Set<Waiter>();
  return {
    wait(position, timeoutMs, projections) {
      if (reached(position, projections)) return Promise.resolve(true);
      return new Promise((resolve) => {
        const waiter: Waiter = {
          position,
          projections,
          finish: (ok) => {
            clearTimeout(timer);
            waiters.delete(waiter);
            resolve(ok);
          },
        };
        const timer = setTimeout(() => waiter.finish(false), Math.max(0, timeoutMs));
        waiters.add(waiter);
      });
    },
    settle() {
      for (const waiter of [...waiters]) if (reached(waiter.position, waiter.projections)) waiter.finish(true);
    },
    cancelAll() {
      for (const waiter of [...waiters]) waiter.finish(false);
    },
  };
};
