// Append throughput of our SQLite store in the shapes the peers are measured in (10 and 100 events per stream
// append, one append at a time) and batched (many streams per append), plus raw better-sqlite3 inserts: the
// ceiling this disk and CPU put on any SQLite event store with the same durability (WAL, synchronous FULL).
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { NewEvent, StoredEvent } from '@estafet/events';
import { createSqliteEventStore } from '@estafet/ledger';
import type { EventStore } from '@estafet/ledger';
import { rate } from './stats.js';

/** The events as a client would send them again: same data and envelope, no links (the peers have none). */
export const toNewEvents = (events: readonly StoredEvent[]): NewEvent[] => events.map((e) => ({
  eventId: e.eventId, type: e.type, schemaVersion: e.schemaVersion, data: e.data, effectiveAt: e.effectiveAt,
  legalBasis: e.legalBasis, actor: e.actor, correlationId: e.correlationId, causationId: e.causationId, alsoIn: [],
}));

/** The first `count` events of a ledger, in global order. */
export const readFirstEvents = async (store: EventStore, count: number): Promise<StoredEvent[]> => {
  const events: StoredEvent[] = [];
  while (events.length < count) {
    const page = await store.readAll({ fromPosition: events.length, limit: Math.min(10_000, count - events.length) });
    if (page.length === 0) break;
    events.push(...page);
  }
  return events;
};

export const chunk = <T>(items: readonly T[], size: number): T[][] => {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
};

/** A store opened for one measure and closed after it, whatever the measure came to. */
export const withStore = async <S extends EventStore>(store: S, measure: (store: S) => Promise<number>): Promise<number> => {
  try {
    return await measure(store);
  } finally {
    await store.close();
  }
};

/** Our SQLite store in a new file of `dir`, with the durability every measure uses. */
export const sqliteStoreIn = (dir: string, name: string): EventStore => createSqliteEventStore({ path: join(dir, `${name}.db`), synchronous: 'FULL' });

/** Each chunk of `perAppend` events goes to a new stream, awaited one at a time: one commit (fsync) per append. */
export const appendInShape = async (store: EventStore, events: readonly NewEvent[], perAppend: number): Promise<number> => {
  const started = performance.now();
  for (const [i, events_] of chunk(events, perAppend).entries()) {
    await store.append([{ streamId: `bench-${perAppend}-${i}`, expectedVersion: 0, events: events_ }]);
  }
  return rate(events.length, performance.now() - started);
};

/** Appends of `streamsPerAppend` streams x 100 events each: what an import or the generator does. */
export const appendBatched = async (store: EventStore, events: readonly NewEvent[], streamsPerAppend = 50): Promise<number> => {
  const streams = chunk(events, 100).map((evs, i) => ({ streamId: `batch-${i}`, expectedVersion: 0, events: evs }));
  const started = performance.now();
  for (const group of chunk(streams, streamsPerAppend)) await store.append(group);
  return rate(events.length, performance.now() - started);
};

/**
 * Plain INSERTs of the same JSON into a table with a primary key, `perTransaction` rows per commit, no hashing,
 * no checks, no stream index: the hardware's limit for this durability.
 */
export const rawInsert = (dir: string, events: readonly NewEvent[], perTransaction: number): number => {
  const db = new Database(join(dir, `raw-${perTransaction}.db`));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE events (position INTEGER PRIMARY KEY, event_id TEXT NOT NULL, stream_id TEXT NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, meta TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO events (event_id, stream_id, type, data, meta) VALUES (?, ?, ?, ?, ?)');
    const write = db.transaction((rows: readonly NewEvent[], streamId: string) => {
      for (const e of rows) {
        insert.run(e.eventId, streamId, e.type, JSON.stringify(e.data), JSON.stringify({ effectiveAt: e.effectiveAt, actor: e.actor, legalBasis: e.legalBasis }));
      }
    });
    const started = performance.now();
    for (const [i, rows] of chunk(events, perTransaction).entries()) write(rows, `raw-${i}`);
    return rate(events.length, performance.now() - started);
  } finally {
    db.close();
  }
};
