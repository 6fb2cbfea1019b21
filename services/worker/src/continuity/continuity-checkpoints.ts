// Where the continuity process remembers how far it has reacted. Losing it costs only time: reacting again
// to an event appends nothing new, because every reaction carries a deterministic idempotency key.
import type { SqliteEventStore } from '@estafet/ledger';

export interface CheckpointStore {
  load(name: string): Promise<number>;
  save(name: string, position: number): Promise<void>;
}

export const createMemoryCheckpoints = (): CheckpointStore => {
  const positions = new Map<string, number>();
  return {
    load: (name) => Promise.resolve(positions.get(name) ?? 0),
    save: (name, position) => {
      positions.set(name, Math.max(position, positions.get(name) ?? 0));
      return Promise.resolve();
    },
  };
};

/** A table beside the events in the SQLite file. A checkpoint never moves back (two workers may both save). */
export const createSqliteCheckpoints = (db: SqliteEventStore['db']): CheckpointStore => {
  db.exec(`CREATE TABLE IF NOT EXISTS process_checkpoints (
    name     TEXT PRIMARY KEY,
    position INTEGER NOT NULL
  ) STRICT, WITHOUT ROWID`);
  const read = db.prepare<[string], number>('SELECT position FROM process_checkpoints WHERE name = ?').pluck();
  const write = db.prepare<[string, number]>(`INSERT INTO process_checkpoints (name, position) VALUES (?, ?)
    ON CONFLICT (name) DO UPDATE SET position = max(position, excluded.position)`);
  return {
    load: (name) => Promise.resolve(read.get(name) ?? 0),
    save: (name, position) => {
      write.run(name, position);
      return Promise.resolve();
    },
  };
};
