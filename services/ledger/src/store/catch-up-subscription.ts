// Catch-up-then-live subscriptions, for every store: read batches after the last delivered position, hand each
// event to the handler one at a time, and between batches wait for an append through this store or the next poll.
// The source may answer synchronously (SQLite) or not (PostgreSQL, EventStoreDB).
import { z } from 'zod';
import type { StoredEvent } from '@estafet/events';
import type { EventHandler, SubscribeOptions, Subscription } from './event-store.js';
import { InvalidQueryError, SubscriptionClosedError } from './event-store.js';

const BATCH_SIZE = 500;

const SubscribeOptionsSchema = z.object({
  fromPosition: z.number().int().nonnegative(),
  types: z.array(z.string().min(1)).optional(),
});

export interface SubscriptionSource {
  /** Events after `position` (of `types`, when given), in global order, upcast. */
  readAfter(position: number, types: readonly string[] | undefined, limit: number): StoredEvent[] | Promise<StoredEvent[]>;
  headPosition(): number | Promise<number>;
  /** Resolves on the next append through this store, after the poll interval, or when `signal` aborts. */
  waitForAppend(signal: AbortSignal): Promise<void>;
}

export function startSubscription(source: SubscriptionSource, options: SubscribeOptions, handler: EventHandler): Subscription {
  const parsed = SubscribeOptionsSchema.safeParse(options);
  if (!parsed.success) throw new InvalidQueryError(`subscribe: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  const { fromPosition, types } = parsed.data;
  const stop = new AbortController();
  let position = fromPosition;

  let caughtUpSettled = false;
  let settleCaughtUp: (error?: unknown) => void = () => undefined;
  const caughtUp = new Promise<void>((resolve, reject) => {
    settleCaughtUp = (error?: unknown) => {
      if (caughtUpSettled) return;
      caughtUpSettled = true;
      if (error === undefined) resolve();
      else reject(error instanceof Error ? error : new Error('subscription failed', { cause: error }));
    };
  });
  // caughtUp is a milestone; `done` is where a failure must be observed, so caughtUp alone never crashes a process.
  caughtUp.catch(() => undefined);

  const run = async (): Promise<void> => {
    // The backlog is fixed by the first read of the head, made before run() first yields: caughtUp means
    // "everything that existed when subscribe() was called".
    const backlogHead = await source.headPosition();
    while (!stop.signal.aborted) {
      const batch = await source.readAfter(position, types, BATCH_SIZE);
      if (stop.signal.aborted) return;
      if (batch.length === 0) {
        settleCaughtUp();
        await source.waitForAppend(stop.signal);
        continue;
      }
      for (const event of batch) {
        if (stop.signal.aborted) return;
        if (event.globalPosition > backlogHead) settleCaughtUp();
        await handler(event);
        position = event.globalPosition;
        if (position >= backlogHead) settleCaughtUp();
      }
    }
  };

  const done = run().then(
    () => settleCaughtUp(new SubscriptionClosedError(`subscription closed at position ${position} before it caught up`)),
    (error: unknown) => {
      settleCaughtUp(error);
      throw error;
    },
  );

  return {
    caughtUp,
    done,
    position: () => position,
    async close() {
      stop.abort();
      // A failure is reported through `done`; close() only waits for the loop to stop.
      await done.then(() => undefined, () => undefined);
    },
  };
}
