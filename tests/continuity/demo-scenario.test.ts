// The demo scenario end to end, through the real store, command handler, continuity process, projection runner
// and API: a Kepala Dinas is transferred by an SK signed before its TMT. The program is flagged when the SK is
// recorded, a checklist opens due by the TMT, a Plt is appointed, tasks are ticked, and the risk clears.
import t from 'tap';
import { z } from 'zod';
import { StoredEventSchema } from '@estafet/events';
import { bearer, get, send } from '../api/helper.js';
import { NIP_BUDI, NIP_SITI, employeeBody, unitBody } from '../api/fixtures.js';
import { HandoverDetailSchema, HandoverListSchema } from '../../services/api/src/features/handovers/handover-schemas.js';
import { ProgramDetailSchema, ProgramListSchema } from '../../services/api/src/features/programs-query/program-query-schemas.js';
import { startHarness } from './continuity-harness.js';
import type { Harness } from './continuity-harness.js';

const GOVERNOR = 'Gubernur Provinsi DKI Jakarta';
const KADIS = 'kadis-pendidikan';
const TMT = '2025-03-17';
const TRANSFER_SK = { skNumber: '800.1.3.1/0217/2025', skDate: '2025-02-28', signedBy: GOVERNOR };
const PLT_SK = { skNumber: '800.1.3.3/0301/2025', skDate: '2025-03-14', signedBy: GOVERNOR };

const CommandEvents = z.object({ events: z.array(z.unknown()).min(1) });

const recorded = async (h: Harness, url: string, body: unknown): Promise<string> => {
  const response = await send(h.app, url, body);
  if (response.statusCode !== 201) throw new Error(`${url} answered ${response.statusCode}: ${response.body}`);
  return StoredEventSchema.parse(CommandEvents.parse(response.json()).events[0]).eventId;
};

const seed = async (h: Harness): Promise<void> => {
  await recorded(h, '/units', unitBody);
  await recorded(h, '/units', { unitId: 'biro-organisasi', name: 'Biro Organisasi dan Reformasi Birokrasi', kind: 'BIRO', parentUnitId: null, effectiveAt: '2020-01-01', legalBasis: null });
  await recorded(h, '/positions', {
    positionId: KADIS, unitId: 'dinas-pendidikan', title: 'Kepala Dinas Pendidikan', kind: 'JPT_PRATAMA', isLeadership: true,
    minimumGolongan: null, requiredCompetencies: ['kepemimpinan-strategis'], effectiveAt: '2020-01-01',
  });
  await recorded(h, '/positions', {
    positionId: 'karo-organisasi', unitId: 'biro-organisasi', title: 'Kepala Biro Organisasi', kind: 'JPT_PRATAMA', isLeadership: true,
    minimumGolongan: null, requiredCompetencies: [], effectiveAt: '2020-01-01',
  });
  await recorded(h, '/employees', employeeBody(NIP_BUDI));
  await recorded(h, '/employees', employeeBody(NIP_SITI));
  await recorded(h, `/employees/${NIP_BUDI}/assignments`, { positionId: KADIS, effectiveAt: '2023-01-02', legalBasis: { ...TRANSFER_SK, skNumber: '821.2/0001/2022', skDate: '2022-12-20' } });
  await recorded(h, '/programs', {
    programId: 'kjp-plus', name: 'Kartu Jakarta Pintar Plus', unitId: 'dinas-pendidikan', leadingPositionId: KADIS,
    criticality: 'CRITICAL', phase: 'IMPLEMENTATION', periodStart: '2025-01-01', periodEnd: '2025-12-31', effectiveAt: '2025-01-02',
  });
};

const json = async <T>(h: Harness, url: string, schema: z.ZodType<T>, role: 'hr' | 'analyst' | 'auditor' = 'hr'): Promise<T> => {
  const response = await get(h.app, url, role);
  if (response.statusCode !== 200) throw new Error(`GET ${url} answered ${response.statusCode}: ${response.body}`);
  return schema.parse(response.json());
};

