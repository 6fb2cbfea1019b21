// The group-commit queue the PostgreSQL and EventStoreDB adapters share: one write in flight per store, and the
// items queued meanwhile go together, in arrival order, into the next one, which is what recovers the throughput
// a single append lock (or a single stream's expected revision) costs.

/** What one item of a group came to: its result, or the error its caller gets. */
export type Settled<T> = { readonly ok: true; readonly result: T } | { readonly ok: false; readonly error: unknown };

export interface GroupCommitOptions<In, Out> {
  /** Writes one group; answers each item, in the group's order. Throwing fails the whole group. */
  readonly runGroup: (items: readonly In[]) => Promise<readonly Settled<Out>[]>;
  /** The most items one group takes; a backlog beyond it goes in further groups. */
  readonly maxGroup: number;
  /**
   * A group that failed with such an error stored nothing, and it says nothing of which item was at fault: each
   * of its items is then run again alone, so only the offending one fails.
   */
  readonly runAloneAfter?: (error: unknown) => boolean;
}

export interface GroupCommit<In, Out> {
  enqueue(item: In): Promise<Out>;
  /** Resolves when every item enqueued so far has been written or rejected. */
  idle(): Promise<void>;
}

interface Pending<In, Out> {
  readonly item: In;
  readonly resolve: (result: Out) => void;
  readonly reject: (error: unknown) => void;
}

export function createGroupCommit<In, Out>(options: GroupCommitOptions<In, Out>): GroupCommit<In, Out> {
  const { maxGroup, runAloneAfter = () => false } = options;
  if (!Number.isInteger(maxGroup) || maxGroup < 1) throw new RangeError(`maxGroup must be a positive integer, not ${maxGroup}`);

  const settle = (group: readonly Pending<In, Out>[], settled: readonly Settled<Out>[]): void => {
    group.forEach((pending, i) => {
      const outcome = settled[i];
      if (outcome === undefined) pending.reject(new Error('group commit lost an item'));
      else if (outcome.ok) pending.resolve(outcome.result);
      else pending.reject(outcome.error);
    });
  };

  async function run(group: readonly Pending<In, Out>[]): Promise<void> {
    let settled: readonly Settled<Out>[];
    try {
      settled = await options.runGroup(group.map((pending) => pending.item));
    } catch (error) {
      if (group.length > 1 && runAloneAfter(error)) {
        for (const pending of group) await run([pending]);
      } else {
        for (const pending of group) pending.reject(error);
      }
      return;
    }
    settle(group, settled);
  }

  const queue: Pending<In, Out>[] = [];
  let running: Promise<void> | null = null;

  const drain = async (): Promise<void> => {
    // setImmediate, not a microtask: items enqueued after awaits resolved in this tick join the first group too.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (queue.length > 0) await run(queue.splice(0, maxGroup));
    // Cleared in the same synchronous step as the emptiness check: an item pushed later starts a new drain.
    running = null;
  };

  return {
    enqueue(item: In): Promise<Out> {
      return new Promise((resolve, reject) => {
        queue.push({ item, resolve, reject });
        running ??= drain();
      });
    },
    async idle(): Promise<void> {
      while (running !== null) await running;
    },
  };
}
