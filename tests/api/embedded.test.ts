// Embedded mode as `npm start` runs it: the app opens its own SQLite file and runs the projection runner and
// the continuity process in-process, so a command is readable through the query routes (read-your-writes via
// minPosition) and a leader's move opens a handover without any other process.
import t from 'tap';
import { bearer, buildWithDir } from './helper.js';
import type { Teardown } from './helper.js';

const SK = { skNumber: '821.2/SK/0042/2024', skDate: '2024-05-20', signedBy: 'Gubernur Provinsi DKI Jakarta' };
const HOLDER = '198609262015051001';

const post = async (app: Awaited<ReturnType<typeof buildWithDir>>['app'], url: string, payload: object): Promise<number> => {
  const response = await app.inject({ method: 'POST', url, headers: bearer('hr'), payload });
  if (response.statusCode !== 201) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
  const body: unknown = response.json();
  const position = typeof body === 'object' && body !== null && 'position' in body ? body.position : null;
  if (typeof position !== 'number') throw new Error(`${url}: no position in ${response.body}`);
  return position;
};

const seed = async (t: Teardown) => {
  const { app } = await buildWithDir(t, { env: { WORKER: 'embedded' } });
  await post(app, '/units', { unitId: 'disdik', name: 'Dinas Pendidikan', kind: 'DINAS', parentUnitId: null, effectiveAt: '2017-01-02', legalBasis: null });
  for (const positionId of ['disdik-kepala', 'disdik-sekretaris']) {
    await post(app, '/positions', {
      positionId, unitId: 'disdik', title: positionId === 'disdik-kepala' ? 'Kepala Dinas Pendidikan' : 'Sekretaris Dinas Pendidikan',
      kind: positionId === 'disdik-kepala' ? 'JPT_PRATAMA' : 'ADMINISTRATOR', isLeadership: true, minimumGolongan: null,
      requiredCompetencies: [], effectiveAt: '2017-01-02', legalBasis: null,
    });
  }
  await post(app, '/employees', { nip: HOLDER, name: 'Dimas Pratama', birthDate: '1986-09-26', gender: 'M', tmtCpns: '2015-05-01', education: 'S2', golongan: 'IV/c', effectiveAt: '2015-05-01', legalBasis: null });
  await post(app, `/employees/${HOLDER}/assignments`, { positionId: 'disdik-kepala', effectiveAt: '2021-01-04', legalBasis: SK });
  const position = await post(app, '/programs', {
    programId: 'kjp-plus', name: 'KJP Plus', unitId: 'disdik', leadingPositionId: 'disdik-kepala', criticality: 'CRITICAL',
    phase: 'IMPLEMENTATION', periodStart: '2021-02-01', periodEnd: null, effectiveAt: '2021-02-01', legalBasis: null,
  });
  return { app, position };
};

t.test('a command is readable through the org chart with minPosition', async (t) => {
  const { app, position } = await seed(t);
  const response = await app.inject({ method: 'GET', url: `/org-chart?unit=disdik&asOf=2024-01-01&minPosition=${position}`, headers: bearer('analyst') });
  t.equal(response.statusCode, 200, response.body);
  t.match(response.body, HOLDER, 'the Kepala Dinas is on the chart');
});

t.test('a leader leaving opens a handover in the embedded continuity process', async (t) => {
  const { app } = await seed(t);
  const position = await post(app, `/employees/${HOLDER}/separation`, { reason: 'RESIGNATION', effectiveAt: '2024-07-01', legalBasis: SK });
  // Wait on the continuity process's own events, not on time: it flags the program and opens a checklist.
  const seen = new Map<string, number>();
  const subscription = app.store.subscribe(
    { fromPosition: position, types: ['ProgramFlaggedAtRisk', 'HandoverChecklistOpened'] },
    (event) => { seen.set(event.type, event.globalPosition); },
  );
  await new Promise<void>((resolve, reject) => {
    const check = (): void => {
      if (seen.size === 2) resolve();
      else setImmediate(check);
    };
    subscription.done.catch(reject);
    check();
  });
  await subscription.close();
  const opened = Math.max(...seen.values());
  const response = await app.inject({ method: 'GET', url: `/handovers?status=open&minPosition=${opened}`, headers: bearer('hr') });
  t.equal(response.statusCode, 200, response.body);
  const open = response.json<{ handovers: unknown[] }>().handovers;
  t.equal(open.length, 1, 'one handover checklist opened');
  const programs = await app.inject({ method: 'GET', url: `/programs?atRisk=true&minPosition=${opened}`, headers: bearer('analyst') });
  t.match(programs.json(), { programs: [{ programId: 'kjp-plus', atRisk: true }] });
});

t.test('a minPosition the read models have not reached answers 503 with Retry-After', async (t) => {
  const { app, position } = await seed(t);
  for (const url of [`/programs?minPosition=${position + 1000}`, `/handovers?minPosition=${position + 1000}`, `/org-chart?minPosition=${position + 1000}`]) {
    const response = await app.inject({ method: 'GET', url, headers: bearer('hr') });
    t.equal(response.statusCode, 503, url);
    t.equal(response.headers['retry-after'], '1', `${url} says when to retry`);
    t.match(response.json(), { error: 'not-caught-up' });
  }
});
