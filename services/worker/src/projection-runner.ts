// The projection runner: catches each read model up from its checkpoint in batches (rows and checkpoint in one
// transaction), rebuilds a read model whose version changed, then follows the store live. A crash anywhere
// leaves the last committed batch, so the next start resumes there: nothing skipped, nothing applied twice.
import { decodeStoredEvent, isCorrection } from '@estafet/projections';
import type { ProjectedEvent, ProjectionDefinition, RowQuery, TableLayout } from '@estafet/projections';
import type { StoredEvent } from '@estafet/events';
import type { EventStore, Subscription } from '@estafet/ledger';
import { loadHistory, resolveTarget } from './event-history.js';
import { createPositionWaiters } from './position-waiters.js';
import { createRowCache } from './read-model/row-cache.js';
import type { Checkpoint, ReadModelStore } from './read-model/read-model-store.js';

export interface RunnerLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

const silent: RunnerLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

export interface ProjectionRunnerOptions {
  readonly store: EventStore;
  readonly readModel: ReadModelStore;
  readonly projections: readonly ProjectionDefinition[];
  /** Positions folded per transaction while following or catching up, in pages of at most 10,000. Default 5,000. */
  readonly batchSize?: number;
  /**
   * Positions per transaction while every read model being folded is rebuilding from empty: nobody can read a
   * consistent picture then anyway, and fewer commits rewrite rows that many events touch fewer times. Default 50,000.
   */
  readonly rebuildBatchSize?: number;
  /**
   * Past this many cached rows, rows the last batch did not write are evicted after a commit, bounding memory
   * (about 1 KB of heap per cached row). Default 250,000.
   */
  readonly maxCachedRows?: number;
  /** Once caught up, a cache larger than this is dropped: a rebuild's rows are not worth keeping. Default 50,000. */
  readonly liveCachedRows?: number;
  /** Wait before retrying after a failed batch while following live. Default 1,000 ms. */
  readonly retryDelayMs?: number;
  readonly log?: RunnerLog;
  readonly clock?: () => Date;
  /**
   * Several workers on one read-model database: batches run only while this lease is held, and each commit
   * admits its token beside the checkpoints, so a runner that lost the lease cannot commit (fencing).
   */
  readonly lease?: RunnerLease;
  /**
   * New heads announced by every node (coordination): the runner wakes on them instead of polling the store
   * through a subscription. The coordination polls the store itself while its backend is down.
   */
  readonly heads?: { onHead(listener: (position: number) => void): () => void };
}

/** The lease a runner commits under (coordination/lease-keeper.ts provides one). */
export interface RunnerLease {
  readonly name: string;
  /** The token while the lease is valid by local reckoning; null while another worker holds it. */
  current(): { readonly token: number } | null;
}

export interface BatchFailure {
  readonly error: unknown;
  /** When it failed (the runner's clock, ISO 8601). */
  readonly at: string;
}

/** What query routes need: rows, and a bounded wait until the read models have folded a position. */
export interface ReadModelReader extends RowQuery {
  waitForPosition(position: number, timeoutMs: number, projections?: readonly string[]): Promise<boolean>;
  checkpoint(projection: string): number;
}

export interface ProjectionRunner {
  /** Resets read models whose version or tables changed, catches up, then follows new events. */
  start(): Promise<void>;
  /** Folds everything up to the store's head now; rejects if a batch fails (nothing of it is kept). */
  catchUp(): Promise<void>;
  /** Drops the named read model (all when omitted) and replays it from position 0 up to the head. */
  rebuild(name?: string): Promise<void>;
  waitForPosition(position: number, timeoutMs: number, projections?: readonly string[]): Promise<boolean>;
  checkpoints(): Record<string, number>;
  /** Why the last batch failed, until a batch commits again (or the lease passes to another worker); else null. */
  lastFailure(): BatchFailure | null;
  readonly reader: ReadModelReader;
  stop(): Promise<void>;
}

interface Slot {
  readonly def: ProjectionDefinition;
  readonly types: ReadonlySet<string>;
  checkpoint: Checkpoint;
  /** Secondary indexes exist; a rebuild defers them until it caught up or the cache stops being complete. */
  indexed: boolean;
}

const sameTables = (a: readonly string[], b: readonly TableLayout[]): boolean =>
  a.length === b.length && b.every((t) => a.includes(t.name));

