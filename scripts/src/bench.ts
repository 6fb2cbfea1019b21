// `npm run bench -- [--quick] [--events N] [--sizes 100k,500k,1M,2M] [--years 5,10,40]`: every performance number
// of the "Province scale" issue measured in one run on this machine; a table, SVG charts in docs/, and a JSON line
// last. --sizes grows the staff with the ledger; --years keeps the staff of --events and varies the years of history.
// With DATABASE_URL set, the appends and commands are measured on PostgreSQL as well (pg_* keys).
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { END_DATE, ensureDataSet, historyRange, paramsFor } from './bench/data-sets.js';
import { measureHistorySeries } from './bench/history-series.js';
import { checkPostgres } from './bench/postgres-bench.js';
import { FULL_SIZES, QUICK_SIZES, measureReads, measureWrites, ratios } from './bench/measure.js';
import type { Measured } from './bench/measure.js';
import { lineChart } from './bench/svg-chart.js';

/** A bad command line: said in one line with the usage, not as a stack trace. */
class UsageError extends Error {}

/** Something the run needs is missing (PostgreSQL asked for but not answering): said in one line, before measuring. */
class SetupError extends Error {}

const USAGE = 'usage: npm run bench -- [--quick] [--events N] [--sizes 100k,500k,1M,2M] [--years 5,10,40]';

const parseCount = (text: string): number => {
  const match = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(text.trim());
  if (match === null) throw new UsageError(`not a size: ${text} (use e.g. 500k or 2M)`);
  const scale = { '': 1, k: 1e3, K: 1e3, m: 1e6, M: 1e6 }[match[2] ?? ''] ?? 1;
  return Math.round(Number(match[1]) * scale);
};

const parseYears = (text: string): number => {
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1 || Number(text) > 60) throw new UsageError(`--years takes whole years from 1 to 60, not ${text}`);
  return Number(text);
};

const log = (line: string): void => {
  process.stderr.write(`bench: ${line}\n`);
};

const table = (m: Measured): string => Object.entries(m).map(([k, v]) => `  ${k.padEnd(34)} ${v.toLocaleString('en-US')}`).join('\n');

const main = async (): Promise<void> => {
  const { values } = (() => {
    try {
      return parseArgs({ options: { quick: { type: 'boolean' }, events: { type: 'string' }, sizes: { type: 'string' }, years: { type: 'string' } }, strict: true });
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
  })();
  const quick = values.quick === true;
  const sizes = quick ? QUICK_SIZES : FULL_SIZES;
  const main = parseCount(values.events ?? (quick ? '20k' : '500k'));
  const series = (values.sizes?.split(',') ?? []).map(parseCount).filter((n) => n !== main);
  const params = paramsFor(main);
  const range = historyRange(params);
  const historyYears = (values.years?.split(',') ?? []).map(parseYears).filter((y) => y !== params.years);

  const databaseUrl = process.env.DATABASE_URL ?? '';
  if (databaseUrl === '') log('DATABASE_URL is not set: the PostgreSQL append and command measures (pg_*) are skipped');
  else log(`PostgreSQL ${await checkPostgres(databaseUrl).catch((error: unknown) => {
    throw new SetupError(error instanceof Error ? error.message : String(error));
  })} at DATABASE_URL: appends and commands are measured there too (pg_*)`);

  const dataSet = await ensureDataSet(params, log);
  const reads = await measureReads(dataSet, range, sizes, log);
  const writes = await measureWrites(dataSet, END_DATE, sizes, log, databaseUrl === '' ? undefined : { url: databaseUrl, params });
  const result: Measured = { ...reads, ...writes };
  Object.assign(result, ratios(result));

  const points: Measured[] = [reads];
  for (const n of series) {
    const p = paramsFor(n);
    points.push(await measureReads(await ensureDataSet(p, log), range, sizes, log));
  }
  if (points.length > 1) {
    const xy = (key: string) => points.map((m) => [m.events ?? 0, m[key] ?? 0] as const);
    writeFileSync('docs/bench-rebuild.svg', lineChart({
      title: 'Full rebuild throughput vs history size', xLabel: 'events in the ledger', yLabel: 'events/s',
      series: [{ name: 'ours', points: xy('rebuild_eps') }, { name: 'fed by emmett', points: xy('emmett_rebuild_eps') }, { name: 'raw scan+parse', points: xy('raw_scan_parse_eps') }],
    }));
    writeFileSync('docs/bench-asof.svg', lineChart({
      title: 'As-of org chart p95 vs history size', xLabel: 'events in the ledger', yLabel: 'ms',
      series: [{ name: 'one Dinas', points: xy('asof_unit_p95_ms') }, { name: 'whole province', points: xy('asof_province_p95_ms') }],
    }));
    process.stdout.write(`Scaling series:\n${points.map((m) => `  ${m.events}: rebuild ${m.rebuild_eps} ev/s, rss ${m.rebuild_peak_rss_mb} MB, as-of unit p95 ${m.asof_unit_p95_ms} ms, province p95 ${m.asof_province_p95_ms} ms`).join('\n')}\n`);
    result.series_json_sizes = points.length;
  }
  if (historyYears.length > 0) {
    const history = await measureHistorySeries(params, historyYears, reads, sizes, log);
    Object.assign(result, history.keys);
    process.stdout.write(history.summary);
  }
  process.stdout.write(`Estafet bench on ${result.events ?? 0} events\n${table(result)}\n`);
  process.stdout.write(`${JSON.stringify(result)}\n`);
};

await main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`bench: ${error.message}\n${USAGE}\n`);
    process.exitCode = 2;
  } else if (error instanceof SetupError) {
    process.stderr.write(`bench: ${error.message}\n`);
    process.exitCode = 1;
  } else {
    throw error;
  }
});
