// The org-chart projection over an in-memory log: holder intervals across a transfer, acting officials,
// retroactive events refolded into effective order, and corrections that an "as known at" view still predates.
import t from 'tap';
import { createLog, NIP_A, NIP_B, seedOrganisation } from '../projection-test-kit.js';
import { createMemoryRows, replayInMemory } from '../memory-rows.js';
import { orgChartProjection } from './org-chart-projection.js';
import { queryOrgChart } from './org-chart-query.js';
import type { OrgChart } from './org-chart-query.js';

const holderOf = (chart: OrgChart, positionId: string) =>
  chart.units.flatMap((u) => u.positions).find((p) => p.positionId === positionId);

const built = () => {
  const log = createLog();
  seedOrganisation(log);
  const assigned = log.add({ type: 'PositionAssigned', data: { nip: NIP_A, positionId: 'sekdis-a' } }, '2023-01-02');
  const transfer = log.add({
    type: 'EmployeeTransferred', data: { nip: NIP_A, fromPositionId: 'sekdis-a', toPositionId: 'kadis-a', reason: 'PROMOTION' },
  }, '2024-06-01');
  return { log, assigned, transfer };
};

t.test('a transfer closes one holder interval and opens the next at its TMT', async (t) => {
  const { log } = built();
  const rows = createMemoryRows();
  replayInMemory(orgChartProjection, log.events, rows);
  const before = await queryOrgChart(rows, { asOf: '2024-05-31', knownAt: null, unit: null, depth: null });
  const after = await queryOrgChart(rows, { asOf: '2024-06-01', knownAt: null, unit: null, depth: null });
  t.equal(holderOf(before, 'sekdis-a')?.holder?.nip, NIP_A);
  t.equal(holderOf(before, 'kadis-a')?.holder, null);
  t.equal(holderOf(before, 'kadis-a')?.vacantSince, '2020-01-01', 'vacant since it was established');
  t.equal(holderOf(after, 'kadis-a')?.holder?.nip, NIP_A);
  t.equal(holderOf(after, 'kadis-a')?.holder?.since, '2024-06-01');
  t.equal(holderOf(after, 'sekdis-a')?.vacantSince, '2024-06-01', 'vacant since the holder left');
  t.equal(after.vacancies, 2);
  t.same(after.units.map((u) => [u.unitId, u.depth]), [['dinas-a', 0], ['bidang-a', 1]]);
  const subtree = await queryOrgChart(rows, { asOf: '2024-06-01', knownAt: null, unit: 'dinas-a', depth: 0 });
  t.same(subtree.units.map((u) => u.unitId), ['dinas-a'], 'depth 0 is the root alone');
});

t.test('acting officials show beside (or instead of) the definitive holder', async (t) => {
  const { log } = built();
  const appointed = log.add({ type: 'ActingAppointed', data: { nip: NIP_B, positionId: 'sekdis-a', actingKind: 'PLT', plannedEnd: '2024-09-01' } }, '2024-06-03');
  log.add({ type: 'ActingExtended', data: { nip: NIP_B, positionId: 'sekdis-a', plannedEnd: '2024-12-01' } }, '2024-08-20');
  log.add({ type: 'ActingEnded', data: { nip: NIP_B, positionId: 'sekdis-a', reason: 'DEFINITIVE_APPOINTED' } }, '2024-10-01', { legalBasis: null });
  const rows = createMemoryRows();
  replayInMemory(orgChartProjection, log.events, rows);
  const july = holderOf(await queryOrgChart(rows, { asOf: '2024-07-01', knownAt: appointed.recordedAt, unit: null, depth: null }), 'sekdis-a');
  t.same(july?.acting.map((a) => [a.nip, a.kind, a.since, a.plannedEnd]), [[NIP_B, 'PLT', '2024-06-03', '2024-09-01']]);
  const september = holderOf(await queryOrgChart(rows, { asOf: '2024-09-01', knownAt: null, unit: null, depth: null }), 'sekdis-a');
  t.same(september?.acting.map((a) => [a.since, a.plannedEnd]), [['2024-06-03', '2024-12-01']], 'the extension moved the planned end');
  const october = holderOf(await queryOrgChart(rows, { asOf: '2024-10-01', knownAt: null, unit: null, depth: null }), 'sekdis-a');
  t.same(october?.acting, [], 'ended');
});

