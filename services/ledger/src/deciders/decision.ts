// What a decider returns, what it is given, and the shorthand for refusing with a rule code that names the
// recorded event the command conflicts with.
import type { DomainEvent } from '@estafet/events';
import { RuleViolationError } from '../errors.js';
import type { LedgerRules } from '../rules.js';
import { describeEvent } from './recorded-event.js';
import type { Recorded } from './recorded-event.js';

export interface DecideContext {
  /** The clock, passed in: a decider never reads the time itself. */
  readonly now: Date;
  readonly rules: LedgerRules;
}

/** One event to append: stored in `streamId` and linked into each `alsoIn` stream. */
export interface PlannedEvent {
  readonly streamId: string;
  readonly alsoIn: readonly string[];
  readonly effectiveAt: string;
  readonly event: DomainEvent;
}

export interface Decision {
  readonly events: readonly PlannedEvent[];
  /** Rules set to 'warn' that the command broke; the events are recorded all the same. */
  readonly warnings: readonly string[];
}

export function planned(streamId: string, event: DomainEvent, effectiveAt: string, alsoIn: readonly string[] = []): Decision {
  return { events: [{ streamId, alsoIn, effectiveAt, event }], warnings: [] };
}

export function withWarnings(decision: Decision, warnings: readonly string[]): Decision {
  return { ...decision, warnings: [...decision.warnings, ...warnings] };
}

/** A refusal naming the recorded event in the way: "<message>: <Type> <id> (effective <date>)". */
export function conflictWith(rule: string, message: string, event: Recorded): RuleViolationError {
  return new RuleViolationError(rule, `${message}: ${describeEvent(event)}`, event.eventId);
}

export function refuse(rule: string, message: string): RuleViolationError {
  return new RuleViolationError(rule, message);
}
