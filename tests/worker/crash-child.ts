// Run in a child process by crash-safety.test.ts: rebuilds the read models of a ledger with small batches
// and kills itself with SIGKILL at a chosen point: after the k-th commit, inside the k-th commit's
// transaction (after some rows were written), or while folding the k-th event.
import { createSqliteEventStore } from '@estafet/ledger';
import { createProjectionRunner, createSqliteReadModelStore, DEFAULT_PROJECTIONS } from '@estafet/worker';
import type { SqliteDatabase } from '@estafet/worker';

const [path, mode, countText] = process.argv.slice(2);
const k = Number(countText);
// Without arguments (tap runs every file of tests/worker, this one too) there is nothing to crash.
if (path === undefined) process.exit(0);
if (!['between', 'inside-commit', 'inside-apply'].includes(mode ?? '') || !Number.isInteger(k)) {
  process.stderr.write('usage: crash-child.ts <ledger> between|inside-commit|inside-apply <k>\n');
  process.exit(2);
}

const die = (): never => {
  process.kill(process.pid, 'SIGKILL');
  throw new Error('unreachable: SIGKILL was sent');
};

const store = createSqliteEventStore({ path, synchronous: 'NORMAL' });
let commits = 0;
let inserts = 0;
// The runner's database, watched: the k-th multi-row or single-row insert of a commit never returns.
const db: SqliteDatabase = {
  prepare(sql) {
    const statement = store.db.prepare(sql);
    return {
      run: (...params: unknown[]) => {
        if (mode === 'inside-commit' && sql.startsWith('INSERT OR REPLACE INTO "') && commits >= k - 1 && (inserts += 1) === 3) die();
        return statement.run(...params);
      },
      all: (...params: unknown[]) => statement.all(...params),
    };
  },
  exec: (sql) => {
    const result = store.db.exec(sql);
    if (sql === 'COMMIT') {
      commits += 1;
      if (mode === 'between' && commits === k) die();
    }
    return result;
  },
  get inTransaction() {
    return store.db.inTransaction;
  },
};
let applied = 0;
const projections = DEFAULT_PROJECTIONS.map((projection) => ({
  ...projection,
  apply: (...args: Parameters<typeof projection.apply>) => {
    if (mode === 'inside-apply' && (applied += 1) === k) die();
    return projection.apply(...args);
  },
}));

const runner = createProjectionRunner({ store, readModel: createSqliteReadModelStore(db), projections, batchSize: 40, rebuildBatchSize: 40 });
await runner.rebuild();
process.stdout.write('finished without being killed\n');
await runner.stop();
await store.close();