t.test('a retroactive event is folded into effective order (same rows as recording it in order)', async (t) => {
  const late = built();
  // Recorded after the promotion, effective before it: Siti was appointed Kepala Bidang in 2023.
  late.log.add({ type: 'PositionAssigned', data: { nip: NIP_B, positionId: 'kabid-a' } }, '2023-03-01');
  late.log.add({ type: 'EmployeeSeparated', data: { nip: NIP_A, reason: 'RETIREMENT' } }, '2025-01-01');
  late.log.add({ type: 'ActingAppointed', data: { nip: NIP_A, positionId: 'kabid-a', actingKind: 'PLH', plannedEnd: '2024-12-01' } }, '2024-07-01');
  const rows = createMemoryRows();
  replayInMemory(orgChartProjection, late.log.events, rows);
  const chart = await queryOrgChart(rows, { asOf: '2024-08-01', knownAt: null, unit: null, depth: null });
  t.equal(holderOf(chart, 'kabid-a')?.holder?.nip, NIP_B);
  t.same(holderOf(chart, 'kabid-a')?.acting.map((a) => a.nip), [NIP_A]);
  const retired = await queryOrgChart(rows, { asOf: '2025-02-01', knownAt: null, unit: null, depth: null });
  t.same(holderOf(retired, 'kabid-a')?.acting, [], 'the separation (effective later) still ends the Plh folded before it');
  t.equal(holderOf(retired, 'kadis-a')?.holder, null);
});

t.test('a correction takes effect, and "as known at" before it still shows the old picture', async (t) => {
  const { log, transfer } = built();
  const beforeCorrection = log.lastRecordedAt();
  log.correct(transfer, { nip: NIP_A, fromPositionId: 'sekdis-a', toPositionId: 'kabid-a', reason: 'ROTATION' });
  const rows = createMemoryRows();
  replayInMemory(orgChartProjection, log.events, rows);
  const now = await queryOrgChart(rows, { asOf: '2024-07-01', knownAt: null, unit: null, depth: null });
  t.equal(holderOf(now, 'kabid-a')?.holder?.nip, NIP_A, 'corrected: Budi went to Kepala Bidang');
  t.equal(holderOf(now, 'kadis-a')?.holder, null);
  const then = await queryOrgChart(rows, { asOf: '2024-07-01', knownAt: beforeCorrection, unit: null, depth: null });
  t.equal(holderOf(then, 'kadis-a')?.holder?.nip, NIP_A, 'as known before the correction: Kepala Dinas');
  t.equal(holderOf(then, 'kabid-a')?.holder, null);
  const earlier = await queryOrgChart(rows, { asOf: '2024-07-01', knownAt: log.events[0]?.recordedAt ?? null, unit: null, depth: null });
  t.same(earlier.units.map((u) => u.unitId), ['dinas-a'], 'known after the first event only: one unit, nothing else');
});

t.test('a retraction removes the interval it opened and reopens the one it closed', async (t) => {
  const { log, transfer } = built();
  log.retract(transfer);
  const rows = createMemoryRows();
  replayInMemory(orgChartProjection, log.events, rows);
  const chart = await queryOrgChart(rows, { asOf: '2024-07-01', knownAt: null, unit: null, depth: null });
  t.equal(holderOf(chart, 'sekdis-a')?.holder?.nip, NIP_A);
  t.equal(holderOf(chart, 'kadis-a')?.holder, null);
});

t.test('a close known only later leaves the interval open when asked as known before it', async (t) => {
  const { log, assigned } = built();
  const rows = createMemoryRows();
  replayInMemory(orgChartProjection, log.events, rows);
  const known = assigned.recordedAt;
  const chart = await queryOrgChart(rows, { asOf: '2024-07-01', knownAt: known, unit: null, depth: null });
  t.equal(holderOf(chart, 'sekdis-a')?.holder?.nip, NIP_A, 'the transfer was not yet recorded');
  t.equal(holderOf(chart, 'kadis-a')?.holder, null);
});

t.test('units: renames and moves version the unit, dissolution ends it', async (t) => {
  const log = createLog();
  seedOrganisation(log);
  log.add({ type: 'UnitRenamed', data: { unitId: 'bidang-a', name: 'Bidang Baru' } }, '2022-01-01');
  log.add({ type: 'UnitEstablished', data: { unitId: 'dinas-b', name: 'Dinas B', kind: 'DINAS', parentUnitId: null } }, '2021-01-01');
  log.add({ type: 'UnitRestructured', data: { unitId: 'bidang-a', change: 'MOVED', newParentUnitId: 'dinas-b' } }, '2023-01-01');
  log.add({ type: 'UnitDissolved', data: { unitId: 'bidang-a', successorUnitId: 'dinas-b' } }, '2024-01-01');
  const rows = createMemoryRows();
  replayInMemory(orgChartProjection, log.events, rows);
  const unit = async (asOf: string) => (await queryOrgChart(rows, { asOf, knownAt: null, unit: null, depth: null })).units
    .find((u) => u.unitId === 'bidang-a');
  t.same([(await unit('2021-06-01'))?.name, (await unit('2021-06-01'))?.parentUnitId], ['Bidang A', 'dinas-a']);
  t.same([(await unit('2022-06-01'))?.name, (await unit('2022-06-01'))?.parentUnitId], ['Bidang Baru', 'dinas-a']);
  t.same([(await unit('2023-06-01'))?.name, (await unit('2023-06-01'))?.parentUnitId], ['Bidang Baru', 'dinas-b']);
  t.equal(await unit('2024-06-01'), undefined, 'dissolved');
});
