// The history views end to end: an employee's timeline, a position's holders, Plt periods and vacancies, a
// unit's names and heads; each read right after the command that changed it (minPosition), and 404s.
import t from 'tap';
import type { Test } from 'tap';
import type { EmployeeTimeline, PositionHistory, UnitHistory } from '@estafet/projections';
import { answerOf, get, send } from './helper.js';
import { KADIS, NIP_BUDI, NIP_SITI, SEKDIS, SK, UNIT, seedOrganisation, transferBody } from './fixtures.js';
import { buildWithReadModels } from './read-model-app.js';

const career = async (t: Test) => {
  const built = await buildWithReadModels(t);
  const { app } = built;
  await seedOrganisation(app);
  const steps = [
    [`/employees/${NIP_BUDI}/trainings`, { courseCode: 'PKA-2023', courseTitle: 'Pelatihan Kepemimpinan Administrator', jpHours: 160, competenciesGranted: [], effectiveAt: '2023-05-01' }],
    [`/employees/${NIP_BUDI}/transfers`, transferBody],
    [`/positions/${SEKDIS}/acting-appointments`, { nip: NIP_SITI, actingKind: 'PLT', plannedEnd: '2024-09-01', effectiveAt: '2024-06-03', legalBasis: SK }],
  ] as const;
  let position = 0;
  for (const [url, body] of steps) {
    const response = await send(app, url, body);
    t.equal(response.statusCode, 201, `${url} ${response.statusCode} ${response.statusCode === 201 ? '' : response.body}`);
    if (response.statusCode === 201) position = answerOf(response).position;
  }
  return { ...built, position };
};

t.test('an employee timeline: positions with SK and dates, training, rank', async (t) => {
  const { app, position } = await career(t);
  const response = await get(app, `/employees/${NIP_BUDI}/timeline?minPosition=${position}`, 'analyst');
  t.equal(response.statusCode, 200);
  const timeline = response.json<EmployeeTimeline>();
  t.equal(timeline.name, 'Budi Santoso');
  t.same(timeline.positions.map((p) => [p.positionId, p.title, p.validFrom, p.validTo, p.skNumber, p.reason]), [
    [SEKDIS, 'Sekretaris Dinas Pendidikan', '2023-01-02', '2024-06-01', SK.skNumber, null],
    [KADIS, 'Kepala Dinas Pendidikan', '2024-06-01', null, SK.skNumber, 'PROMOTION'],
  ]);
  t.same(timeline.trainings.map((x) => [x.courseCode, x.jpHours, x.date]), [['PKA-2023', 160, '2023-05-01']]);
  t.equal(timeline.ranks.length, 1, 'the golongan at registration');
  t.equal((await get(app, '/employees/197001011995031001/timeline', 'analyst')).statusCode, 404);
  const siti = (await get(app, `/employees/${NIP_SITI}/timeline`, 'auditor')).json<EmployeeTimeline>();
  t.same(siti.acting.map((a) => [a.kind, a.positionId, a.validFrom, a.plannedEnd]), [['PLT', SEKDIS, '2024-06-03', '2024-09-01']]);
});

t.test('a position history: holders with tenure, the Plt, the vacancy', async (t) => {
  const { app, position } = await career(t);
  const response = await get(app, `/positions/${SEKDIS}/history?minPosition=${position}`, 'auditor');
  t.equal(response.statusCode, 200);
  const history = response.json<PositionHistory>();
  t.same(history.holders.map((h) => [h.nip, h.validFrom, h.validTo, h.tenureDays, h.leftBecause]), [[NIP_BUDI, '2023-01-02', '2024-06-01', 516, 'PROMOTION']]);
  t.same(history.acting.map((a) => [a.nip, a.kind, a.validFrom]), [[NIP_SITI, 'PLT', '2024-06-03']]);
  t.same(history.vacancies, [{ validFrom: '2020-01-01', validTo: '2023-01-02' }, { validFrom: '2024-06-01', validTo: null }]);
  t.equal((await get(app, '/positions/no-such-post/history', 'auditor')).statusCode, 404);
});

t.test('a unit history: its name and who headed it', async (t) => {
  const { app, position } = await career(t);
  const response = await get(app, `/units/${UNIT}/history?minPosition=${position}`, 'hr');
  t.equal(response.statusCode, 200);
  const history = response.json<UnitHistory>();
  t.same(history.versions.map((v) => [v.name, v.validFrom, v.validTo]), [['Dinas Pendidikan', '2020-01-01', null]]);
  t.same(history.heads.map((h) => [h.positionId, h.nip, h.role, h.validFrom]), [
    [SEKDIS, NIP_BUDI, 'DEFINITIVE', '2023-01-02'], [KADIS, NIP_BUDI, 'DEFINITIVE', '2024-06-01'], [SEKDIS, NIP_SITI, 'PLT', '2024-06-03'],
  ]);
  t.equal((await get(app, '/units/no-such-unit/history', 'hr')).statusCode, 404);
  t.equal((await get(app, `/units/${UNIT}/history`, 'public')).statusCode, 403);
});
