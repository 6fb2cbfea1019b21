// Shared setup for the runner tests: a temporary ledger file, stores over it, a dump of every read-model
// table (rows in key order) to compare a resumed read model with a clean rebuild.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteEventStore } from '@estafet/ledger';
import type { SqliteEventStore } from '@estafet/ledger';
import { DEFAULT_PROJECTIONS } from '@estafet/worker';

export interface Teardown {
  teardown(fn: () => void | Promise<void>): void;
}

export async function tempLedger(t: Teardown): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'estafet-worker-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return join(dir, 'ledger.db');
}

/** A store on the file, closed at teardown (closing twice is harmless). */
export function openStore(t: Teardown, path: string, clock?: () => Date): SqliteEventStore {
  const store = createSqliteEventStore({ path, synchronous: 'NORMAL', ...(clock === undefined ? {} : { clock }) });
  t.teardown(() => store.close());
  return store;
}

/** Every read-model table of the default projections, rows sorted by primary key. */
export function dumpReadModel(store: SqliteEventStore): Record<string, unknown[]> {
  const dump: Record<string, unknown[]> = {};
  for (const table of DEFAULT_PROJECTIONS.flatMap((p) => p.tables)) {
    dump[table.name] = store.db.prepare(`SELECT * FROM "${table.name}" ORDER BY "${table.primaryKey}"`).all();
  }
  return dump;
}

export function checkpointRows(store: SqliteEventStore): unknown[] {
  return store.db.prepare('SELECT name, version, position, generation FROM estafet_projection_checkpoints ORDER BY name').all();
}

/** A clock that moves one second per call, so recordedAt is deterministic. */
export const steppingClock = (start = Date.UTC(2024, 5, 3, 1, 0, 0)): (() => Date) => {
  let tick = 0;
  return () => new Date(start + (tick += 1) * 1000);
};
