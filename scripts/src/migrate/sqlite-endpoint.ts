// The SQLite side of a migration: the store from createSqliteEventStore, raw rows read and written on its
// connection (`.db`). The file's STRICT tables guarantee the row types, as the adapter itself relies on.
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { EVENT_COLUMNS, createSqliteEventStore } from '@estafet/ledger';
import type { EventRow, SqliteEventStore } from '@estafet/ledger';
import { quoteIdentifier } from './ledger-endpoint.js';
import { MigrationRefusedError, NEW_TARGET, TargetChangedError } from './migration-errors.js';
import type { KeyRow, LedgerBatch, LedgerEndpoint, LedgerTotals, LedgerWriter, MemberRow } from './ledger-endpoint.js';

const LEDGER_TABLES = ['events', 'stream_members', 'idempotency_keys'];

/** Opens an existing ledger file to copy from; anything else (missing, not SQLite, not a ledger) is refused. */
export function openSqliteSource(path: string): LedgerEndpoint {
  if (!existsSync(path)) throw new MigrationRefusedError(`--from: ${path} does not exist`);
  const tables = ledgerTablesIn(path, '--from');
  if (tables < LEDGER_TABLES.length) throw new MigrationRefusedError(`--from: ${path} is not an Estafet ledger (no events table)`);
  return sqliteEndpoint(createSqliteEventStore({ path }), path);
}

/**
 * Refuses, without creating or converting anything, an existing file that is not a ledger (the store's factory
 * would add the ledger's tables to it) or that already holds events. The writer's check is the final word.
 */
export function checkSqliteTarget(path: string): void {
  if (!existsSync(path) || statSync(path).size === 0) return;
  const look = withReadOnly(path, '--to', (db) => {
    const tables = db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all();
    const events = tables.includes('events') && db.prepare<[], number>('SELECT EXISTS (SELECT 1 FROM events)').pluck().get() === 1;
    return { tables, events };
  });
  if (!look.tables.includes('events') && look.tables.length > 0) {
    throw new MigrationRefusedError(`--to: ${path} is a SQLite file but not an Estafet ledger; name a new file`);
  }
  if (look.events) throw new MigrationRefusedError(`--to: sqlite ${path} is not empty (rows in events); ${NEW_TARGET}`);
}

/** Opens (creating if needed) the file to copy into. */
export function openSqliteTarget(path: string): LedgerEndpoint {
  checkSqliteTarget(path);
  mkdirSync(dirname(path), { recursive: true });
  return sqliteEndpoint(createSqliteEventStore({ path }), path);
}

/** How many of the ledger's tables the file has, looked at read-only so nothing is created or converted. */
function ledgerTablesIn(path: string, flag: string): number {
  return withReadOnly(path, flag, (db) => db.prepare<string[], number>(
    `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN (${LEDGER_TABLES.map(() => '?').join(', ')})`)
    .pluck().get(...LEDGER_TABLES) ?? 0);
}

function withReadOnly<T>(path: string, flag: string, look: (db: Database.Database) => T): T {
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new MigrationRefusedError(`${flag}: ${path} cannot be opened: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return look(db);
  } catch (error) {
    // "file is not a database" surfaces on the first statement, not on open.
    throw new MigrationRefusedError(`${flag}: ${path} is not a readable SQLite file: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    db.close();
  }
}

