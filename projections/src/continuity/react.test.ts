// given(history).when(event).then(reactions) for react(): every kind of departure, severity, template choice,
// the training task, and the close-then-clear sequence.
import t from 'tap';
import { DomainEventSchema } from '@estafet/events';
import { NIP, dinasPendidikan, scenario } from './continuity-test-kit.js';
import type { Reaction } from './reaction.js';
import type { ContinuityOutput } from './reaction.js';

type Out<T extends ContinuityOutput['type']> = Extract<ContinuityOutput, { type: T }>;

const ofType = <T extends ContinuityOutput['type']>(reactions: readonly Reaction[], type: T): Out<T>[] =>
  reactions.map((r) => r.event).filter((e): e is Out<T> => e.type === type);

const SK_RECORDED = '2025-03-03T03:00:00.000Z';
const TMT = '2025-03-17';
const transferAway = { type: 'EmployeeTransferred', data: {
  nip: NIP.kadis, fromPositionId: 'kadis-pendidikan', toPositionId: 'kabid-sd', reason: 'ROTATION',
} } as const;

t.test('a Kepala Dinas transferred by an SK signed ahead of its TMT', (t) => {
  const s = dinasPendidikan();
  const { event, reactions } = s.when(transferAway, { effectiveAt: TMT, recordedAt: SK_RECORDED, correlationId: 'sk-800-2025' });

  t.equal(reactions[0]?.event.type, 'HandoverChecklistOpened', 'the checklist comes before the flags');
  const [checklist] = ofType(reactions, 'HandoverChecklistOpened');
  t.equal(checklist?.data.templateId, 'jpt-critical-program', 'JPT position leading a CRITICAL program');
  t.equal(checklist?.data.dueBy, TMT, 'due by the TMT');
  t.same(checklist?.data.programIds, ['kjp-plus', 'literasi']);
  t.equal(checklist?.data.outgoingNip, NIP.kadis);
  t.equal(checklist?.data.incomingNip, null);
  t.same(checklist?.data.tasks.map((task) => [task.taskId, task.dueDate]), [
    ['memorandum', '2025-03-17'], ['program-status', '2025-03-14'], ['budget-status', '2025-03-14'],
    ['open-complaints', '2025-03-15'], ['key-contacts', '2025-03-15'], ['system-access', '2025-03-17'],
    ['successor-briefing', '2025-03-17'],
  ]);

  const flags = ofType(reactions, 'ProgramFlaggedAtRisk');
  t.same(flags.map((f) => [f.data.programId, f.data.severity]), [['kjp-plus', 'CRITICAL'], ['literasi', 'MEDIUM']]);
  t.match(flags[0]?.data.reasons[0], /recorded ahead of its TMT 2025-03-17/);
  t.ok(flags[0]?.data.reasons.includes('no successor nominated (+1)'));
  t.ok(flags[0]?.data.reasons.includes('no new holder, Plt or Plh named (+1)'));

  for (const reaction of reactions) {
    t.equal(reaction.causationId, event.meta.eventId, 'caused by the move');
    t.equal(reaction.correlationId, 'sk-800-2025', 'correlated with the move');
    t.equal(reaction.effectiveAt, '2025-03-03', 'decided on the day the SK was recorded');
    t.ok(DomainEventSchema.safeParse(reaction.event).success, `${reaction.event.type} matches the catalogue`);
  }
  t.same(reactions.map((r) => r.streamId), [
    `handover-${checklist?.data.checklistId ?? ''}`, 'program-kjp-plus', 'program-literasi',
  ]);
  t.same(reactions.map((r) => r.idempotencyKey), [
    `continuity:checklist:${event.meta.eventId}:kadis-pendidikan`,
    `continuity:flag:${event.meta.eventId}:kjp-plus`, `continuity:flag:${event.meta.eventId}:literasi`,
  ]);
  t.same(s.when(transferAway, { effectiveAt: TMT }).reactions, [], 'a second transfer of someone no longer there is no departure');
  t.end();
});

t.test('a move recorded after its TMT (retroactive) flags the same way', (t) => {
  const { reactions } = dinasPendidikan().when(transferAway, { effectiveAt: '2025-02-03', recordedAt: '2025-03-03T03:00:00Z' });
  const flags = ofType(reactions, 'ProgramFlaggedAtRisk');
  t.equal(flags.length, 2);
  t.match(flags[0]?.data.reasons[0], /from 2025-02-03/);
  t.equal(ofType(reactions, 'HandoverChecklistOpened')[0]?.data.dueBy, '2025-02-03');
  t.end();
});

