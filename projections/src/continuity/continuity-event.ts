// The events the continuity state reads, typed by the catalogue and carrying the envelope fields the
// process needs (eventId for causation, effectiveAt for due dates, recordedAt for "when it was known").
import type { DomainEvent, EventType, StoredEvent } from '@estafet/events';
import { decodeDomainEvent } from '../projected-event.js';

export type EventMeta = Pick<StoredEvent,
  'eventId' | 'globalPosition' | 'streamId' | 'effectiveAt' | 'recordedAt' | 'correlationId' | 'causationId' | 'actor'>;

export const CONTINUITY_INPUT_TYPES = [
  'PositionEstablished', 'PositionReclassified', 'PositionAbolished',
  'PositionAssigned', 'EmployeeTransferred', 'ActingAppointed', 'ActingExtended', 'ActingEnded',
  'LeaveStarted', 'LeaveEnded', 'EmployeeSeparated',
  'TrainingCompleted', 'CompetencyAssessed', 'SuccessorNominated',
  'ProgramRegistered', 'ProgramPhaseChanged', 'ProgramClosed',
  'ProgramFlaggedAtRisk', 'ProgramRiskCleared', 'HandoverChecklistOpened', 'HandoverTaskCompleted',
  'HandoverChecklistClosed', 'HandoverEscalated',
] as const satisfies readonly EventType[];

export type ContinuityInputType = (typeof CONTINUITY_INPUT_TYPES)[number];
type ContinuityInput = Extract<DomainEvent, { type: ContinuityInputType }>;

/** A catalogue event the continuity state reads, with its envelope; narrow it with `switch (event.type)`. */
export type LoggedEvent = ContinuityInput & { readonly meta: EventMeta };

const INPUT_TYPES: ReadonlySet<string> = new Set(CONTINUITY_INPUT_TYPES);

const isContinuityInput = (event: DomainEvent): event is ContinuityInput => INPUT_TYPES.has(event.type);

/**
 * Upcasts and validates a stored event against the catalogue (throws UndecodableEventError when a known type
 * carries bad data); null for types the continuity state does not read, which are not even parsed.
 */
export const decodeForContinuity = (stored: StoredEvent): LoggedEvent | null => {
  if (!INPUT_TYPES.has(stored.type)) return null;
  const event = decodeDomainEvent(stored.type, stored.schemaVersion, stored.data, stored.globalPosition);
  if (event === null || !isContinuityInput(event)) return null;
  const { eventId, globalPosition, streamId, effectiveAt, recordedAt, correlationId, causationId, actor } = stored;
  return { ...event, meta: { eventId, globalPosition, streamId, effectiveAt, recordedAt, correlationId, causationId, actor } };
};
