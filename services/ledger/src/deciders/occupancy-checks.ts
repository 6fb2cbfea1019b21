// The checks every occupancy command shares: what a new event does to the person's timeline (including
// recorded history later in effect), and whether a position is free for a new holder or acting official.
import { RuleViolationError } from '../errors.js';
import { conflictWith } from './decision.js';
import { PENDING_SEQ, describeEvent } from './recorded-event.js';
import type { Recorded } from './recorded-event.js';
import { termsFrom, walkTimeline } from './occupancy-timeline.js';
import type { OccupancyEvent, Tenure, Timeline, TimelineProblem } from './occupancy-timeline.js';

const problemKey = (p: TimelineProblem): string => `${p.event.eventId}:${p.rule}`;

/**
 * Adds the candidate to the person's history and refuses it if that creates a problem: at the candidate
 * itself under the problem's own rule, or at a recorded event later in effect as a retroactive conflict.
 */
export function checkPersonTimeline(history: readonly OccupancyEvent[], candidate: OccupancyEvent): Timeline {
  const before = new Set(walkTimeline(history).problems.map(problemKey));
  const after = walkTimeline([...history, candidate]);
  const added = after.problems.filter((p) => !before.has(problemKey(p)));
  const own = added.find((p) => p.event.seq >= PENDING_SEQ);
  if (own) throw new RuleViolationError(own.rule, own.message, own.conflicting?.eventId ?? null);
  const later = added[0];
  if (later) {
    throw new RuleViolationError('retroactive-conflict', `a change effective ${candidate.effectiveAt} contradicts history`
      + ` recorded for a later date, ${describeEvent(later.event)}: ${later.message}`, later.event.eventId);
  }
  return after;
}

/**
 * Refuses a term starting on `date` at a position when someone else's term there overlaps [date, ∞). A term
 * in force on `date` and still open means the position is taken; one that ends or begins after `date` is
 * later history that the retroactive command contradicts. Either way the message names that term's events.
 */
export function checkFreeFrom(
  terms: readonly Tenure[], nip: string, date: string, positionId: string, what: { rule: string; label: string },
): void {
  const other = termsFrom(terms, date).find((t) => t.nip !== nip);
  if (!other) return;
  const span = `from ${other.from}${other.to === null ? '' : ` to ${other.to}`}`;
  const ended = other.end ? ` (until ${describeEvent(other.end)})` : '';
  if (other.from > date || other.to !== null) {
    throw conflictWith('retroactive-conflict', `position ${positionId} is ${what.label} ${other.nip} ${span}${ended},`
      + ` which a term from ${date} would overlap`, other.start);
  }
  throw conflictWith(what.rule, `position ${positionId} is ${what.label} ${other.nip} ${span}`, other.start);
}

/** Refuses a new open-ended term from `date` in something that ends (is abolished, dissolved) at any date. */
export function checkNotEnded(ended: Recorded | null, date: string, rule: string, label: string): void {
  if (!ended) return;
  if (ended.effectiveAt <= date) throw conflictWith(rule, `${label} on ${ended.effectiveAt}`, ended);
  throw conflictWith('retroactive-conflict', `${label} on ${ended.effectiveAt}; a term from ${date} would outlast it`, ended);
}
