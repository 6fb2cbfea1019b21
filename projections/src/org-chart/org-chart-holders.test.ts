// The chart's copy of holder rows (orgChartHolders: each with its position's unit and the holder's name) answers
// as orgHolders and orgPeople would: after a position is corrected into another unit, after a name is corrected,
// and for one Dinas as for the same units of the province chart.
import t from 'tap';
import { createLog, NIP_A, NIP_B, seedOrganisation } from '../projection-test-kit.js';
import { createMemoryRows, replayInMemory } from '../memory-rows.js';
import { orgChartProjection } from './org-chart-projection.js';
import { queryOrgChart } from './org-chart-query.js';
import type { OrgChart, OrgChartParams } from './org-chart-query.js';
import type { RowQuery } from '../read-model.js';

const positionOf = (chart: OrgChart, positionId: string) => {
  for (const unit of chart.units) {
    const position = unit.positions.find((p) => p.positionId === positionId);
    if (position !== undefined) return { unitId: unit.unitId, ...position };
  }
  return undefined;
};

const chart = (rows: RowQuery, params: Partial<OrgChartParams> & { asOf: string }) =>
  queryOrgChart(rows, { knownAt: null, unit: null, depth: null, ...params });

const withStaff = () => {
  const log = createLog();
  seedOrganisation(log);
  log.add({ type: 'UnitEstablished', data: { unitId: 'dinas-b', name: 'Dinas B', kind: 'DINAS', parentUnitId: null } }, '2020-01-01');
  const staff = {
    positionId: 'staf-x', unitId: 'bidang-a', title: 'Analis', kind: 'PELAKSANA' as const, eselon: 'NON_ESELON' as const, isLeadership: false,
    minimumGolongan: null, requiredCompetencies: [],
  };
  const established = log.add({ type: 'PositionEstablished', data: staff }, '2020-01-01');
  log.add({ type: 'PositionAssigned', data: { nip: NIP_A, positionId: 'staf-x' } }, '2023-01-02');
  log.add({ type: 'ActingAppointed', data: { nip: NIP_B, positionId: 'staf-x', actingKind: 'PLH', plannedEnd: '2024-12-31' } }, '2023-01-02');
  log.add({ type: 'PositionAssigned', data: { nip: NIP_B, positionId: 'kadis-a' } }, '2023-01-02');
  return { log, staff, established };
};

t.test('a position corrected into another unit takes its holders along; as known before, they stay', async (t) => {
  const { log, staff, established } = withStaff();
  const beforeCorrection = log.lastRecordedAt();
  log.correct(established, { ...staff, unitId: 'dinas-b' });
  const rows = createMemoryRows();
  replayInMemory(orgChartProjection, log.events, rows);

  const moved = positionOf(await chart(rows, { asOf: '2024-01-01', unit: 'dinas-b' }), 'staf-x');
  t.same([moved?.unitId, moved?.holder?.nip, moved?.holder?.name, moved?.acting.map((a) => a.nip)], ['dinas-b', NIP_A, 'Budi', [NIP_B]]);
  t.equal(positionOf(await chart(rows, { asOf: '2024-01-01', unit: 'dinas-a' }), 'staf-x'), undefined, 'no longer in Dinas A');
  const then = positionOf(await chart(rows, { asOf: '2024-01-01', unit: 'dinas-a', knownAt: beforeCorrection }), 'staf-x');
  t.same([then?.unitId, then?.holder?.nip, then?.acting.map((a) => a.nip)], ['bidang-a', NIP_A, [NIP_B]], 'as known before the correction');
});

t.test('a corrected name shows in every chart, as known now or before (names are what the ledger says now)', async (t) => {
  const { log } = withStaff();
  const registered = log.events.find((e) => e.event.type === 'EmployeeRegistered' && e.event.data.nip === NIP_A);
  if (registered === undefined || registered.event.type !== 'EmployeeRegistered') throw new Error('seed has no registration');
  const beforeCorrection = log.lastRecordedAt();
  log.correct(registered, { ...registered.event.data, name: 'Budi Santoso' });
  const rows = createMemoryRows();
  replayInMemory(orgChartProjection, log.events, rows);
  for (const knownAt of [null, beforeCorrection]) {
    const staff = positionOf(await chart(rows, { asOf: '2024-01-01', unit: 'dinas-a', knownAt }), 'staf-x');
    t.equal(staff?.holder?.name, 'Budi Santoso', `known at ${String(knownAt)}`);
  }
});

t.test('one Dinas reads the same positions and holders as the province chart shows for its units', async (t) => {
  const { log, staff, established } = withStaff();
  log.add({ type: 'EmployeeTransferred', data: { nip: NIP_A, fromPositionId: 'staf-x', toPositionId: 'kabid-a', reason: 'PROMOTION' } }, '2024-03-01');
  const corrected = log.lastRecordedAt();
  log.correct(established, { ...staff, unitId: 'dinas-b' });
  const rows = createMemoryRows();
  replayInMemory(orgChartProjection, log.events, rows);
  for (const asOf of ['2022-01-01', '2023-06-01', '2024-06-01']) {
    for (const knownAt of [null, corrected]) {
      const province = await chart(rows, { asOf, knownAt });
      for (const unit of ['dinas-a', 'dinas-b']) {
        const dinas = await chart(rows, { asOf, knownAt, unit });
        const ids = new Set(dinas.units.map((u) => u.unitId));
        t.same(dinas.units.map(({ depth: _, ...u }) => u), province.units.filter((u) => ids.has(u.unitId)).map(({ depth: _, ...u }) => u),
          `${unit} on ${asOf} known at ${String(knownAt)}`);
      }
    }
  }
});
