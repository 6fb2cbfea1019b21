// A working copy of a data set for the write measures: the ledger file copied (the measures append to it), its
// read models caught up, and the org chart at the data set's end, whose holders the commands name.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSqliteEventStore } from '@estafet/ledger';
import type { SqliteEventStore } from '@estafet/ledger';
import { queryOrgChart } from '@estafet/projections';
import type { OrgChart } from '@estafet/projections';
import { createSqliteProjections } from '@estafet/worker';
import type { ProjectionRunner } from '@estafet/worker';
import { holdersOf } from './command-plan.js';

export interface WorkingCopy {
  readonly store: SqliteEventStore;
  readonly runner: ProjectionRunner;
  readonly chart: OrgChart;
  /** NIPs of the people in post at the end date (at least one). */
  readonly people: readonly string[];
  close(): Promise<void>;
}

export const openWorkingCopy = async (dataSet: string, workDir: string, file: string, endDate: string): Promise<WorkingCopy> => {
  const path = join(workDir, file);
  copyFileSync(dataSet, path);
  const store = createSqliteEventStore({ path, synchronous: 'FULL' });
  const runner = createSqliteProjections({ store });
  const close = async (): Promise<void> => {
    await runner.stop();
    await store.close();
  };
  try {
    await runner.catchUp();
    const chart = await queryOrgChart(runner.reader, { asOf: endDate, knownAt: null, unit: null, depth: null });
    const people = holdersOf(chart);
    if (people.length === 0) throw new Error('nobody holds a position at the end of the data set');
    return { store, runner, chart, people, close };
  } catch (error) {
    await close();
    throw error;
  }
};
