// Type guards that narrow a DomainEvent to the events of one entity kind, so each fold can switch over its
// own few types exhaustively, and the stream each entity's history lives in.
import type { DomainEvent, EventOfType, EventType, LegalBasis } from '@estafet/events';

const guard = <T extends EventType>(types: readonly T[]) => {
  const set = new Set<string>(types);
  return (event: DomainEvent): event is EventOfType<T> => set.has(event.type);
};

export const UNIT_EVENT_TYPES = ['UnitEstablished', 'UnitRenamed', 'UnitRestructured', 'UnitDissolved'] as const;
export const POSITION_EVENT_TYPES = ['PositionEstablished', 'PositionReclassified', 'PositionAbolished'] as const;
export const HOLDING_EVENT_TYPES = [
  'PositionAssigned', 'EmployeeTransferred', 'ActingAppointed', 'ActingExtended', 'ActingEnded', 'EmployeeSeparated',
] as const;
/** Events in an employee's stream that are not about which position the employee holds. */
export const PERSON_RECORD_TYPES = [
  'EmployeeRegistered', 'RankPromoted', 'LeaveStarted', 'LeaveEnded', 'TrainingCompleted',
] as const;

export const isUnitEvent = guard(UNIT_EVENT_TYPES);
export const isPositionEvent = guard(POSITION_EVENT_TYPES);
export const isHoldingEvent = guard(HOLDING_EVENT_TYPES);
export const isPersonRecordEvent = guard(PERSON_RECORD_TYPES);

export type UnitEvent = EventOfType<(typeof UNIT_EVENT_TYPES)[number]>;
export type PositionEvent = EventOfType<(typeof POSITION_EVENT_TYPES)[number]>;
export type HoldingEvent = EventOfType<(typeof HOLDING_EVENT_TYPES)[number]>;
export type PersonRecordEvent = EventOfType<(typeof PERSON_RECORD_TYPES)[number]>;

// The stream layout of the ledger: a person's events, with occupancy events linked into position streams.
export const employeeStream = (nip: string): string => `employee-${nip}`;
export const unitStream = (unitId: string): string => `unit-${unitId}`;
export const positionStream = (positionId: string): string => `position-${positionId}`;

/** The stream holding the history of the entity an event is about, for the entity kinds read models fold. */
export const entityStreamOf = (event: DomainEvent): string | null => {
  if (isUnitEvent(event)) return unitStream(event.data.unitId);
  if (isPositionEvent(event)) return positionStream(event.data.positionId);
  if (isHoldingEvent(event) || isPersonRecordEvent(event)) return employeeStream(event.data.nip);
  return null;
};

/** Splits `kind-id` into its two parts (ids may contain dashes, kinds may not). */
export const parseStreamId = (streamId: string): { kind: string; id: string } => {
  const dash = streamId.indexOf('-');
  return { kind: streamId.slice(0, dash), id: streamId.slice(dash + 1) };
};

export const skNumberOf = (legalBasis: LegalBasis | null): string | null => legalBasis?.skNumber ?? null;
export const skDateOf = (legalBasis: LegalBasis | null): string | null => legalBasis?.skDate ?? null;
