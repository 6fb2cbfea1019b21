// What the worker's health check answers: the lease, the read models' checkpoints, the ledger's head and the lag
// between them, and whether the worker is healthy: both stores answer and the runner's last batch did not fail.
import { z } from 'zod';
import type { OpenedTopology } from './topology.js';
import type { RunningWorker } from './worker-process.js';

export const HEALTH_PROBLEMS = ['starting', 'event store unreachable', 'read-model store unreachable', 'last batch failed'] as const;

export const WorkerHealthSchema = z.object({
  lease: z.enum(['held', 'standby', 'none']),
  /** Position each projection has folded, as committed beside its rows (the holder's, for a standby). */
  checkpoints: z.record(z.string(), z.number().int().nonnegative()),
  /** The ledger's last position; null when the event store did not answer. */
  head: z.number().int().nonnegative().nullable(),
  /** Positions the furthest-behind projection has still to fold; null when either store did not answer. */
  lag: z.number().int().nonnegative().nullable(),
  /** Why the worker is unhealthy; absent when it is healthy. */
  problem: z.enum(HEALTH_PROBLEMS).optional(),
});
export type WorkerHealth = z.infer<typeof WorkerHealthSchema>;

export interface HealthReport {
  readonly healthy: boolean;
  readonly health: WorkerHealth;
}

export interface HealthLog {
  warn(details: object, message: string): void;
}

export interface WorkerHealthOptions {
  readonly opened: Pick<OpenedTopology, 'store' | 'readModels'>;
  readonly worker: Pick<RunningWorker, 'runner' | 'lease' | 'lastBatchFailed'>;
  readonly log: HealthLog;
  /** How long each store may take to answer before it counts as unreachable. Default 2,000 ms. */
  readonly timeoutMs?: number;
}

class ProbeTimeoutError extends Error {}

const within = async <T>(promise: Promise<T>, timeoutMs: number): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ProbeTimeoutError(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
};

/** The answer while the worker is still opening its stores and catching up. */
export const startingHealth = (): HealthReport =>
  ({ healthy: false, health: { lease: 'none', checkpoints: {}, head: null, lag: null, problem: 'starting' } });

/** Asks both stores (each bounded by the timeout) and the runner; never throws. */
export const checkWorkerHealth = async (options: WorkerHealthOptions): Promise<HealthReport> => {
  const { opened, worker, log } = options;
  const timeoutMs = options.timeoutMs ?? 2000;
  const names = Object.keys(worker.runner.checkpoints());
  const [head, stored] = await Promise.allSettled([
    within(opened.store.headPosition(), timeoutMs), within(opened.readModels.checkpoints(), timeoutMs),
  ]);
  // Stored, not the runner's own: a standby's runner folds nothing, and every worker should report the same.
  const positions = stored.status === 'fulfilled' ? new Map(stored.value.map((c) => [c.name, c.position])) : null;
  const checkpoints = Object.fromEntries(names.map((name) => [name, positions?.get(name) ?? worker.runner.checkpoints()[name] ?? 0]));
  const headPosition = head.status === 'fulfilled' ? head.value : null;
  const lag = headPosition === null || positions === null ? null : headPosition - Math.min(headPosition, ...Object.values(checkpoints));
  const problem = head.status === 'rejected' ? 'event store unreachable'
    : stored.status === 'rejected' ? 'read-model store unreachable'
      // Caught up, nothing is left to fail on: an error before it (the head read, say) is over too.
      : worker.lastBatchFailed() && lag !== 0 ? 'last batch failed'
        : undefined;
  const failure = (probe: PromiseSettledResult<unknown>): unknown => (probe.status === 'rejected' ? probe.reason : null);
  if (head.status === 'rejected') log.warn({ err: failure(head) }, 'health check: event store unreachable');
  if (stored.status === 'rejected') log.warn({ err: failure(stored) }, 'health check: read-model store unreachable');
  const health: WorkerHealth = { lease: worker.lease(), checkpoints, head: headPosition, lag };
  return problem === undefined ? { healthy: true, health } : { healthy: false, health: { ...health, problem } };
};
