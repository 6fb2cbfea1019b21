// The embedded event store: one SQLite file in WAL mode, synchronous=FULL by default. Appends issued in the
// same tick share one transaction (group commit), each in its own savepoint, so one fsync serves them all.
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { GENESIS_HASH, defaultUpcasters } from '@estafet/events';
import type { StoredEvent, UpcasterRegistry } from '@estafet/events';
import type {
  AppendOptions, AppendResult, AppendStream, ChainVerification, EventHandler, EventStore, ReadAllFilter,
  SubscribeOptions, Subscription,
} from './event-store.js';
import { InvalidQueryError, StoreClosedError } from './event-store.js';
import type { ChainAnchor } from './hash-chain.js';
import { createAppender, parseAppend } from './sqlite-append.js';
import type { AppendOutcome, ParsedAppend } from './sqlite-append.js';
import { buildReadAllQuery, prepareQueries } from './sqlite-queries.js';
import { rowToStoredEvent, upcastEvent } from './sqlite-rows.js';
import type { EventRow } from './sqlite-rows.js';
import { openEventLog } from './sqlite-schema.js';
import type { Durability } from './sqlite-schema.js';
import { startSubscription } from './catch-up-subscription.js';
import { verifyRows } from './sqlite-verify.js';

export interface SqliteEventStoreOptions {
  /** A file path, or ':memory:' for a throwaway store (no WAL, nothing durable). */
  readonly path: string;
  /** Where recordedAt comes from. */
  readonly clock?: () => Date;
  /** Lifts older schema versions on every read; the catalogue's own registry by default. */
  readonly upcasters?: UpcasterRegistry;
  /** FULL (default) fsyncs every commit; NORMAL may lose the last commits on power loss, never corrupts. */
  readonly synchronous?: 'FULL' | 'NORMAL';
  /** How often subscriptions look for appends made by other processes on the same file. Default 200 ms. */
  readonly pollIntervalMs?: number;
}

export type SqliteEventStore = EventStore & {
  /** The journal mode and synchronous level read back from SQLite after opening. */
  durability(): Durability;
  /** The connection, shared with the projection runner that keeps its read models in the same file. */
  readonly db: Database.Database;
};

const OptionsSchema = z.object({
  path: z.string().min(1),
  synchronous: z.enum(['FULL', 'NORMAL']).default('FULL'),
  pollIntervalMs: z.number().int().positive().default(200),
});

const VerifyOptionsSchema = z.object({
  fromPosition: z.number().int().nonnegative().default(0),
  toPosition: z.number().int().nonnegative().optional(),
});

const StreamOptionsSchema = z.object({ fromVersion: z.number().int().nonnegative().default(1) });

interface PendingAppend {
  readonly append: ParsedAppend;
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
}

type Outcome = { readonly ok: true; readonly result: AppendResult } | { readonly ok: false; readonly error: unknown };

