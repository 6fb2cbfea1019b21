// The EventStore port over one EventStoreDB ledger stream (any LedgerLog): the in-process index answers stream
// versions, event ids and keys, and is caught up from the stream before every use; events themselves are read from
// the stream by position (revision = position - 1). See esdb-event-store.ts for why the ledger is one stream.
import { z } from 'zod';
import type { StoredEvent, UpcasterRegistry } from '@estafet/events';
import type { AppendOptions, AppendResult, AppendStream, ChainVerification, EventStore, ReadAllFilter, Subscription } from './event-store.js';
import { InvalidQueryError, StoreClosedError } from './event-store.js';
import { createAppendQueue } from './esdb-append.js';
import { compileFilter } from './esdb-filter.js';
import type { CompiledFilter } from './esdb-filter.js';
import { coalesceRuns, createLedgerIndex } from './esdb-index.js';
import type { LedgerLog } from './esdb-log.js';
import { decodeRecord } from './esdb-records.js';
import { verifyLedger } from './esdb-verify.js';
import { startSubscription } from './catch-up-subscription.js';
import { parseAppend } from './sqlite-append.js';
import { CorruptRowError, upcastEvent } from './sqlite-rows.js';

/** Records per read call while scanning or fetching by prefix. */
const READ_BATCH = 500;
/** Records per read call while catching the index up (opening a store reads the whole stream). */
const CATCH_UP_BATCH = 4096;
/** Unwanted records read through to save a round trip when fetching scattered positions. */
const MAX_GAP = 16;
/** Position runs fetched at once. */
const PARALLEL_READS = 8;

export interface LedgerStoreOptions {
  readonly clock: () => Date;
  readonly upcasters: UpcasterRegistry;
  readonly pollIntervalMs: number;
  readonly notify?: ((position: number) => void) | undefined;
}

const PositionSchema = z.number().int().nonnegative();
const VerifyOptionsSchema = z.object({ fromPosition: PositionSchema.default(0), toPosition: PositionSchema.optional() });
const StreamOptionsSchema = z.object({ fromVersion: PositionSchema.default(1) });

