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
  /**
   * The entity's id while this is the current version of a fact still open in effective time, else null:
   * a lookup on it hands a fold just the few facts an event can change, however long the entity's history.
   */
  openKey: z.string().nullable(),
};

/** Columns every fact carries for its effective-time axis and provenance. */
export const intervalShape = {
  validFrom: z.string(),
  validTo: z.string().nullable(),
  openEventId: z.string(),
  openedRecordedAt: z.string(),
  closeEventId: z.string().nullable(),
  closedRecordedAt: z.string().nullable(),
};

export interface VersionColumns {
  id: string;
  versionPosition: number;
  knownFrom: string;
  knownTo: string | null;
  openKey: string | null;
}

export interface IntervalFields {
  validFrom: string;
  validTo: string | null;
  openEventId: string;
  openedRecordedAt: string;
  closeEventId: string | null;
  closedRecordedAt: string | null;
}

export type IntervalFact = Row & IntervalFields;

/** The interval fields after `e` closes the fact (never before it opened). */
export const closedBy = (fact: IntervalFact, e: ProjectedEvent): IntervalFields => ({
  validFrom: fact.validFrom,
  validTo: e.effectiveAt < fact.validFrom ? fact.validFrom : e.effectiveAt,
  openEventId: fact.openEventId,
  openedRecordedAt: fact.openedRecordedAt,
  closeEventId: e.eventId,
  closedRecordedAt: e.recordedAt,
});

/** The interval fields of a fact `e` opens. */
export const openedBy = (e: ProjectedEvent): IntervalFields => ({
  validFrom: e.effectiveAt, validTo: null, openEventId: e.eventId, openedRecordedAt: e.recordedAt,
  closeEventId: null, closedRecordedAt: null,
});


/** The lookups every versioned table declares: all versions of an entity, and its open current facts. */
export type FactLookups = 'byEntity' | 'open';

/** How one versioned table stores the facts of one kind of entity. */
export interface FactTable<F extends IntervalFact, R extends F & VersionColumns> {
  readonly table: Table<R, FactLookups>;
  toRow(fact: F, version: VersionColumns): R;
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
  const openKeyOf = (fact: F, entity: string): string | null => (fact.validTo === null ? entity : null);
  const versionAt = (fact: F, entity: string, trigger: ProjectedEvent): VersionColumns => ({
    id: `${fact.openEventId}@${trigger.position}`, versionPosition: trigger.position, knownFrom: trigger.recordedAt, knownTo: null,
    openKey: openKeyOf(fact, entity),
  });

  const superseded = (old: R, trigger: ProjectedEvent): VersionColumns => ({
    id: old.id, versionPosition: old.versionPosition, knownFrom: old.knownFrom, knownTo: trigger.recordedAt, openKey: null,
  });

  return {
    /** The entity's current facts that are still open in effective time: all an in-order event can change. */
    open(rows: RowAccess, entity: string): R[] {
      return rows.find(facts.table, 'open', [entity]);
    },
    /** Every current fact of the entity, open or closed. */
    all(rows: RowAccess, entity: string): R[] {
      return rows.find(facts.table, 'byEntity', [entity]).filter((row) => row.knownTo === null);
    },
    /**
     * Makes `previous` (current rows of the entity) become `next`, versioning every change at `trigger`:
     * new facts are inserted, changed ones superseded (or closed in place when only the close is news),
     * and facts of `previous` missing from `next` superseded.
     */
    sync(rows: RowAccess, entity: string, next: readonly F[], trigger: ProjectedEvent, previous: readonly R[]): void {
      // Usually one to three open facts: a list searched in place costs less than building a map per event.
      const before: (R | null)[] = [...previous];
      const take = (openEventId: string): R | undefined => {
        for (let i = 0; i < before.length; i += 1) {
          const row = before[i];
          if (row !== null && row !== undefined && row.openEventId === openEventId) {
            before[i] = null;
            return row;
          }
        }
        return undefined;
      };
      for (const fact of next) {
        const old = take(fact.openEventId);
        // A step hands back the very row object for a fact it did not touch.
        const unchanged: F | undefined = old;
        if (unchanged === fact) continue;
        if (old === undefined) {
          rows.put(facts.table, facts.toRow(fact, versionAt(fact, entity, trigger)));
          continue;
        }
        const change = compare(content, closing, old, fact, trigger);
        if (change === 'same') continue;
        if (change === 'closed') {
          rows.put(facts.table, facts.toRow(fact, {
            id: old.id, versionPosition: old.versionPosition, knownFrom: old.knownFrom, knownTo: null, openKey: openKeyOf(fact, entity),
          }));
          continue;
        }
        rows.put(facts.table, facts.toRow(old, superseded(old, trigger)));
        rows.put(facts.table, facts.toRow(fact, versionAt(fact, entity, trigger)));
      }
      for (const old of before) if (old !== null) rows.put(facts.table, facts.toRow(old, superseded(old, trigger)));
    },
  };
};

export type FactSync<F extends IntervalFact, R extends F & VersionColumns> = ReturnType<typeof createFactSync<F, R>>;

/** Whether the fact's close was already recorded at `knownAt` (null: as known now). A later close is not yet news. */
export const closeKnownAt = (fact: IntervalFact, knownAt: string | null): boolean =>
  fact.closedRecordedAt !== null && (knownAt === null || fact.closedRecordedAt <= knownAt);
