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
 * One statement. `refusal` marks a guard: it must return a row, or the transaction rolls back and the commit
 * is refused for that reason (a stale fencing token, a checkpoint moved by another runner).
 */
export interface CommitStep {
  readonly sql: string;
  readonly params: readonly unknown[];
  readonly refusal?: { readonly kind: 'fence' | 'checkpoint'; readonly message: string };
}

export const FENCES = 'estafet_lease_fences';

const q = (name: string): string => `"${name}"`;

const insertSql = (t: TableLayout, rows: number): string => {
  const tuple = `(${t.columns.map(() => '?').join(', ')})`;
  return `INSERT OR REPLACE INTO ${q(t.name)} (${t.columns.map((c) => q(c.name)).join(', ')}) VALUES ${Array(rows).fill(tuple).join(', ')}`;
};

const byKey = (key: string) => (a: Row, b: Row): number => {
  const x = String(a[key]);
  const y = String(b[key]);
  return x < y ? -1 : x > y ? 1 : 0;
};

/**
 * Upserts in primary-key order: consecutive rows land on the same B-tree pages, which halves the cost of a
 * large batch once a table outgrows the page cache.
 */
const upsertSteps = (t: TableLayout, unordered: readonly Row[], steps: CommitStep[]): void => {
  const rows = [...unordered].sort(byKey(t.primaryKey));
  const names = t.columns.map((c) => c.name);
  const full = insertSql(t, ROWS_PER_INSERT);
  let i = 0;
  for (; i + ROWS_PER_INSERT <= rows.length; i += ROWS_PER_INSERT) {
    const params: unknown[] = [];
    for (let j = i; j < i + ROWS_PER_INSERT; j++) {
      const row = rows[j];
      if (row !== undefined) for (const name of names) params.push(row[name] ?? null);
    }
    steps.push({ sql: full, params });
  }
  const single = insertSql(t, 1);
  for (; i < rows.length; i++) {
    const row = rows[i];
    if (row !== undefined) steps.push({ sql: single, params: names.map((name) => row[name] ?? null) });
  }
};

/** The statements of one commit, in the order they must run. */
export const commitSteps = (
  writes: readonly TableWrites[], advances: readonly CheckpointAdvance[], at: string, fence?: FenceToken,
): CommitStep[] => {
  const steps: CommitStep[] = [];
  if (fence !== undefined) {
    // The fencing rule (fencing.ts admitFencingToken) as one statement: record the token unless a higher one is.
    steps.push({
      sql: `INSERT INTO ${FENCES} (lease, token, updatedAt) VALUES (?, ?, ?)
        ON CONFLICT (lease) DO UPDATE SET token = excluded.token, updatedAt = excluded.updatedAt
        WHERE excluded.token >= ${FENCES}.token RETURNING token`,
      params: [fence.lease, fence.token, at],
      refusal: { kind: 'fence', message: `lease ${fence.lease}: token ${fence.token} is stale` },
    });
  }
  for (const { table, upserts, deletes } of writes) {
    if (upserts.length > 0) upsertSteps(table, upserts, steps);
    const remove = `DELETE FROM ${q(table.name)} WHERE ${q(table.primaryKey)} = ?`;
    for (const key of deletes) steps.push({ sql: remove, params: [key] });
  }
  for (const a of advances) {
    steps.push({
      sql: `UPDATE ${CHECKPOINTS} SET position = ?, updatedAt = ? WHERE name = ? AND position = ? AND generation = ? RETURNING name`,
      params: [a.position, at, a.name, a.expectedPosition, a.expectedGeneration],
      refusal: { kind: 'checkpoint', message: `checkpoint ${a.name} is no longer at ${a.expectedPosition} (generation ${a.expectedGeneration})` },
    });
  }
  return steps;
};

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
