// Settling: closing a checklist whose required tasks are all done, and clearing a program's risk once every
// open flag on a position is resolved. Shared by react() (after each event) and tick() (as a sweep).
import type { ContinuityRules } from './continuity-rules.js';
import { causeKey, coverOf } from './continuity-state.js';
import type { ContinuityState, ProgramState, RiskFlag } from './continuity-state.js';
import { continuityKeys, handoverStream, programStream } from './reaction.js';
import type { Reaction } from './reaction.js';
import { isActingOverLimit } from './time-limits.js';

/** What prompted the settling: an event (react) or the clock (tick, eventId null). */
export interface SettleTrigger {
  readonly eventId: string | null;
  /** The day the decision is made: the event's recording date, or today. */
  readonly today: string;
}

export const closeIfDone = (state: ContinuityState, checklistId: string, trigger: SettleTrigger): Reaction[] => {
  const checklist = state.checklists.get(checklistId);
  if (checklist?.status !== 'OPEN' || checklist.tasks.some((t) => t.required && t.completedEventId === null)) return [];
  return [{
    idempotencyKey: continuityKeys.close(checklistId),
    streamId: handoverStream(checklistId),
    event: { type: 'HandoverChecklistClosed', data: { checklistId } },
    effectiveAt: trigger.today,
    causationId: trigger.eventId ?? checklist.openedEventId,
    correlationId: checklist.correlationId,
  }];
};

/** Why the flag no longer holds, or null while it still does. */
const resolution = (state: ContinuityState, program: ProgramState, flag: RiskFlag, today: string, rules: ContinuityRules): string | null => {
  if (program.status === 'CLOSED') return 'program closed';
  const position = state.positions.get(flag.positionId);
  if (!position || position.abolished) return 'position abolished';
  const cover = coverOf(state, position);
  switch (flag.cause) {
    case 'HOLDER_LEFT': {
      if (cover === null) return null;
      const checklistId = state.checklistByCause.get(causeKey(flag.causeEventId, flag.positionId));
      const checklist = checklistId === undefined ? undefined : state.checklists.get(checklistId);
      if (checklist?.status === 'OPEN') return null;
      const handover = checklist ? `; handover checklist ${checklist.checklistId} closed` : '';
      return `position held by ${cover.as === 'DEFINITIVE' ? 'definitive holder' : cover.as} ${cover.nip}${handover}`;
    }
    case 'VACANT_NO_ACTING':
      return cover === null ? null : `position covered by ${cover.as === 'DEFINITIVE' ? 'definitive holder' : cover.as} ${cover.nip}`;
    case 'ACTING_OVER_LIMIT': {
      const tenure = position.acting.find((a) => a.eventId === flag.causeEventId);
      if (tenure === undefined) return 'the acting appointment ended';
      return isActingOverLimit(tenure, today, rules) ? null : 'the acting appointment is within its limit again';
    }
  }
};

const clearProgram = (state: ContinuityState, program: ProgramState, positionId: string, trigger: SettleTrigger, rules: ContinuityRules): Reaction[] => {
  const flags = program.openFlags.filter((f) => f.positionId === positionId);
  const latest = flags[flags.length - 1];
  if (latest === undefined) return [];
  const resolutions: string[] = [];
  for (const flag of flags) {
    const resolved = resolution(state, program, flag, trigger.today, rules);
    if (resolved === null) return [];
    if (!resolutions.includes(resolved)) resolutions.push(resolved);
  }
  return [{
    idempotencyKey: continuityKeys.clear(program.programId, latest.eventId),
    streamId: programStream(program.programId),
    event: {
      type: 'ProgramRiskCleared',
      data: { programId: program.programId, positionId, resolution: resolutions.join('; ').slice(0, 300) },
    },
    effectiveAt: trigger.today,
    causationId: trigger.eventId ?? latest.eventId,
    correlationId: latest.correlationId,
  }];
};

/** Clears every program whose open flags on these positions are all resolved. */
export const clearResolved = (
  state: ContinuityState, positionIds: Iterable<string>, trigger: SettleTrigger, rules: ContinuityRules,
): Reaction[] => {
  const reactions: Reaction[] = [];
  for (const positionId of new Set(positionIds)) {
    const programIds = [...state.programsByPosition.get(positionId) ?? []].sort();
    for (const programId of programIds) {
      const program = state.programs.get(programId);
      if (program) reactions.push(...clearProgram(state, program, positionId, trigger, rules));
    }
  }
  return reactions;
};
