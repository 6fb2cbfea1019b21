// One measurement of every number the bench reports, over one data set, as a flat record of the JSON keys.
import { existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteEventStore } from '@estafet/ledger';
import { createSqliteProjections } from '@estafet/worker';
import { appendBatched, appendInShape, rawInsert, readFirstEvents, sqliteStoreIn, toNewEvents, withStore } from './append-bench.js';
import { benchCommands } from './command-bench.js';
import type { CommandRates } from './command-bench.js';
import type { DataSetParams } from './data-sets.js';
import { emmettAppendInShape, loadEmmettCopy } from './emmett-peer.js';
import { benchWrites } from './http-bench.js';
import { measurePostgresWrites } from './postgres-bench.js';
import type { PostgresWrites } from './postgres-bench.js';
import { benchQueries } from './query-bench.js';
import { runRebuildChild } from './rebuild-bench.js';
import { interleavedMedians, round } from './stats.js';

export interface MeasureSizes {
  readonly appendEvents: number;
  readonly commands: number;
  /** Levels of commands outstanding at once in the concurrent command measures (default 2, 4, 8, 16). */
  readonly commandsInFlight?: readonly number[];
  readonly httpSeconds: number;
  /**
   * Rounds of the append measures, ours and the peer's taken in turn within each round; each figure is the median
   * of its rounds. The host's speed drifts over minutes, and a ratio is fair only between measures taken together.
   */
  readonly appendRounds?: number;
  readonly unitQueries: number;
  readonly provinceQueries: number;
  readonly timelineQueries: number;
  readonly eventQueries: number;
}

export const QUICK_SIZES: MeasureSizes = {
  appendEvents: 2_000, commands: 200, httpSeconds: 2, unitQueries: 20, provinceQueries: 5, timelineQueries: 50, eventQueries: 50,
};
export const FULL_SIZES: MeasureSizes = {
  appendEvents: 20_000, appendRounds: 5, commands: 2_000, httpSeconds: 10, unitQueries: 200, provinceQueries: 20, timelineQueries: 500, eventQueries: 500,
};

export type Measured = Record<string, number>;

/** Commands in flight in the concurrent measures; the last is also reported as command_concurrent_*. */
const IN_FLIGHT_LEVELS = [2, 4, 8, 16] as const;

const eps = (m: { events: number; ms: number }): number => round(m.events / (m.ms / 1000));

/**
 * Our rebuild (child process, with the worker's heap budget), then the query latencies on the read models it built:
 * what the history series repeats for one staff over more or fewer years.
 */
export const measureRebuildAndQueries = async (dataSet: string, range: { from: string; to: string }, sizes: MeasureSizes, log: (s: string) => void): Promise<Measured> => {
  log('rebuild (ours, child process)...');
  const ours = await runRebuildChild(['ours', dataSet]);
  log(`queries over ${range.from} .. ${range.to}...`);
  return {
    events: ours.events, rebuild_eps: eps(ours), rebuild_peak_rss_mb: ours.maxRssMb, rebuild_heap_limit_mb: ours.heapLimitMb,
    ...await queryFigures(dataSet, range, sizes),
  };
};

/** Rebuild and query numbers, with the raw scan and the emmett-fed rebuild beside ours: what the scaling series repeats per size. */
export const measureReads = async (dataSet: string, range: { from: string; to: string }, sizes: MeasureSizes, log: (s: string) => void): Promise<Measured> => {
  const ours = await measureRebuildAndQueries(dataSet, range, sizes, log);
  log('raw scan and parse (child process)...');
  const scan = await runRebuildChild(['scan', dataSet]);
  const emmettPath = dataSet.replace(/\.db$/, '.emmett.db');
  if (!existsSync(emmettPath)) {
    log('copying the data set into emmett-sqlite (cached)...');
    const source = createSqliteEventStore({ path: dataSet });
    const partial = `${emmettPath}.partial`;
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
    try {
      await loadEmmettCopy(partial, (from) => source.readAll({ fromPosition: from, limit: 10_000 }));
    } finally {
      await source.close();
    }
    renameSync(partial, emmettPath);
  }
  log('rebuild fed by emmett readMessagesBatch (child process)...');
  const readModels = join(mkdtempSync(join(tmpdir(), 'estafet-bench-')), 'read-models.db');
  const emmett = await runRebuildChild(['emmett', emmettPath, readModels]);
  rmSync(join(readModels, '..'), { recursive: true, force: true });
  return { ...ours, raw_scan_parse_eps: eps(scan), emmett_rebuild_eps: eps(emmett), emmett_rebuild_peak_rss_mb: emmett.maxRssMb };
};

