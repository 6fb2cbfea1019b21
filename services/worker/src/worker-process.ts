// The worker's work over an opened topology: the projection runner and the continuity process. With Redis
// (several machines) both run under one lease, so two workers never fold the same projection at once: the
// runner folds only while it holds the lease and commits its token beside the checkpoints (fencing), and the
// continuity process starts once the lease is first held. A second worker waits, and takes over within the
// lease's TTL when the first one stops or dies. Redis down: the holder folds on (see leaseForCommit).
import { continuityProjection } from '@estafet/projections';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { DEFAULT_PROJECTIONS } from './default-projections.js';
import { createProjectionRunner } from './projection-runner.js';
import type { ProjectionRunner, RunnerLog } from './projection-runner.js';
import { startContinuityProcess } from './continuity/continuity-process.js';
import type { ContinuityProcess } from './continuity/continuity-process.js';
import { createLeaseKeeper } from './coordination/lease-keeper.js';
import type { LeaseKeeper } from './coordination/lease-keeper.js';
import type { Coordination } from './coordination/coordination.js';
import type { OpenedTopology } from './topology.js';

export const WORKER_LEASE = 'worker';

export interface StartWorkerOptions {
  readonly opened: OpenedTopology;
  readonly log: RunnerLog & { child(bindings: object): RunnerLog };
  readonly clock?: () => Date;
  readonly continuityTickMs: number;
  readonly batchSize?: number;
  readonly rebuildBatchSize?: number;
  /** How long the lease lives without renewal; a dead worker's successor waits at most this long. Default 5,000 ms. */
  readonly leaseTtlMs?: number;
  /** Wait before looking again for a lease held elsewhere, and before retrying a failed batch. Default 1,000 ms. */
  readonly retryDelayMs?: number;
}

export interface RunningWorker {
  readonly runner: ProjectionRunner;
  /** Null until this worker first holds the lease (at once without Redis). */
  continuity(): ContinuityProcess | null;
  /** Whether this worker holds the lease now (always true without Redis). */
  holdsLease(): boolean;
  /** 'none' without Redis (no lease is used), else whether this worker holds the lease or waits for it. */
  lease(): 'held' | 'standby' | 'none';
  /**
   * Whether the runner's last batch failed (ProjectionRunner.lastFailure): a batch that commits afterwards (the
   * retry, or one after the next head) clears it, and so does handing the lease to another worker.
   */
  lastBatchFailed(): boolean;
  stop(): Promise<void>;
}

/** How long a starting worker waits for its Redis link before trying for the lease anyway. */
const LINK_WAIT_MS = 2000;

/**
 * Resolves once the coordination is up, or after timeoutMs. The Redis link connects in the background: a first
 * acquire on a link still connecting fails as if another worker held the lease ("standing by" with nobody
 * holding it), and the keeper tries again only a third of a TTL later.
 */
const linkUp = async (coordination: Coordination, timeoutMs: number): Promise<void> => {
  const deadline = performance.now() + timeoutMs;
  while (!coordination.isUp() && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
};

export const startWorker = async (options: StartWorkerOptions): Promise<RunningWorker> => {
  const { opened, log } = options;
  const clock = options.clock ?? (() => new Date());
  const shared = opened.coordination.mode === 'redis';
  const holderId = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const ttlMs = options.leaseTtlMs ?? 5000;
  if (shared) await linkUp(opened.coordination, LINK_WAIT_MS);
  const keeper: LeaseKeeper | null = shared
    ? createLeaseKeeper({
      leases: opened.coordination.leases, name: WORKER_LEASE, holderId, ttlMs, log,
      tokenFloor: () => opened.readModels.highestFence(WORKER_LEASE),
    })
    : null;
  // While Redis is unreachable nobody can take the lease over, so the last holder folds on under its token: the
  // fence beside the checkpoints refuses it the moment a newer holder commits after Redis came back.
  let lastToken: number | null = null;
  const leaseForCommit = (held: LeaseKeeper): { readonly token: number } | null => {
    const lease = held.current();
    if (lease !== null) {
      lastToken = lease.token;
      return lease;
    }
    return opened.coordination.isUp() || lastToken === null ? null : { token: lastToken };
  };
  const runner = createProjectionRunner({
    store: opened.store,
    readModel: opened.readModels,
    projections: [...DEFAULT_PROJECTIONS, continuityProjection],
    log,
    clock,
    heads: opened.coordination.notifications,
    ...(keeper === null ? {} : { lease: { name: WORKER_LEASE, current: () => leaseForCommit(keeper) } }),
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
    ...(options.rebuildBatchSize === undefined ? {} : { rebuildBatchSize: options.rebuildBatchSize }),
    ...(options.retryDelayMs === undefined ? {} : { retryDelayMs: options.retryDelayMs }),
  });

  let continuity: ContinuityProcess | null = null;
  let stopped = false;
  const startContinuity = async (): Promise<void> => {
    if (stopped || continuity !== null) return;
    continuity = await startContinuityProcess({
      store: opened.store, clock, logger: log.child({ process: 'continuity' }), tickIntervalMs: options.continuityTickMs,
      checkpoints: opened.processCheckpoints,
    });
    continuity.done.catch((error: unknown) => log.error({ err: error }, 'continuity process stopped'));
  };

  if (keeper === null) {
    await runner.start();
    await startContinuity();
  } else {
    // The keeper's first attempt says which this is: the holder, or a worker waiting for the lease. Bounded, in
    // case the database answering the token floor hangs; the keeper goes on trying either way.
    const first = await Promise.race([keeper.firstAttempt(), new Promise<null>((resolve) => setTimeout(() => resolve(null), ttlMs).unref())]);
    const waiting = opened.coordination.isUp() ? 'another worker holds the lease; standing by' : 'redis unreachable; waiting for the lease';
    log.info({ holderId, holding: first !== null }, first === null ? waiting : 'worker lease held');
    await runner.start();
    void keeper.acquired().then((lease) => (lease === null ? undefined : startContinuity()))
      .catch((error: unknown) => log.error({ err: error }, 'continuity process failed to start'));
  }

  return {
    runner,
    continuity: () => continuity,
    holdsLease: () => keeper === null || keeper.current() !== null,
    lease: () => (keeper === null ? 'none' : keeper.current() === null ? 'standby' : 'held'),
    lastBatchFailed: () => runner.lastFailure() !== null,
    async stop() {
      stopped = true;
      await continuity?.stop();
      await runner.stop();
      await keeper?.stop();
    },
  };
};
