// The event store port (ARCHITECTURE.md): one interface, several adapters, one contract suite.
import type { NewEvent, StoredEvent } from '@estafet/events';

/**
 * A stream's version is the number of events in it, counting events linked into it through
 * `alsoIn`. The first event of a stream has streamVersion 1; expectedVersion 0 means "new stream".
 * 'any' skips the check.
 */
export type ExpectedVersion = number | 'any';

export interface AppendStream {
  readonly streamId: string;
  readonly expectedVersion: ExpectedVersion;
  /** May be empty: then the stream's version is only checked, which guards a decision read from it. */
  readonly events: readonly NewEvent[];
}

export interface AppendOptions {
  /** A retried command with the same key stores nothing and gets the original events back. */
  readonly idempotencyKey?: string;
}

export interface AppendResult {
  readonly events: readonly StoredEvent[];
  /** True when the append was a retry and the events are the ones stored the first time. */
  readonly duplicate: boolean;
}

export interface ReadAllFilter {
  /** Exclusive: only events with globalPosition > fromPosition. Default 0. */
  readonly fromPosition?: number;
  /** Inclusive upper bound on globalPosition. */
  readonly toPosition?: number;
  readonly types?: readonly string[];
  /** Matches the event's own stream or any stream it is linked into. */
  readonly streamPrefix?: string;
  /** Inclusive bounds on effectiveAt (YYYY-MM-DD). */
  readonly effectiveFrom?: string;
  readonly effectiveTo?: string;
  /** Inclusive bounds on recordedAt (ISO instants). */
  readonly recordedFrom?: string;
  readonly recordedTo?: string;
  readonly actorId?: string;
  readonly correlationId?: string;
  /** Default 1000; a larger value is capped at 10,000 (page on with fromPosition). */
  readonly limit?: number;
}

export interface SubscribeOptions {
  /** Exclusive: deliver events after this position. */
  readonly fromPosition: number;
  readonly types?: readonly string[];
}

export interface Subscription {
  /**
   * Resolves once every event that existed when subscribe() was called has been delivered. Rejects with the
   * handler's error if the subscription fails before that, or with SubscriptionClosedError if closed before that.
   */
  readonly caughtUp: Promise<void>;
  /**
   * Settles when the subscription stops: resolves after close(), rejects with the handler's (or the store's) error
   * when a failure stopped it. After a failure no further event is delivered. Observe it: a failing handler must
   * not be silent, so an unobserved rejection is an unhandled rejection.
   */
  readonly done: Promise<void>;
  /** The position of the last event delivered (fromPosition before the first). */
  position(): number;
  /** Stops delivery after the event in flight and resolves when stopped. Do not await it inside the handler. */
  close(): Promise<void>;
}

/** Called once per event, in global order; the next event waits until the promise settles. */
export type EventHandler = (event: StoredEvent) => void | Promise<void>;

export type ChainVerification =
  | { readonly ok: true; readonly checked: number; readonly headPosition: number; readonly headHash: string }
  | { readonly ok: false; readonly checked: number; readonly position: number; readonly reason: string };

export interface EventStore {
  /**
   * Atomic across the given streams: every expected version matches and everything is stored, or nothing is.
   * A retry (a stored idempotencyKey, or events whose eventIds are all stored already) stores nothing and returns
   * the stored events with duplicate: true, even though its expected versions are stale by then; repeating only
   * some stored eventIds is an InvalidAppendError. Resolves once the events are durable.
   */
  append(streams: readonly AppendStream[], options?: AppendOptions): Promise<AppendResult>;
  /**
   * The stream's events in stream-version order, including events linked into it through `alsoIn` (their
   * `streamVersion` stays the one in their own stream). `fromVersion` is inclusive, default 1.
   */
  readStream(streamId: string, options?: { fromVersion?: number }): Promise<StoredEvent[]>;
  streamVersion(streamId: string): Promise<number>;
  readAll(filter?: ReadAllFilter): Promise<StoredEvent[]>;
  getEvent(eventId: string): Promise<StoredEvent | null>;
  headPosition(): Promise<number>;
  subscribe(options: SubscribeOptions, handler: EventHandler): Subscription;
  /**
   * Recomputes the hash chain over positions after `fromPosition` (exclusive, default 0; the stored hash at
   * fromPosition is trusted as the anchor) up to `toPosition` (inclusive, default the head when called).
   */
  verifyChain(options?: { fromPosition?: number; toPosition?: number }): Promise<ChainVerification>;
  /** Commits appends already issued, stops every subscription, then releases the store. */
  close(): Promise<void>;
}

/** A stream's version did not match: the caller read stale state. Maps to HTTP 412. */
export class StreamVersionConflictError extends Error {
  readonly code = 'VERSION_CONFLICT';
  constructor(readonly streamId: string, readonly expected: ExpectedVersion, readonly actual: number) {
    super(`stream ${streamId} is at version ${actual}, expected ${String(expected)}`);
  }
}

/** The append itself was malformed (duplicate stream entries, bad event shape). Maps to HTTP 400. */
export class InvalidAppendError extends Error {
  readonly code = 'INVALID_APPEND';
}

/** A read was asked with a malformed filter (bad date, negative position). Maps to HTTP 400. */
export class InvalidQueryError extends Error {
  readonly code = 'INVALID_QUERY';
}

/** The store was used after close(). */
export class StoreClosedError extends Error {
  readonly code = 'STORE_CLOSED';
}

/** A subscription was closed before it caught up (rejects `caughtUp`). */
export class SubscriptionClosedError extends Error {
  readonly code = 'SUBSCRIPTION_CLOSED';
}
