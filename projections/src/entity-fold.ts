// The two ways an entity's facts move: one in-order event folded onto its current facts, or its whole
// corrected history refolded when an event arrives out of effective order or a correction names it.
import type { ProjectedEvent } from './projected-event.js';
import type { RowAccess } from './read-model.js';
import { FOLDED } from './projection-definition.js';
import { lastEffectiveDate } from './versioned-facts.js';
import type { FactSync, IntervalFact, VersionColumns } from './versioned-facts.js';

export type Step<F> = (facts: readonly F[], e: ProjectedEvent) => F[];

/**
 * 'refold' when the event is dated before what the entity has folded (the facts' changedAt, or `clock` for
 * events that changed nothing); 'untraced' when it was folded but changed no fact, so only a clock can
 * remember its date; 'folded' otherwise. Folding in effective order makes the incremental fold equal the full one.
 */
export type FoldOutcome = 'folded' | 'untraced' | 'refold';

export const foldInOrder = <F extends IntervalFact, R extends F & VersionColumns>(
  sync: FactSync<F, R>, rows: RowAccess, entity: string, e: ProjectedEvent, step: Step<F>, clock = '',
): FoldOutcome => {
  const current = sync.current(rows, entity);
  if (e.effectiveAt < clock || e.effectiveAt < lastEffectiveDate(current)) return 'refold';
  const next = step(current, e);
  const before: readonly F[] = current;
  if (next.length === before.length && next.every((fact, i) => fact === before[i])) return 'untraced';
  sync.sync(rows, entity, next, e, current);
  return 'folded';
};

/** The answer apply gives for an entity's outcome. */
export const refoldsFor = (outcome: FoldOutcome, stream: string): readonly string[] => (outcome === 'refold' ? [stream] : FOLDED);

/** Folds events (already corrected and in effective order) from nothing. */
export const foldAll = <F>(events: readonly ProjectedEvent[], step: Step<F>): F[] => {
  let facts: F[] = [];
  for (const e of events) facts = step(facts, e);
  return facts;
};

/** The latest effective date among events, or '' for none. */
export const latestEffective = (events: readonly ProjectedEvent[]): string =>
  events.reduce((latest, e) => (e.effectiveAt > latest ? e.effectiveAt : latest), '');
