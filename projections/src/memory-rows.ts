// RowAccess and RowQuery over plain maps: runs a projection and its queries without a database (unit tests,
// replay checks) and dumps rows in key order so two runs can be compared. Finds scan: test-sized logs only.
import type { ProjectedEvent } from './projected-event.js';
import type { ProjectionDefinition } from './projection-definition.js';
import type { Condition, Row, RowAccess, RowQuery, Table, Value } from './read-model.js';

const compare = (a: Value | undefined, b: string | number): number =>
  (a === null || a === undefined ? Number.NaN : a < b ? -1 : a > b ? 1 : 0);

/** SQL semantics: a comparison with NULL is never true. */
const matches = <T extends Row>(row: T, condition: Condition<T>): boolean => {
  if ('anyOf' in condition) return condition.anyOf.some((group) => group.every((c) => matches(row, c)));
  const value = row[condition.column];
  switch (condition.op) {
    case 'isNull': return value === null;
    case 'notNull': return value !== null;
    case 'in': return (typeof value === 'string' || typeof value === 'number') && condition.values.includes(value);
    case 'eq': return compare(value, condition.value) === 0;
    case 'lt': return compare(value, condition.value) < 0;
    case 'lte': return compare(value, condition.value) <= 0;
    case 'gt': return compare(value, condition.value) > 0;
    case 'gte': return compare(value, condition.value) >= 0;
    default: {
      const unreachable: never = condition;
      return unreachable;
    }
  }
};

export interface MemoryRows extends RowAccess, RowQuery {
  /** Every table's rows sorted by primary key. */
  dump(): Record<string, Row[]>;
}

export const createMemoryRows = (): MemoryRows => {
  const tables = new Map<string, Map<string, Row>>();
  const tableOf = (name: string): Map<string, Row> => {
    let rows = tables.get(name);
    if (rows === undefined) tables.set(name, (rows = new Map<string, Row>()));
    return rows;
  };
  // Rows in a table's map were put through that table's typed put, so reading them back as T is sound.
  const typed = <T extends Row>(_table: Table<T>, row: Row): T => row as T;
  return {
    get: (table, key) => {
      const row = tableOf(table.name).get(key);
      return row === undefined ? undefined : typed(table, row);
    },
    put: (table, row) => {
      const key = row[table.primaryKey];
      if (typeof key !== 'string') throw new TypeError(`${table.name}: primary key ${table.primaryKey} must be text`);
      tableOf(table.name).set(key, { ...row });
    },
    delete: (table, key) => {
      tableOf(table.name).delete(key);
    },
    find: (table, lookup, values: readonly Value[]) => {
      const columns = table.lookups[lookup];
      const found = [];
      for (const row of tableOf(table.name).values()) {
        if (columns.every((column, i) => row[column] !== null && row[column] === values[i])) found.push(typed(table, row));
      }
      return found;
    },
    select: (table, where, options = {}) => {
      const found = [...tableOf(table.name).values()].map((row) => typed(table, row)).filter((row) => where.every((c) => matches(row, c)));
      const order = options.orderBy ?? [];
      found.sort((a, b) => {
        for (const column of order) {
          const x = a[column];
          const y = b[column];
          if (x === y) continue;
          if (x === null) return -1;
          if (y === null) return 1;
          return x < y ? -1 : 1;
        }
        return 0;
      });
      const limited = options.limit === undefined ? found : found.slice(0, options.limit);
      const { columns } = options;
      if (columns === undefined) return Promise.resolve(limited);
      // The same shape a database hands back for a narrow select: just the chosen keys.
      return Promise.resolve(limited.map((row) => {
        const picked: Row = {};
        for (const column of columns) picked[column] = row[column] ?? null;
        return typed(table, picked);
      }));
    },
    dump: () => {
      const out: Record<string, Row[]> = {};
      for (const name of [...tables.keys()].sort()) {
        const rows = tableOf(name);
        out[name] = [...rows.keys()].sort().map((key) => rows.get(key)).filter((row) => row !== undefined);
      }
      return out;
    },
  };
};

/**
 * Replays events through a projection in memory. `history` answers refold requests the way the runner does:
 * the stream's events up to the trigger plus every correction up to it.
 */
export const replayInMemory = (
  projection: ProjectionDefinition, events: readonly ProjectedEvent[], rows: RowAccess = createMemoryRows(),
): RowAccess => {
  const byId = new Map(events.map((e) => [e.eventId, e]));
  const streamsOf = (e: ProjectedEvent): readonly string[] => [e.streamId, ...e.alsoIn];
  const wanted = new Set<string>(projection.eventTypes);
  for (const raw of events) {
    if (!wanted.has(raw.event.type)) continue;
    const target = raw.event.type === 'EventCorrected' || raw.event.type === 'EventRetracted'
      ? byId.get(raw.event.data.targetEventId) ?? null : undefined;
    const e = target === undefined ? raw : { ...raw, target };
    for (const streamId of projection.apply(e, rows)) {
      const upTo = events.filter((other) => other.position <= e.position);
      const isCorrection = (other: ProjectedEvent): boolean => other.event.type === 'EventCorrected' || other.event.type === 'EventRetracted';
      const stream = upTo.filter((other) => streamsOf(other).includes(streamId) && !isCorrection(other));
      const ids = new Set(stream.map((other) => other.eventId));
      const corrections = upTo.filter((other) => (other.event.type === 'EventCorrected' || other.event.type === 'EventRetracted')
        && ids.has(other.event.data.targetEventId));
      projection.refold({ streamId, events: stream, corrections }, e, rows);
    }
  }
  return rows;
};
