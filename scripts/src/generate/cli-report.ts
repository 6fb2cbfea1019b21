// What the generator prints: a progress bar on a terminal (plain periodic lines when stderr is a file or pipe)
// and the closing summary table.
import type { GenerateProgress, GenerateSummary } from './generate-jakarta.js';

export interface ProgressSink {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

export interface ProgressReporter {
  update(progress: GenerateProgress): void;
  /** Ends the bar's line so later output starts on a fresh one. */
  done(): void;
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

/** `now` is a monotonic millisecond clock (performance.now in the CLI). */
export function createProgressReporter(sink: ProgressSink, now: () => number): ProgressReporter {
  const started = now();
  let lastDraw = -Infinity;
  let lastStep = -1;
  let drawn = false;
  const rate = (written: number): number => written / Math.max((now() - started) / 1000, 0.001);
  return {
    update(p) {
      const t = now();
      if (sink.isTTY === true) {
        // Redraw at most ten times a second: the bar must not cost what it measures.
        if (t - lastDraw < 100 && p.fraction < 1) return;
        lastDraw = t;
        const width = 30;
        const full = Math.round(p.fraction * width);
        sink.write(`\r[${'#'.repeat(full)}${'-'.repeat(width - full)}] ${(p.fraction * 100).toFixed(1).padStart(5)}%`
          + `  ${p.simulatedDate}  ${fmt(p.eventsWritten)} events  ${fmt(rate(p.eventsWritten))} ev/s\x1b[K`);
        drawn = true;
        return;
      }
      // Without a terminal: a line every 5 % of the simulated period, or every 30 seconds.
      const step = Math.floor(p.fraction * 20);
      const final = p.fraction >= 1 && p.eventsWritten === p.eventsGenerated;
      if (step === lastStep && t - lastDraw < 30_000 && !final) return;
      lastStep = step;
      lastDraw = t;
      sink.write(`generate: ${(p.fraction * 100).toFixed(0)}% simulated up to ${p.simulatedDate}, ${fmt(p.eventsWritten)} events written`
        + ` (${fmt(rate(p.eventsWritten))} ev/s)\n`);
    },
    done() {
      if (drawn) sink.write('\n');
    },
  };
}

const table = (rows: readonly (readonly [string, string])[]): string => {
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`).join('\n');
};

export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit] ?? 'B'}`;
}

/** The closing report: the run, then the events by type, largest first. */
export function formatSummary(summary: GenerateSummary, where: { store: string; location: string; sizeBytes: number | null }): string {
  const { employees } = summary;
  const run = table([
    ['store', `${where.store} ${where.location}`],
    ['seed', String(summary.seed)],
    ['period', `${summary.startDate} .. ${summary.endDate}`],
    ['units', fmt(summary.units)],
    ['positions', `${fmt(summary.positions)} (${fmt(summary.leadershipPositions)} leadership)`],
    ['employees', `${fmt(employees.atOpening)} at opening, ${fmt(employees.registered)} registered, ${fmt(employees.active)} active at the end, ${fmt(employees.separated)} separated`],
    ['events', fmt(summary.events)],
    ['appends', `${fmt(summary.appends)} (${fmt(summary.events / Math.max(summary.appends, 1))} events each)`],
    ['elapsed', `${(summary.elapsedMs / 1000).toFixed(1)} s`],
    ['throughput', `${fmt(summary.eventsPerSecond)} events/s`],
    ...(where.sizeBytes === null ? [] : [['size', formatBytes(where.sizeBytes)] as const]),
  ]);
  const byType = Object.entries(summary.eventsByType).sort(([, a], [, b]) => b - a);
  const types = table(byType.map(([type, count]) => [type, fmt(count).padStart(10)] as const));
  return `\nGenerated DKI Jakarta\n${run}\n\nEvents by type\n${types}\n`;
}
