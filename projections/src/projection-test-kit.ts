// Builders for projection tests: a log of ProjectedEvents with positions, recorded instants and streams
// assigned in order, plus the organisation and people that most tests start from. Test support only.
import type { DomainEvent, LegalBasis } from '@estafet/events';
import { employeeStream, entityStreamOf, isHoldingEvent, positionStream } from './event-groups.js';
import type { ProjectedEvent } from './projected-event.js';

export const NIP_A = '198609262015051001';
export const NIP_B = '199002142016032001';
export const SK: LegalBasis = { skNumber: '800/1/2024', skDate: '2024-01-10', signedBy: 'Gubernur' };

export interface LogBuilder {
  /** Appends an event effective on `effectiveAt`; recorded one second after the previous one. */
  add(event: DomainEvent, effectiveAt: string, options?: { legalBasis?: LegalBasis | null }): ProjectedEvent;
  correct(target: ProjectedEvent, replacementData: Record<string, unknown>): ProjectedEvent;
  retract(target: ProjectedEvent): ProjectedEvent;
  readonly events: ProjectedEvent[];
  /** The recorded instant of the last event appended. */
  lastRecordedAt(): string;
}

const uuid = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export const createLog = (start = Date.UTC(2024, 0, 1)): LogBuilder => {
  const events: ProjectedEvent[] = [];
  const streamOf = (event: DomainEvent): { streamId: string; alsoIn: string[] } => {
    const own = entityStreamOf(event) ?? 'misc-1';
    if (!isHoldingEvent(event)) return { streamId: own, alsoIn: [] };
    const positions = event.type === 'EmployeeTransferred'
      ? [event.data.fromPositionId, event.data.toPositionId]
      : event.type === 'EmployeeSeparated' ? [] : [event.data.positionId];
    return { streamId: employeeStream(event.data.nip), alsoIn: positions.map(positionStream) };
  };
  const push = (event: DomainEvent, effectiveAt: string, legalBasis: LegalBasis | null, streams: { streamId: string; alsoIn: string[] }) => {
    const position = events.length + 1;
    const e: ProjectedEvent = {
      event, eventId: uuid(position), position, ...streams, effectiveAt,
      recordedAt: new Date(start + position * 1000).toISOString(), legalBasis,
    };
    events.push(e);
    return e;
  };
  const byId = (id: string) => events.find((e) => e.eventId === id) ?? null;
  return {
    events,
    add: (event, effectiveAt, options = {}) => push(event, effectiveAt, options.legalBasis === undefined ? SK : options.legalBasis, streamOf(event)),
    correct(target, replacementData) {
      const e = push({ type: 'EventCorrected', data: { targetEventId: target.eventId, replacementData, reason: 'salah ketik pada SK' } },
        target.effectiveAt, null, { streamId: target.streamId, alsoIn: [] });
      return { ...e, target: byId(target.eventId) };
    },
    retract(target) {
      const e = push({ type: 'EventRetracted', data: { targetEventId: target.eventId, reason: 'SK dibatalkan' } },
        target.effectiveAt, null, { streamId: target.streamId, alsoIn: [] });
      return { ...e, target: byId(target.eventId) };
    },
    lastRecordedAt: () => events.at(-1)?.recordedAt ?? new Date(start).toISOString(),
  };
};

/** A Dinas with a Kepala Dinas, a Sekretaris and a Kepala Bidang position, established on 2020-01-01. */
export const seedOrganisation = (log: LogBuilder): void => {
  log.add({ type: 'UnitEstablished', data: { unitId: 'dinas-a', name: 'Dinas A', kind: 'DINAS', parentUnitId: null } }, '2020-01-01');
  log.add({ type: 'UnitEstablished', data: { unitId: 'bidang-a', name: 'Bidang A', kind: 'BIDANG', parentUnitId: 'dinas-a' } }, '2020-01-01');
  const position = (positionId: string, unitId: string, title: string, isLeadership: boolean) => log.add({
    type: 'PositionEstablished',
    data: {
      positionId, unitId, title, kind: isLeadership ? 'JPT_PRATAMA' : 'PELAKSANA', eselon: isLeadership ? 'II.a' : 'NON_ESELON',
      isLeadership, minimumGolongan: null, requiredCompetencies: [],
    },
  }, '2020-01-01');
  position('kadis-a', 'dinas-a', 'Kepala Dinas A', true);
  position('sekdis-a', 'dinas-a', 'Sekretaris Dinas A', true);
  position('kabid-a', 'bidang-a', 'Kepala Bidang A', true);
  for (const [nip, name] of [[NIP_A, 'Budi'], [NIP_B, 'Siti']] as const) {
    log.add({
      type: 'EmployeeRegistered',
      data: { nip, name, birthDate: `${nip.slice(0, 4)}-${nip.slice(4, 6)}-${nip.slice(6, 8)}`, gender: nip[14] === '1' ? 'M' : 'F',
        tmtCpns: `${nip.slice(8, 12)}-${nip.slice(12, 14)}-01`, education: 'S1', golongan: 'III/a' },
    }, `${nip.slice(8, 12)}-${nip.slice(12, 14)}-01`, { legalBasis: null });
  }
};

/** Replays a log through the runner's contract in memory: each event once, refolds answered from the log. */
export { replayInMemory } from './memory-rows.js';