function sqliteEndpoint(store: SqliteEventStore, path: string): LedgerEndpoint {
  const { db } = store;
  const eventsUpTo = db.prepare<[number], EventRow>(
    `SELECT ${EVENT_COLUMNS.join(', ')} FROM events WHERE global_position <= ? ORDER BY global_position`);
  // stream_members has no index on position: one sorted pass beats a full scan per batch (4x on 480k rows).
  const membersUpTo = db.prepare<[number], MemberRow>(
    'SELECT stream_id, version, global_position FROM stream_members WHERE global_position <= ? ORDER BY global_position, stream_id');
  const keysUpTo = db.prepare<[number], KeyRow>(
    'SELECT key, first_position, last_position FROM idempotency_keys WHERE last_position <= ? ORDER BY last_position');
  const totals = db.prepare<[], LedgerTotals>(`SELECT (SELECT count(*) FROM events) AS events,
    (SELECT count(*) FROM stream_members) AS members, (SELECT count(*) FROM idempotency_keys) AS keys`);

  return {
    label: `sqlite ${path}`,
    store,

    async* scan(toPosition: number, batchSize: number): AsyncGenerator<LedgerBatch> {
      // Three cursors on one connection share its read snapshot; members and keys are taken up to each
      // batch's last event as the events cursor moves on.
      const members = positionCursor(membersUpTo.iterate(toPosition), (row) => row.global_position);
      const keys = positionCursor(keysUpTo.iterate(toPosition), (row) => row.last_position);
      try {
        let events: EventRow[] = [];
        const batch = async (): Promise<LedgerBatch> => {
          // Reads are synchronous: between batches the event loop gets its turn (progress, the other side's I/O).
          await new Promise<void>((resolve) => setImmediate(resolve));
          const last = events.at(-1)?.global_position ?? 0;
          return { events, members: members.takeThrough(last), keys: keys.takeThrough(last) };
        };
        for (const row of eventsUpTo.iterate(toPosition)) {
          events.push(row);
          if (events.length < batchSize) continue;
          yield await batch();
          events = [];
        }
        if (events.length > 0) yield await batch();
      } finally {
        members.close();
        keys.close();
      }
    },

    totals: () => Promise.resolve(totals.get() ?? { events: 0, members: 0, keys: 0 }),

    occupiedTables() {
      const names = db.prepare<[], string>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all();
      return Promise.resolve(names.filter((name) =>
        db.prepare<[], number>(`SELECT EXISTS (SELECT 1 FROM ${quoteIdentifier(name)})`).pluck().get() === 1));
    },

    openWriter: () => Promise.resolve(sqliteWriter(db)),

    close: () => store.close(),
  };
}

function sqliteWriter(db: Database.Database): LedgerWriter {
  const insertEvent = db.prepare<[unknown[]]>(
    `INSERT INTO events (${EVENT_COLUMNS.join(', ')}) VALUES (${EVENT_COLUMNS.map(() => '?').join(', ')})`);
  const insertMember = db.prepare<[string, number, number]>(
    'INSERT INTO stream_members (stream_id, version, global_position) VALUES (?, ?, ?)');
  const insertKey = db.prepare<[string, number, number]>(
    'INSERT INTO idempotency_keys (key, first_position, last_position) VALUES (?, ?, ?)');
  const head = db.prepare<[], number>('SELECT coalesce(max(global_position), 0) FROM events').pluck();

  // BEGIN IMMEDIATE: the head check and the inserts hold the write lock together, so another process's append
  // cannot land between them; one that lands between batches is caught by the next batch's check.
  const write = db.transaction((batch: LedgerBatch, expectedHead: number): void => {
    const actual = head.get() ?? 0;
    if (actual !== expectedHead) {
      throw new TargetChangedError(`the target's head is at ${actual}, the copy expected ${expectedHead}: something else writes to it`);
    }
    for (const row of batch.events) insertEvent.run(EVENT_COLUMNS.map((column) => row[column]));
    for (const row of batch.members) insertMember.run(row.stream_id, row.version, row.global_position);
    for (const row of batch.keys) insertKey.run(row.key, row.first_position, row.last_position);
  });

  return {
    write(batch, expectedHead) {
      try {
        write.immediate(batch, expectedHead);
        return Promise.resolve();
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error('write failed', { cause: error }));
      }
    },
    // Nothing to do: the adapter's queries are planned without statistics, so ANALYZE would only change them.
    finish: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
}

/** Rows already ordered by a position, handed out in runs up to a given position. */
function positionCursor<T>(rows: IterableIterator<T>, positionOf: (row: T) => number) {
  let next = rows.next();
  return {
    takeThrough(position: number): T[] {
      const taken: T[] = [];
      while (next.done !== true && positionOf(next.value) <= position) {
        taken.push(next.value);
        next = rows.next();
      }
      return taken;
    },
    close(): void {
      rows.return?.();
    },
  };
}
