// `npm run bench -- [--quick] [--events N] [--sizes 100k,500k,1M,2M] [--years 5,10,40]`: every performance number
// of the "Province scale" issue measured in one run on this machine; a table, SVG charts in docs/, and a JSON line
// last. --sizes grows the staff with the ledger; --years keeps the staff of --events and varies the years of history.
// With DATABASE_URL set, the appends and commands are measured on PostgreSQL as well (pg_* keys).
import { writeFileSync } from 'node:fs';
import { END_DATE, ensureDataSet, historyRange, paramsFor } from './bench/data-sets.js';
import { measureHistorySeries } from './bench/history-series.js';
import { failureReport, parseBenchArgs, reachPostgres } from './bench/bench-cli.js';
import { measureReads, measureWrites, ratios } from './bench/measure.js';
import type { Measured } from './bench/measure.js';
import { lineChart } from './bench/svg-chart.js';

const log = (line: string): void => {
  process.stderr.write(`bench: ${line}\n`);
};

const table = (m: Measured): string => Object.entries(m).map(([k, v]) => `  ${k.padEnd(34)} ${v.toLocaleString('en-US')}`).join('\n');

const main = async (): Promise<void> => {
  const options = parseBenchArgs(process.argv.slice(2), process.env);
  const { sizes, series, databaseUrl } = options;
  const params = paramsFor(options.events);
  const range = historyRange(params);
  const historyYears = options.years.filter((y) => y !== params.years);
  if (databaseUrl === null) log('DATABASE_URL is not set: the PostgreSQL append and command measures (pg_*) are skipped');
  else log(`PostgreSQL ${await reachPostgres(databaseUrl)} at DATABASE_URL: appends and commands are measured there too (pg_*)`);

  const dataSet = await ensureDataSet(params, log);
  const reads = await measureReads(dataSet, range, sizes, log);
  const writes = await measureWrites(dataSet, END_DATE, sizes, log, databaseUrl === null ? undefined : { url: databaseUrl, params });
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
  const report = failureReport(error);
  if (report === null) throw error;
  process.stderr.write(report.text);
  process.exitCode = report.exitCode;
});
