// The bench's command line, checked before anything is measured: a bad flag or size is a UsageError, said in one
// line with the usage; a DATABASE_URL where nothing answers is a SetupError, said in one line. Neither is a stack trace.
import { parseArgs } from 'node:util';
import { FULL_SIZES, QUICK_SIZES } from './measure.js';
import type { MeasureSizes } from './measure.js';
import { checkPostgres } from './postgres-bench.js';

export class UsageError extends Error {}

/** Something the run needs is missing (PostgreSQL asked for but not answering). */
export class SetupError extends Error {}

export const USAGE = 'usage: npm run bench -- [--quick] [--events N] [--sizes 100k,500k,1M,2M] [--years 5,10,40]';

export interface BenchOptions {
  readonly sizes: MeasureSizes;
  /** Events in the main data set. */
  readonly events: number;
  /** Further data-set sizes for the scaling series (the staff grows with them). */
  readonly series: readonly number[];
  /** Further lengths of history, in years, for the history series (the main data set's staff). */
  readonly years: readonly number[];
  /** Where to measure PostgreSQL too, or null. */
  readonly databaseUrl: string | null;
}

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

/** The options of `argv` (after the script), or a UsageError naming what is wrong. */
export const parseBenchArgs = (argv: readonly string[], env: NodeJS.ProcessEnv): BenchOptions => {
  let values: { quick?: boolean; events?: string; sizes?: string; years?: string };
  try {
    ({ values } = parseArgs({ args: [...argv], options: { quick: { type: 'boolean' }, events: { type: 'string' }, sizes: { type: 'string' }, years: { type: 'string' } }, strict: true }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const quick = values.quick === true;
  const events = parseCount(values.events ?? (quick ? '20k' : '500k'));
  return {
    sizes: quick ? QUICK_SIZES : FULL_SIZES,
    events,
    series: (values.sizes?.split(',') ?? []).map(parseCount).filter((n) => n !== events),
    years: (values.years?.split(',') ?? []).map(parseYears),
    databaseUrl: env.DATABASE_URL === undefined || env.DATABASE_URL === '' ? null : env.DATABASE_URL,
  };
};

/** PostgreSQL's version at `url`, or a SetupError saying it does not answer. */
export const reachPostgres = (url: string): Promise<string> => checkPostgres(url).catch((error: unknown) => {
  throw new SetupError(`DATABASE_URL is set but PostgreSQL does not answer there: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
});

/** What the process says of a failed run, and its exit code; null for a failure that is a bug (let it throw). */
export const failureReport = (error: unknown): { readonly text: string; readonly exitCode: number } | null => {
  if (error instanceof UsageError) return { text: `bench: ${error.message}\n${USAGE}\n`, exitCode: 2 };
  if (error instanceof SetupError) return { text: `bench: ${error.message}\n`, exitCode: 1 };
  return null;
};
