// The events the continuity state reads, typed by the catalogue and carrying the envelope fields the
// process needs (eventId for causation, effectiveAt for due dates, recordedAt for "when it was known").
import { eventDefinition, isEventType } from '@estafet/events';
import type { DomainEvent, EventType, StoredEvent } from '@estafet/events';

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

/** A catalogue event the continuity state reads, with its envelope; narrow it with `switch (event.type)`. */
export type LoggedEvent = Extract<DomainEvent, { type: ContinuityInputType }> & { readonly meta: EventMeta };

const INPUT_TYPES: ReadonlySet<string> = new Set(CONTINUITY_INPUT_TYPES);

/** Stored data that does not match its catalogue schema: the log is corrupt or an upcaster is missing. */
export class UndecodableEventError extends Error {
  readonly code = 'UNDECODABLE_EVENT';
}

// Sound only after the data was parsed by the type's own schema, as decodeForContinuity does.
const isContinuityInput = (value: { type: string; data: unknown }): value is Extract<DomainEvent, { type: ContinuityInputType }> =>
  INPUT_TYPES.has(value.type);

/**
 * Validates a stored event against the catalogue; null for types the continuity state does not read.
 * The store upcasts on read, so the data is checked against the current schema version.
 */
export const decodeForContinuity = (stored: StoredEvent): LoggedEvent | null => {
  if (!INPUT_TYPES.has(stored.type) || !isEventType(stored.type)) return null;
  const parsed = eventDefinition(stored.type).data.safeParse(stored.data);
  if (!parsed.success) {
    throw new UndecodableEventError(`event ${stored.eventId} (${stored.type}) does not match its schema: ${parsed.error.message}`);
  }
  const candidate = { type: stored.type, data: parsed.data };
  if (!isContinuityInput(candidate)) return null;
  const { eventId, globalPosition, streamId, effectiveAt, recordedAt, correlationId, causationId, actor } = stored;
  return { ...candidate, meta: { eventId, globalPosition, streamId, effectiveAt, recordedAt, correlationId, causationId, actor } };
};