t.test('a Kepala Dinas transferred by an SK signed before its TMT', async (t) => {
  const h = await startHarness(t, '2025-02-27T03:00:00.000Z');
  await seed(h);
  await h.settle();
  t.same((await json(h, '/programs?atRisk=true', ProgramListSchema)).programs, [], 'nothing at risk before the move');

  // 1. The SK is recorded on 3 March; the TMT is 17 March.
  h.setNow('2025-03-03T03:00:00.000Z');
  const transferId = await recorded(h, `/employees/${NIP_BUDI}/transfers`, {
    toPositionId: 'karo-organisasi', reason: 'ROTATION', effectiveAt: TMT, legalBasis: TRANSFER_SK,
  });
  await h.settle();

  const atRisk = await json(h, '/programs?atRisk=true&unit=dinas-pendidikan', ProgramListSchema, 'analyst');
  t.match(atRisk.programs, [{ programId: 'kjp-plus', atRisk: true, openFlags: 1, highestSeverity: 'CRITICAL' }], 'flagged when the SK is recorded');
  t.same((await json(h, '/programs?atRisk=true&unit=biro-organisasi', ProgramListSchema)).programs, [], 'the unit filter');
  const program = await json(h, '/programs/kjp-plus', ProgramDetailSchema);
  t.match(program.riskHistory, [{ kind: 'FLAGGED', cause: 'HOLDER_LEFT', causeEventId: transferId, severity: 'CRITICAL' }]);
  t.match(program.riskHistory[0]?.reasons[0], /recorded ahead of its TMT 2025-03-17/);

  const open = await json(h, '/handovers?status=open&unit=dinas-pendidikan', HandoverListSchema);
  t.equal(open.handovers.length, 1, 'one checklist opened');
  const checklistId = open.handovers[0]?.checklistId ?? '';
  const detail = await json(h, `/handovers/${checklistId}`, HandoverDetailSchema, 'auditor');
  t.match(detail.handover, {
    positionId: KADIS, positionTitle: 'Kepala Dinas Pendidikan', dueBy: TMT, status: 'open', overdue: false,
    outgoingNip: NIP_BUDI, incomingNip: null, templateId: 'jpt-critical-program', programIds: ['kjp-plus'],
  });
  t.ok(detail.tasks.every((task) => task.dueDate <= TMT && task.status === 'pending'), 'every task due by the TMT');
  t.match(detail.causation, { eventId: transferId, type: 'EmployeeTransferred', effectiveAt: TMT, legalBasis: TRANSFER_SK });

  // 2. The auditor walks from the checklist to the SK of the move through the event log.
  const opened = StoredEventSchema.parse((await get(h.app, `/events/${detail.handover.openedEventId}`)).json());
  t.same(opened.actor, { id: 'system:continuity', role: 'system' });
  t.equal(opened.causationId, transferId);
  const move = StoredEventSchema.parse((await get(h.app, `/events/${opened.causationId ?? ''}`)).json());
  t.equal(move.type, 'EmployeeTransferred');
  t.same(move.legalBasis, TRANSFER_SK, 'the SK of the move that opened the checklist');
  t.equal(opened.correlationId, move.correlationId, 'the handover shares the move\'s correlation');

  // 3. A Plt is appointed from the TMT; the risk stays while the handover is open.
  await recorded(h, `/positions/${KADIS}/acting-appointments`, {
    nip: NIP_SITI, actingKind: 'PLT', plannedEnd: '2025-06-16', effectiveAt: TMT, legalBasis: PLT_SK,
  });
  await h.settle();
  t.equal((await json(h, '/programs?atRisk=true', ProgramListSchema)).programs.length, 1, 'a Plt alone does not clear it');

  // 4. The day after the TMT two tasks are still open: the checklist is overdue and escalated once.
  h.setNow('2025-03-18T03:00:00.000Z');
  const required = detail.tasks.filter((task) => task.required);
  for (const task of required.slice(0, -2)) {
    const done = await send(h.app, `/handovers/${checklistId}/tasks/${task.taskId}/complete`, { note: `${task.taskId} diserahkan` });
    t.equal(done.statusCode, 201, done.body);
  }
  await h.settle();
  t.match((await json(h, '/handovers?status=overdue', HandoverListSchema)).handovers, [{ checklistId, overdue: true }]);
  t.equal(await h.process.tick(), 1, 'one escalation');
  t.equal(await h.process.tick(), 0, 'and only one');
  await h.settle();
  const overdue = await json(h, `/handovers/${checklistId}`, HandoverDetailSchema);
  t.equal(overdue.handover.escalated, true);
  t.same(overdue.tasks.filter((task) => task.status === 'overdue').map((task) => task.taskId), required.slice(-2).map((task) => task.taskId));

  // 5. The refusals: unknown checklist or task 404, done twice 409, not HR 403.
  const first = required[0]?.taskId ?? '';
  t.equal((await send(h.app, `/handovers/ho-unknown/tasks/${first}/complete`, {})).statusCode, 404);
  t.equal((await send(h.app, `/handovers/${checklistId}/tasks/no-such-task/complete`, {})).statusCode, 404);
  const twice = await send(h.app, `/handovers/${checklistId}/tasks/${first}/complete`, {});
  t.equal(twice.statusCode, 409);
  t.match(twice.json(), { error: 'rule-violation', rule: 'HANDOVER_TASK_ALREADY_COMPLETED' });
  t.equal((await send(h.app, `/handovers/${checklistId}/tasks/${first}/complete`, {}, { role: 'analyst' })).statusCode, 403);

  // 6. The last required tasks: the process closes the checklist and clears the risk.
  for (const task of required.slice(-2)) {
    const done = await h.app.inject({
      method: 'POST', url: `/handovers/${checklistId}/tasks/${task.taskId}/complete`,
      headers: { ...bearer('hr'), 'idempotency-key': `tick-${task.taskId}` },
    });
    t.equal(done.statusCode, 201, `${task.taskId} without a body: ${done.body}`);
  }
  await h.settle();
  const closed = await json(h, `/handovers/${checklistId}`, HandoverDetailSchema);
  t.match(closed.handover, { status: 'closed', overdue: false, tasksDone: required.length });
  t.match((await json(h, '/handovers?status=closed', HandoverListSchema)).handovers, [{ checklistId }]);
  t.same((await json(h, '/programs?atRisk=true', ProgramListSchema)).programs, [], 'the risk cleared');
  const history = (await json(h, '/programs/kjp-plus', ProgramDetailSchema)).riskHistory;
  t.match(history, [{ kind: 'FLAGGED', clearedByEventId: history[1]?.eventId }, { kind: 'CLEARED' }]);
  t.match(history[1]?.resolution, new RegExp(`held by PLT ${NIP_SITI}; handover checklist ${checklistId} closed`));

  const again = await send(h.app, `/handovers/${checklistId}/tasks/key-contacts/complete`, {});
  t.equal(again.statusCode, 409, 'a closed checklist takes no more ticks');
  const retried = await h.app.inject({
    method: 'POST', url: `/handovers/${checklistId}/tasks/${required.at(-1)?.taskId ?? ''}/complete`,
    headers: { ...bearer('hr'), 'idempotency-key': `tick-${required.at(-1)?.taskId ?? ''}` },
  });
  t.equal(retried.statusCode, 200, 'a retry with its Idempotency-Key answers the original event');

  const continuity = await h.store.readAll({ actorId: 'system:continuity' });
  t.same(continuity.map((e) => e.type), [
    'HandoverChecklistOpened', 'ProgramFlaggedAtRisk', 'HandoverEscalated', 'HandoverChecklistClosed', 'ProgramRiskCleared',
  ], 'each reaction recorded exactly once');
});
