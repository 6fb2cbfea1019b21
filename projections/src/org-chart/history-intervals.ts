// Helpers the history queries share: an interval as seen at `knownAt`, tenure in days, and the gaps a set of
// intervals leaves within a span (a position's vacancies).
import { closeKnownAt } from '../versioned-facts.js';
import type { IntervalFact } from '../versioned-facts.js';

const DAY_MS = 86_400_000;

/** The end of the fact as known at `knownAt`: a close recorded later is not known yet. */
export const knownEnd = (fact: IntervalFact, knownAt: string | null): string | null => (closeKnownAt(fact, knownAt) ? fact.validTo : null);

/** Whole days from one ISO date to another; null while the interval is open. */
export const daysBetween = (from: string, to: string | null): number | null =>
  (to === null ? null : Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS));

export interface Span {
  readonly validFrom: string;
  readonly validTo: string | null;
}

/** The parts of `within` that no span covers, in order. Open ends are null. */
export const gaps = (within: Span, covering: readonly Span[]): Span[] => {
  const sorted = [...covering].sort((a, b) => a.validFrom.localeCompare(b.validFrom));
  const found: Span[] = [];
  let cursor: string | null = within.validFrom;
  for (const span of sorted) {
    if (cursor === null) break;
    if (within.validTo !== null && span.validFrom >= within.validTo) break;
    if (span.validFrom > cursor) found.push({ validFrom: cursor, validTo: span.validFrom });
    if (span.validTo === null) cursor = null;
    else if (span.validTo > cursor) cursor = span.validTo;
  }
  if (cursor !== null && (within.validTo === null || cursor < within.validTo)) found.push({ validFrom: cursor, validTo: within.validTo });
  return found;
};