function parseOr<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new InvalidQueryError(`${what}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
}

/** Builds the index from the whole stream (one pass), then returns the store. */
export async function createLedgerEventStore(log: LedgerLog, options: LedgerStoreOptions): Promise<EventStore> {
  const { upcasters } = options;
  const index = createLedgerIndex();
  const lifted = (event: StoredEvent): StoredEvent => upcastEvent(event, upcasters);

  // One task at a time touches the index: a catch-up, or an append group from planning to recording its write.
  let turn: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(task: () => Promise<T>): Promise<T> => {
    const run = turn.then(task);
    turn = run.catch(() => undefined);
    return run;
  };

  const catchUp = async (): Promise<void> => {
    for (;;) {
      const records = await log.read(index.head().position, CATCH_UP_BATCH);
      for (const record of records) index.add(decodeRecord(record));
      if (records.length < CATCH_UP_BATCH) return;
    }
  };

  // Readers arriving while a catch-up is queued share it; one arriving after it started queues the next, which is
  // what makes a read see every append that completed (here or in another process) before the read was issued.
  let queuedSync: Promise<void> | null = null;
  const sync = (): Promise<void> => queuedSync ??= exclusive(() => {
    queuedSync = null;
    return catchUp();
  });

  /** Events at these ascending positions, as stored; every one must exist. */
  const fetchPositions = async (positions: readonly number[]): Promise<StoredEvent[]> => {
    const wanted = new Set(positions);
    const runs = coalesceRuns(positions, MAX_GAP);
    const found: StoredEvent[] = [];
    for (let i = 0; i < runs.length; i += PARALLEL_READS) {
      const batches = await Promise.all(runs.slice(i, i + PARALLEL_READS).map((run) => log.read(run.first - 1, run.last - run.first + 1)));
      for (const record of batches.flat()) if (wanted.has(record.revision + 1)) found.push(decodeRecord(record));
    }
    if (found.length !== positions.length) {
      throw new CorruptRowError(`the ledger stream lacks ${positions.length - found.length} of the records the index holds: records were deleted`);
    }
    return found;
  };

  /** Matching events in global order, by scanning the stream after the filter's lower bound; and where it stopped. */
  const scan = async (filter: CompiledFilter): Promise<{ events: StoredEvent[]; scannedTo: number }> => {
    const events: StoredEvent[] = [];
    let after = filter.from;
    while (events.length < filter.limit && after < filter.to) {
      const want = Math.min(READ_BATCH, filter.to - after);
      const records = await log.read(after, want);
      for (const record of records) {
        const event = decodeRecord(record);
        after = event.globalPosition;
        if (filter.matches(event) && events.push(event) === filter.limit) break;
      }
      if (records.length < want) break;
    }
    return { events, scannedTo: after };
  };

  /** Matching events among those of streams with the prefix, fetched a page at a time from the index's positions. */
  const byPrefix = async (filter: CompiledFilter, prefix: string): Promise<StoredEvent[]> => {
    await sync();
    const candidates = index.positionsWithPrefix(prefix, filter.from, filter.to);
    const found: StoredEvent[] = [];
    for (let i = 0; i < candidates.length && found.length < filter.limit; i += READ_BATCH) {
      found.push(...(await fetchPositions(candidates.slice(i, i + READ_BATCH))).filter((event) => filter.matches(event)));
    }
    return found.slice(0, filter.limit);
  };

  let closed = false;
  const subscriptions = new Set<Subscription>();
  const waiters = new Set<() => void>();
  /** Kept until it stops, so close() can stop it. */
  const track = (subscription: Subscription): Subscription => {
    subscriptions.add(subscription);
    const forget = (): void => {
      subscriptions.delete(subscription);
    };
    void subscription.done.then(forget, forget);
    return subscription;
  };

  const appends = createAppendQueue({
    log, index, clock: options.clock, upcasters, exclusive, catchUp, loadStored: fetchPositions,
    onCommitted(head) {
      for (const wake of [...waiters]) wake();
      const { notify } = options;
      // The write is done and answered; a failing fan-out must surface on its own, outside the append.
      if (notify !== undefined) {
        try {
          notify(head);
        } catch (error) {
          queueMicrotask(() => {
            throw error;
          });
        }
      }
    },
  });

  /** Resolves on the next write through this store, after the poll interval (writes by other processes), or on stop. */
  const waitForAppend = (stop: AbortSignal): Promise<void> => new Promise((resolve) => {
    const wake = (): void => {
      waiters.delete(wake);
      stop.removeEventListener('abort', wake);
      clearTimeout(poll);
      resolve();
    };
    const poll = setTimeout(wake, options.pollIntervalMs);
    waiters.add(wake);
    stop.addEventListener('abort', wake, { once: true });
    if (stop.aborted) wake();
  });

  const open = async <T>(task: () => Promise<T>): Promise<T> => {
    if (closed) throw new StoreClosedError('the event store is closed');
    return task();
  };

  const readAllEvents = async (filter: ReadAllFilter): Promise<StoredEvent[]> => {
    const compiled = compileFilter(filter);
    const events = compiled.streamPrefix === null ? (await scan(compiled)).events : await byPrefix(compiled, compiled.streamPrefix);
    return events.map(lifted);
  };

  await catchUp();

  return {
    append: (streams: readonly AppendStream[], appendOptions?: AppendOptions): Promise<AppendResult> =>
      open(() => appends.enqueue(parseAppend(streams, appendOptions))),

    readStream: (streamId, streamOptions) => open(async () => {
      const { fromVersion } = parseOr(StreamOptionsSchema, streamOptions ?? {}, 'readStream');
      await sync();
      return (await fetchPositions(index.positions(streamId, fromVersion))).map(lifted);
    }),

    streamVersion: (streamId) => open(async () => {
      await sync();
      return index.version(streamId);
    }),

    readAll: (filter: ReadAllFilter = {}) => open(() => readAllEvents(filter)),

    getEvent: (eventId) => open(async () => {
      await sync();
      const position = index.positionOf(eventId);
      if (position === null) return null;
      const [event] = await fetchPositions([position]);
      return event === undefined ? null : lifted(event);
    }),

    headPosition: () => open(async () => {
      await sync();
      return index.head().position;
    }),

    subscribe(subscribeOptions, handler): Subscription {
      if (closed) throw new StoreClosedError('the event store is closed');
      // Where the last read stopped: when the subscription is still at the last event it was given, nothing between
      // that and `scannedTo` matched, so a subscription to rare types does not rescan the same records every poll.
      let resume = { after: -1, scannedTo: 0 };
      return track(startSubscription({
        async readAfter(position, types, limit) {
          const fromPosition = position === resume.after ? Math.max(position, resume.scannedTo) : position;
          const { events, scannedTo } = await scan(compileFilter({ fromPosition, limit, ...(types === undefined ? {} : { types }) }));
          resume = { after: events.at(-1)?.globalPosition ?? position, scannedTo };
          return events.map(lifted);
        },
        headPosition: async () => (await log.lastRevision()) + 1,
        waitForAppend,
      }, subscribeOptions, handler));
    },

    verifyChain: (verifyOptions) => open(async (): Promise<ChainVerification> => {
      const { fromPosition, toPosition } = parseOr(VerifyOptionsSchema, verifyOptions ?? {}, 'verifyChain');
      return verifyLedger(log, fromPosition, toPosition ?? (await log.lastRevision()) + 1, () => !closed);
    }),

    async close() {
      if (closed) return;
      closed = true;
      // Appends already issued are written, not dropped: their callers were promised an answer.
      await appends.idle();
      await Promise.all(Array.from(subscriptions, (subscription) => subscription.close()));
      await log.close();
    },
  };
}
