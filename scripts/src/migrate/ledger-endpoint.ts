// One side of a migration: a ledger opened through its adapter's factory, plus the raw row access a faithful
// copy needs (the store's append would assign new recordedAt and hashes). Implemented per engine.
import { z } from 'zod';
import type { EventRow, EventStore } from '@estafet/ledger';

// pg returns bigint as text; positions never exceed 2^53, and a value that would is corruption.
const PositionColumn = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).pipe(z.number().int().nonnegative().safe());

/** A row of stream_members: the event at global_position is version `version` of stream_id. */
export const MemberRowSchema = z.object({ stream_id: z.string(), version: z.number().int(), global_position: PositionColumn });
export type MemberRow = z.infer<typeof MemberRowSchema>;

/** A row of idempotency_keys: the append stored under `key` holds positions first..last. */
export const KeyRowSchema = z.object({ key: z.string(), first_position: PositionColumn, last_position: PositionColumn });
export type KeyRow = z.infer<typeof KeyRowSchema>;

export const TotalsRowSchema = z.object({ events: PositionColumn, members: PositionColumn, keys: PositionColumn });
export type LedgerTotals = z.infer<typeof TotalsRowSchema>;

/**
 * Consecutive events in position order with the rows that belong to them: the memberships of these events and
 * the idempotency keys whose last event is among them. Members ordered by (position, stream id), keys by position.
 */
export interface LedgerBatch {
  readonly events: readonly EventRow[];
  readonly members: readonly MemberRow[];
  readonly keys: readonly KeyRow[];
}

export interface LedgerWriter {
  /** Stores one batch in one transaction, after checking the target's head is still `expectedHead`. */
  write(batch: LedgerBatch, expectedHead: number): Promise<void>;
  /** After the last batch: whatever makes the freshly loaded tables fast to read (PostgreSQL: VACUUM ANALYZE). */
  finish(): Promise<void>;
  close(): Promise<void>;
}

export interface LedgerEndpoint {
  /** e.g. "sqlite /data/ledger.db" or "postgres 127.0.0.1:5432/test schema estafet" */
  readonly label: string;
  readonly store: EventStore;
  /** Every row up to `toPosition`, in batches of at most `batchSize` events. */
  scan(toPosition: number, batchSize: number): AsyncIterable<LedgerBatch>;
  /** Row counts of the ledger's three tables, whole. */
  totals(): Promise<LedgerTotals>;
  /** Tables (ledger, read models, checkpoints) holding at least one row: a target must have none. */
  occupiedTables(): Promise<string[]>;
  /** Prepares to write raw rows; on PostgreSQL it holds the append lock until closed, so no append slips in. */
  openWriter(): Promise<LedgerWriter>;
  close(): Promise<void>;
}

/** A table or schema name as a quoted SQL identifier: a double quote in it is doubled. */
export const quoteIdentifier = (name: string): string => `"${name.replaceAll('"', '""')}"`;
