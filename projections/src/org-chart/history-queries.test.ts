// Position history (tenure, Plt/Plh, vacancies), unit history (names, parents, heads) and the org-chart diff,
// read back from an in-memory org-chart read model.
import t from 'tap';
import { createLog, NIP_A, NIP_B, seedOrganisation } from '../projection-test-kit.js';
import { createMemoryRows, replayInMemory } from '../memory-rows.js';
import { orgChartProjection } from './org-chart-projection.js';
import { queryPositionHistory } from './position-history.js';
import { queryUnitHistory } from './unit-history.js';
import { queryOrgChartDiff } from './org-chart-diff.js';
import { gaps } from './history-intervals.js';

const history = () => {
  const log = createLog();
  seedOrganisation(log);
  log.add({ type: 'PositionAssigned', data: { nip: NIP_A, positionId: 'kadis-a' } }, '2021-01-04');
  log.add({ type: 'ActingAppointed', data: { nip: NIP_B, positionId: 'kadis-a', actingKind: 'PLH', plannedEnd: '2022-03-01' } }, '2022-02-01');
  log.add({ type: 'ActingEnded', data: { nip: NIP_B, positionId: 'kadis-a', reason: 'HOLDER_RETURNED' } }, '2022-02-20', { legalBasis: null });
  log.add({ type: 'EmployeeTransferred', data: { nip: NIP_A, fromPositionId: 'kadis-a', toPositionId: 'kabid-a', reason: 'ROTATION' } }, '2023-01-01');
  log.add({ type: 'ActingAppointed', data: { nip: NIP_B, positionId: 'kadis-a', actingKind: 'PLT', plannedEnd: '2023-04-01' } }, '2023-01-02');
  log.add({ type: 'ActingEnded', data: { nip: NIP_B, positionId: 'kadis-a', reason: 'DEFINITIVE_APPOINTED' } }, '2023-03-01', { legalBasis: null });
  log.add({ type: 'PositionAssigned', data: { nip: NIP_B, positionId: 'kadis-a' } }, '2023-03-01');
  log.add({ type: 'UnitRenamed', data: { unitId: 'dinas-a', name: 'Dinas A Baru' } }, '2022-06-01');
  const rows = createMemoryRows();
  replayInMemory(orgChartProjection, log.events, rows);
  return { log, rows };
};

t.test('position history: holders with tenure, acting periods, vacancies between holders', async (t) => {
  const { rows } = history();
  const found = await queryPositionHistory(rows, { positionId: 'kadis-a', knownAt: null });
  t.same(found?.holders.map((h) => [h.nip, h.validFrom, h.validTo, h.tenureDays, h.leftBecause]), [
    [NIP_A, '2021-01-04', '2023-01-01', 727, 'ROTATION'],
    [NIP_B, '2023-03-01', null, null, null],
  ]);
  t.same(found?.acting.map((a) => [a.kind, a.validFrom, a.validTo, a.endReason]), [
    ['PLH', '2022-02-01', '2022-02-20', 'HOLDER_RETURNED'],
    ['PLT', '2023-01-02', '2023-03-01', 'DEFINITIVE_APPOINTED'],
  ]);
  t.same(found?.vacancies, [
    { validFrom: '2020-01-01', validTo: '2021-01-04' },
    { validFrom: '2023-01-01', validTo: '2023-03-01' },
  ]);
  t.equal(await queryPositionHistory(rows, { positionId: 'no-such', knownAt: null }), null);
});

t.test('unit history: names over time and who headed it', async (t) => {
  const { rows } = history();
  const found = await queryUnitHistory(rows, { unitId: 'dinas-a', knownAt: null });
  t.same(found?.versions.map((v) => [v.name, v.validFrom, v.validTo]), [['Dinas A', '2020-01-01', '2022-06-01'], ['Dinas A Baru', '2022-06-01', null]]);
  t.same(found?.heads.filter((h) => h.positionId === 'kadis-a').map((h) => [h.nip, h.role, h.validFrom]), [
    [NIP_A, 'DEFINITIVE', '2021-01-04'], [NIP_B, 'PLH', '2022-02-01'], [NIP_B, 'PLT', '2023-01-02'], [NIP_B, 'DEFINITIVE', '2023-03-01'],
  ]);
  t.equal(await queryUnitHistory(rows, { unitId: 'no-such', knownAt: null }), null);
});

t.test('org-chart diff: moved in, out, across; positions created and abolished', async (t) => {
  const { log, rows } = history();
  log.add({
    type: 'PositionEstablished',
    data: { positionId: 'staf-a', unitId: 'bidang-a', title: 'Staf A', kind: 'PELAKSANA', eselon: 'NON_ESELON', isLeadership: false, minimumGolongan: null, requiredCompetencies: [] },
  }, '2022-07-01');
  log.add({ type: 'PositionAbolished', data: { positionId: 'sekdis-a' } }, '2022-08-01');
  const all = createMemoryRows();
  replayInMemory(orgChartProjection, log.events, all);
  const diff = await queryOrgChartDiff(all, { from: '2022-01-01', to: '2023-06-01', unit: null });
  t.same(diff.movedAcross.map((m) => [m.nip, m.fromPositionId, m.toPositionId]), [[NIP_A, 'kadis-a', 'kabid-a']]);
  t.same(diff.movedIn.map((m) => [m.nip, m.fromPositionId, m.toPositionId]), [[NIP_B, null, 'kadis-a']]);
  t.same(diff.movedOut, []);
  t.same(diff.positionsCreated.map((p) => p.positionId), ['staf-a']);
  t.same(diff.positionsAbolished.map((p) => p.positionId), ['sekdis-a']);
  const bidang = await queryOrgChartDiff(all, { from: '2022-01-01', to: '2023-06-01', unit: 'bidang-a' });
  t.same(bidang.movedIn.map((m) => [m.nip, m.fromPositionId, m.toPositionId]), [[NIP_A, 'kadis-a', 'kabid-a']], 'in from outside the subtree');
  const dinas = await queryOrgChartDiff(all, { from: '2022-01-01', to: '2023-06-01', unit: 'dinas-a' });
  t.same(dinas.movedAcross.map((m) => m.nip), [NIP_A], 'within the whole Dinas it is a move across');
  t.ok(rows);
});

t.test('gaps', (t) => {
  t.same(gaps({ validFrom: '2020', validTo: null }, []), [{ validFrom: '2020', validTo: null }]);
  t.same(gaps({ validFrom: '2020', validTo: '2025' }, [{ validFrom: '2019', validTo: null }]), []);
  t.same(gaps({ validFrom: '2020', validTo: '2025' }, [{ validFrom: '2021', validTo: '2022' }, { validFrom: '2021', validTo: '2023' }]),
    [{ validFrom: '2020', validTo: '2021' }, { validFrom: '2023', validTo: '2025' }]);
  t.end();
});
