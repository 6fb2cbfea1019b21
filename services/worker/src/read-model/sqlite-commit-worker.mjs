// The commit thread: its own connection to the read models' SQLite file, running each commit's statements
// (sqlite-commit-steps.ts builds them) in one BEGIN IMMEDIATE ... COMMIT while the projection runner folds the
// next batch on the main thread. Plain JavaScript: a worker thread does not inherit the TypeScript loader.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const db = new Database(workerData.path);
db.pragma('busy_timeout = 5000');
db.pragma('journal_mode = WAL');
db.pragma(`synchronous = ${workerData.synchronous}`);
db.pragma('cache_size = -65536');

const statements = new Map();
const prepared = (sql) => {
  let statement = statements.get(sql);
  if (statement === undefined) statements.set(sql, (statement = db.prepare(sql)));
  return statement;
};

/** Runs one commit; a guard that returns no row rolls it back and names the refusal. */
const run = (steps) => {
  db.exec('BEGIN IMMEDIATE');
  try {
    for (const step of steps) {
      const statement = prepared(step.sql);
      if (step.refusal === undefined) statement.run(...step.params);
      else if (statement.all(...step.params).length === 0) {
        db.exec('ROLLBACK');
        return { refusal: step.refusal };
      }
    }
    db.exec('COMMIT');
    return { ok: true };
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    return { error: error instanceof Error ? error.message : String(error) };
  }
};

parentPort.on('message', (message) => {
  if (message.close === true) {
    db.close();
    parentPort.close();
    return;
  }
  parentPort.postMessage({ id: message.id, ...run(message.steps) });
});
