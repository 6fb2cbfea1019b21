// given(handover stream).when(complete task).then(event | error) for the handover task decider.
import t from 'tap';
import type { DomainEvent } from '@estafet/events';
import { RuleViolationError } from '@estafet/ledger';
import { HandoverNotFoundError, decideCompleteTask, evolveHandover, initialHandoverState } from './complete-task-decider.js';

const opened: DomainEvent = { type: 'HandoverChecklistOpened', data: {
  checklistId: 'ho-1', positionId: 'kadis', programIds: ['kjp-plus'], outgoingNip: '197001012000031001', incomingNip: null,
  templateId: 'jpt-standard', dueBy: '2025-03-17', tasks: [
    { taskId: 'memorandum', title: 'Memori serah terima', responsibleRole: 'outgoing-holder', dueDate: '2025-03-17', required: true },
    { taskId: 'key-contacts', title: 'Key contacts', responsibleRole: 'outgoing-holder', dueDate: '2025-03-17', required: false },
  ],
} };

const thrown = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return null;
};

const given = (...events: DomainEvent[]) => events.reduce((state, event, i) => evolveHandover(state, event, `e-${i}`), initialHandoverState);

t.test('completing an open task records HandoverTaskCompleted', (t) => {
  t.same(decideCompleteTask(given(opened), { checklistId: 'ho-1', taskId: 'memorandum', note: 'ditandatangani' }), {
    type: 'HandoverTaskCompleted', data: { checklistId: 'ho-1', taskId: 'memorandum', note: 'ditandatangani' },
  });
  t.end();
});

t.test('an unknown checklist or task is not found', (t) => {
  const noChecklist = thrown(() => decideCompleteTask(initialHandoverState, { checklistId: 'ho-9', taskId: 'memorandum', note: null }));
  t.type(noChecklist, HandoverNotFoundError);
  t.match(noChecklist, { httpStatus: 404, message: 'handover checklist ho-9 is not recorded' });
  const noTask = thrown(() => decideCompleteTask(given(opened), { checklistId: 'ho-1', taskId: 'budget', note: null }));
  t.type(noTask, HandoverNotFoundError);
  t.match(noTask, { message: 'handover checklist ho-1 has no task budget' });
  t.end();
});

t.test('a task done already, or a closed checklist, is a rule violation', (t) => {
  const done = given(opened, { type: 'HandoverTaskCompleted', data: { checklistId: 'ho-1', taskId: 'memorandum', note: null } });
  const again = thrown(() => decideCompleteTask(done, { checklistId: 'ho-1', taskId: 'memorandum', note: null }));
  t.type(again, RuleViolationError);
  t.match(again, { rule: 'HANDOVER_TASK_ALREADY_COMPLETED', httpStatus: 409, conflictingEventId: 'e-1' });
  const closed = given(opened, { type: 'HandoverTaskCompleted', data: { checklistId: 'ho-1', taskId: 'memorandum', note: null } },
    { type: 'HandoverChecklistClosed', data: { checklistId: 'ho-1' } });
  const late = thrown(() => decideCompleteTask(closed, { checklistId: 'ho-1', taskId: 'key-contacts', note: null }));
  t.type(late, RuleViolationError);
  t.match(late, { rule: 'HANDOVER_CHECKLIST_CLOSED', httpStatus: 409 });
  t.end();
});