t.test('every kind of departure is a trigger', (t) => {
  const at = { effectiveAt: TMT };
  const cases = [
    ['promotion by transfer', { type: 'EmployeeTransferred', data: { ...transferAway.data, reason: 'PROMOTION' } }],
    ['assignment to another position', { type: 'PositionAssigned', data: { nip: NIP.kadis, positionId: 'staf-sd' } }],
    ['separation', { type: 'EmployeeSeparated', data: { nip: NIP.kadis, reason: 'RETIREMENT' } }],
    ['long leave', { type: 'LeaveStarted', data: { nip: NIP.kadis, leaveKind: 'BESAR', plannedEnd: '2025-06-17' } }],
  ] as const;
  for (const [name, event] of cases) {
    const { reactions } = dinasPendidikan().when(event, at);
    t.equal(ofType(reactions, 'ProgramFlaggedAtRisk').length, 2, `${name} flags both programs`);
    t.equal(ofType(reactions, 'HandoverChecklistOpened').length, 1, `${name} opens a checklist`);
  }
  const annual = dinasPendidikan().when({ type: 'LeaveStarted', data: { nip: NIP.kadis, leaveKind: 'TAHUNAN', plannedEnd: '2025-03-20' } }, at);
  t.same(annual.reactions, [], 'annual leave is not a handover');
  t.end();
});

t.test('the end of the only Plt is a trigger; the end of one of two is not', (t) => {
  const s = dinasPendidikan();
  s.run(transferAway, { effectiveAt: '2025-01-06' });
  s.given(
    [{ type: 'ActingAppointed', data: { nip: NIP.plt, positionId: 'kadis-pendidikan', actingKind: 'PLT', plannedEnd: '2025-04-06' } }, { effectiveAt: '2025-01-06' }],
    [{ type: 'ActingAppointed', data: { nip: NIP.successor, positionId: 'kadis-pendidikan', actingKind: 'PLH', plannedEnd: '2025-02-06' } }, { effectiveAt: '2025-01-20' }],
  );
  const first = s.when({ type: 'ActingEnded', data: { nip: NIP.successor, positionId: 'kadis-pendidikan', reason: 'COMPLETED' } }, { effectiveAt: '2025-02-06' });
  t.same(ofType(first.reactions, 'ProgramFlaggedAtRisk'), [], 'the Plt still covers');
  const last = s.when({ type: 'ActingEnded', data: { nip: NIP.plt, positionId: 'kadis-pendidikan', reason: 'REVOKED' } }, { effectiveAt: '2025-02-10' });
  const checklist = ofType(last.reactions, 'HandoverChecklistOpened')[0];
  t.equal(checklist?.data.outgoingNip, NIP.plt, 'the Plt hands over');
  const handedOn = dinasPendidikan();
  handedOn.run(transferAway, { effectiveAt: '2025-01-06' });
  handedOn.given([{ type: 'ActingAppointed', data: { nip: NIP.plt, positionId: 'kadis-pendidikan', actingKind: 'PLT', plannedEnd: '2025-04-06' } }, { effectiveAt: '2025-01-06' }]);
  const appointed = handedOn.when({ type: 'ActingEnded', data: { nip: NIP.plt, positionId: 'kadis-pendidikan', reason: 'DEFINITIVE_APPOINTED' } }, { effectiveAt: '2025-03-01' });
  t.same(ofType(appointed.reactions, 'HandoverChecklistOpened'), [], 'a Plt ended for a definitive appointment recorded next is no departure');
  t.equal(ofType(last.reactions, 'ProgramFlaggedAtRisk').filter((f) => f.data.causeEventId === last.event.meta.eventId).length, 2);
  t.end();
});

t.test('no trigger outside leadership positions or for closed programs', (t) => {
  const s = dinasPendidikan().given(
    [{ type: 'PositionAssigned', data: { nip: NIP.plt, positionId: 'staf-sd' } }, { effectiveAt: '2024-02-01' }],
    [{ type: 'ProgramClosed', data: { programId: 'literasi', outcome: 'completed' } }, { effectiveAt: '2024-12-31' }],
  );
  t.same(s.when({ type: 'EmployeeSeparated', data: { nip: NIP.plt, reason: 'RESIGNATION' } }, { effectiveAt: TMT }).reactions, []);
  const { reactions } = s.when(transferAway, { effectiveAt: TMT });
  t.same(ofType(reactions, 'ProgramFlaggedAtRisk').map((f) => f.data.programId), ['kjp-plus'], 'only the active program');
  t.end();
});

