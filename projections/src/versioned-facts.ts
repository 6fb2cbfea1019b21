// Bitemporal rows: each fact is an interval [validFrom, validTo) in effective time, and each version of it
// is valid [knownFrom, knownTo) in recorded time. Recomputing an entity supersedes changed versions instead
// of overwriting them, so an "as known at" query still finds what the ledger said before a correction.
import { z } from 'zod';
import type { ProjectedEvent } from './projected-event.js';
import type { Row, RowAccess, Table } from './read-model.js';

/** Columns every versioned table carries for its recorded-time axis. */
export const versionShape = {
  /** `${openEventId}@${versionPosition}` */
  id: z.string(),
  /** Global position of the event that wrote this version. */
  versionPosition: z.int(),
  knownFrom: z.string(),
  knownTo: z.string().nullable(),
};

/** Columns every fact carries for its effective-time axis and provenance. */
export const intervalShape = {
  validFrom: z.string(),
  validTo: z.string().nullable(),
  openEventId: z.string(),
  openedRecordedAt: z.string(),
  closeEventId: z.string().nullable(),
  closedRecordedAt: z.string().nullable(),
  /** Effective date of the last event that changed the fact: how far in effective time the entity has folded. */
  changedAt: z.string(),
};

export interface VersionColumns {
  id: string;
  versionPosition: number;
  knownFrom: string;
  knownTo: string | null;
}

export type IntervalFact = Row & {
  validFrom: string;
  validTo: string | null;
  openEventId: string;
  openedRecordedAt: string;
  closeEventId: string | null;
  closedRecordedAt: string | null;
  changedAt: string;
};

/** How one versioned table stores the facts of one kind of entity. */
export interface FactTable<F extends IntervalFact, R extends F & VersionColumns> {
  readonly table: Table<R>;
  /** Every version row of the entity. */
  rowsOf(rows: RowAccess, entity: string): R[];
  toRow(fact: F, entity: string, version: VersionColumns): R;
  /** Columns a closing event may set besides validTo, closeEventId and closedRecordedAt. */
  readonly closeColumns: readonly string[];
}

const VERSION_COLUMNS = new Set(Object.keys(versionShape));
const CLOSE_COLUMNS = ['validTo', 'closeEventId', 'closedRecordedAt'];

type Change = 'same' | 'closed' | 'changed';

const compare = (content: readonly string[], closing: ReadonlySet<string>, old: Row, next: Row, trigger: ProjectedEvent): Change => {
  let onlyClose = true;
  let same = true;
  for (const column of content) {
    if (old[column] === next[column]) continue;
    same = false;
    if (!closing.has(column)) onlyClose = false;
  }
  if (same) return 'same';
  // Closing an open fact in place is honest only when the close is news at this instant: a query known at
  // an earlier instant sees closedRecordedAt after it and still reads the fact as open.
  const closedNow = old.closeEventId === null && next.closeEventId !== null && next.closedRecordedAt === trigger.recordedAt;
  return onlyClose && closedNow ? 'closed' : 'changed';
};

export const createFactSync = <F extends IntervalFact, R extends F & VersionColumns>(facts: FactTable<F, R>) => {
  const content = facts.table.columns.map((c) => c.name).filter((name) => !VERSION_COLUMNS.has(name));
  const closing = new Set([...CLOSE_COLUMNS, ...facts.closeColumns]);
  const versionAt = (fact: F, trigger: ProjectedEvent): VersionColumns => ({
    id: `${fact.openEventId}@${trigger.position}`, versionPosition: trigger.position, knownFrom: trigger.recordedAt, knownTo: null,
  });

  return {
    /** The entity's facts as currently known (the rows whose version is open). */
    current(rows: RowAccess, entity: string): R[] {
      return facts.rowsOf(rows, entity).filter((row) => row.knownTo === null);
    },
    /**
     * Makes the entity's current rows equal `next`, versioning every change at `trigger`. `current` saves a
     * second lookup when the caller just read it.
     */
    sync(rows: RowAccess, entity: string, next: readonly F[], trigger: ProjectedEvent, current?: readonly R[]): void {
      const previous = new Map<string, R>();
      for (const row of current ?? facts.rowsOf(rows, entity)) if (row.knownTo === null) previous.set(row.openEventId, row);
      for (const fact of next) {
        const old = previous.get(fact.openEventId);
        previous.delete(fact.openEventId);
        // A step hands back the very row object for a fact it did not touch.
        const unchanged: F | undefined = old;
        if (unchanged === fact) continue;
        if (old === undefined) {
          rows.put(facts.table, facts.toRow(fact, entity, versionAt(fact, trigger)));
          continue;
        }
        const change = compare(content, closing, old, fact, trigger);
        if (change === 'same') continue;
        if (change === 'closed') {
          rows.put(facts.table, facts.toRow(fact, entity, {
            id: old.id, versionPosition: old.versionPosition, knownFrom: old.knownFrom, knownTo: null,
          }));
          continue;
        }
        rows.put(facts.table, { ...old, knownTo: trigger.recordedAt });
        rows.put(facts.table, facts.toRow(fact, entity, versionAt(fact, trigger)));
      }
      for (const old of previous.values()) rows.put(facts.table, { ...old, knownTo: trigger.recordedAt });
    },
  };
};

export type FactSync<F extends IntervalFact, R extends F & VersionColumns> = ReturnType<typeof createFactSync<F, R>>;

/** The latest effective date that changed any of an entity's facts: an event dated before it needs a refold. */
export const lastEffectiveDate = (facts: readonly IntervalFact[]): string => {
  let last = '';
  for (const fact of facts) if (fact.changedAt > last) last = fact.changedAt;
  return last;
};

/** Whether the fact's close was already recorded at `knownAt` (null: as known now). A later close is not yet news. */
export const closeKnownAt = (fact: IntervalFact, knownAt: string | null): boolean =>
  fact.closedRecordedAt !== null && (knownAt === null || fact.closedRecordedAt <= knownAt);
