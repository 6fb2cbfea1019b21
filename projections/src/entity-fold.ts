// The two ways an entity's facts move: one in-order event folded onto its open facts, or its whole corrected
// history refolded when an event arrives dated before what the entity has folded, or a correction names it.
import { z } from 'zod';
import type { ProjectedEvent } from './projected-event.js';
import { defineTable } from './read-model.js';
import type { RowAccess } from './read-model.js';
import type { FactSync, IntervalFact, VersionColumns } from './versioned-facts.js';

export type Step<F> = (facts: readonly F[], e: ProjectedEvent) => F[];

/**
 * Per entity, the latest effective date folded. Events folded in effective order make the incremental fold
 * equal the full one; an event dated before the clock is folded by recomputing the entity instead.
 */
export const defineClockTable = (name: string) => defineTable({
  name,
  schema: z.object({ entity: z.string(), clock: z.string() }),
  primaryKey: 'entity',
  lookups: {},
});
export type ClockTable = ReturnType<typeof defineClockTable>;

/** True (and the clock advanced) when `e` is not dated before what `entity` has folded. */
export const advanceClock = (rows: RowAccess, clocks: ClockTable, entity: string, e: ProjectedEvent): boolean => {
  const clock = rows.get(clocks, entity)?.clock ?? '';
  if (e.effectiveAt < clock) return false;
  if (e.effectiveAt !== clock) rows.put(clocks, { entity, clock: e.effectiveAt });
  return true;
};

export const setClock = (rows: RowAccess, clocks: ClockTable, entity: string, clock: string): void => {
  if (rows.get(clocks, entity)?.clock !== clock) rows.put(clocks, { entity, clock });
};

/** Steps the entity's open facts with an in-order event and stores what changed. */
export const foldOpen = <F extends IntervalFact, R extends F & VersionColumns>(
  sync: FactSync<F, R>, rows: RowAccess, entity: string, e: ProjectedEvent, step: Step<F>,
): void => {
  const open = sync.open(rows, entity);
  sync.sync(rows, entity, step(open, e), e, open);
};

/** Recomputes all of an entity's facts from its corrected history (in effective order) and stores the difference. */
export const refoldAll = <F extends IntervalFact, R extends F & VersionColumns>(
  sync: FactSync<F, R>, rows: RowAccess, entity: string, events: readonly ProjectedEvent[], step: Step<F>, trigger: ProjectedEvent,
): void => {
  let facts: F[] = [];
  for (const e of events) facts = step(facts, e);
  sync.sync(rows, entity, facts, trigger, sync.all(rows, entity));
};

/** The latest effective date among events, or '' for none. */
export const latestEffective = (events: readonly ProjectedEvent[]): string =>
  events.reduce((latest, e) => (e.effectiveAt > latest ? e.effectiveAt : latest), '');