t.test('severity falls when a ready successor is nominated and a capable Plt is named', (t) => {
  const s = dinasPendidikan().given(
    [{ type: 'SuccessorNominated', data: { positionId: 'kadis-pendidikan', nip: NIP.successor, readiness: 'READY_NOW', talentBox: 9 } }, { effectiveAt: '2024-06-01' }],
    [{ type: 'TrainingCompleted', data: { nip: NIP.plt, courseCode: 'PKN-II', courseTitle: 'Pelatihan Kepemimpinan Nasional II', jpHours: 300, competenciesGranted: ['kepemimpinan-strategis'] } }, { effectiveAt: '2024-07-01' }],
    [{ type: 'CompetencyAssessed', data: { nip: NIP.plt, competency: 'manajemen-anggaran', level: 4, method: 'assessment center' } }, { effectiveAt: '2024-08-01' }],
    [{ type: 'ActingAppointed', data: { nip: NIP.plt, positionId: 'kadis-pendidikan', actingKind: 'PLT', plannedEnd: '2025-06-17' } }, { effectiveAt: TMT }],
  );
  const { reactions } = s.when(transferAway, { effectiveAt: TMT });
  const flags = ofType(reactions, 'ProgramFlaggedAtRisk');
  // KJP Plus: CRITICAL 3 + IMPLEMENTATION 1 = 4 -> HIGH; Literasi: 0 -> LOW.
  t.same(flags.map((f) => f.data.severity), ['HIGH', 'LOW']);
  t.ok(flags[0]?.data.reasons.some((r) => r.includes(`Plt ${NIP.plt} named and meets the required competencies`)));
  const checklist = ofType(reactions, 'HandoverChecklistOpened')[0];
  t.equal(checklist?.data.incomingNip, NIP.plt);
  t.notOk(checklist?.data.tasks.some((task) => task.taskId === 'training-incoming'), 'no gap, no training task');
  t.end();
});

t.test('an incoming holder with competency gaps raises severity and gets a training task', (t) => {
  const s = dinasPendidikan().given(
    [{ type: 'CompetencyAssessed', data: { nip: NIP.successor, competency: 'manajemen-anggaran', level: 2, method: 'uji kompetensi' } }, { effectiveAt: '2024-08-01' }],
    [{ type: 'PositionAssigned', data: { nip: NIP.successor, positionId: 'kadis-pendidikan' } }, { effectiveAt: TMT }],
  );
  const { reactions } = s.when(transferAway, { effectiveAt: TMT });
  const [kjp] = ofType(reactions, 'ProgramFlaggedAtRisk');
  t.ok(kjp?.data.reasons.includes(`new holder ${NIP.successor} lacks required competencies: kepemimpinan-strategis, manajemen-anggaran (+2)`));
  t.equal(kjp?.data.severity, 'CRITICAL', '3 + 1 + 1 (no successor) + 2 (gaps) = 7');
  const training = ofType(reactions, 'HandoverChecklistOpened')[0]?.data.tasks.find((task) => task.taskId === 'training-incoming');
  t.match(training, { title: 'Train the incoming holder in: kepemimpinan-strategis, manajemen-anggaran', required: false, dueDate: '2025-06-15', responsibleRole: 'bpsdm' });
  t.end();
});

