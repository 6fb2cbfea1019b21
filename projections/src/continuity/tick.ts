// tick(state, now, rules): the time rules. A leadership post uncovered too long, a Plt/Plh past its limit,
// a handover task overdue; plus a sweep that clears risks resolved since. Keys come from the causes, not
// the clock, so ticking again (or in two workers) repeats nothing.
import { dateAtOffset } from './calendar-days.js';
import type { ContinuityRules, RiskCause } from './continuity-rules.js';
import { activeProgramsLedFrom } from './continuity-state.js';
import type { ContinuityState, PositionState, ProgramState } from './continuity-state.js';
import { continuityKeys, handoverStream, programStream } from './reaction.js';
import type { Reaction } from './reaction.js';
import { assessRisk } from './risk-assessment.js';
import type { Incoming } from './risk-assessment.js';
import { clearResolved } from './settle.js';
import { isActingOverLimit, vacancyDeadline } from './time-limits.js';

interface TimedRisk {
  readonly cause: RiskCause;
  readonly causeEventId: string;
  readonly correlationId: string;
  readonly key: (programId: string) => string;
  readonly incoming: Incoming | null;
  readonly reason: string;
}

const flagOnce = (state: ContinuityState, position: PositionState, risk: TimedRisk, today: string, rules: ContinuityRules): Reaction[] =>
  activeProgramsLedFrom(state, position.positionId)
    .filter((program: ProgramState) => !program.openFlags.some((f) => f.cause === risk.cause && f.causeEventId === risk.causeEventId))
    .map((program) => {
      const assessed = assessRisk({ state, program, position, cause: risk.cause, incoming: risk.incoming, rules });
      return {
        idempotencyKey: risk.key(program.programId),
        streamId: programStream(program.programId),
        event: {
          type: 'ProgramFlaggedAtRisk',
          data: {
            programId: program.programId, positionId: position.positionId, cause: risk.cause, causeEventId: risk.causeEventId,
            severity: assessed.severity, reasons: [risk.reason, ...assessed.reasons].slice(0, 20),
          },
        },
        effectiveAt: today,
        causationId: risk.causeEventId,
        correlationId: risk.correlationId,
      } satisfies Reaction;
    });

const vacancyRisks = (state: ContinuityState, position: PositionState, today: string, rules: ContinuityRules): Reaction[] => {
  const { uncovered } = position;
  if (uncovered === null) return [];
  const deadline = vacancyDeadline(uncovered, rules);
  if (today <= deadline) return [];
  return flagOnce(state, position, {
    cause: 'VACANT_NO_ACTING', causeEventId: uncovered.causeEventId, correlationId: uncovered.correlationId,
    key: (programId) => continuityKeys.vacant(uncovered.causeEventId, programId), incoming: null,
    reason: `${position.title}: uncovered since ${uncovered.since}, no Plt or Plh named by ${deadline}`,
  }, today, rules);
};

const actingRisks = (state: ContinuityState, position: PositionState, today: string, rules: ContinuityRules): Reaction[] =>
  position.acting.filter((tenure) => isActingOverLimit(tenure, today, rules)).flatMap((tenure) => flagOnce(state, position, {
    cause: 'ACTING_OVER_LIMIT', causeEventId: tenure.eventId, correlationId: tenure.correlationId,
    key: (programId) => continuityKeys.actingLimit(tenure.eventId, tenure.extensions, programId),
    incoming: { nip: tenure.nip, as: tenure.actingKind },
    reason: `${position.title}: ${tenure.actingKind} ${tenure.nip} acting since ${tenure.from}, past the limit`
      + (tenure.extensions > 0 ? ` after ${tenure.extensions} extension(s)` : ''),
  }, today, rules));

const escalations = (state: ContinuityState, today: string, rules: ContinuityRules): Reaction[] =>
  [...state.checklists.values()].flatMap((checklist) => {
    if (checklist.status !== 'OPEN' || checklist.escalated) return [];
    const overdueTaskIds = checklist.tasks
      .filter((t) => t.required && t.completedEventId === null && t.dueDate < today)
      .map((t) => t.taskId);
    if (overdueTaskIds.length === 0) return [];
    return [{
      idempotencyKey: continuityKeys.escalate(checklist.checklistId),
      streamId: handoverStream(checklist.checklistId),
      event: { type: 'HandoverEscalated', data: { checklistId: checklist.checklistId, overdueTaskIds, escalatedToRole: rules.escalateToRole } },
      effectiveAt: today,
      causationId: checklist.openedEventId,
      correlationId: checklist.correlationId,
    } satisfies Reaction];
  });

/** The time-rule reactions on the day `now` falls on in Jakarta. */
export const tick = (state: ContinuityState, now: Date, rules: ContinuityRules): Reaction[] => {
  const today = dateAtOffset(now, rules.utcOffsetMinutes);
  const reactions: Reaction[] = [];
  const flaggedPositions = new Set<string>();
  for (const position of state.positions.values()) {
    if (!position.isLeadership || position.abolished) continue;
    reactions.push(...vacancyRisks(state, position, today, rules), ...actingRisks(state, position, today, rules));
  }
  for (const program of state.programs.values()) for (const flag of program.openFlags) flaggedPositions.add(flag.positionId);
  reactions.push(...escalations(state, today, rules));
  reactions.push(...clearResolved(state, [...flaggedPositions].sort(), { eventId: null, today }, rules));
  return reactions;
};
