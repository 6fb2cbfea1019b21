// Smoke test of the bench's measurement functions on a tiny generated data set: every key of the JSON line is
// present and numeric. No timing thresholds: speed is judged in docs/benchmarks.md, not in CI.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import t from 'tap';
import { WORKER_HEAP_MB } from '@estafet/worker';
import { ensureDataSet } from './data-sets.js';
import { measureHistorySeries } from './history-series.js';
import { measureReads, measureWrites, ratios } from './measure.js';
import type { MeasureSizes } from './measure.js';

// The rebuild children (tsx) record no coverage, as in tests/migrate/migrate.test.ts: their tsx-compiled lines merged
// over this process's (compiled by tap's loader) can drop the rebuild's modules from the report. This process's own
// coverage was set up when it started.
process.env._TAPJS_PROCESSINFO_COVERAGE_ = '0';

// Two append rounds: each round must append into new files (a second round into the first's would fail or skip).
const TINY: MeasureSizes = { appendEvents: 200, appendRounds: 2, commands: 10, httpSeconds: 1, unitQueries: 3, provinceQueries: 2, timelineQueries: 3, eventQueries: 3 };

const KEYS = [
  'append_single_eps', 'append_single_p99_ms', 'append_batch_eps', 'rebuild_eps', 'rebuild_peak_rss_mb', 'asof_unit_p95_ms',
  'asof_province_p95_ms', 'timeline_p95_ms', 'events_query_p95_ms', 'http_orgchart_rps', 'http_orgchart_p99_ms', 'http_transfer_rps',
  'http_transfer_p99_ms', 'raw_insert_eps', 'raw_scan_parse_eps', 'append10_eps', 'append100_eps', 'emmett_append10_eps',
  'emmett_append100_eps', 'emmett_rebuild_eps', 'ratio_append10_vs_emmett', 'ratio_append100_vs_emmett', 'ratio_rebuild_vs_emmett',
  'ratio_rebuild_vs_raw_scan', 'command_sequential_cps', 'command_sequential_p99_ms', 'command_concurrent_cps',
  'command_concurrent_p99_ms', 'command_concurrent_in_flight', 'command_c2_cps', 'command_c2_p99_ms', 'rebuild_heap_limit_mb',
];

// With DATABASE_URL (as .ci/run sets it), the appends and commands are measured on PostgreSQL too.
const url = process.env.DATABASE_URL === undefined || process.env.DATABASE_URL === '' ? undefined : process.env.DATABASE_URL;
const PG_KEYS = ['pg_append10_eps', 'pg_append100_eps', 'pg_append_batch_eps', 'pg_append_single_eps', 'pg_append_single_p99_ms', 'pg_command_c2_cps'];

t.test('every bench key is measured and numeric', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'estafet-bench-smoke-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const params = { employees: 60, years: 1, seed: 3, endDate: '2024-12-31' };
  const dataSet = await ensureDataSet(params, () => undefined, dir);
  const reads = await measureReads(dataSet, { from: '2024-01-01', to: '2024-12-31' }, TINY, () => undefined);
  const writes = await measureWrites(dataSet, params.endDate, TINY, () => undefined, url === undefined ? undefined : { url, params });
  const all: Record<string, number> = { ...reads, ...writes };
  Object.assign(all, ratios(all));
  for (const key of KEYS) t.ok(typeof all[key] === 'number' && Number.isFinite(all[key]), `${key} is a number`);
  if (url !== undefined) {
    for (const key of PG_KEYS) t.ok(typeof all[key] === 'number' && (all[key] ?? 0) > 0, `${key} is measured on PostgreSQL`);
    t.ok(all.pg_fsync_on === 0 || all.pg_fsync_on === 1, 'the server\'s fsync setting is read back');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const left = await client.query('SELECT nspname FROM pg_namespace WHERE nspname LIKE $1', [`estafet\\_bench\\_${process.pid}\\_%`]).finally(() => client.end());
    t.same(left.rows, [], 'every schema the PostgreSQL measures made is dropped');
  } else {
    t.notOk('pg_append_batch_eps' in all, 'no PostgreSQL figures without DATABASE_URL');
  }
  t.ok((reads.events ?? 0) > 0, 'the data set has events');
  // The rebuild child runs with the worker's heap budget (V8 adds its young generation to the old-space limit).
  const limit = reads.rebuild_heap_limit_mb ?? 0;
  t.ok(limit >= WORKER_HEAP_MB && limit <= WORKER_HEAP_MB + 128, `the rebuild ran with the worker's heap budget (${limit} MB)`);

  const history = await measureHistorySeries(params, [2], reads, TINY, () => undefined, { dataSets: dir, charts: dir });
  t.equal(history.keys.history_y1_events, reads.events, 'the main data set is the series\' one-year point');
  t.ok((history.keys.history_y2_events ?? 0) > (reads.events ?? 0), 'the same staff over two years has more events');
  for (const key of ['rebuild_eps', 'asof_unit_p95_ms', 'asof_province_p95_ms', 'timeline_p95_ms']) {
    t.ok((history.keys[`history_y2_${key}`] ?? 0) > 0, `history_y2_${key} is measured`);
  }
  for (const chart of ['bench-history-asof.svg', 'bench-history-rebuild.svg']) t.match(readFileSync(join(dir, chart), 'utf8'), /^<svg/, `${chart} is drawn`);
});
