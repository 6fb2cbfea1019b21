// A small ledger written straight to the store (no command handler), for tests that only need history:
// a Kepala Dinas leading two programs, then retiring with a TMT in the future.
import { randomUUID } from 'node:crypto';
import { eventDefinition } from '@estafet/events';
import type { DomainEvent } from '@estafet/events';
import type { EventStore } from '@estafet/ledger';

export const KADIS_NIP = '197001012000031001';

const record = async (store: EventStore, streamId: string, event: DomainEvent, effectiveAt: string): Promise<void> => {
  await store.append([{ streamId, expectedVersion: 'any', events: [{
    eventId: randomUUID(), type: event.type, schemaVersion: eventDefinition(event.type).schemaVersion, data: event.data,
    effectiveAt, legalBasis: { skNumber: '800/1/2025', skDate: '2025-02-20', signedBy: 'Gubernur Provinsi DKI Jakarta' },
    actor: { id: 'hr:fixture', role: 'hr' }, correlationId: `fixture-${streamId}`, causationId: null,
  }] }]);
};

export const seedRetiringKadis = async (store: EventStore): Promise<void> => {
  await record(store, 'position-kadis', { type: 'PositionEstablished', data: {
    positionId: 'kadis', unitId: 'dinas-pendidikan', title: 'Kepala Dinas Pendidikan', kind: 'JPT_PRATAMA', eselon: 'II.a',
    isLeadership: true, minimumGolongan: null, requiredCompetencies: [],
  } }, '2024-01-02');
  await record(store, `employee-${KADIS_NIP}`, { type: 'PositionAssigned', data: { nip: KADIS_NIP, positionId: 'kadis' } }, '2024-01-02');
  for (const [programId, criticality] of [['kjp-plus', 'CRITICAL'], ['literasi', 'LOW']] as const) {
    await record(store, `program-${programId}`, { type: 'ProgramRegistered', data: {
      programId, name: programId, unitId: 'dinas-pendidikan', leadingPositionId: 'kadis', criticality, phase: 'IMPLEMENTATION',
      periodStart: '2024-01-02', periodEnd: null,
    } }, '2024-01-02');
  }
  await record(store, `employee-${KADIS_NIP}`, { type: 'EmployeeSeparated', data: { nip: KADIS_NIP, reason: 'RETIREMENT' } }, '2025-03-17');
};
