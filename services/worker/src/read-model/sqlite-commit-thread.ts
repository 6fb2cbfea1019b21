// The main side of the commit thread (sqlite-commit-worker.mjs): large read-model commits run there, on a
// second connection to the same file, so the projection runner folds the next batch on this thread meanwhile.
// Commits run one after another in the order given; the thread starts on first use and ends when idle.
import { Worker } from 'node:worker_threads';
import type { CommitStep } from './sqlite-commit-steps.js';
import { CommitRefusedError } from './sqlite-commit-steps.js';

export interface CommitThread {
  /**
   * Runs one commit's statements in one transaction, handing them over step by step as they are made;
   * rejects with CommitRefusedError when a guard refused.
   */
  run(steps: Iterable<CommitStep>): Promise<void>;
  /** Resolves once every commit handed over has finished (committed or rolled back). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export interface CommitThreadOptions {
  readonly path: string;
  readonly synchronous: 'OFF' | 'NORMAL' | 'FULL' | 'EXTRA';
  /** The thread and its connection end after this long without work. Default 2,000 ms. */
  readonly idleMs?: number;
}

type Reply = { id: number; ok: true } | { id: number; refusal: { kind: 'fence' | 'checkpoint'; message: string } } | { id: number; error: string };

interface Waiting {
  resolve(): void;
  reject(error: Error): void;
}

const isReply = (value: unknown): value is Reply => typeof value === 'object' && value !== null && 'id' in value && typeof value.id === 'number';

export const createCommitThread = (options: CommitThreadOptions): CommitThread => {
  const idleMs = options.idleMs ?? 2000;
  let worker: Worker | null = null;
  let closeTimer: NodeJS.Timeout | null = null;
  let nextId = 0;
  const waiting = new Map<number, Waiting>();
  let drained: { promise: Promise<void>; resolve(): void } | null = null;

  const settleIdle = (): void => {
    if (waiting.size > 0) return;
    drained?.resolve();
    drained = null;
    // Nothing in flight: the thread must not keep the process alive, and ends after a quiet spell.
    worker?.unref();
    if (worker !== null && closeTimer === null) {
      closeTimer = setTimeout(() => {
        closeTimer = null;
        if (waiting.size === 0) end();
      }, idleMs);
      closeTimer.unref();
    }
  };

  const failAll = (error: Error): void => {
    for (const w of waiting.values()) w.reject(error);
    waiting.clear();
    worker = null;
    settleIdle();
  };

  const end = (): void => {
    const current = worker;
    worker = null;
    current?.postMessage({ close: true });
  };

  const start = (): Worker => {
    const started = new Worker(new URL('./sqlite-commit-worker.mjs', import.meta.url), {
      workerData: { path: options.path, synchronous: options.synchronous },
    });
    started.on('message', (reply: unknown) => {
      if (!isReply(reply)) return;
      const w = waiting.get(reply.id);
      if (w === undefined) return;
      waiting.delete(reply.id);
      if ('ok' in reply) w.resolve();
      else if ('refusal' in reply) w.reject(new CommitRefusedError(reply.refusal.kind, reply.refusal.message));
      else w.reject(new Error(`read-model commit failed: ${reply.error}`));
      settleIdle();
    });
    started.on('error', (error) => {
      if (worker === started) failAll(error);
    });
    started.on('exit', (code) => {
      if (worker === started) failAll(new Error(`the read-model commit thread exited (code ${code})`));
    });
    return started;
  };

  return {
    run(steps) {
      if (closeTimer !== null) {
        clearTimeout(closeTimer);
        closeTimer = null;
      }
      worker ??= start();
      worker.ref();
      const id = nextId++;
      const done = new Promise<void>((resolve, reject) => waiting.set(id, { resolve, reject }));
      try {
        for (const step of steps) worker.postMessage({ id, step });
        worker.postMessage({ id, last: true });
      } catch (error) {
        // Making a step failed: the thread rolls back what it received, and the commit fails with the cause.
        worker.postMessage({ id, last: true, abandon: true });
        done.catch(() => undefined);
        return Promise.reject(error instanceof Error ? error : new Error('read-model commit failed', { cause: error }));
      }
      return done;
    },
    idle() {
      if (waiting.size === 0) return Promise.resolve();
      if (drained === null) {
        let resolve = (): void => undefined;
        const promise = new Promise<void>((r) => (resolve = r));
        drained = { promise, resolve };
      }
      return drained.promise;
    },
    async close() {
      await this.idle();
      if (closeTimer !== null) clearTimeout(closeTimer);
      closeTimer = null;
      end();
    },
  };
};
