// The history series: the staff of the main data set over more or fewer years of history, so that what history
// alone costs (rebuild rate, as-of latency) is seen apart from what a larger staff costs (the --sizes series).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDataSet, historyRange } from './data-sets.js';
import type { DataSetParams } from './data-sets.js';
import { measureRebuildAndQueries } from './measure.js';
import type { MeasureSizes, Measured } from './measure.js';
import { lineChart } from './svg-chart.js';

const KEYS = ['events', 'rebuild_eps', 'rebuild_peak_rss_mb', 'asof_unit_p95_ms', 'asof_province_p95_ms', 'timeline_p95_ms', 'events_query_p95_ms'];

export interface HistorySeries {
  /** `history_y<years>_<key>` for every point, the main data set's included. */
  readonly keys: Measured;
  readonly summary: string;
}

/**
 * Measures `params` (the main data set, whose figures are `main`) again with each of `years`, writes the two
 * charts (into docs/ unless told), and returns the figures as JSON keys.
 */
export const measureHistorySeries = async (
  params: DataSetParams, years: readonly number[], main: Measured, sizes: MeasureSizes, log: (line: string) => void,
  dirs: { readonly dataSets?: string; readonly charts: string } = { charts: 'docs' },
): Promise<HistorySeries> => {
  const points: { years: number; m: Measured }[] = [{ years: params.years, m: main }];
  for (const y of years) {
    const p = { ...params, years: y };
    points.push({ years: y, m: await measureRebuildAndQueries(await ensureDataSet(p, log, dirs.dataSets), historyRange(p), sizes, log) });
  }
  points.sort((a, b) => a.years - b.years);
  const xy = (key: string) => points.map(({ years: x, m }) => [x, m[key] ?? 0] as const);
  const staff = `${params.employees.toLocaleString('en-US')} employees`;
  writeFileSync(join(dirs.charts, 'bench-history-asof.svg'), lineChart({
    title: `As-of org chart p95 vs years of history (${staff})`, xLabel: 'years of history', yLabel: 'ms',
    series: [{ name: 'one Dinas', points: xy('asof_unit_p95_ms') }, { name: 'whole province', points: xy('asof_province_p95_ms') }],
  }));
  writeFileSync(join(dirs.charts, 'bench-history-rebuild.svg'), lineChart({
    title: `Full rebuild throughput vs years of history (${staff})`, xLabel: 'years of history', yLabel: 'events/s',
    series: [{ name: 'ours', points: xy('rebuild_eps') }],
  }));
  const keys: Measured = {};
  for (const { years: y, m } of points) for (const key of KEYS) keys[`history_y${y}_${key}`] = m[key] ?? 0;
  const lines = points.map(({ years: y, m }) => `  ${y} years, ${m.events} events: rebuild ${m.rebuild_eps} ev/s, `
    + `as-of unit p95 ${m.asof_unit_p95_ms} ms, province p95 ${m.asof_province_p95_ms} ms, timeline p95 ${m.timeline_p95_ms} ms`);
  return { keys, summary: `History series (${staff}):\n${lines.join('\n')}\n` };
};