export function createSqliteEventStore(options: SqliteEventStoreOptions): SqliteEventStore {
  const settings = OptionsSchema.parse(options);
  const clock = options.clock ?? (() => new Date());
  const upcasters = options.upcasters ?? defaultUpcasters;
  const { db, durability } = openEventLog(settings);
  const queries = prepareQueries(db);
  const appendOne = createAppender(db, queries, upcasters);
  const headPosition = db.prepare<[], number>('SELECT coalesce(max(global_position), 0) FROM events').pluck();
  const toEvent = (row: EventRow): StoredEvent => upcastEvent(rowToStoredEvent(row), upcasters);

  let closed = false;
  let queue: PendingAppend[] = [];
  let scheduled: NodeJS.Immediate | null = null;
  const waiters = new Set<() => void>();
  const subscriptions = new Set<Subscription>();

  const assertOpen = (): void => {
    if (closed) throw new StoreClosedError('the event store is closed');
  };

  // Reads are synchronous in better-sqlite3; the port is async so that network adapters fit the same shape.
  const read = <T>(query: () => T): Promise<T> => {
    try {
      assertOpen();
      return Promise.resolve(query());
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error('read failed', { cause: error }));
    }
  };

  // One BEGIN IMMEDIATE ... COMMIT for every append queued in this tick. A failed append's savepoint is rolled
  // back and the others go on; if SQLite aborted the whole transaction (disk full, I/O error) every append fails.
  const commitBatch = db.transaction((batch: readonly PendingAppend[]): Outcome[] => {
    const outcomes: Outcome[] = [];
    const last = queries.head.get();
    let head: ChainAnchor = last === undefined ? { position: 0, hash: GENESIS_HASH } : { position: last.global_position, hash: last.hash };
    for (const pending of batch) {
      try {
        const outcome: AppendOutcome = appendOne(pending.append, head, clock().toISOString());
        head = outcome.head;
        outcomes.push({ ok: true, result: outcome.result });
      } catch (error) {
        if (!db.inTransaction) throw error;
        outcomes.push({ ok: false, error });
      }
    }
    return outcomes;
  });

  const flush = (): void => {
    scheduled = null;
    const batch = queue;
    queue = [];
    if (batch.length === 0) return;
    let outcomes: Outcome[];
    try {
      outcomes = commitBatch.immediate(batch);
    } catch (error) {
      for (const pending of batch) pending.reject(error);
      return;
    }
    let appended = false;
    batch.forEach((pending, i) => {
      const outcome = outcomes[i];
      if (outcome === undefined) pending.reject(new Error('group commit lost an append'));
      else if (outcome.ok) {
        appended ||= !outcome.result.duplicate && outcome.result.events.length > 0;
        pending.resolve(outcome.result);
      } else pending.reject(outcome.error);
    });
    if (appended) wakeSubscribers();
  };

  const wakeSubscribers = (): void => {
    const woken = [...waiters];
    waiters.clear();
    for (const wake of woken) wake();
  };

  const waitForAppend = (signal: AbortSignal): Promise<void> => new Promise((resolve) => {
    if (signal.aborted) {
      resolve();
      return;
    }
    const finish = (): void => {
      clearTimeout(timer);
      waiters.delete(finish);
      signal.removeEventListener('abort', finish);
      resolve();
    };
    const timer = setTimeout(finish, settings.pollIntervalMs);
    waiters.add(finish);
    signal.addEventListener('abort', finish, { once: true });
  });

  return {
    db,
    durability: () => durability,

    append(streams: readonly AppendStream[], appendOptions?: AppendOptions): Promise<AppendResult> {
      try {
        assertOpen();
        const append = parseAppend(streams, appendOptions);
        return new Promise((resolve, reject) => {
          queue.push({ append, resolve, reject });
          // setImmediate, not a microtask: appends issued after awaits resolved in this tick join the batch too.
          scheduled ??= setImmediate(flush);
        });
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error('append failed', { cause: error }));
      }
    },

    readStream: (streamId, streamOptions) => read(() => {
      const { fromVersion } = parseOr(StreamOptionsSchema, streamOptions ?? {}, 'readStream');
      return queries.readStream(streamId, fromVersion).map(toEvent);
    }),

    streamVersion: (streamId) => read(() => queries.streamVersion.get(streamId) ?? 0),

    readAll: (filter: ReadAllFilter = {}) => read(() => queries.readAll(buildReadAllQuery(filter)).map(toEvent)),

    getEvent: (eventId) => read(() => {
      const row = queries.byEventId.get(eventId);
      return row === undefined ? null : toEvent(row);
    }),

    headPosition: () => read(() => headPosition.get() ?? 0),

    subscribe(subscribeOptions: SubscribeOptions, handler: EventHandler): Subscription {
      assertOpen();
      const subscription = startSubscription({
        readAfter: (position, types, limit) =>
          queries.readAll(buildReadAllQuery({ fromPosition: position, ...(types ? { types } : {}), limit })).map(toEvent),
        headPosition: () => headPosition.get() ?? 0,
        waitForAppend,
      }, subscribeOptions, handler);
      subscriptions.add(subscription);
      void subscription.done.then(() => subscriptions.delete(subscription), () => subscriptions.delete(subscription));
      return subscription;
    },

    async verifyChain(verifyOptions): Promise<ChainVerification> {
      assertOpen();
      const { fromPosition, toPosition } = parseOr(VerifyOptionsSchema, verifyOptions ?? {}, 'verifyChain');
      return verifyRows({
        anchorHash: (position) => (position === 0 ? GENESIS_HASH : queries.hashAt.get(position) ?? null),
        rowsAfter: (position, to, limit) => queries.range.all(position, to, limit),
        isOpen: () => !closed,
      }, fromPosition, toPosition ?? headPosition.get() ?? 0);
    },

    async close() {
      if (closed) return;
      // Appends already issued are committed, not dropped: their callers were promised an answer.
      if (scheduled !== null) {
        clearImmediate(scheduled);
        flush();
      }
      closed = true;
      await Promise.all([...subscriptions].map((subscription) => subscription.close()));
      db.close();
    },
  };
}

function parseOr<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new InvalidQueryError(`${what}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  return parsed.data;
}
