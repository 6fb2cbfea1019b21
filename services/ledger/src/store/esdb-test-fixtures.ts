// Shared by the EventStoreDB adapter's unit tests (not loaded otherwise): valid stored events and chains of them,
// and what the client and server do to a proposed record.
import { randomUUID } from 'node:crypto';
import { GENESIS_HASH } from '@estafet/events';
import type { NewEvent, StoredEvent } from '@estafet/events';
import type { LedgerRecord, ProposedRecord } from './esdb-log.js';
import { computeEventHash } from './hash-chain.js';

/** A valid stored event (hash computed over the overrides too). */
export const sampleEvent = (overrides: Partial<Omit<StoredEvent, 'hash'>> = {}): StoredEvent => {
  const unhashed = {
    eventId: '3f1c8a2e-4b5d-4e6f-8a9b-0c1d2e3f4a5b', type: 'UnitRenamed', schemaVersion: 1,
    data: { unitId: 'dinas-a', name: 'Dinas A' }, effectiveAt: '2024-02-01',
    legalBasis: { skNumber: '800/1/BKD/2024', skDate: '2024-01-15', signedBy: 'Kepala BKD' },
    actor: { id: 'user-hr-siti', role: 'hr' as const }, correlationId: 'corr-1', causationId: null,
    alsoIn: ['org-jakarta'], streamId: 'unit-dinas-a', streamVersion: 1, globalPosition: 1,
    recordedAt: '2024-03-01T02:00:00.000Z', idempotencyKey: null, prevHash: GENESIS_HASH, ...overrides,
  };
  return { ...unhashed, hash: computeEventHash(unhashed) };
};

/** A valid chain from position 1: each draft's overrides, with position, id and link filled in. */
export const chainOf = (drafts: readonly Partial<Omit<StoredEvent, 'hash'>>[]): StoredEvent[] => {
  const chain: StoredEvent[] = [];
  drafts.forEach((draft, i) => {
    chain.push(sampleEvent({
      eventId: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`, ...draft,
      globalPosition: i + 1, prevHash: chain[i - 1]?.hash ?? GENESIS_HASH,
    }));
  });
  return chain;
};

/** What the client and server do to a record: JSON bodies and metadata serialised, stored and parsed back. */
export const throughServer = (proposed: ProposedRecord, revision: number): LedgerRecord => ({
  revision,
  type: proposed.type,
  data: proposed.contentType === 'application/json' ? reparse(proposed.data) : proposed.data,
  metadata: reparse(proposed.metadata),
});

const reparse = (value: unknown): unknown => {
  const parsed: unknown = JSON.parse(JSON.stringify(value));
  return parsed;
};

/** A new UnitRenamed event (schema version 1), with a fresh id unless given. */
export const renamed = (unitId: string, name: string, overrides: Partial<NewEvent> = {}): NewEvent => ({
  eventId: randomUUID(), type: 'UnitRenamed', schemaVersion: 1, data: { unitId, name }, effectiveAt: '2024-02-01',
  legalBasis: null, actor: { id: 'user-hr-siti', role: 'hr' }, correlationId: 'corr-test', causationId: null, alsoIn: [],
  ...overrides,
});
