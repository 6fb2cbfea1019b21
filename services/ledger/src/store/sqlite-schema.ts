// Opening the SQLite event log: durability pragmas (read back, not trusted) and the tables and indexes.
// One writer at a time (BEGIN IMMEDIATE) is what makes global positions gap-free and never reordered.
import Database from 'better-sqlite3';

export interface Durability {
  readonly journalMode: string;
  readonly synchronous: string;
}

/** The file could not be opened with the durability asked for (e.g. a file system without WAL support). */
export class DurabilityError extends Error {
  readonly code = 'DURABILITY_NOT_IN_EFFECT';
}

/** The file was written by a newer Estafet whose tables this code does not know. */
export class SchemaVersionError extends Error {
  readonly code = 'SCHEMA_TOO_NEW';
}

const SCHEMA_VERSION = 1;

// STRICT tables: a column holds its declared type or the write fails, which the row mapping relies on.
const DDL = `
CREATE TABLE IF NOT EXISTS events (
  global_position INTEGER PRIMARY KEY,
  event_id        TEXT NOT NULL UNIQUE,
  stream_id       TEXT NOT NULL,
  stream_version  INTEGER NOT NULL,
  type            TEXT NOT NULL,
  schema_version  INTEGER NOT NULL,
  data            TEXT NOT NULL,
  effective_at    TEXT NOT NULL,
  recorded_at     TEXT NOT NULL,
  legal_basis     TEXT,
  actor_id        TEXT NOT NULL,
  actor_role      TEXT NOT NULL,
  correlation_id  TEXT NOT NULL,
  causation_id    TEXT,
  idempotency_key TEXT,
  also_in         TEXT NOT NULL,
  prev_hash       TEXT NOT NULL,
  hash            TEXT NOT NULL
) STRICT;
-- Secondary indexes end in the rowid (global_position), so "type = ? ORDER BY global_position" needs no sort.
CREATE INDEX IF NOT EXISTS events_type ON events (type);
CREATE INDEX IF NOT EXISTS events_effective_at ON events (effective_at);
CREATE INDEX IF NOT EXISTS events_recorded_at ON events (recorded_at);
CREATE INDEX IF NOT EXISTS events_actor_id ON events (actor_id);
CREATE INDEX IF NOT EXISTS events_correlation_id ON events (correlation_id);

-- Every stream an event belongs to: its own and each alsoIn stream. The key orders a stream by version and,
-- being sorted by stream id, serves stream-prefix filters as a range scan.
CREATE TABLE IF NOT EXISTS stream_members (
  stream_id       TEXT NOT NULL,
  version         INTEGER NOT NULL,
  global_position INTEGER NOT NULL,
  PRIMARY KEY (stream_id, version)
) STRICT, WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS idempotency_keys (
  key            TEXT PRIMARY KEY,
  first_position INTEGER NOT NULL,
  last_position  INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
`;

export interface OpenOptions {
  readonly path: string;
  readonly synchronous: 'FULL' | 'NORMAL';
}

/** Opens (creating if needed) the event log and checks that the durability settings really took effect. */
export function openEventLog(options: OpenOptions): { db: Database.Database; durability: Durability } {
  const db = new Database(options.path);
  try {
    const durability = configure(db, options);
    migrate(db);
    return { db, durability };
  } catch (error) {
    db.close();
    throw error;
  }
}

function configure(db: Database.Database, options: OpenOptions): Durability {
  // Another process may hold the write lock for a moment; wait rather than fail.
  db.pragma('busy_timeout = 5000');
  const journalMode = String(db.pragma('journal_mode = WAL', { simple: true })).toLowerCase();
  db.pragma(`synchronous = ${options.synchronous}`);
  const synchronous = synchronousName(db.pragma('synchronous', { simple: true }));
  // An in-memory database has no file to put a WAL beside; it is for tests and throwaway runs only.
  const wantedJournal = db.memory ? 'memory' : 'wal';
  if (journalMode !== wantedJournal) {
    throw new DurabilityError(`journal_mode is ${journalMode}, expected ${wantedJournal} for ${options.path}`);
  }
  if (synchronous !== options.synchronous.toLowerCase()) {
    throw new DurabilityError(`synchronous is ${synchronous}, expected ${options.synchronous.toLowerCase()}`);
  }
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
  return { journalMode, synchronous };
}

function synchronousName(value: unknown): string {
  const names = ['off', 'normal', 'full', 'extra'];
  return (typeof value === 'number' ? names[value] : undefined) ?? `unknown (${String(value)})`;
}

function migrate(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true });
  if (typeof version !== 'number' || version > SCHEMA_VERSION) {
    throw new SchemaVersionError(`event log schema version ${String(version)} is newer than ${SCHEMA_VERSION}`);
  }
  if (version === SCHEMA_VERSION) return;
  db.transaction(() => {
    db.exec(DDL);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}
