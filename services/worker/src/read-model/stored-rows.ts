// What both read-model dialects read back: checkpoint rows and plain rows, checked field by field.
import type { Row } from '@estafet/projections';
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

