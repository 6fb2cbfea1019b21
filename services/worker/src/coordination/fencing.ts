// The binding fence: the highest lease token is recorded beside the projection checkpoint, in the same
// database and the same transaction, so a runner that lost its lease cannot commit once a newer holder has.
import type { SqliteDatabase } from '../read-model/sqlite-dialect.js';
import { StaleFencingTokenError } from './coordination.js';

/**
 * The fencing rule itself: `token` may commit unless a higher one is recorded for the lease. Returns the
 * highest to record now. Equal tokens pass: one holder commits many batches under one token.
 */
export const admitFencingToken = (lease: string, recorded: number | null, token: number): number => {
  if (recorded !== null && token < recorded) throw new StaleFencingTokenError(lease, token, recorded);
  return Math.max(recorded ?? 0, token);
};

export interface CheckpointFence {
  /**
   * Call INSIDE the checkpoint transaction, before committing: throws StaleFencingTokenError (the transaction
   * must roll back) when a newer holder has committed, else records this token.
   */
  admit(lease: string, token: number): void;
  /** The highest token recorded for the lease: the tokenFloor for the next acquire. */
  highest(lease: string): number | null;
}

const FENCES = 'estafet_lease_fences';

const tokenOf = (row: unknown): number | null => {
  if (typeof row !== 'object' || row === null || !('token' in row)) return null;
  return typeof row.token === 'number' ? row.token : null;
};

/** The fence table on the read models' SQLite connection (created if missing). */
export const createSqliteCheckpointFence = (db: SqliteDatabase): CheckpointFence => {
  db.exec(`CREATE TABLE IF NOT EXISTS ${FENCES} (lease TEXT PRIMARY KEY, token INTEGER NOT NULL, updatedAt TEXT NOT NULL) STRICT`);
  const select = db.prepare(`SELECT token FROM ${FENCES} WHERE lease = ?`);
  const upsert = db.prepare(`INSERT INTO ${FENCES} (lease, token, updatedAt) VALUES (?, ?, ?)
    ON CONFLICT (lease) DO UPDATE SET token = excluded.token, updatedAt = excluded.updatedAt`);
  const highest = (lease: string): number | null => tokenOf(select.all(lease)[0]);
  return {
    admit(lease, token) {
      // Outside a transaction the check and the commit could interleave with another runner's: refuse.
      if (!db.inTransaction) throw new Error('admit the fencing token inside the checkpoint transaction');
      const recorded = highest(lease);
      const next = admitFencingToken(lease, recorded, token);
      if (next !== recorded) upsert.run(lease, next, new Date().toISOString());
    },
    highest,
  };
};
