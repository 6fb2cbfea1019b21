// The two ways an entity's facts move: one in-order event folded onto its current facts, or its whole
// corrected history refolded when an event arrives out of effective order or a correction names it.
import type { ProjectedEvent } from './projected-event.js';
import type { RowAccess } from './read-model.js';
import { FOLDED } from './projection-definition.js';
import { lastEffectiveDate } from './versioned-facts.js';
import type { FactSync, IntervalFact, VersionColumns } from './versioned-facts.js';

export type Step<F> = (facts: readonly F[], e: ProjectedEvent) => F[];

/**
 * Folds `e` onto the entity's current facts when it is not dated before what they already cover (then the
 * incremental fold equals the full one); otherwise asks for a refold of `stream`.
 */
export const foldInOrder = <F extends IntervalFact, R extends F & VersionColumns>(
  sync: FactSync<F, R>, rows: RowAccess, entity: string, e: ProjectedEvent, step: Step<F>, stream: string,
  clock?: string,
): readonly string[] => {
  const current = sync.current(rows, entity);
  if (e.effectiveAt < (clock ?? lastEffectiveDate(current))) return [stream];
  sync.sync(rows, entity, step(current, e), e);
  return FOLDED;
};

/** Folds events (already corrected and in effective order) from nothing. */
export const foldAll = <F>(events: readonly ProjectedEvent[], step: Step<F>): F[] => {
  let facts: F[] = [];
  for (const e of events) facts = step(facts, e);
  return facts;
};

/** The latest effective date among events, or '' for none. */
export const latestEffective = (events: readonly ProjectedEvent[]): string =>
  events.reduce((latest, e) => (e.effectiveAt > latest ? e.effectiveAt : latest), '');