/** The query latencies on a data set whose read models are built (or are caught up first). */
const queryFigures = async (dataSet: string, range: { from: string; to: string }, sizes: MeasureSizes): Promise<Measured> => {
  const store = createSqliteEventStore({ path: dataSet });
  const runner = createSqliteProjections({ store });
  try {
    await runner.catchUp();
    const q = await benchQueries(store, runner.reader, range, sizes);
    return {
      asof_unit_p50_ms: q.asOfUnit.p50, asof_unit_p95_ms: q.asOfUnit.p95, asof_unit_p99_ms: q.asOfUnit.p99,
      asof_province_p50_ms: q.asOfProvince.p50, asof_province_p95_ms: q.asOfProvince.p95, asof_province_p99_ms: q.asOfProvince.p99,
      timeline_p50_ms: q.timeline.p50, timeline_p95_ms: q.timeline.p95, timeline_p99_ms: q.timeline.p99,
      events_query_p50_ms: q.eventsQuery.p50, events_query_p95_ms: q.eventsQuery.p95, events_query_p99_ms: q.eventsQuery.p99,
    };
  } finally {
    await runner.stop();
    await store.close();
  }
};

/** The PostgreSQL write measures: where, and the parameters that generated the data set (to generate it there too). */
export interface PostgresTarget {
  readonly url: string;
  readonly params: DataSetParams;
}

/** Each level of commands in flight as `<prefix>c<n>_*`: the curve of throughput against latency. */
const levelKeys = (prefix: string, rates: CommandRates): Measured => Object.fromEntries(rates.concurrent.flatMap((r) => [
  [`${prefix}c${r.inFlight}_cps`, r.cps], [`${prefix}c${r.inFlight}_p50_ms`, r.latency.p50], [`${prefix}c${r.inFlight}_p99_ms`, r.latency.p99],
  [`${prefix}c${r.inFlight}_cpu_ms`, r.cpuMs],
]));

const postgresKeys = (w: PostgresWrites): Measured => ({
  pg_append10_eps: w.append10, pg_append100_eps: w.append100, pg_append_batch_eps: w.batch,
  pg_append_single_eps: w.commands.sequential.cps, pg_append_single_p50_ms: w.commands.sequential.latency.p50,
  pg_append_single_p99_ms: w.commands.sequential.latency.p99, pg_command_sequential_cpu_ms: w.commands.sequential.cpuMs,
  ...levelKeys('pg_command_', w.commands),
  pg_fsync_on: w.fsync ? 1 : 0, pg_synchronous_commit_on: w.synchronousCommit ? 1 : 0,
});

/**
 * Appends (ours, emmett, raw) into fresh files, then the command path and HTTP on a copy of the data set; with a
 * PostgreSQL target, the appends and commands there as well (pg_* keys).
 */
