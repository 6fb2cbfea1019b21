// Builders of realistic NewEvents (catalogue types, validated data) and a recording subscription handler
// for the store contract suite. Waiting is on delivered positions, never on time.
import { randomUUID } from 'node:crypto';
import { PositionEstablished, UnitEstablished, UnitRenamed } from '@estafet/events';
import type { Actor, NewEvent, StoredEvent } from '@estafet/events';
import type { EventStore } from '@estafet/ledger';
import type { Test } from 'tap';

export const HR: Actor = { id: 'user-hr-siti', role: 'hr' };
export const OTHER_HR: Actor = { id: 'user-hr-budi', role: 'hr' };

const SK = { skNumber: '800/123/BKD/2024', skDate: '2024-01-15', signedBy: 'Kepala BKD Provinsi DKI Jakarta' };

export interface EnvelopeOverrides {
  readonly effectiveAt?: string;
  readonly actor?: Actor;
  readonly correlationId?: string;
  readonly causationId?: string | null;
  readonly alsoIn?: string[];
  readonly legalBasis?: NewEvent['legalBasis'];
}

const envelope = (overrides: EnvelopeOverrides) => ({
  eventId: randomUUID(),
  effectiveAt: overrides.effectiveAt ?? '2024-02-01',
  legalBasis: overrides.legalBasis === undefined ? SK : overrides.legalBasis,
  actor: overrides.actor ?? HR,
  correlationId: overrides.correlationId ?? randomUUID(),
  causationId: overrides.causationId ?? null,
  alsoIn: overrides.alsoIn ?? [],
});

export const unitEstablished = (unitId: string, overrides: EnvelopeOverrides = {}): NewEvent => ({
  ...envelope(overrides),
  type: UnitEstablished.type,
  schemaVersion: UnitEstablished.schemaVersion,
  data: UnitEstablished.data.parse({ unitId, name: `Dinas ${unitId}`, kind: 'DINAS', parentUnitId: null }),
});

export const unitRenamed = (unitId: string, name: string, overrides: EnvelopeOverrides = {}): NewEvent => ({
  ...envelope(overrides),
  type: UnitRenamed.type,
  schemaVersion: UnitRenamed.schemaVersion,
  data: UnitRenamed.data.parse({ unitId, name }),
});

export const positionEstablished = (positionId: string, unitId: string, overrides: EnvelopeOverrides = {}): NewEvent => ({
  ...envelope(overrides),
  type: PositionEstablished.type,
  schemaVersion: PositionEstablished.schemaVersion,
  data: PositionEstablished.data.parse({
    positionId, unitId, title: `Kepala ${unitId}`, kind: 'JPT_PRATAMA', eselon: 'II.a', isLeadership: true,
    minimumGolongan: 'IV/c', requiredCompetencies: ['kepemimpinan', 'manajemen-anggaran'],
  }),
});

/** A fresh stream id of a kind, so tests never collide even on a shared server. */
export const streamOf = (kind: string): string => `${kind}-${randomUUID()}`;

/** Records what a subscription delivers and lets a test wait until a position has been delivered. */
export function recorder(onEvent: (event: StoredEvent) => void | Promise<void> = () => undefined) {
  const events: StoredEvent[] = [];
  const waiting: { position: number; resolve: () => void }[] = [];
  return {
    events,
    async handler(event: StoredEvent): Promise<void> {
      events.push(event);
      await onEvent(event);
      for (const waiter of waiting.filter((w) => event.globalPosition >= w.position)) {
        waiting.splice(waiting.indexOf(waiter), 1);
        waiter.resolve();
      }
    },
    /** Resolves once an event at or after `position` has been handled. */
    reached(position: number): Promise<void> {
      const last = events.at(-1);
      if (last !== undefined && last.globalPosition >= position) return Promise.resolve();
      return new Promise((resolve) => waiting.push({ position, resolve }));
    },
  };
}

export const positionsOf = (events: readonly StoredEvent[]): number[] => events.map((event) => event.globalPosition);

export interface StoreUnderTest {
  readonly store: EventStore;
  cleanup(): Promise<void>;
}

/** Makes a fresh, empty store; every contract test gets its own. */
export type StoreFactory = () => Promise<StoreUnderTest>;

export async function freshStore(t: { teardown(fn: () => Promise<void>): void }, factory: StoreFactory): Promise<EventStore> {
  const { store, cleanup } = await factory();
  t.teardown(cleanup);
  return store;
}

/** Asserts that `pending` rejects with an instance of `type` (tap's own matcher compares class names, not instanceof). */
export async function rejectsWith(t: Test, pending: Promise<unknown>, type: abstract new (...args: never[]) => Error, why: string): Promise<void> {
  try {
    await pending;
    t.fail(`${why}: expected ${type.name}, but it resolved`);
  } catch (error) {
    t.ok(error instanceof type, `${why}: rejects with ${type.name}`, { error });
  }
}
