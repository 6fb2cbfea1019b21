// What the migrate command prints: steps and a progress bar on stderr (plain lines when it is not a terminal),
// and the closing summary on stdout.
import type { MigrationLog, MigrationReport } from './run-migration.js';

export interface TextSink {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const rate = (events: number, seconds: number): number => events / Math.max(seconds, 0.001);

/** `now` is a monotonic millisecond clock (performance.now in the CLI). */
export function createMigrationLog(sink: TextSink, now: () => number): MigrationLog & { done(): void } {
  let barDrawn = false;
  let lastDraw = -Infinity;
  let lastStep = -1;
  let stepStarted = now();
  const endBar = (): void => {
    if (barDrawn) sink.write('\n');
    barDrawn = false;
  };
  return {
    phase(message) {
      endBar();
      sink.write(`migrate: ${message}\n`);
      // Each step's progress follows its announcement: the rate counts from here.
      stepStarted = now();
      lastStep = -1;
    },
    progress(step, position, toPosition) {
      const t = now();
      const fraction = toPosition === 0 ? 1 : position / toPosition;
      const speed = `${fmt(rate(position, (t - stepStarted) / 1000))} events/s`;
      if (sink.isTTY === true) {
        // At most ten redraws a second: the bar must not cost what it measures.
        if (t - lastDraw < 100 && fraction < 1) return;
        lastDraw = t;
        const full = Math.round(fraction * 30);
        sink.write(`\r${step.padEnd(7)} [${'#'.repeat(full)}${'-'.repeat(30 - full)}] ${(fraction * 100).toFixed(1).padStart(5)}%`
          + `  ${fmt(position)} / ${fmt(toPosition)}  ${speed}\x1b[K`);
        barDrawn = true;
        return;
      }
      // Without a terminal: a line every 10 %, or every 30 seconds.
      const tenth = Math.floor(fraction * 10);
      if (tenth === lastStep && t - lastDraw < 30_000) return;
      lastStep = tenth;
      lastDraw = t;
      sink.write(`migrate: ${step} ${(fraction * 100).toFixed(0)}%, position ${fmt(position)} of ${fmt(toPosition)} (${speed})\n`);
    },
    done: endBar,
  };
}

const table = (rows: readonly (readonly [string, string])[]): string => {
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`).join('\n');
};

export function formatSummary(report: MigrationReport): string {
  const { copy, comparison } = report;
  const verdict = comparison.problems.length === 0 ? 'identical' : `${comparison.problems.length} difference(s)`;
  const rows: (readonly [string, string])[] = [
    ['from', report.source],
    ['to', report.target],
    ['events copied', `${fmt(copy.events)} (${fmt(copy.members)} stream memberships, ${fmt(copy.keys)} idempotency keys)`],
    ['copy', `${copy.seconds.toFixed(2)} s, ${fmt(rate(copy.events, copy.seconds))} events/s`],
    ['source chain', report.sourceVerifySeconds === null ? 'not verified (--no-verify-source)' : `verified in ${report.sourceVerifySeconds.toFixed(2)} s`],
    ['check', `${verdict}: target chain, head and ${fmt(comparison.counted.events)} events compared in ${comparison.seconds.toFixed(2)} s`],
    ['head', `position ${report.headPosition}, hash ${report.headHash}`],
    ['not copied', 'read models and checkpoints: the worker rebuilds them from the events'],
  ];
  return `\n${comparison.problems.length === 0 ? 'Migrated' : 'Copied, but the check FAILED'}\n${table(rows)}\n`;
}