export const createProjectionRunner = (options: ProjectionRunnerOptions): ProjectionRunner => {
  const { store, readModel, projections } = options;
  const batchSize = Math.max(1, options.batchSize ?? 5000);
  const rebuildBatchSize = Math.max(1, options.rebuildBatchSize ?? 50_000);
  const PAGE = 10_000;
  const maxCachedRows = options.maxCachedRows ?? 250_000;
  const liveCachedRows = options.liveCachedRows ?? 50_000;
  const retryDelayMs = options.retryDelayMs ?? 1000;
  const log = options.log ?? silent;
  const clock = options.clock ?? (() => new Date());
  const cache = createRowCache(readModel.rowReads);
  // Without synchronous reads (PostgreSQL) each table is held whole in memory: loaded once, never dropped.
  const wholeInMemory = readModel.rowReads === null;
  const lease = options.lease;
  let heldToken: number | null = null;
  const slots: Slot[] = projections.map((def) => ({
    def, types: new Set(def.eventTypes), checkpoint: { name: def.name, version: def.version, position: 0, generation: 0, tables: [] }, indexed: false,
  }));
  if (new Set(slots.map((s) => s.def.name)).size !== slots.length) throw new Error('two projections share a name');

  const reached = (position: number, names: readonly string[] | undefined): boolean =>
    slots.every((s) => (names !== undefined && !names.includes(s.def.name)) || s.checkpoint.position >= position);
  const waiters = createPositionWaiters(reached);

  const reset = async (slot: Slot, dropTables: readonly string[]): Promise<void> => {
    slot.checkpoint = await readModel.reset(slot.def.name, slot.def.version, slot.def.tables, dropTables);
    for (const table of slot.def.tables) cache.attach(table, true);
    slot.indexed = false;
  };

  const ensureIndexed = async (slot: Slot): Promise<void> => {
    if (slot.indexed) return;
    await readModel.ensureIndexed(slot.def.tables);
    slot.indexed = true;
  };

  /** Attaches a slot's tables as the store holds them: empty, whole in memory, or read on demand. */
  const attachStored = async (slot: Slot): Promise<void> => {
    // At position 0 nothing was committed since the reset, so the tables are known to be empty.
    const empty = slot.checkpoint.position === 0;
    for (const table of slot.def.tables) {
      if (empty || !wholeInMemory) cache.attach(table, empty);
      else cache.seed(table, await readModel.scanTable(table));
    }
  };

  let prepared = false;
  /** Loads checkpoints; resets a read model whose version or layout changed, or that was never built. */
  const prepare = async (): Promise<void> => {
    if (prepared) return;
    prepared = true;
    const stored = new Map((await readModel.checkpoints()).map((c) => [c.name, c]));
    for (const slot of slots) {
      const checkpoint = stored.get(slot.def.name);
      if (checkpoint === undefined || checkpoint.version !== slot.def.version || !sameTables(checkpoint.tables, slot.def.tables)) {
        log.info({ projection: slot.def.name, from: checkpoint?.version ?? null, to: slot.def.version }, 'rebuilding read model');
        await reset(slot, checkpoint?.tables ?? []);
      } else {
        slot.checkpoint = checkpoint;
        slot.indexed = false;
        await attachStored(slot);
        if (checkpoint.position > 0) await ensureIndexed(slot);
      }
    }
  };

  /**
   * After a failure the cache may hold writes that never committed, and checkpoints may have moved (another
   * worker committed while this one did not hold the lease): reload both from the store.
   */
  const recover = async (involved: readonly Slot[]): Promise<void> => {
    cache.forget(involved.flatMap((s) => s.def.tables));
    const stored = new Map((await readModel.checkpoints()).map((c) => [c.name, c]));
    for (const slot of involved) {
      const checkpoint = stored.get(slot.def.name);
      if (checkpoint !== undefined) slot.checkpoint = checkpoint;
      await ensureIndexed(slot);
      if (wholeInMemory) await attachStored(slot);
    }
  };

  /**
   * A commit handed to the read-model store that the runner has not waited for: while catching up, the next
   * batch folds meanwhile (the SQLite store commits large batches on its own thread). Its rows stay in the
   * cache until it finished, so a miss never reads the database for a row still on its way there.
   */
  let inFlight: { readonly done: Promise<void>; readonly behind: readonly Slot[]; readonly end: number } | null = null;

  let failure: BatchFailure | null = null;
  const failed = (error: unknown): void => {
    failure = { error, at: clock().toISOString() };
  };

  /** A batch committed: the read models moved to `end`, and whatever failed before is over. */
  const advanceTo = (behind: readonly Slot[], end: number): void => {
    for (const slot of behind) slot.checkpoint = { ...slot.checkpoint, position: Math.max(end, slot.checkpoint.position) };
    failure = null;
  };

  /** Waits for the commit in flight; its checkpoints become the runner's once it committed. */
  const landInFlight = async (): Promise<void> => {
    const landing = inFlight;
    if (landing === null) return;
    inFlight = null;
    try {
      await landing.done;
    } catch (error) {
      failed(error);
      await recover(slots).catch((cause: unknown) => log.error({ err: cause }, 'reloading read-model state failed'));
      throw error;
    }
    advanceTo(landing.behind, landing.end);
    waiters.settle();
  };

  /** After a failure: nothing may still be on its way to the store while the state is reloaded from it. */
  const abandonInFlight = async (): Promise<void> => {
    const landing = inFlight;
    inFlight = null;
    await landing?.done.catch(() => undefined);
  };

  /** The token to commit under: null while the lease is held elsewhere. A new token means others may have committed. */
  const leaseToken = async (): Promise<number | null | undefined> => {
    if (lease === undefined) return undefined;
    const token = lease.current()?.token ?? null;
    if (token !== null && token !== heldToken) {
      if (prepared) {
        await abandonInFlight();
        await recover(slots);
      }
      heldToken = token;
    }
    if (token === null) heldToken = null;
    return token;
  };

  /** Folds one page of events into the cache, for each projection that has not folded them yet. */
  const foldPage = async (behind: readonly Slot[], events: readonly StoredEvent[], starts: ReadonlyMap<Slot, number>): Promise<void> => {
    for (const stored of events) {
      let decoded: ProjectedEvent | null = null;
      for (const slot of behind) {
        if (stored.globalPosition <= (starts.get(slot) ?? slot.checkpoint.position) || !slot.types.has(stored.type)) continue;
        if (decoded === null) {
          decoded = decodeStoredEvent(stored);
          if (decoded === null) break;
          if (isCorrection(decoded.event.type)) decoded = await resolveTarget(store, decoded);
        }
        for (const streamId of slot.def.apply(decoded, cache)) {
          slot.def.refold(await loadHistory(store, streamId, decoded.position), decoded, cache);
        }
      }
    }
  };

  /** One batch: read, fold, commit. Returns true while more events wait. */
  const runBatch = async (): Promise<boolean> => {
    const token = await leaseToken();
    if (token === null) {
      await landInFlight();
      // Standing by is not failing: the read models are the holder's to fold now.
      failure = null;
      leaseWait();
      return false;
    }
    // With a lease, read models are reset and loaded only by their holder.
    await prepare();
    const head = await store.headPosition();
    // A commit in flight already moved these read models to its end: fold on from there.
    const folded = (s: Slot): number => Math.max(s.checkpoint.position, inFlight !== null && inFlight.behind.includes(s) ? inFlight.end : 0);
    const behind = slots.filter((s) => folded(s) < head);
    if (behind.length === 0) {
      await landInFlight();
      return false;
    }
    const from = Math.min(...behind.map(folded));
    const types = [...new Set(behind.flatMap((s) => s.def.eventTypes))];
    try {
      // A window of positions rather than a page of events: the store answers a type filter from its type
      // index, and a bounded window keeps that answer's sort to one batch however long the log is.
      const rebuilding = behind.every((slot) => slot.def.tables.every((table) => cache.isComplete(table.name)));
      const end = Math.min(head, from + (rebuilding ? rebuildBatchSize : batchSize));
      const starts = new Map(behind.map((s) => [s, folded(s)]));
      for (let page = from; page < end; page += PAGE) {
        // A commit in flight on a network connection (PostgreSQL) sends its next statement only when this thread
        // lets I/O run: without a turn of the event loop between pages, a synchronous store (SQLite) would fold the
        // whole batch before the commit even began. Its transaction then waits at most one page's fold between
        // statements, well under the server's idle-in-transaction limit the PostgreSQL dialect sets.
        if (inFlight !== null) await new Promise((resolve) => setImmediate(resolve));
        await foldPage(behind, await store.readAll({ fromPosition: page, toPosition: Math.min(end, page + PAGE), types, limit: PAGE }), starts);
      }
      await landInFlight();
      const tables = behind.flatMap((s) => s.def.tables);
      if (!wholeInMemory && end < head && cache.size() > maxCachedRows) {
        // Still catching up: keep what this batch wrote (the entities being worked on) and evict the rest, all of
        // it committed by now. A rebuild stays complete, so new entities never read the database; evicted ones
        // read it by lookup index.
        if (cache.evictClean(slots.flatMap((s) => s.def.tables))) for (const slot of slots) await ensureIndexed(slot);
      }
      const done = readModel.commit(cache.writes(tables), behind.map((s) => ({
        name: s.def.name, position: Math.max(end, s.checkpoint.position),
        expectedPosition: s.checkpoint.position, expectedGeneration: s.checkpoint.generation,
      })), clock().toISOString(), lease === undefined || token === undefined ? undefined : { lease: lease.name, token });
      cache.markClean(tables);
      if (end < head) {
        // Awaited by the next batch; handled now, so a failure meanwhile is not an unhandled rejection.
        done.catch(() => undefined);
        inFlight = { done, behind, end };
        return true;
      }
      await done;
      advanceTo(behind, end);
      if (!wholeInMemory && cache.size() > liveCachedRows) cache.forget(slots.flatMap((s) => s.def.tables));
      for (const slot of slots) await ensureIndexed(slot);
      waiters.settle();
      return false;
    } catch (error) {
      failed(error);
      await abandonInFlight();
      await recover(slots).catch((cause: unknown) => log.error({ err: cause }, 'reloading read-model state failed'));
      throw error;
    }
  };

  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  const catchUp = (): Promise<void> => {
    if (running !== null) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          while (!stopped && await runBatch());
        } while (again && !stopped);
        await landInFlight();
      } finally {
        running = null;
      }
    })();
    return running;
  };

  let subscription: Subscription | null = null;
  let stopHeads: (() => void) | null = null;
  let retry: NodeJS.Timeout | null = null;
  /** Looks again for the lease while another worker holds it. */
  const leaseWait = (): void => {
    if (stopped || retry !== null) return;
    retry = setTimeout(() => {
      retry = null;
      wake();
    }, retryDelayMs);
  };
  /** The run whose failure a wake already handles: heads arriving while a batch runs join it, not add handlers. */
  let watched: Promise<void> | null = null;
  const wake = (): void => {
    if (stopped || retry !== null) return;
    const run = catchUp();
    if (run === watched) return;
    watched = run;
    // Once per run: a batch that failed is logged once and retried by one timer, however many heads came meanwhile.
    run.catch((error: unknown) => {
      log.error({ err: error }, 'projection batch failed; retrying');
      retry ??= setTimeout(() => {
        retry = null;
        wake();
      }, retryDelayMs);
    });
  };

  const idle = async (): Promise<void> => {
    while (running !== null) await running.catch(() => undefined);
  };

  const reader: ReadModelReader = {
    select: (table, where, selectOptions) => readModel.select(table, where, selectOptions),
    waitForPosition: (position, timeoutMs, names) => runnerWait(position, timeoutMs, names),
    checkpoint: (name) => slots.find((s) => s.def.name === name)?.checkpoint.position ?? 0,
  };
  const runnerWait = (position: number, timeoutMs: number, names?: readonly string[]): Promise<boolean> => {
    if (!reached(position, names)) wake();
    return waiters.wait(position, timeoutMs, names);
  };

  return {
    async start() {
      if (lease === undefined) await prepare();
      await catchUp();
      if (options.heads !== undefined) {
        stopHeads = options.heads.onHead(() => wake());
      } else {
        const types = [...new Set(slots.flatMap((s) => s.def.eventTypes))];
        subscription = store.subscribe({ fromPosition: await store.headPosition(), types }, wake);
        subscription.done.catch((error: unknown) => log.error({ err: error }, 'event subscription failed'));
      }
      log.info({ checkpoints: Object.fromEntries(slots.map((s) => [s.def.name, s.checkpoint.position])) }, 'projections caught up');
    },
    catchUp: async () => {
      await prepare();
      await catchUp();
    },
    async rebuild(name) {
      const chosen = slots.filter((s) => name === undefined || s.def.name === name);
      if (chosen.length === 0) throw new Error(`no projection named ${String(name)}`);
      await idle();
      await prepare();
      for (const slot of chosen) await reset(slot, slot.checkpoint.tables);
      await catchUp();
    },
    waitForPosition: runnerWait,
    checkpoints: () => Object.fromEntries(slots.map((s) => [s.def.name, s.checkpoint.position])),
    lastFailure: () => failure,
    reader,
    async stop() {
      stopped = true;
      if (retry !== null) clearTimeout(retry);
      waiters.cancelAll();
      stopHeads?.();
      await subscription?.close();
      await idle();
    },
  };
};
