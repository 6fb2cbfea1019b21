// Corrections and retractions: stored in the target's stream and linked wherever the target is, checked
// against the target's type, and refused when they would leave a stream's later history inconsistent.
import { DomainEventSchema } from '@estafet/events';
import type { CommandOfType, EventOfType } from '@estafet/events';
import { NotFoundError, ValidationError } from '../errors.js';
import { conflictWith, planned, refuse } from './decision.js';
import type { Decision } from './decision.js';
import { historyProblems } from './history-consistency.js';
import type { HistoryProblem } from './history-consistency.js';
import { describeEvent, pendingEvent } from './recorded-event.js';
import type { Recorded } from './recorded-event.js';
import { applyToStreamLog, retractionOf } from './stream-log.js';
import type { StreamStates } from './stream-log.js';

export type CorrectionCommand = CommandOfType<'CorrectEvent' | 'RetractEvent'>;

// Fields that decide which streams an event lives in: changing them would move the event between
// streams, which a correction cannot do (alsoIn is fixed). Retract and record anew instead.
const IDENTITY_FIELDS = ['nip', 'mentorNip', 'menteeNip', 'positionId', 'fromPositionId', 'toPositionId', 'programId', 'complaintId'];
const UNIT_EVENTS = ['UnitEstablished', 'UnitRenamed', 'UnitRestructured', 'UnitDissolved'];

/** Finds a recorded event in the streams read, as it was recorded (before corrections). */
export function findRecorded(states: StreamStates, eventId: string): Recorded | undefined {
  for (const log of states.all()) {
    const found = log.recorded.find((e) => e.eventId === eventId && e.streamId === log.streamId);
    if (found) return found;
  }
  return undefined;
}

export function decideCorrection(command: CorrectionCommand, states: StreamStates): Decision {
  const target = findRecorded(states, command.eventId);
  if (!target) throw new NotFoundError('event', command.eventId);
  if (target.type === 'EventCorrected' || target.type === 'EventRetracted') {
    throw refuse('correction-of-correction', `${describeEvent(target)} is itself a correction; correct its target instead`);
  }
  const home = states.log(target.streamId);
  const retraction = retractionOf(home, target.eventId);
  if (retraction) throw conflictWith('already-retracted', `${describeEvent(target)} is retracted`, retraction);
  const effectiveAt = command.effectiveAt ?? target.effectiveAt;
  const event = command.type === 'CorrectEvent' ? correction(command, target, home.events) : retractionEvent(command);
  const pending = pendingEvent(event, effectiveAt, target.streamId, target.alsoIn);
  for (const streamId of [target.streamId, ...target.alsoIn]) {
    const log = states.log(streamId);
    const before = new Set(historyProblems(log).map(key));
    const added = historyProblems(applyToStreamLog(log, pending)).find((p) => !before.has(key(p)));
    if (added) {
      throw conflictWith('correction-breaks-history', `${command.type === 'CorrectEvent' ? 'correcting' : 'retracting'}`
        + ` ${describeEvent(target)} would leave ${streamId} inconsistent: ${added.message}`, added.event);
    }
  }
  return planned(target.streamId, event, effectiveAt, target.alsoIn);
}

const key = (p: HistoryProblem): string => `${p.event.eventId}:${p.message}`;

function retractionEvent(command: CommandOfType<'RetractEvent'>): EventOfType<'EventRetracted'> {
  return { type: 'EventRetracted', data: { targetEventId: command.eventId, reason: command.reason } };
}

function correction(
  command: CommandOfType<'CorrectEvent'>, target: Recorded, inForce: readonly Recorded[],
): EventOfType<'EventCorrected'> {
  const parsed = DomainEventSchema.safeParse({ type: target.type, data: command.replacementData });
  if (!parsed.success) {
    throw new ValidationError(parsed.error.issues.map((issue) => ({
      path: ['replacementData', ...issue.path.slice(1).map(String)].join('.'), message: issue.message,
    })));
  }
  const replacement: Record<string, unknown> = { ...parsed.data.data };
  const original: Record<string, unknown> = { ...target.data };
  const identity = IDENTITY_FIELDS.concat(UNIT_EVENTS.includes(target.type) ? ['unitId'] : []);
  const moved = identity.filter((field) => field in original && replacement[field] !== original[field]);
  if (moved.length > 0) {
    throw new ValidationError(moved.map((field) => ({
      path: `replacementData.${field}`,
      message: `a correction cannot change ${field}, which decides the event's streams; retract it and record a new one`,
    })));
  }
  const current = inForce.find((e) => e.eventId === target.eventId);
  if (current && JSON.stringify(current.data) === JSON.stringify(replacement)) {
    throw refuse('no-change', `the replacement data equals what ${describeEvent(target)} says now`);
  }
  return { type: 'EventCorrected', data: { targetEventId: target.eventId, replacementData: replacement, reason: command.reason } };
}
