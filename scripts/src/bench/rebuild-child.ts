// Run as a child process by the bench, so that its peak RSS is the rebuild's alone: rebuilds every read model
// from position 0 (ours, or fed by emmett), or scans and parses every row, then prints one JSON line.
import { getHeapStatistics } from 'node:v8';
import Database from 'better-sqlite3';
import { createSqliteEventStore } from '@estafet/ledger';
import { DEFAULT_PROJECTIONS, createProjectionRunner, createSqliteProjections, createSqliteReadModelStore } from '@estafet/worker';
import { createEmmettReader } from './emmett-reader.js';

export interface RebuildMeasure {
  readonly events: number;
  readonly ms: number;
  readonly maxRssMb: number;
  /** V8's heap limit in this process: the worker's budget when the bench started it with that flag. */
  readonly heapLimitMb: number;
}

const peakRssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

const rebuildOurs = async (path: string): Promise<number> => {
  const store = createSqliteEventStore({ path, synchronous: 'FULL' });
  try {
    const runner = createSqliteProjections({ store });
    await runner.rebuild();
    await runner.stop();
    return await store.headPosition();
  } finally {
    await store.close();
  }
};

const rebuildFromEmmett = async (emmettPath: string, readModelPath: string): Promise<number> => {
  const reader = createEmmettReader(emmettPath);
  const db = new Database(readModelPath);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    const runner = createProjectionRunner({ store: reader, readModel: createSqliteReadModelStore(db), projections: DEFAULT_PROJECTIONS });
    await runner.rebuild();
    await runner.stop();
    return await reader.headPosition();
  } finally {
    db.close();
    await reader.close();
  }
};

/** SELECT of every event row and JSON.parse of its JSON columns: no projection, no writes. */
const scanAndParse = (path: string): number => {
  const db = new Database(path, { readonly: true });
  try {
    let rows = 0;
    let checksum = 0;
    const select = db.prepare<[], { data: string; legal_basis: string | null; also_in: string }>(
      'SELECT global_position, event_id, stream_id, stream_version, type, schema_version, data, effective_at, recorded_at, legal_basis, actor_id, actor_role, correlation_id, causation_id, idempotency_key, also_in, prev_hash, hash FROM events ORDER BY global_position');
    for (const row of select.iterate()) {
      const data: unknown = JSON.parse(row.data);
      const basis: unknown = row.legal_basis === null ? null : JSON.parse(row.legal_basis);
      const links: unknown = JSON.parse(row.also_in);
      // Touch the results so the parse cannot be optimised away.
      if (data !== null && basis !== undefined && links !== undefined) checksum += 1;
      rows += 1;
    }
    if (checksum > rows) throw new Error('unreachable');
    return rows;
  } finally {
    db.close();
  }
};

const main = async (): Promise<void> => {
  const [mode, path, second] = process.argv.slice(2);
  if (path === undefined) throw new Error('usage: rebuild-child ours|emmett|scan <path> [read-model path]');
  const started = performance.now();
  let events: number;
  if (mode === 'ours') events = await rebuildOurs(path);
  else if (mode === 'scan') events = scanAndParse(path);
  else if (mode === 'emmett' && second !== undefined) events = await rebuildFromEmmett(path, second);
  else throw new Error(`unknown mode ${String(mode)}`);
  const measure: RebuildMeasure = {
    events, ms: performance.now() - started, maxRssMb: peakRssMb(), heapLimitMb: Math.round(getHeapStatistics().heap_size_limit / 1048576),
  };
  process.stdout.write(`${JSON.stringify(measure)}\n`);
};

// The smoke test imports the runner module, never this one as a program; only a direct launch measures.
if (process.argv[1]?.endsWith('rebuild-child.ts') === true) await main();