t.test('the template follows position kind and program criticality', (t) => {
  const administrator = dinasPendidikan().given([{ type: 'ProgramRegistered', data: {
    programId: 'bos-sd', name: 'Dana BOS SD', unitId: 'dinas-pendidikan', leadingPositionId: 'kabid-sd',
    criticality: 'HIGH', phase: 'PROCUREMENT', periodStart: '2024-01-02', periodEnd: null,
  } }, { effectiveAt: '2024-01-03' }]).when({ type: 'EmployeeSeparated', data: { nip: NIP.other, reason: 'DEATH' } }, { effectiveAt: TMT });
  t.equal(ofType(administrator.reactions, 'HandoverChecklistOpened')[0]?.data.templateId, 'administrator-pengawas');
  t.equal(ofType(administrator.reactions, 'HandoverChecklistOpened')[0]?.data.dueBy, '2025-03-24');

  const lowOnly = dinasPendidikan().given([{ type: 'ProgramClosed', data: { programId: 'kjp-plus', outcome: 'moved to Bappeda' } }, { effectiveAt: '2024-12-01' }])
    .when(transferAway, { effectiveAt: TMT });
  t.equal(ofType(lowOnly.reactions, 'HandoverChecklistOpened')[0]?.data.templateId, 'jpt-standard', 'a JPT post with only a LOW program');

  const noPrograms = scenario().given(
    [{ type: 'PositionEstablished', data: { positionId: 'lurah-menteng', unitId: 'kel-menteng', title: 'Lurah Menteng', kind: 'PENGAWAS', eselon: 'IV.a', isLeadership: true, minimumGolongan: null, requiredCompetencies: [] } }, { effectiveAt: '2024-01-02' }],
    [{ type: 'PositionAssigned', data: { nip: NIP.other, positionId: 'lurah-menteng' } }, { effectiveAt: '2024-01-02' }],
  ).when({ type: 'EmployeeSeparated', data: { nip: NIP.other, reason: 'RESIGNATION' } }, { effectiveAt: TMT });
  const opened = ofType(noPrograms.reactions, 'HandoverChecklistOpened')[0];
  t.equal(opened?.data.templateId, 'administrator-pengawas', 'a leader without programs still hands over');
  t.same(opened?.data.programIds, []);
  t.end();
});

t.test('the checklist closes when its required tasks are done; the risk clears once a Plt is named', (t) => {
  const s = dinasPendidikan();
  const opened = s.run(transferAway, { effectiveAt: TMT, recordedAt: SK_RECORDED });
  const checklist = ofType(opened, 'HandoverChecklistOpened')[0];
  if (checklist === undefined) throw new Error('no checklist opened');
  const { checklistId, tasks } = checklist.data;
  const required = tasks.filter((task) => task.required);
  for (const [i, task] of required.entries()) {
    const done = s.run({ type: 'HandoverTaskCompleted', data: { checklistId, taskId: task.taskId, note: null } }, { effectiveAt: '2025-03-10' });
    const closes = ofType(done, 'HandoverChecklistClosed');
    t.equal(closes.length, i === required.length - 1 ? 1 : 0, `closed only after the last required task (${task.taskId})`);
  }
  t.equal(s.state.checklists.get(checklistId)?.status, 'CLOSED');
  t.equal(s.state.programs.get('kjp-plus')?.openFlags.length, 1, 'still at risk: nobody holds the position');

  const plt = s.run({ type: 'ActingAppointed', data: { nip: NIP.plt, positionId: 'kadis-pendidikan', actingKind: 'PLT', plannedEnd: '2025-06-17' } }, { effectiveAt: TMT });
  const clears = ofType(plt, 'ProgramRiskCleared');
  t.same(clears.map((c) => c.data.programId), ['kjp-plus', 'literasi']);
  t.match(clears[0]?.data.resolution, new RegExp(`held by PLT ${NIP.plt}; handover checklist ${checklistId} closed`));
  t.equal(s.state.programs.get('kjp-plus')?.openFlags.length, 0);
  t.end();
});

t.test('a named Plt alone does not clear the risk while the checklist is open', (t) => {
  const s = dinasPendidikan();
  s.run(transferAway, { effectiveAt: TMT });
  const plt = s.run({ type: 'ActingAppointed', data: { nip: NIP.plt, positionId: 'kadis-pendidikan', actingKind: 'PLT', plannedEnd: '2025-06-17' } }, { effectiveAt: TMT });
  t.same(ofType(plt, 'ProgramRiskCleared'), []);
  t.equal(s.state.programs.get('kjp-plus')?.openFlags.length, 1);
  t.end();
});

t.test('closing a program clears its open risk', (t) => {
  const s = dinasPendidikan();
  s.run(transferAway, { effectiveAt: TMT });
  const closed = s.run({ type: 'ProgramClosed', data: { programId: 'literasi', outcome: 'merged into KJP Plus' } }, { effectiveAt: '2025-03-20' });
  t.same(ofType(closed, 'ProgramRiskCleared').map((c) => [c.data.programId, c.data.resolution]), [['literasi', 'program closed']]);
  t.end();
});

t.test('react is deterministic: the same state and event give the same reactions', (t) => {
  const a = dinasPendidikan().when(transferAway, { effectiveAt: TMT, eventId: '0b5c5d2e-1111-4111-8111-111111111111' });
  const b = dinasPendidikan().when(transferAway, { effectiveAt: TMT, eventId: '0b5c5d2e-1111-4111-8111-111111111111' });
  t.same(a.reactions, b.reactions);
  t.end();
});
