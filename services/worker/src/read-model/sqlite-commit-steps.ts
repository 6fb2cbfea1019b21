// A read-model commit on SQLite as data: the statements of one transaction (fence, row upserts and deletes,
// checkpoint advances), so the same commit runs on the store's own connection or on the commit thread's
// (sqlite-commit-worker.mjs executes this shape; keep the two in step).
import type { Row, TableLayout } from '@estafet/projections';
import { CHECKPOINTS } from './stored-rows.js';
import { CheckpointMovedError } from './read-model-store.js';
import type { CheckpointAdvance, FenceToken, TableWrites } from './read-model-store.js';

/** Rows per multi-row INSERT: SQLite's statement cost is paid once for this many rows. */
const ROWS_PER_INSERT = 64;

/**
 * One statement run once per parameter list. `refusal` marks a guard: it must return a row, or the transaction
 * rolls back and the commit is refused for that reason (a stale fencing token, a checkpoint moved by another runner).
 */
export interface CommitStep {
  readonly sql: string;
  readonly runs: readonly (readonly unknown[])[];
  readonly refusal?: { readonly kind: 'fence' | 'checkpoint'; readonly message: string };
}

/** Statements per step of upserts: a commit travels to the thread in steps of at most 1,024 rows. */
const RUNS_PER_STEP = 16;

export const FENCES = 'estafet_lease_fences';

const q = (name: string): string => `"${name}"`;

const insertSql = (t: TableLayout, rows: number): string => {
  const tuple = `(${t.columns.map(() => '?').join(', ')})`;
  return `INSERT OR REPLACE INTO ${q(t.name)} (${t.columns.map((c) => q(c.name)).join(', ')}) VALUES ${Array(rows).fill(tuple).join(', ')}`;
};

/** The rows ordered by their primary key (text, as the row cache requires), each key read once. */
const inKeyOrder = (rows: readonly Row[], key: string): Row[] => {
  const keyed = rows.map((row) => ({ key: String(row[key]), row }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map((entry) => entry.row);
};

/**
 * Upserts in primary-key order: consecutive rows land on the same B-tree pages, which halves the cost of a
 * large batch once a table outgrows the page cache.
 */
function* upsertSteps(t: TableLayout, unordered: readonly Row[]): Generator<CommitStep> {
  const rows = inKeyOrder(unordered, t.primaryKey);
  const names = t.columns.map((c) => c.name);
  const full = insertSql(t, ROWS_PER_INSERT);
  let i = 0;
  let runs: unknown[][] = [];
  for (; i + ROWS_PER_INSERT <= rows.length; i += ROWS_PER_INSERT) {
    const params: unknown[] = [];
    for (let j = i; j < i + ROWS_PER_INSERT; j++) {
      const row = rows[j];
      if (row !== undefined) for (const name of names) params.push(row[name] ?? null);
    }
    runs.push(params);
    if (runs.length === RUNS_PER_STEP) {
      yield { sql: full, runs };
      runs = [];
    }
  }
  if (runs.length > 0) yield { sql: full, runs };
  const rest = rows.slice(i).map((row) => names.map((name) => row[name] ?? null));
  if (rest.length > 0) yield { sql: insertSql(t, 1), runs: rest };
}

/**
 * The statements of one commit, in the order they must run, made as they are consumed: the commit thread
 * receives them step by step, so neither side holds a whole batch's parameters at once.
 */
export function* commitSteps(
  writes: readonly TableWrites[], advances: readonly CheckpointAdvance[], at: string, fence?: FenceToken,
): Generator<CommitStep> {
  if (fence !== undefined) {
    // The fencing rule (fencing.ts admitFencingToken) as one statement: record the token unless a higher one is.
    yield {
      sql: `INSERT INTO ${FENCES} (lease, token, updatedAt) VALUES (?, ?, ?)
        ON CONFLICT (lease) DO UPDATE SET token = excluded.token, updatedAt = excluded.updatedAt
        WHERE excluded.token >= ${FENCES}.token RETURNING token`,
      runs: [[fence.lease, fence.token, at]],
      refusal: { kind: 'fence', message: `lease ${fence.lease}: token ${fence.token} is stale` },
    };
  }
  for (const { table, upserts, deletes } of writes) {
    if (upserts.length > 0) yield* upsertSteps(table, upserts);
    if (deletes.length > 0) yield { sql: `DELETE FROM ${q(table.name)} WHERE ${q(table.primaryKey)} = ?`, runs: deletes.map((key) => [key]) };
  }
  for (const a of advances) {
    yield {
      sql: `UPDATE ${CHECKPOINTS} SET position = ?, updatedAt = ? WHERE name = ? AND position = ? AND generation = ? RETURNING name`,
      runs: [[a.position, at, a.name, a.expectedPosition, a.expectedGeneration]],
      refusal: { kind: 'checkpoint', message: `checkpoint ${a.name} is no longer at ${a.expectedPosition} (generation ${a.expectedGeneration})` },
    };
  }
}

/** How many rows a commit writes: large ones are worth handing to the commit thread. */
export const rowsWritten = (writes: readonly TableWrites[]): number =>
  writes.reduce((sum, w) => sum + w.upserts.length + w.deletes.length, 0);

/** A guard that returned no row: the whole commit was rolled back. */
export class CommitRefusedError extends Error {
  constructor(readonly kind: 'fence' | 'checkpoint', message: string) {
    super(message);
  }
}

/** The refusal as the error callers know: CheckpointMovedError, or whatever the fence maps to. */
export const refusalError = (refused: CommitRefusedError, fenceError: () => Error): Error =>
  (refused.kind === 'checkpoint' ? new CheckpointMovedError(refused.message) : fenceError());
