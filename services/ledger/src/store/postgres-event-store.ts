// The production event store on PostgreSQL (pg): same tables and semantics as the SQLite adapter, one schema
// per ledger, appends serialised by a transaction-level advisory lock and grouped into shared transactions.
//
// Why a lock and not pg_current_xact_id()/pg_snapshot_xmin (ARCHITECTURE.md, "the PostgreSQL trap"): positions
// handed out before commit let `global_position > checkpoint` skip a slower transaction's event forever. The
// xid answer keeps concurrent writers but orders readers by (xid, position), so the global order is only known
// after commit and no writer can know its predecessor's hash: it cannot keep a linear hash chain, where each
// event's prevHash is the hash at position - 1. The chain needs appends serialised anyway, so each append
// transaction takes pg_advisory_xact_lock first, then reads the head, assigns head+1.., hashes and inserts;
// the lock is released at commit, so positions become visible strictly in order and a reader that has seen N
// never later finds an event below N. Grouping the appends that queue up meanwhile into one transaction
// recovers the throughput a single lock costs (see postgres-append.ts).
import pg from 'pg';
import type { Pool } from 'pg';
import { z } from 'zod';
import { GENESIS_HASH, defaultUpcasters } from '@estafet/events';
import type { StoredEvent, UpcasterRegistry } from '@estafet/events';
import type { AppendOptions, AppendResult, AppendStream, ChainVerification, EventStore, ReadAllFilter, Subscription } from './event-store.js';
import { InvalidQueryError, StoreClosedError } from './event-store.js';
import { createAppendQueue } from './postgres-append.js';
import { buildReadAllQuery, createQueries } from './postgres-queries.js';
import { SchemaNameSchema, migrate } from './postgres-schema.js';
import { startSubscription } from './catch-up-subscription.js';
import { verifyChainAsync } from './postgres-verify.js';
import { parseAppend } from './sqlite-append.js';
import { rowToStoredEvent, upcastEvent } from './sqlite-rows.js';
import type { EventRow } from './sqlite-rows.js';

export interface PostgresEventStoreOptions {
  /** e.g. postgres://user@host:5432/db */
  readonly connectionString: string;
  /** The schema holding this ledger's tables; default 'estafet'. A lower-case SQL identifier. */
  readonly schema?: string;
  /** Where recordedAt comes from. */
  readonly clock?: () => Date;
  /** Lifts older schema versions on every read; the catalogue's own registry by default. */
  readonly upcasters?: UpcasterRegistry;
  /** How often subscriptions look for appends made by other processes. Default 200 ms. */
  readonly pollIntervalMs?: number;
  /**
   * Called after each commit that stored events, with the new head position (the hook for a fan-out such as
   * Redis). It must not throw: a throw is rethrown outside the append, as an uncaught exception.
   */
  readonly notify?: (position: number) => void;
}

export type PostgresEventStore = EventStore & {
  /** The connection pool, shared with projection runners that keep read models in the same database. */
  readonly pool: Pool;
  readonly schema: string;
  /** Creates the schema, tables and indexes if missing; safe to call again and from several processes. */
  migrate(): Promise<void>;
};

const OptionsSchema = z.object({
  connectionString: z.string().min(1),
  schema: SchemaNameSchema.default('estafet'),
  pollIntervalMs: z.number().int().positive().default(200),
});

const VerifyOptionsSchema = z.object({
  fromPosition: z.number().int().nonnegative().default(0),
  toPosition: z.number().int().nonnegative().optional(),
});

const StreamOptionsSchema = z.object({ fromVersion: z.number().int().positive().default(1) });

