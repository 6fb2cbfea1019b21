// The employee timeline: positions with decrees, acting roles, ranks, leave, trainings and separation; a
// retracted promotion disappears now but stays in the view as known before the retraction.
import t from 'tap';
import { createLog, NIP_A, seedOrganisation, SK } from '../projection-test-kit.js';
import { createMemoryRows, replayInMemory } from '../memory-rows.js';
import { orgChartProjection } from '../org-chart/org-chart-projection.js';
import { employeeTimelineProjection } from './timeline-projection.js';
import { queryEmployeeTimeline } from './timeline-query.js';

t.test('a career, facet by facet', async (t) => {
  const log = createLog();
  seedOrganisation(log);
  log.add({ type: 'PositionAssigned', data: { nip: NIP_A, positionId: 'sekdis-a' } }, '2021-01-04');
  log.add({ type: 'TrainingCompleted', data: { nip: NIP_A, courseCode: 'PKA', courseTitle: 'Pelatihan Kepemimpinan Administrator', jpHours: 160, competenciesGranted: [] } }, '2021-05-01', { legalBasis: null });
  const promotion = log.add({ type: 'RankPromoted', data: { nip: NIP_A, fromGolongan: 'III/a', toGolongan: 'III/b', kind: 'REGULER' } }, '2022-04-01');
  log.add({ type: 'LeaveStarted', data: { nip: NIP_A, leaveKind: 'BESAR', plannedEnd: '2022-09-01' } }, '2022-06-01', { legalBasis: null });
  log.add({ type: 'LeaveEnded', data: { nip: NIP_A } }, '2022-08-15', { legalBasis: null });
  log.add({ type: 'ActingAppointed', data: { nip: NIP_A, positionId: 'kadis-a', actingKind: 'PLT', plannedEnd: '2023-04-01' } }, '2023-01-02');
  log.add({ type: 'EmployeeTransferred', data: { nip: NIP_A, fromPositionId: 'sekdis-a', toPositionId: 'kadis-a', reason: 'PROMOTION' } }, '2023-03-01');
  const beforeRetraction = log.lastRecordedAt();
  log.retract(promotion);
  log.add({ type: 'EmployeeSeparated', data: { nip: NIP_A, reason: 'RETIREMENT' } }, '2044-10-01');
  const rows = createMemoryRows();
  replayInMemory(orgChartProjection, log.events, rows);
  replayInMemory(employeeTimelineProjection, log.events, rows);

  const now = await queryEmployeeTimeline(rows, { nip: NIP_A, knownAt: null });
  t.equal(now?.name, 'Budi');
  t.same(now?.positions.map((p) => [p.positionId, p.title, p.validFrom, p.validTo, p.skNumber]), [
    ['sekdis-a', 'Sekretaris Dinas A', '2021-01-04', '2023-03-01', SK.skNumber],
    ['kadis-a', 'Kepala Dinas A', '2023-03-01', '2044-10-01', SK.skNumber],
  ]);
  t.same(now?.acting.map((a) => [a.kind, a.positionId, a.validFrom, a.validTo]), [['PLT', 'kadis-a', '2023-01-02', '2044-10-01']]);
  t.same(now?.ranks.map((r) => [r.golongan, r.validFrom, r.validTo]), [['III/a', '2015-05-01', '2044-10-01']], 'the retracted promotion is gone');
  t.same(now?.leave.map((l) => [l.leaveKind, l.validFrom, l.validTo]), [['BESAR', '2022-06-01', '2022-08-15']]);
  t.same(now?.trainings.map((x) => [x.courseCode, x.jpHours]), [['PKA', 160]]);
  t.same(now?.separation, { date: '2044-10-01', reason: 'RETIREMENT', skNumber: SK.skNumber });

  const then = await queryEmployeeTimeline(rows, { nip: NIP_A, knownAt: beforeRetraction });
  t.same(then?.ranks.map((r) => [r.golongan, r.validFrom, r.validTo]), [['III/a', '2015-05-01', '2022-04-01'], ['III/b', '2022-04-01', null]]);
  t.equal(then?.separation, null);
  t.equal(await queryEmployeeTimeline(rows, { nip: '197001011995031001', knownAt: null }), null);
});
