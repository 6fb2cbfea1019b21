// react(state, event, rules): what the continuity process appends in answer to one event, decided on the
// state after that event was folded. A leader's departure flags the programs led from the post and opens a
// handover checklist; completions close checklists; cover and closed checklists clear risks.
import { addDays, dateAtOffset } from './calendar-days.js';
import type { LoggedEvent } from './continuity-event.js';
import type { ContinuityRules } from './continuity-rules.js';
import { activeProgramsLedFrom, coverOf } from './continuity-state.js';
import type { ContinuityState, Departure, PositionState } from './continuity-state.js';
import { checklistIdFor } from './deterministic-id.js';
import { chooseTemplate, mostCritical } from './handover-templates.js';
import { continuityKeys, handoverStream, programStream } from './reaction.js';
import type { Reaction } from './reaction.js';
import { assessRisk, competencyGaps } from './risk-assessment.js';
import type { Incoming } from './risk-assessment.js';
import { clearResolved, closeIfDone } from './settle.js';
import type { SettleTrigger } from './settle.js';

const MAX_TITLE = 200;

const openChecklist = (
  state: ContinuityState, event: LoggedEvent, departure: Departure, position: PositionState, incoming: Incoming | null,
  today: string, rules: ContinuityRules,
): Reaction[] => {
  const programs = activeProgramsLedFrom(state, position.positionId);
  const template = chooseTemplate(rules.templates, position.kind, mostCritical(programs.map((p) => p.criticality)));
  if (template === null) return [];
  const key = continuityKeys.checklist(event.meta.eventId, position.positionId);
  const checklistId = checklistIdFor(key);
  const tmt = departure.effectiveAt;
  const tasks = template.tasks.map(({ dueOffsetDays, ...task }) => ({ ...task, dueDate: addDays(tmt, dueOffsetDays) }));
  const gaps = incoming === null ? [] : competencyGaps(state, incoming.nip, position, rules);
  if (gaps.length > 0) {
    const { dueOffsetDays, responsibleRole, required } = rules.trainingTask;
    tasks.push({
      taskId: 'training-incoming', title: `Train the incoming holder in: ${gaps.join(', ')}`.slice(0, MAX_TITLE),
      responsibleRole, dueDate: addDays(tmt, dueOffsetDays), required,
    });
  }
  return [{
    idempotencyKey: key,
    streamId: handoverStream(checklistId),
    event: {
      type: 'HandoverChecklistOpened',
      data: {
        checklistId, positionId: position.positionId, programIds: programs.map((p) => p.programId),
        outgoingNip: departure.nip, incomingNip: incoming?.nip ?? null, templateId: template.templateId,
        dueBy: addDays(tmt, template.dueByOffsetDays), tasks,
      },
    },
    effectiveAt: today,
    causationId: event.meta.eventId,
    correlationId: event.meta.correlationId,
  }];
};

const DEPARTURE_WORDS: Record<Departure['kind'], string> = {
  TRANSFER: 'transferred away', PROMOTION: 'promoted away', REASSIGNED: 'assigned to another position',
  SEPARATION: 'separated from service', LONG_LEAVE: 'on long leave', ACTING_ENDED: 'acting appointment ended',
};

const flagPrograms = (
  state: ContinuityState, event: LoggedEvent, departure: Departure, position: PositionState, incoming: Incoming | null,
  today: string, rules: ContinuityRules,
): Reaction[] => {
  const timing = departure.effectiveAt > today ? `, recorded ahead of its TMT ${departure.effectiveAt}` : ` from ${departure.effectiveAt}`;
  const what = `${position.title}: ${departure.nip} ${DEPARTURE_WORDS[departure.kind]}${timing}`;
  return activeProgramsLedFrom(state, position.positionId).map((program) => {
    const risk = assessRisk({ state, program, position, cause: 'HOLDER_LEFT', incoming, rules });
    return {
      idempotencyKey: continuityKeys.flag(event.meta.eventId, program.programId),
      streamId: programStream(program.programId),
      event: {
        type: 'ProgramFlaggedAtRisk',
        data: {
          programId: program.programId, positionId: position.positionId, cause: 'HOLDER_LEFT',
          causeEventId: event.meta.eventId, severity: risk.severity, reasons: [what, ...risk.reasons].slice(0, 20),
        },
      },
      effectiveAt: today,
      causationId: event.meta.eventId,
      correlationId: event.meta.correlationId,
    };
  });
};

/** The checklist first: a flag folded before its checklist exists could otherwise be cleared on cover alone. */
const reactToDeparture = (state: ContinuityState, event: LoggedEvent, departure: Departure, today: string, rules: ContinuityRules): Reaction[] => {
  const position = state.positions.get(departure.positionId);
  if (!position) return [];
  const incoming = coverOf(state, position);
  return [
    ...openChecklist(state, event, departure, position, incoming, today, rules),
    ...flagPrograms(state, event, departure, position, incoming, today, rules),
  ];
};

/** Positions whose open flags this event may resolve. */
const touchedPositions = (state: ContinuityState, event: LoggedEvent): string[] => {
  const departed = (state.departures.get(event.meta.eventId) ?? []).map((d) => d.positionId);
  switch (event.type) {
    case 'PositionEstablished': case 'PositionReclassified': case 'PositionAbolished': case 'PositionAssigned':
    case 'ActingAppointed': case 'ActingExtended': case 'ActingEnded': case 'ProgramFlaggedAtRisk':
    case 'HandoverChecklistOpened':
      return [event.data.positionId, ...departed];
    case 'EmployeeTransferred':
      return [event.data.fromPositionId, event.data.toPositionId, ...departed];
    case 'LeaveStarted': case 'LeaveEnded': case 'EmployeeSeparated': {
      const positionId = state.employees.get(event.data.nip)?.positionId;
      return [...(positionId == null ? [] : [positionId]), ...departed];
    }
    case 'ProgramClosed': {
      const program = state.programs.get(event.data.programId);
      return program ? [program.leadingPositionId, ...program.openFlags.map((f) => f.positionId)] : [];
    }
    case 'HandoverChecklistClosed': {
      const positionId = state.checklists.get(event.data.checklistId)?.positionId;
      return positionId === undefined ? [] : [positionId];
    }
    case 'TrainingCompleted': case 'CompetencyAssessed': case 'SuccessorNominated': case 'ProgramRegistered':
    case 'ProgramPhaseChanged': case 'ProgramRiskCleared': case 'HandoverTaskCompleted': case 'HandoverEscalated':
      return [];
  }
};

/**
 * The reactions to `event`, given the state with `event` already folded in. Deterministic: "today" is the
 * date the event was recorded, so a replay decides exactly as the first run did.
 */
export const react = (state: ContinuityState, event: LoggedEvent, rules: ContinuityRules): Reaction[] => {
  const today = dateAtOffset(event.meta.recordedAt, rules.utcOffsetMinutes);
  const trigger: SettleTrigger = { eventId: event.meta.eventId, today };
  const reactions: Reaction[] = [];
  for (const departure of state.departures.get(event.meta.eventId) ?? []) {
    reactions.push(...reactToDeparture(state, event, departure, today, rules));
  }
  if (event.type === 'HandoverChecklistOpened' || event.type === 'HandoverTaskCompleted') {
    reactions.push(...closeIfDone(state, event.data.checklistId, trigger));
  }
  reactions.push(...clearResolved(state, touchedPositions(state, event), trigger, rules));
  return reactions;
};
