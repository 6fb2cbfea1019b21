// The migrate command as a function of its arguments and output streams, returning the exit code: what
// scripts/src/migrate.ts runs, and what the tests call directly.
import { createMigrationLog, formatSummary } from './cli-report.js';
import type { TextSink } from './cli-report.js';
import { CopyFailedError, MigrationRefusedError } from './migration-errors.js';
import { USAGE, UsageError, parseMigrateArgs } from './migrate-options.js';
import type { MigrateConfig } from './migrate-options.js';
import { runMigration } from './run-migration.js';

export interface CliStreams {
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  /** A monotonic millisecond clock; performance.now by default. */
  readonly now?: () => number;
}

export const EXIT = { ok: 0, failed: 1, refused: 2 } as const;

export async function runMigrateCli(argv: readonly string[], io: CliStreams): Promise<number> {
  let config: MigrateConfig | null;
  try {
    config = parseMigrateArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`migrate: ${error.message}\n\nRun with --help for the usage.\n`);
    return EXIT.refused;
  }
  if (config === null) {
    io.stdout.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  const now = io.now ?? (() => performance.now());
  const log = createMigrationLog(io.stderr, now);
  try {
    const report = await runMigration(config, log, now);
    log.done();
    io.stdout.write(formatSummary(report));
    if (report.comparison.problems.length === 0) return EXIT.ok;
    io.stderr.write(`migrate: the target differs from the source:\n${report.comparison.problems.map((p) => `  - ${p}\n`).join('')}`);
    return EXIT.failed;
  } catch (error) {
    log.done();
    if (error instanceof MigrationRefusedError) {
      io.stderr.write(`migrate: refused: ${error.message}\n`);
      return EXIT.refused;
    }
    // A failed copy explains itself (and what to clean up); anything unexpected keeps its stack.
    const text = error instanceof CopyFailedError ? error.message : error instanceof Error ? error.stack ?? error.message : String(error);
    io.stderr.write(`migrate failed: ${text}\n`);
    return EXIT.failed;
  }
}
