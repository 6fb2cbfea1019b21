// The bench's data sets: a target event count becomes generator parameters, and each generated ledger is kept
// under ./data/bench/ named by those parameters, so a rerun of the same size skips the minutes of generation.
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createSqliteEventStore } from '@estafet/ledger';
import { generateJakarta } from '../generate/generate-jakarta.js';

export interface DataSetParams {
  readonly employees: number;
  readonly years: number;
  readonly seed: number;
  readonly endDate: string;
}

export const BENCH_DIR = resolve('data/bench');
export const END_DATE = '2024-12-31';

// Measured on the generator: about 8,000 events of organisation, then about 27 events per employee over 20 years.
const FIXED_EVENTS = 8_000;
const EVENTS_PER_EMPLOYEE = 27;

/** Generator parameters that give about `events` events; a small size shortens the history instead of the staff. */
export const paramsFor = (events: number): DataSetParams => {
  const years = events < 30_000 ? 3 : 20;
  const perEmployee = years === 20 ? EVENTS_PER_EMPLOYEE : 7;
  const fixed = years === 20 ? FIXED_EVENTS : 3_000;
  return { employees: Math.max(50, Math.floor((events - fixed + 13) / perEmployee)), years, seed: 1, endDate: END_DATE };
};

/** The simulated history of a data set: `years` up to its end date, the range random query dates come from. */
export const historyRange = (p: DataSetParams): { from: string; to: string } =>
  ({ from: `${Number(p.endDate.slice(0, 4)) - p.years}${p.endDate.slice(4)}`, to: p.endDate });

/** Bumped whenever the generator's output for the same parameters changes, so a cached ledger is never stale. */
const GENERATOR_VERSION = 2;

export const dataSetName = (p: DataSetParams): string => `jakarta-g${GENERATOR_VERSION}-e${p.employees}-y${p.years}-s${p.seed}-${p.endDate}`;

export const dataSetPath = (p: DataSetParams, dir = BENCH_DIR): string => join(dir, `${dataSetName(p)}.db`);

const SQLITE_SUFFIXES = ['', '-wal', '-shm'];

/**
 * The ledger file for these parameters, generated when missing. Generation writes under a temporary name and
 * renames at the end, so an interrupted run never leaves a half data set that a rerun would trust.
 */
export const ensureDataSet = async (p: DataSetParams, log: (line: string) => void, dir = BENCH_DIR): Promise<string> => {
  const path = dataSetPath(p, dir);
  if (existsSync(path)) return path;
  mkdirSync(dir, { recursive: true });
  const temporary = join(dir, `tmp-${dataSetName(p)}.db`);
  for (const suffix of SQLITE_SUFFIXES) rmSync(`${temporary}${suffix}`, { force: true });
  // A bulk load, as `npm run generate` does it: NORMAL skips the fsync per commit; a crash means generating again.
  const store = createSqliteEventStore({ path: temporary, synchronous: 'NORMAL' });
  try {
    log(`generating ${dataSetName(p)} (cached for later runs)...`);
    const summary = await generateJakarta({ store, employees: p.employees, years: p.years, seed: p.seed, endDate: p.endDate });
    log(`generated ${summary.events} events in ${(summary.elapsedMs / 1000).toFixed(1)} s`);
  } finally {
    await store.close();
  }
  renameSync(temporary, path);
  return path;
};
