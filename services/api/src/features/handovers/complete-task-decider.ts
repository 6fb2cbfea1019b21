// HR ticks a handover task: the checklist's own stream folded into what the decision needs, and the pure
// decision (emmett's shape: evolve + decide). Unknown checklist or task: 404; done or closed already: 409.
import type { DomainEvent, EventOfType } from '@estafet/events';
import { DomainError, RuleViolationError } from '@estafet/ledger';

export interface HandoverStreamState {
  readonly checklistId: string | null;
  /** Each task with the event that completed it (null while open). */
  readonly tasks: ReadonlyMap<string, { readonly required: boolean; readonly completedEventId: string | null }>;
  readonly closed: boolean;
}

export const initialHandoverState: HandoverStreamState = { checklistId: null, tasks: new Map(), closed: false };

/** An unknown checklist or task. Answered 404 by the route (the ledger's NotFoundError names other resources). */
export class HandoverNotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';
  readonly httpStatus = 404;
}

/** Folds one event of the checklist's stream; the stream holds nothing else, but a stray type changes nothing. */
export const evolveHandover = (state: HandoverStreamState, event: DomainEvent, eventId: string): HandoverStreamState => {
  if (event.type === 'HandoverChecklistOpened') {
    return {
      checklistId: event.data.checklistId,
      tasks: new Map(event.data.tasks.map((t) => [t.taskId, { required: t.required, completedEventId: null }])),
      closed: false,
    };
  }
  if (event.type === 'HandoverTaskCompleted') {
    const task = state.tasks.get(event.data.taskId);
    if (task === undefined || task.completedEventId !== null) return state;
    return { ...state, tasks: new Map([...state.tasks, [event.data.taskId, { ...task, completedEventId: eventId }]]) };
  }
  if (event.type === 'HandoverChecklistClosed') return { ...state, closed: true };
  return state;
};

export interface CompleteHandoverTask {
  readonly checklistId: string;
  readonly taskId: string;
  readonly note: string | null;
}

export const decideCompleteTask = (
  state: HandoverStreamState, command: CompleteHandoverTask,
): EventOfType<'HandoverTaskCompleted'> => {
  if (state.checklistId === null) throw new HandoverNotFoundError(`handover checklist ${command.checklistId} is not recorded`);
  const task = state.tasks.get(command.taskId);
  if (task === undefined) {
    throw new HandoverNotFoundError(`handover checklist ${command.checklistId} has no task ${command.taskId}`);
  }
  if (task.completedEventId !== null) {
    throw new RuleViolationError('HANDOVER_TASK_ALREADY_COMPLETED',
      `task ${command.taskId} of handover checklist ${command.checklistId} is already completed`, task.completedEventId);
  }
  if (state.closed) {
    throw new RuleViolationError('HANDOVER_CHECKLIST_CLOSED', `handover checklist ${command.checklistId} is closed`);
  }
  return { type: 'HandoverTaskCompleted', data: command };
};
