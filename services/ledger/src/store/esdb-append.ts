// Appends on the EventStoreDB ledger stream: appends queued while a write is in flight go together into the next
// one. Each group is planned against the caught-up index by the same planner as PostgreSQL (append-plan.ts:
// idempotency, expected versions, positions, hash chain) and written as ONE append with the expected revision the
// plan was made on, so it is atomic across every logical stream it touches. When another process wrote first the
// server refuses it (wrong expected version): nothing was stored, so the group catches up and is planned again.
import { createUpcasterRegistry } from '@estafet/events';
import type { StoredEvent, UpcasterRegistry } from '@estafet/events';
import type { AppendResult } from './event-store.js';
import { InvalidAppendError } from './event-store.js';
import type { LedgerIndex } from './esdb-index.js';
import { LedgerContentionError } from './esdb-log.js';
import type { LedgerLog } from './esdb-log.js';
import { encodeEvent } from './esdb-records.js';
import { createPlanner } from './append-plan.js';
import type { Outcome } from './append-plan.js';
import type { ParsedAppend } from './sqlite-append.js';
import { upcastEvent } from './sqlite-rows.js';
import { createGroupCommit } from './group-commit.js';

/** Bounds one write (and its size, which the server caps); a backlog beyond it goes in further writes. */
const MAX_GROUP = 200;
/** Rounds lost to other writers before an append gives up with LedgerContentionError. */
export const MAX_ATTEMPTS = 10;

// The planner hands back what it would store, and the records must be exactly that: lifting to the newest schema
// version is done for the callers afterwards.
const AS_STORED = createUpcasterRegistry([]);

export interface AppendQueueDeps {
  readonly log: Pick<LedgerLog, 'append'>;
  readonly index: LedgerIndex;
  readonly clock: () => Date;
  readonly upcasters: UpcasterRegistry;
  /** Runs `task` while nothing else reads the log into the index or writes it. */
  readonly exclusive: <T>(task: () => Promise<T>) => Promise<T>;
  /** Brings the index up to the stream's head; only called inside `exclusive`. */
  readonly catchUp: () => Promise<void>;
  /** Stored events by position (a retry's originals), as stored. */
  readonly loadStored: (positions: readonly number[]) => Promise<StoredEvent[]>;
  /** After a write that stored events, with the new head position. */
  readonly onCommitted: (head: number) => void;
}

export function createAppendQueue(deps: AppendQueueDeps) {
  const { log, index } = deps;

  /** Plans the group on the index as it is; returns the outcomes and the events to write, in position order. */
  async function plan(appends: readonly ParsedAppend[]): Promise<{ outcomes: Outcome[]; fresh: StoredEvent[] }> {
    const planner = createPlanner(index.snapshot(appends), deps.clock, AS_STORED, deps.loadStored);
    const outcomes: Outcome[] = [];
    for (const append of appends) outcomes.push(await planner.plan(append));
    const fresh = outcomes.flatMap((outcome) => (outcome.ok && !outcome.result.duplicate ? outcome.result.events : []));
    return { outcomes, fresh };
  }

  async function commitGroup(appends: readonly ParsedAppend[]): Promise<Outcome[]> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      await deps.catchUp();
      const head = index.head().position;
      const { outcomes, fresh } = await plan(appends);
      if (fresh.length === 0) return outcomes;
      const written = await log.append(fresh.map(encodeEvent), head - 1);
      // A write confirmed at another revision than planned is not trusted either: the next round reads what the
      // stream holds, and a retry of events already there is then answered as a duplicate.
      if (written.ok && written.lastRevision === head - 1 + fresh.length) {
        for (const event of fresh) index.add(event);
        deps.onCommitted(index.head().position);
        return outcomes;
      }
    }
    throw new LedgerContentionError(`the ledger stream moved on under this append ${MAX_ATTEMPTS} times: other writers `
      + 'keep winning; nothing was stored, retry later');
  }

  const upcastOutcome = (outcome: Outcome): Outcome => (outcome.ok
    ? { ok: true, result: { ...outcome.result, events: outcome.result.events.map((event) => upcastEvent(event, deps.upcasters)) } }
    : outcome);

  return createGroupCommit<ParsedAppend, AppendResult>({
    runGroup: async (appends) => (await deps.exclusive(() => commitGroup(appends))).map(upcastOutcome),
    maxGroup: MAX_GROUP,
    // The server refused the records (too large together): nothing was stored; alone, each fits or fails itself.
    runAloneAfter: (error) => error instanceof InvalidAppendError,
  });
}
