// The continuity process: folds the log into the continuity state, reacts to every event after its own
// checkpoint, and on a timer runs the time rules. Everything it appends carries a deterministic key and
// event id, so a replay, a restart or a second process at the same time never records anything twice.
import { CONTINUITY_ACTOR, eventDefinition } from '@estafet/events';
import type { NewEvent, StoredEvent } from '@estafet/events';
import { defaultRules } from '@estafet/ledger';
import type { EventStore } from '@estafet/ledger';
import { createMemoryCheckpoints } from './continuity-checkpoints.js';
import type { CheckpointStore } from './continuity-checkpoints.js';
import { continuityRulesFrom } from './continuity-rules-from-ledger.js';
import {
  createContinuityState, decodeForContinuity, deterministicUuid,
  evolveContinuity, react, tick,
} from './continuity-core.js';
import type { ContinuityRules, Reaction } from './continuity-core.js';

/** The part of a pino logger the process uses (a fastify or pino logger fits). */
export interface ContinuityLogger {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface ContinuityProcessOptions {
  readonly store: EventStore;
  readonly clock: () => Date;
  /** Defaults to the ledger's defaultRules with the continuity defaults (templates, severity points). */
  readonly rules?: ContinuityRules;
  readonly logger: ContinuityLogger;
  /** How often the time rules run; 0 turns the timer off (tests call tick() themselves). */
  readonly tickIntervalMs: number;
  /** Where "reacted up to" is kept; in memory by default (a restart then re-reacts, appending nothing new). */
  readonly checkpoints?: CheckpointStore;
  /** The checkpoint's name, if several processes keep theirs in one table. */
  readonly name?: string;
}

export interface ContinuityProcess {
  /** The position of the last event folded and reacted to. */
  position(): number;
  /** Resolves once every event that existed at start has been folded (and reacted to, past the checkpoint). */
  readonly caughtUp: Promise<void>;
  /** Resolves once position() has reached `position` (an append's globalPosition, the store's head). */
  reached(position: number): Promise<void>;
  /** Runs the time rules now, with the injected clock, and resolves when their events are appended. */
  tick(): Promise<number>;
  /** Settles when the process stops; rejects if a failure stopped it (observe it, or the rejection is unhandled). */
  readonly done: Promise<void>;
  stop(): Promise<void>;
}

/** How many events may pass without reactions before the checkpoint is written anyway. */
const CHECKPOINT_EVERY = 500;

const toNewEvent = (reaction: Reaction): NewEvent => ({
  eventId: deterministicUuid(`${reaction.idempotencyKey}#0`),
  type: reaction.event.type,
  schemaVersion: eventDefinition(reaction.event.type).schemaVersion,
  data: reaction.event.data,
  effectiveAt: reaction.effectiveAt,
  legalBasis: null,
  actor: CONTINUITY_ACTOR,
  correlationId: reaction.correlationId,
  causationId: reaction.causationId,
  alsoIn: [],
});

export async function startContinuityProcess(options: ContinuityProcessOptions): Promise<ContinuityProcess> {
  const { store, clock, logger, tickIntervalMs } = options;
  const rules = options.rules ?? continuityRulesFrom(defaultRules);
  const checkpoints = options.checkpoints ?? createMemoryCheckpoints();
  const name = options.name ?? 'continuity';
  const state = createContinuityState();
  const reactFrom = await checkpoints.load(name);
  let processed = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  const waiters = new Set<{ readonly position: number; readonly resolve: () => void; readonly reject: (e: Error) => void }>();
  const advance = (position: number): void => {
    processed = position;
    for (const waiter of waiters) {
      if (waiter.position > processed) continue;
      waiters.delete(waiter);
      waiter.resolve();
    }
  };
  let savedAt = reactFrom;
  let sinceSave = 0;

  // One thing at a time: a tick must not decide on a state an event is halfway through changing.
  let exclusive: Promise<unknown> = Promise.resolve();
  const serialised = <T>(work: () => Promise<T>): Promise<T> => {
    const run = exclusive.then(work, work);
    exclusive = run.catch(() => undefined);
    return run;
  };

  const appendAll = async (reactions: readonly Reaction[]): Promise<number> => {
    let stored = 0;
    for (const reaction of reactions) {
      const result = await store.append(
        [{ streamId: reaction.streamId, expectedVersion: 'any', events: [toNewEvent(reaction)] }],
        { idempotencyKey: reaction.idempotencyKey },
      );
      if (!result.duplicate) stored += 1;
    }
    return stored;
  };

  const saveCheckpoint = async (position: number): Promise<void> => {
    if (position <= savedAt) return;
    await checkpoints.save(name, position);
    savedAt = position;
    sinceSave = 0;
  };

  const handle = (stored: StoredEvent): Promise<void> => serialised(async () => {
    const event = decodeForContinuity(stored);
    if (event !== null) {
      evolveContinuity(state, event, rules);
      if (stored.globalPosition > reactFrom) {
        const reactions = react(state, event, rules);
        if (reactions.length > 0) {
          const appended = await appendAll(reactions);
          logger.info({ position: stored.globalPosition, type: stored.type, reactions: reactions.length, appended }, 'continuity reacted');
        }
        advance(stored.globalPosition);
        sinceSave += 1;
        if (reactions.length > 0 || sinceSave >= CHECKPOINT_EVERY) await saveCheckpoint(processed);
        return;
      }
    }
    advance(stored.globalPosition);
  });

  // Every type, not only CONTINUITY_INPUT_TYPES: position() then reaches the head, which is what callers wait on.
  const subscription = store.subscribe({ fromPosition: 0 }, handle);
  const caughtUp = subscription.caughtUp.then(() => serialised(() => saveCheckpoint(processed)));
  // A stop before the catch-up rejects caughtUp; `done` is where failures are reported.
  caughtUp.catch(() => undefined);

  const runTick = (): Promise<number> => serialised(async () => {
    const reactions = tick(state, clock(), rules);
    const appended = await appendAll(reactions);
    if (appended > 0) logger.info({ position: processed, reactions: reactions.length, appended }, 'continuity tick');
    return appended;
  });

  if (tickIntervalMs > 0) {
    // The first tick waits for the catch-up: time rules decided on half a history would flag at random.
    void caughtUp.then(() => {
      if (stopped) return;
      timer = setInterval(() => {
        runTick().catch((error: unknown) => logger.error({ err: error }, 'continuity tick failed'));
      }, tickIntervalMs);
      timer.unref();
    }, () => undefined);
  }

  const done = subscription.done.catch((error: unknown) => {
    logger.error({ err: error, position: processed }, 'continuity process stopped');
    stopped = true;
    if (timer !== null) clearInterval(timer);
    for (const waiter of waiters) waiter.reject(new Error(`the continuity process failed at ${processed}`, { cause: error }));
    waiters.clear();
    throw error;
  });

  return {
    position: () => processed,
    reached: (position) => (position <= processed ? Promise.resolve() : new Promise((resolve, reject) => {
      if (stopped) reject(new Error(`the continuity process stopped at ${processed}, before ${position}`));
      else waiters.add({ position, resolve, reject });
    })),
    caughtUp,
    tick: runTick,
    done,
    async stop() {
      stopped = true;
      if (timer !== null) clearInterval(timer);
      await subscription.close();
      await serialised(() => saveCheckpoint(processed));
      for (const waiter of waiters) waiter.reject(new Error(`the continuity process stopped at ${processed}, before ${waiter.position}`));
      waiters.clear();
    },
  };
}
