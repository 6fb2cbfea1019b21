// The one EventStoreDB stream the ledger lives in, as the adapter needs it: read by revision, append with an
// exact expected revision, nothing more. esdb-event-store.ts implements it with @eventstore/db-client;
// esdb-memory-log.ts implements it in memory with the same rules, so the adapter's logic runs without a server.

/** A record of the ledger stream (db-client's RecordedEvent, reduced to what the adapter reads). */
export interface LedgerRecord {
  /** 0-based; the ledger's global position is revision + 1. */
  readonly revision: number;
  readonly type: string;
  /** A JSON record's body as parsed by the client (its raw text if it was not JSON); a binary record's bytes. */
  readonly data: unknown;
  /** Parsed JSON metadata; bytes when the metadata is not JSON; undefined when there is none. */
  readonly metadata: unknown;
}

/** What EventStoreDB stores as a JSON body (db-client's JSONType). */
export type JsonDocument = Record<string, unknown> | unknown[] | string;

/** A record to append; the client serialises a JSON document itself and writes bytes as given. */
export type ProposedRecord =
  | { readonly id: string; readonly type: string; readonly metadata: Record<string, unknown>; readonly contentType: 'application/json'; readonly data: JsonDocument }
  | { readonly id: string; readonly type: string; readonly metadata: Record<string, unknown>; readonly contentType: 'application/octet-stream'; readonly data: Uint8Array };

/** `lastRevision` is the stream's last revision after the write, as the server reported it. */
export type LedgerWrite = { readonly ok: true; readonly lastRevision: number } | { readonly ok: false };

export interface LedgerLog {
  /** Up to `maxCount` records from `fromRevision` (inclusive) in revision order; none when the stream does not exist. */
  read(fromRevision: number, maxCount: number): Promise<LedgerRecord[]>;
  /** The stream's last revision, -1 when it has none. */
  lastRevision(): Promise<number>;
  /**
   * Writes every record or none, only if the stream's last revision is `expectedRevision` (-1: the stream must not
   * exist); `{ ok: false }` when it is not. Throws InvalidAppendError when the server refuses the records themselves
   * (too large), anything else for a failed call, whose outcome is then unknown.
   */
  append(records: readonly ProposedRecord[], expectedRevision: number): Promise<LedgerWrite>;
  close(): Promise<void>;
}

/**
 * Other writers kept appending to the ledger stream between this process catching up and writing, attempt after
 * attempt. Nothing of the append was stored; it is safe to retry. Maps to HTTP 503.
 */
export class LedgerContentionError extends Error {
  readonly code = 'LEDGER_CONTENTION';
}
