// The continuity read-model projection over a scenario's log: a risk flagged and cleared, a checklist
// opened, ticked and closed; a correction of a program refolds it; replaying twice gives the same rows.
import t from 'tap';
import fc from 'fast-check';
import { createMemoryRows, replayInMemory } from '../memory-rows.js';
import type { ProjectedEvent } from '../projected-event.js';
import type { LoggedEvent } from './continuity-event.js';
import { NIP, dinasPendidikan } from './continuity-test-kit.js';
import type { Scenario } from './continuity-test-kit.js';
import { continuityProjection } from './continuity-projection.js';
import { continuityHandoverTasks, continuityHandovers, continuityPrograms, continuityRisks } from './continuity-tables.js';

const projected = (logged: LoggedEvent): ProjectedEvent => {
  const { meta, ...event } = logged;
  return {
    event, eventId: meta.eventId, position: meta.globalPosition, streamId: meta.streamId, alsoIn: [],
    effectiveAt: meta.effectiveAt, recordedAt: meta.recordedAt, legalBasis: null,
  };
};

const demo = (): Scenario => {
  const s = dinasPendidikan();
  const opened = s.run({ type: 'EmployeeTransferred', data: {
    nip: NIP.kadis, fromPositionId: 'kadis-pendidikan', toPositionId: 'kabid-sd', reason: 'ROTATION',
  } }, { effectiveAt: '2025-03-17', recordedAt: '2025-03-03T03:00:00.000Z' });
  const checklist = opened.map((r) => r.event).find((e) => e.type === 'HandoverChecklistOpened');
  if (checklist?.type !== 'HandoverChecklistOpened') throw new Error('no checklist');
  for (const task of checklist.data.tasks.filter((x) => x.required)) {
    s.run({ type: 'HandoverTaskCompleted', data: { checklistId: checklist.data.checklistId, taskId: task.taskId, note: 'selesai' } }, { effectiveAt: '2025-03-10' });
  }
  s.run({ type: 'ActingAppointed', data: { nip: NIP.plt, positionId: 'kadis-pendidikan', actingKind: 'PLT', plannedEnd: '2025-06-17' } }, { effectiveAt: '2025-03-17' });
  return s;
};

t.test('risk history and a closed handover in the read model', (t) => {
  const s = demo();
  const rows = replayInMemory(continuityProjection, s.history.map(projected));
  const kjp = rows.get(continuityPrograms, 'kjp-plus');
  t.match(kjp, { status: 'ACTIVE', openFlags: 0, highestSeverity: null, atRiskSince: null, unitId: 'dinas-pendidikan' });
  const risks = rows.find(continuityRisks, 'byProgram', ['kjp-plus']).sort((a, b) => a.position - b.position);
  t.same(risks.map((r) => [r.kind, r.severity, r.clearedByEventId === risks[1]?.eventId]), [['FLAGGED', 'CRITICAL', true], ['CLEARED', null, false]]);
  const [handover] = s.state.checklists.values();
  const row = rows.get(continuityHandovers, handover?.checklistId ?? '');
  t.match(row, { status: 'CLOSED', positionTitle: 'Kepala Dinas Pendidikan', unitId: 'dinas-pendidikan', tasksTotal: 7, tasksDone: 7, nextRequiredDue: null });
  t.equal(rows.find(continuityHandoverTasks, 'byChecklist', [handover?.checklistId ?? '']).filter((x) => x.note === 'selesai').length, 7);
  t.end();
});

t.test('an open flag shows as at risk with its highest severity', (t) => {
  const s = dinasPendidikan();
  s.run({ type: 'EmployeeSeparated', data: { nip: NIP.kadis, reason: 'RETIREMENT' } }, { effectiveAt: '2025-03-17' });
  const rows = replayInMemory(continuityProjection, s.history.map(projected));
  t.match(rows.get(continuityPrograms, 'kjp-plus'), { openFlags: 1, highestSeverity: 'CRITICAL', atRiskSince: '2025-03-17T05:00:00.000Z' });
  t.match(rows.get(continuityPrograms, 'literasi'), { openFlags: 1, highestSeverity: 'MEDIUM' });
  const [handover] = s.state.checklists.values();
  t.match(rows.get(continuityHandovers, handover?.checklistId ?? ''), { status: 'OPEN', tasksDone: 0, nextRequiredDue: '2025-03-14' });
  t.end();
});

t.test('a corrected program registration is refolded, its risk kept', (t) => {
  const s = dinasPendidikan();
  s.run({ type: 'EmployeeSeparated', data: { nip: NIP.kadis, reason: 'RETIREMENT' } }, { effectiveAt: '2025-03-17' });
  const events = s.history.map(projected);
  const registration = events.find((e) => e.event.type === 'ProgramRegistered' && e.event.data.programId === 'kjp-plus');
  if (registration?.event.type !== 'ProgramRegistered') throw new Error('no registration');
  const correction: ProjectedEvent = {
    event: { type: 'EventCorrected', data: {
      targetEventId: registration.eventId, reason: 'criticality was entered wrongly',
      replacementData: { ...registration.event.data, criticality: 'HIGH', name: 'KJP Plus 2025' },
    } },
    eventId: '5f0c1d2e-2222-4222-8222-222222222222', position: events.length + 1, streamId: 'program-kjp-plus', alsoIn: [],
    effectiveAt: '2025-03-20', recordedAt: '2025-03-20T05:00:00.000Z', legalBasis: null,
  };
  const withRegistration = { ...registration, streamId: 'program-kjp-plus' };
  const log = [...events.map((e) => (e.eventId === registration.eventId ? withRegistration : e)), correction];
  const rows = replayInMemory(continuityProjection, log);
  t.match(rows.get(continuityPrograms, 'kjp-plus'), { name: 'KJP Plus 2025', criticality: 'HIGH', openFlags: 1, highestSeverity: 'CRITICAL' });
  t.end();
});

t.test('replaying the same log twice gives the same rows', (t) => {
  fc.assert(fc.property(fc.integer({ min: 1, max: 12 }), (cut) => {
    const events = demo().history.map(projected).slice(0, cut * 4);
    const once = createMemoryRows();
    const twice = createMemoryRows();
    replayInMemory(continuityProjection, events, once);
    replayInMemory(continuityProjection, events, twice);
    t.same(once.dump(), twice.dump());
  }), { numRuns: 12 });
  t.end();
});
