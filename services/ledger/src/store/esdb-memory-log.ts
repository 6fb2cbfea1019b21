// An in-memory ledger stream with EventStoreDB's rules (exact expected revision, atomic multi-record append, JSON
// bodies and metadata serialised and parsed back as the client does): the adapter's logic runs on it without a
// server, in unit tests and wherever a throwaway store with the EventStoreDB adapter's behaviour is wanted.
import type { LedgerLog, LedgerRecord, LedgerWrite, ProposedRecord } from './esdb-log.js';

export interface MemoryLedgerLog extends LedgerLog {
  /** Stores a record as a foreign writer would, bypassing the adapter (for tests of what the adapter refuses). */
  writeRaw(record: Omit<LedgerRecord, 'revision'>): void;
  /** Drops records before `revision`, as EventStoreDB's $tb / $maxCount truncation does. */
  truncateBefore(revision: number): void;
  /** Appends issued through `append` (refused ones included). */
  readonly appendCalls: () => number;
}

const reparse = (value: unknown): unknown => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

export function createMemoryLedgerLog(): MemoryLedgerLog {
  const records: LedgerRecord[] = [];
  let truncatedBefore = 0;
  let appends = 0;
  // Each call settles in a later macrotask, as a network round trip would, so concurrent callers interleave.
  const later = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
  const lastRevision = (): number => records.length - 1;

  const toRecord = (proposed: ProposedRecord, revision: number): LedgerRecord => ({
    revision,
    type: proposed.type,
    data: proposed.contentType === 'application/json' ? reparse(proposed.data) : Uint8Array.from(proposed.data),
    metadata: reparse(proposed.metadata),
  });

  return {
    async read(fromRevision, maxCount) {
      await later();
      const start = Math.max(fromRevision, truncatedBefore);
      return records.slice(start, start + Math.max(maxCount, 0));
    },

    async lastRevision() {
      await later();
      return lastRevision();
    },

    async append(proposed, expectedRevision): Promise<LedgerWrite> {
      appends += 1;
      await later();
      if (expectedRevision !== lastRevision()) return { ok: false };
      proposed.forEach((record, i) => records.push(toRecord(record, expectedRevision + 1 + i)));
      return { ok: true, lastRevision: lastRevision() };
    },

    async close() {
      await later();
    },

    writeRaw(record) {
      records.push({ ...record, revision: records.length });
    },

    truncateBefore(revision) {
      truncatedBefore = revision;
    },

    appendCalls: () => appends,
  };
}
