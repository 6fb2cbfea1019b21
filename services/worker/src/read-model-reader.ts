// Query access to the read models for a process that does not run the projection runner itself (an API
// started with --no-worker beside a worker process): rows from the shared database, and a read-your-writes
// wait that polls the checkpoint table.
import type { ReadModelStore } from './read-model/read-model-store.js';
import type { ReadModelReader } from './projection-runner.js';
import { createPositionWaiters } from './position-waiters.js';

export const createPollingReader = (readModel: ReadModelStore, options: { readonly pollIntervalMs?: number } = {}): ReadModelReader => {
  const pollIntervalMs = options.pollIntervalMs ?? 25;
  let positions = new Map<string, number>();
  const refresh = async (): Promise<void> => {
    positions = new Map((await readModel.checkpoints()).map((c) => [c.name, c.position]));
  };
  const reached = (position: number, names: readonly string[] | undefined): boolean => {
    const wanted = names ?? [...positions.keys()];
    return wanted.length > 0 && wanted.every((name) => (positions.get(name) ?? 0) >= position);
  };
  const waiters = createPositionWaiters(reached);
  let timer: NodeJS.Timeout | null = null;
  let waiting = 0;
  const poll = (): void => {
    timer = null;
    if (waiting === 0) return;
    // The database may be briefly locked, closing or unreachable; the waiters time out if it stays so.
    refresh().catch(() => undefined).finally(() => {
      waiters.settle();
      if (waiting > 0) timer ??= setTimeout(poll, pollIntervalMs);
    });
  };
  return {
    select: (table, where, selectOptions) => readModel.select(table, where, selectOptions),
    /** As of the last poll: waitForPosition refreshes it. */
    checkpoint: (name) => positions.get(name) ?? 0,
    async waitForPosition(position, timeoutMs, names) {
      await refresh().catch(() => undefined);
      waiting += 1;
      timer ??= setTimeout(poll, pollIntervalMs);
      try {
        return await waiters.wait(position, timeoutMs, names);
      } finally {
        waiting -= 1;
      }
    },
  };
};
