// WHERE clauses (as data) for the two time axes of versioned rows: "as known at" an instant (recorded time)
// and "valid on" a date (effective time). An as-of lookup is an indexed range query, never a replay.
import type { Condition, Row, RowQuery, SelectOptions, Table } from './read-model.js';
import type { VersionColumns, IntervalFields } from './versioned-facts.js';

/** The columns the two axes are read from: any table carrying them, a versioned table or a copy of its rows. */
type Versioned = Row & Pick<VersionColumns, 'knownFrom' | 'knownTo'> & Pick<IntervalFields, 'validFrom' | 'validTo' | 'closedRecordedAt'>;

/** Versions current at `knownAt` (an ISO instant normalised to UTC), or current now when null. */
export const knownAtConditions = <R extends Versioned>(knownAt: string | null): Condition<R>[] => (knownAt === null
  ? [{ column: 'knownTo', op: 'isNull' }]
  : [
    { column: 'knownFrom', op: 'lte', value: knownAt },
    { anyOf: [[{ column: 'knownTo', op: 'isNull' }], [{ column: 'knownTo', op: 'gt', value: knownAt }]] },
  ]);

/**
 * Facts valid on `asOf` as known at `knownAt`: validFrom <= asOf AND (validTo IS NULL OR validTo > asOf), where a
 * close recorded after knownAt does not count yet.
 */
export const validOnConditions = <R extends Versioned>(asOf: string, knownAt: string | null): Condition<R>[] => {
  const stillOpen: Condition<R>[][] = [[{ column: 'validTo', op: 'isNull' }], [{ column: 'validTo', op: 'gt', value: asOf }]];
  if (knownAt !== null) stillOpen.push([{ column: 'closedRecordedAt', op: 'gt', value: knownAt }]);
  return [...knownAtConditions<R>(knownAt), { column: 'validFrom', op: 'lte', value: asOf }, { anyOf: stillOpen }];
};

const IN_CHUNK = 500;

/** A select whose `column IN (...)` list is split into chunks small enough for any dialect's parameter limit. */
export const selectIn = async <T extends Row, K extends keyof T & string = keyof T & string>(
  query: RowQuery, table: Table<T>, column: keyof T & string, values: readonly string[], where: readonly Condition<T>[],
  options?: SelectOptions<T, K>,
): Promise<Pick<T, K>[]> => {
  const unique = [...new Set(values)];
  const found: Pick<T, K>[] = [];
  for (let i = 0; i < unique.length; i += IN_CHUNK) {
    const chunk = unique.slice(i, i + IN_CHUNK);
    found.push(...await query.select(table, [...where, { column, op: 'in', values: chunk }], options));
  }
  return found;
};
