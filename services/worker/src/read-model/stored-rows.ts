// What both read-model dialects read back: checkpoint rows and plain rows, checked field by field.
import type { Row, Table } from '@estafet/projections';
import type { Checkpoint } from './read-model-store.js';

export const CHECKPOINTS = 'estafet_projection_checkpoints';

export const CheckpointColumns = ['name', 'version', 'position', 'generation', 'tables'] as const;

export const toCheckpoint = (raw: unknown): Checkpoint => {
  if (typeof raw !== 'object' || raw === null) throw new Error('checkpoint row is not an object');
  const get = (key: (typeof CheckpointColumns)[number]): unknown => (key in raw ? Object.getOwnPropertyDescriptor(raw, key)?.value : undefined);
  const [name, version, position, generation, tables] = CheckpointColumns.map(get);
  const tableList: unknown = typeof tables === 'string' ? JSON.parse(tables) : null;
  if (typeof name !== 'string' || typeof version !== 'number' || typeof position !== 'number' || typeof generation !== 'number'
    || !Array.isArray(tableList) || !tableList.every((t): t is string => typeof t === 'string')) {
    throw new Error(`checkpoint row ${String(name)} is malformed`);
  }
  return { name, version, position, generation, tables: tableList };
};

export const toRow = (raw: unknown): Row => {
  if (typeof raw !== 'object' || raw === null) throw new Error('read-model row is not an object');
  const row: Row = {};
  for (const [key, value] of Object.entries(raw) as [string, unknown][]) {
    if (typeof value !== 'string' && typeof value !== 'number' && value !== null) throw new Error(`read-model column ${key} holds a ${typeof value}`);
    row[key] = value;
  }
  return row;
};


/**
 * Rows of the chosen columns of `table` from result tuples in that column order (both dialects read narrow selects
 * as arrays, cheaper than keyed objects), checked against the table's column types (text or integer, nullable or
 * not) rather than its zod schema, which describes whole rows. The rows are ones our runner wrote from typed rows,
 * so the type check is the trust a narrow read needs; full rows still go through the schema.
 */
export const columnRows = <T extends Row, K extends keyof T & string>(table: Table<T>, columns: readonly K[]): ((raws: readonly unknown[]) => Pick<T, K>[]) => {
  const specs = columns.map((name) => {
    const spec = table.columns.find((c) => c.name === name);
    if (spec === undefined) throw new Error(`${table.name} has no column ${name}`);
    return spec;
  });
  return (raws) => raws.map((raw) => {
    if (!Array.isArray(raw) || raw.length !== specs.length) throw new Error(`${table.name} row is not a tuple of ${specs.length} columns`);
    const row: Row = {};
    specs.forEach((spec, i) => {
      const value: unknown = raw[i];
      if (value === null && spec.nullable) row[spec.name] = null;
      else if (spec.type === 'text' && typeof value === 'string') row[spec.name] = value;
      else if (spec.type === 'integer' && typeof value === 'number' && Number.isSafeInteger(value)) row[spec.name] = value;
      else throw new Error(`${table.name}.${spec.name} holds ${value === null ? 'null' : typeof value}, not ${spec.type}`);
    });
    // Checked column by column above against the table that declares T.
    return row as Pick<T, K>;
  });
};