/** Connects, creates the tables if they are missing, and returns the store. */
export async function createPostgresEventStore(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
  const settings = OptionsSchema.parse(options);
  const { schema } = settings;
  const clock = options.clock ?? (() => new Date());
  const upcasters = options.upcasters ?? defaultUpcasters;
  const pool = new pg.Pool({ connectionString: settings.connectionString });
  // An idle connection that drops (server restart) is removed by the pool and the next query opens a new one;
  // without a listener the 'error' event would crash the process. Errors on queries reach their callers.
  pool.on('error', () => undefined);
  try {
    await migrate(pool, schema);
  } catch (error) {
    await pool.end();
    throw error;
  }
  const queries = createQueries(schema);
  const toEvent = (row: EventRow): StoredEvent => upcastEvent(rowToStoredEvent(row), upcasters);

  let closed = false;
  const waiters = new Set<() => void>();
  const subscriptions = new Set<Subscription>();

  const wakeSubscribers = (): void => {
    const woken = [...waiters];
    waiters.clear();
    for (const wake of woken) wake();
  };

  const appends = createAppendQueue({
    pool, schema, queries, clock, upcasters,
    onCommitted(head) {
      wakeSubscribers();
      if (options.notify === undefined) return;
      try {
        options.notify(head);
      } catch (error) {
        // The append is committed and answered; the fan-out's failure is its own, and must not vanish.
        queueMicrotask(() => {
          throw error;
        });
      }
    },
  });

  const assertOpen = (): void => {
    if (closed) throw new StoreClosedError('the event store is closed');
  };

  const read = async <T>(query: () => Promise<T>): Promise<T> => {
    assertOpen();
    return query();
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
    pool,
    schema,
    migrate: () => migrate(pool, schema),

    async append(streams: readonly AppendStream[], appendOptions?: AppendOptions): Promise<AppendResult> {
      assertOpen();
      return appends.enqueue(parseAppend(streams, appendOptions));
    },

    readStream: (streamId, streamOptions) => read(async () => {
      const { fromVersion } = parseOr(StreamOptionsSchema, streamOptions ?? {}, 'readStream');
      return (await queries.readStream(pool, streamId, fromVersion)).map(toEvent);
    }),

    streamVersion: (streamId) => read(() => queries.streamVersion(pool, streamId)),

    readAll: (filter: ReadAllFilter = {}) => read(async () =>
      (await queries.readAll(pool, buildReadAllQuery(schema, filter))).map(toEvent)),

    getEvent: (eventId) => read(async () => {
      const row = await queries.byEventId(pool, eventId);
      return row === null ? null : toEvent(row);
    }),

    headPosition: () => read(() => queries.headPosition(pool)),

    subscribe(subscribeOptions, handler): Subscription {
      assertOpen();
      const subscription = startSubscription({
        readAfter: async (position, types, limit) => (await queries.readAll(pool,
          buildReadAllQuery(schema, { fromPosition: position, ...(types ? { types } : {}), limit }))).map(toEvent),
        headPosition: () => queries.headPosition(pool),
        waitForAppend,
      }, subscribeOptions, handler);
      subscriptions.add(subscription);
      void subscription.done.then(() => subscriptions.delete(subscription), () => subscriptions.delete(subscription));
      return subscription;
    },

    verifyChain: (verifyOptions) => read(async (): Promise<ChainVerification> => {
      const { fromPosition, toPosition } = parseOr(VerifyOptionsSchema, verifyOptions ?? {}, 'verifyChain');
      return verifyChainAsync({
        anchorHash: (position) => (position === 0 ? Promise.resolve(GENESIS_HASH) : queries.hashAt(pool, position)),
        rowsAfter: (position, to, limit) => queries.range(pool, position, to, limit),
        membersBetween: (from, to) => queries.membersBetween(pool, from, to),
        isOpen: () => !closed,
      }, fromPosition, toPosition ?? await queries.headPosition(pool));
    }),

    async close() {
      if (closed) return;
      closed = true;
      // Appends already issued are committed, not dropped: their callers were promised an answer.
      await appends.idle();
      await Promise.all([...subscriptions].map((subscription) => subscription.close()));
      await pool.end();
    },
  };
}

function parseOr<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new InvalidQueryError(`${what}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  return parsed.data;
}
