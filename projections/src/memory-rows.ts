// RowAccess over plain maps: runs a projection without a database (unit tests, replay checks) and dumps
// its rows in key order so two runs can be compared. Finds scan, so keep it to test-sized logs.
import type { ProjectedEvent } from './projected-event.js';
import type { ProjectionDefinition } from './projection-definition.js';
import type { Row, RowAccess, Table, Value } from './read-model.js';

export interface MemoryRows extends RowAccess {
  /** Every table's rows sorted by primary key. */
  dump(): Record<string, Row[]>;
}

export const createMemoryRows = (): MemoryRows => {
  const tables = new Map<string, Map<string, Row>>();
  const tableOf = (name: string): Map<string, Row> => {
    let rows = tables.get(name);
    if (rows === undefined) tables.set(name, (rows = new Map()));
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
        if (columns.every((column, i) => row[column] === values[i])) found.push(typed(table, row));
      }
      return found;
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
      const stream = upTo.filter((other) => streamsOf(other).includes(streamId));
      const ids = new Set(stream.map((other) => other.eventId));
      const corrections = upTo.filter((other) => (other.event.type === 'EventCorrected' || other.event.type === 'EventRetracted')
        && ids.has(other.event.data.targetEventId));
      projection.refold({ streamId, events: stream, corrections }, e, rows);
    }
  }
  return rows;
};