export const measureWrites = async (
  dataSet: string, endDate: string, sizes: MeasureSizes, log: (s: string) => void, postgres?: PostgresTarget,
): Promise<Measured> => {
  const dir = mkdtempSync(join(tmpdir(), 'estafet-bench-'));
  try {
    const source = createSqliteEventStore({ path: dataSet });
    const events = toNewEvents(await readFirstEvents(source, sizes.appendEvents).finally(() => source.close()));
    const rounds = sizes.appendRounds ?? 1;
    log(`appends of ${events.length} events (ours, emmett, raw), ${rounds} interleaved round(s)...`);
    // Every measure of every round appends into new files of its own.
    const fresh = async (measure: (into: string) => number | Promise<number>): Promise<number> => {
      const into = mkdtempSync(join(dir, 'append-'));
      try {
        return await measure(into);
      } finally {
        rmSync(into, { recursive: true, force: true });
      }
    };
    const { append10, append100, batch, emmett10, emmett100, raw } = await interleavedMedians(rounds, {
      append10: () => fresh((into) => withStore(sqliteStoreIn(into, 'ours-10'), (store) => appendInShape(store, events, 10))),
      emmett10: () => fresh((into) => emmettAppendInShape(into, events, 10)),
      append100: () => fresh((into) => withStore(sqliteStoreIn(into, 'ours-100'), (store) => appendInShape(store, events, 100))),
      emmett100: () => fresh((into) => emmettAppendInShape(into, events, 100)),
      batch: () => fresh((into) => withStore(sqliteStoreIn(into, 'ours-batch'), (store) => appendBatched(store, events))),
      raw: () => fresh((into) => rawInsert(into, events, 5_000)),
    });
    log('HTTP...');
    const w = await benchWrites(dataSet, dir, { seconds: sizes.httpSeconds, connections: 10 }, endDate);
    log('commands one at a time and several in flight (group commit)...');
    const commandSizes = { commands: sizes.commands, inFlight: sizes.commandsInFlight ?? IN_FLIGHT_LEVELS };
    const c = await benchCommands(dataSet, dir, commandSizes, endDate);
    const most = c.concurrent.at(-1);
    const levels = levelKeys('command_', c);
    const pgKeys = postgres === undefined ? {} : postgresKeys(
      await measurePostgresWrites(postgres.url, events, postgres.params, c.people, { rounds, commands: commandSizes }, log));
    return {
      append10_eps: append10, append100_eps: append100, append_batch_eps: batch, emmett_append10_eps: emmett10,
      emmett_append100_eps: emmett100, raw_insert_eps: raw,
      // The names for commands one at a time (one commit each); command_sequential_* are the same figures
      // beside command_concurrent_*, with `command_concurrent_in_flight` outstanding, as HTTP clients send them.
      append_single_eps: c.sequential.cps, append_single_p50_ms: c.sequential.latency.p50, append_single_p99_ms: c.sequential.latency.p99,
      command_sequential_cps: c.sequential.cps, command_sequential_p50_ms: c.sequential.latency.p50,
      command_sequential_p99_ms: c.sequential.latency.p99,
      command_concurrent_cps: most?.cps ?? 0, command_concurrent_p50_ms: most?.latency.p50 ?? 0,
      command_concurrent_p99_ms: most?.latency.p99 ?? 0, command_concurrent_in_flight: most?.inFlight ?? 0,
      command_sequential_cpu_ms: c.sequential.cpuMs, command_concurrent_cpu_ms: most?.cpuMs ?? 0,
      ...levels,
      http_orgchart_rps: w.orgChart.rps, http_orgchart_p99_ms: w.orgChart.p99Ms, http_orgchart_non2xx: w.orgChart.non2xx,
      http_transfer_rps: w.transfer.rps, http_transfer_p99_ms: w.transfer.p99Ms, http_transfer_non2xx: w.transfer.non2xx,
      ...pgKeys,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

/** ours / peer, two decimals; 0 when the peer measured nothing. */
export const ratios = (m: Measured): Measured => {
  const r = (a: string, b: string): number => {
    const num = m[a] ?? 0;
    const den = m[b] ?? 0;
    return den > 0 ? round(num / den, 2) : 0;
  };
  return {
    ratio_append10_vs_emmett: r('append10_eps', 'emmett_append10_eps'),
    ratio_append100_vs_emmett: r('append100_eps', 'emmett_append100_eps'),
    ratio_rebuild_vs_emmett: r('rebuild_eps', 'emmett_rebuild_eps'),
    ratio_rebuild_vs_raw_scan: r('rebuild_eps', 'raw_scan_parse_eps'),
    ratio_batch_vs_raw_insert: r('append_batch_eps', 'raw_insert_eps'),
  };
};
