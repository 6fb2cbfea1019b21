// The program half of the continuity fold: programs and the position each is led from, their open risk
// flags, and handover checklists with the state of every task.
import type { LoggedEvent } from './continuity-event.js';
import { causeKey } from './continuity-state.js';
import type { ChecklistState, ContinuityState, ProgramState } from './continuity-state.js';

const updateProgram = (state: ContinuityState, programId: string, change: (p: ProgramState) => Partial<ProgramState>): void => {
  const current = state.programs.get(programId);
  if (current) state.programs.set(programId, { ...current, ...change(current) });
};

const updateChecklist = (state: ContinuityState, checklistId: string, change: (c: ChecklistState) => Partial<ChecklistState>): void => {
  const current = state.checklists.get(checklistId);
  if (current) state.checklists.set(checklistId, { ...current, ...change(current) });
};

/** Folds one program or continuity event; people and organisation events are evolvePeople's part. */
export const evolvePrograms = (state: ContinuityState, event: LoggedEvent): void => {
  switch (event.type) {
    case 'ProgramRegistered': {
      const { programId, name, unitId, leadingPositionId, criticality, phase } = event.data;
      const previous = state.programs.get(programId);
      if (previous) state.programsByPosition.get(previous.leadingPositionId)?.delete(programId);
      state.programs.set(programId, {
        programId, name, unitId, leadingPositionId, criticality, phase, status: 'ACTIVE', openFlags: previous?.openFlags ?? [],
      });
      const led = state.programsByPosition.get(leadingPositionId) ?? new Set<string>();
      state.programsByPosition.set(leadingPositionId, led.add(programId));
      return;
    }
    case 'ProgramPhaseChanged':
      updateProgram(state, event.data.programId, () => ({ phase: event.data.phase }));
      return;
    case 'ProgramClosed':
      updateProgram(state, event.data.programId, () => ({ status: 'CLOSED' }));
      return;
    case 'ProgramFlaggedAtRisk': {
      const { positionId, cause, causeEventId, severity, reasons } = event.data;
      const flag = { eventId: event.meta.eventId, positionId, cause, causeEventId, severity, reasons, correlationId: event.meta.correlationId };
      updateProgram(state, event.data.programId, (p) => ({ openFlags: [...p.openFlags, flag] }));
      return;
    }
    case 'ProgramRiskCleared':
      // A clear settles every open flag the program has on that position: it is no longer at risk from it.
      updateProgram(state, event.data.programId, (p) => ({
        openFlags: p.openFlags.filter((f) => f.positionId !== event.data.positionId),
      }));
      return;
    case 'HandoverChecklistOpened': {
      const { checklistId, positionId, programIds, dueBy, tasks } = event.data;
      state.checklists.set(checklistId, {
        checklistId, openedEventId: event.meta.eventId, positionId, programIds, causeEventId: event.meta.causationId, correlationId: event.meta.correlationId,
        dueBy, tasks: tasks.map((t) => ({ ...t, completedEventId: null })), status: 'OPEN', escalated: false,
      });
      if (event.meta.causationId !== null) state.checklistByCause.set(causeKey(event.meta.causationId, positionId), checklistId);
      return;
    }
    case 'HandoverTaskCompleted':
      updateChecklist(state, event.data.checklistId, (c) => ({
        tasks: c.tasks.map((t) => (t.taskId === event.data.taskId && t.completedEventId === null
          ? { ...t, completedEventId: event.meta.eventId } : t)),
      }));
      return;
    case 'HandoverChecklistClosed':
      updateChecklist(state, event.data.checklistId, () => ({ status: 'CLOSED' }));
      return;
    case 'HandoverEscalated':
      updateChecklist(state, event.data.checklistId, () => ({ escalated: true }));
      return;
    case 'PositionEstablished': case 'PositionReclassified': case 'PositionAbolished': case 'PositionAssigned':
    case 'EmployeeTransferred': case 'ActingAppointed': case 'ActingExtended': case 'ActingEnded': case 'LeaveStarted':
    case 'LeaveEnded': case 'EmployeeSeparated': case 'TrainingCompleted': case 'CompetencyAssessed': case 'SuccessorNominated':
      return;
  }
};
