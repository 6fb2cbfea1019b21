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

/**
 * The commit being received: its transaction opens with its first step and ends with its last message. A step
 * that fails, or a guard that returns no row, rolls it back at once; the steps still arriving are skipped and
 * the last message answers with the cause.
 */
let open = null;

const begin = (id) => {
  open = { id, outcome: null };
  try {
    db.exec('BEGIN IMMEDIATE');
  } catch (error) {
    open.outcome = { error: error instanceof Error ? error.message : String(error) };
  }
};

const fail = (outcome) => {
  if (db.inTransaction) db.exec('ROLLBACK');
  open.outcome = outcome;
};

const runStep = (step) => {
  const statement = prepared(step.sql);
  for (const params of step.runs) {
    if (step.refusal === undefined) statement.run(...params);
    else if (statement.all(...params).length === 0) return fail({ refusal: step.refusal });
  }
};

const finish = (abandon) => {
  let outcome = open.outcome;
  if (outcome === null && abandon) {
    fail({ error: 'the commit was abandoned' });
    outcome = open.outcome;
  }
  if (outcome === null) {
    try {
      db.exec('COMMIT');
      outcome = { ok: true };
    } catch (error) {
      fail({ error: error instanceof Error ? error.message : String(error) });
      outcome = open.outcome;
    }
  }
  const id = open.id;
  open = null;
  parentPort.postMessage({ id, ...outcome });
};

parentPort.on('message', (message) => {
  if (message.close === true) {
    db.close();
    parentPort.close();
    return;
  }
  if (open === null || open.id !== message.id) begin(message.id);
  if (message.step !== undefined && open.outcome === null) {
    try {
      runStep(message.step);
    } catch (error) {
      fail({ error: error instanceof Error ? error.message : String(error) });
    }
  }
  if (message.last === true) finish(message.abandon === true);
});
