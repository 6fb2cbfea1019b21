// A crash anywhere leaves the read model at its last committed batch, and the next run resumes from there:
// killed (SIGKILL) between batches, inside a batch's transaction, or while folding; or failing in process
// inside a commit or a fold. Each time the resumed read model equals a clean rebuild.
import t from 'tap';
import type { Test } from 'tap';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createProjectionRunner, createSqliteReadModelStore, DEFAULT_PROJECTIONS } from '@estafet/worker';
import type { SqliteDatabase } from '@estafet/worker';
import { appendSyntheticLog } from './synthetic-log.js';
import { checkpointRows, dumpReadModel, openStore, steppingClock, tempLedger } from './worker-fixture.js';

const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
const TSX = import.meta.resolve('tsx');

const runChild = (path: string, mode: string, k: number): Promise<{ code: number | null; signal: string | null; output: string }> =>
  new Promise((resolve, reject) => {
    // No coverage from the child (see migrate.test.ts): its tsx-compiled lines would be merged over tap's.
    const child = spawn(process.execPath, [`--import=${TSX}`, CHILD, path, mode, String(k)], {
      stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, _TAPJS_PROCESSINFO_COVERAGE_: '0' },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ code, signal, output }));
  });

/** A ledger of 600 synthetic events, built once per test in its own file. */
const ledger = async (t: Test): Promise<string> => {
  const path = await tempLedger(t);
  const store = openStore(t, path, steppingClock());
  await appendSyntheticLog(store, { events: 600 });
  await store.close();
  return path;
};

/** Resumes whatever is in the file, then compares with a clean rebuild of the same ledger. */
const resumeMatchesRebuild = async (t: Test, path: string): Promise<void> => {
  const store = openStore(t, path);
  const head = await store.headPosition();
  const runner = createProjectionRunner({ store, readModel: createSqliteReadModelStore(store.db), projections: DEFAULT_PROJECTIONS, batchSize: 64, rebuildBatchSize: 64 });
  await runner.catchUp();
  t.same(runner.checkpoints(), Object.fromEntries(DEFAULT_PROJECTIONS.map((p) => [p.name, head])), 'caught up to the head');
  const resumed = dumpReadModel(store);
  await runner.rebuild();
  t.same(resumed, dumpReadModel(store), 'the resumed read model equals a clean rebuild');
  await runner.stop();
};

for (const [mode, k, what] of [
  ['between', 4, 'between batches (after the 4th commit)'],
  ['inside-commit', 6, 'inside the 6th batch\'s transaction, rows half written'],
  ['inside-apply', 300, 'while folding, mid-batch'],
] as const) {
  t.test(`killed with SIGKILL ${what}: resumes without skipping or applying twice`, async (t) => {
    const path = await ledger(t);
    const crashed = await runChild(path, mode, k);
    t.equal(crashed.signal, 'SIGKILL', crashed.output);
    const store = openStore(t, path);
    const before = checkpointRows(store);
    t.ok(before.length === 0 || before.some((row) => typeof row === 'object' && row !== null && 'position' in row
      && typeof row.position === 'number' && row.position < 600), 'the rebuild had not finished');
    await store.close();
    await resumeMatchesRebuild(t, path);
  });
}

t.test('a failure thrown inside a commit rolls the batch back; the same runner resumes', async (t) => {
  const path = await ledger(t);
  const store = openStore(t, path);
  let inserts = 0;
  let armed = true;
  const db: SqliteDatabase = {
    prepare(sql) {
      const statement = store.db.prepare(sql);
      return {
        run: (...params: unknown[]) => {
          if (armed && sql.startsWith('INSERT OR REPLACE INTO "org_holders"') && (inserts += 1) === 5) {
            armed = false;
            throw new Error('disk full (injected)');
          }
          return statement.run(...params);
        },
        all: (...params: unknown[]) => statement.all(...params),
      };
    },
    exec: (sql) => store.db.exec(sql),
    get inTransaction() {
      return store.db.inTransaction;
    },
  };
  const runner = createProjectionRunner({ store, readModel: createSqliteReadModelStore(db), projections: DEFAULT_PROJECTIONS, batchSize: 50, rebuildBatchSize: 50 });
  await t.rejects(runner.catchUp(), /disk full/);
  const stuck = checkpointRows(store);
  t.ok(Object.values(runner.checkpoints()).every((position) => position < 600), 'stopped before the head');
  t.same(checkpointRows(store), stuck, 'nothing of the failed batch was committed');
  await runner.catchUp();
  const resumed = dumpReadModel(store);
  await runner.rebuild();
  t.same(resumed, dumpReadModel(store));
  await runner.stop();
});

t.test('a failure thrown while folding leaves nothing of its batch; a new runner resumes', async (t) => {
  const path = await ledger(t);
  const store = openStore(t, path);
  let calls = 0;
  const failing = DEFAULT_PROJECTIONS.map((projection) => ({
    ...projection,
    apply: (...args: Parameters<typeof projection.apply>) => {
      if ((calls += 1) === 333) throw new Error('bug in evolve (injected)');
      return projection.apply(...args);
    },
  }));
  const first = createProjectionRunner({ store, readModel: createSqliteReadModelStore(store.db), projections: failing, batchSize: 50, rebuildBatchSize: 50 });
  await t.rejects(first.catchUp(), /bug in evolve/);
  await first.stop();
  await store.close();
  await resumeMatchesRebuild(t, path);
});
