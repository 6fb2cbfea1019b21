// Every error class a command can meet, each with the body that names the cause, and the proof that
// nothing was stored after it (the head position did not move).
import t from 'tap';
import type { Test } from 'tap';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp, loadConfig } from '@estafet/api';
import { LedgerContentionError, createSqliteEventStore } from '@estafet/ledger';
import { TOKENS, bearer, build, get, headPosition, refusalOf, send, tempDataDir } from './helper.js';
import { KADIS, NIP_BUDI, NIP_SITI, SK, seedOrganisation, transferBody } from './fixtures.js';

const UNREGISTERED_NIP = '197501012000031001';

/** Runs a refused request and checks the head position did not move. */
async function refused(t: Test, app: FastifyInstance, run: () => Promise<LightMyRequestResponse>) {
  const before = await headPosition(app);
  const response = await run();
  t.equal(await headPosition(app), before, 'nothing stored');
  return response;
}

t.test('400 validation names each bad field', async (t) => {
  const app = await build(t);
  await seedOrganisation(app);

  const badPathNip = await refused(t, app, () => send(app, '/employees/12345/transfers', transferBody));
  t.equal(badPathNip.statusCode, 400);
  t.equal(refusalOf(badPathNip).error, 'validation');
  t.match(refusalOf(badPathNip).issues, [{ path: 'nip', message: /18 digits/ }]);

  const badBodyNip = await refused(t, app, () => send(app, '/employees', {
    nip: '198602302015051001', name: 'Joko', birthDate: '1986-02-28', gender: 'M', tmtCpns: '2015-05-01',
    education: 'S1', effectiveAt: '2015-05-01',
  }));
  t.equal(badBodyNip.statusCode, 400);
  t.match(refusalOf(badBodyNip).issues, [{ path: 'nip', message: /not a real date/ }]);

  const { legalBasis: _omitted, ...withoutSk } = transferBody;
  const noSk = await refused(t, app, () => send(app, `/employees/${NIP_BUDI}/transfers`, withoutSk));
  t.equal(noSk.statusCode, 400, noSk.body);
  t.equal(refusalOf(noSk).error, 'validation');
  t.ok(refusalOf(noSk).issues?.some((issue) => issue.path === 'legalBasis'), 'names legalBasis');

  const badSk = await refused(t, app, () => send(app, `/employees/${NIP_BUDI}/transfers`, {
    ...transferBody, legalBasis: { ...SK, skDate: '2024-02-30' },
  }));
  t.equal(badSk.statusCode, 400);
  t.match(refusalOf(badSk).issues, [{ path: 'legalBasis.skDate', message: /not a real calendar date/ }]);

  const several = await refused(t, app, () => send(app, `/employees/${NIP_BUDI}/transfers`, { reason: 'BORED' }));
  t.equal(several.statusCode, 400);
  const paths = refusalOf(several).issues?.map((issue) => issue.path) ?? [];
  t.ok(['effectiveAt', 'toPositionId', 'reason'].every((path) => paths.includes(path)), `all named: ${paths.join(', ')}`);

  const noBody = await refused(t, app, () => send(app, `/employees/${NIP_BUDI}/transfers`, undefined));
  t.equal(noBody.statusCode, 400);

  const badJson = await refused(t, app, () => app.inject({
    method: 'POST', url: '/units', payload: '{"unitId": ', headers: { ...bearer('hr'), 'content-type': 'application/json' },
  }));
  t.equal(badJson.statusCode, 400);
  t.equal(refusalOf(badJson).error, 'bad-request');
});

t.test('400 for a malformed If-Match, naming the header', async (t) => {
  const app = await build(t);
  await seedOrganisation(app);
  for (const ifMatch of ['3', 'W/"3"', '"three"', '"-1"']) {
    const response = await refused(t, app, () =>
      send(app, `/employees/${NIP_BUDI}/transfers`, transferBody, { headers: { 'if-match': ifMatch } }));
    t.equal(response.statusCode, 400, ifMatch);
    t.match(refusalOf(response).issues, [{ path: 'if-match' }]);
  }
});

t.test('404 for an employee, position or event that is not recorded', async (t) => {
  const app = await build(t);
  await seedOrganisation(app);
  const employee = await refused(t, app, () => send(app, `/employees/${UNREGISTERED_NIP}/transfers`, transferBody));
  t.equal(employee.statusCode, 404, employee.body);
  t.equal(refusalOf(employee).error, 'not-found');

  const position = await refused(t, app, () =>
    send(app, `/employees/${NIP_BUDI}/transfers`, { ...transferBody, toPositionId: 'kadis-yang-tidak-ada' }));
  t.equal(position.statusCode, 404, position.body);

  t.equal((await get(app, '/events/00000000-0000-4000-8000-000000000000')).statusCode, 404);
  t.equal((await get(app, '/events/not-a-uuid')).statusCode, 400);
  t.equal(refusalOf(await app.inject({ method: 'GET', url: '/nowhere' })).error, 'not-found');
});

t.test('409 when a rule is broken: a Plt into a position its holder still occupies', async (t) => {
  const app = await build(t);
  await seedOrganisation(app);
  t.equal((await send(app, `/employees/${NIP_BUDI}/transfers`, transferBody)).statusCode, 201);
  const response = await refused(t, app, () => send(app, `/positions/${KADIS}/acting-appointments`, {
    nip: NIP_SITI, actingKind: 'PLT', plannedEnd: '2024-09-01', effectiveAt: '2024-06-03', legalBasis: SK,
  }));
  t.equal(response.statusCode, 409, response.body);
  t.equal(refusalOf(response).error, 'rule-violation');
  t.match(refusalOf(response).rule, /\S/, 'names the rule');
  t.type(refusalOf(response).message, 'string');
});

t.test('412 when If-Match names a version the stream has moved past', async (t) => {
  const app = await build(t);
  await seedOrganisation(app);
  const response = await refused(t, app, () =>
    send(app, `/employees/${NIP_BUDI}/transfers`, transferBody, { headers: { 'if-match': '"1"' } }));
  t.equal(response.statusCode, 412, response.body);
  t.match(refusalOf(response), { error: 'version-conflict', streamId: `employee-${NIP_BUDI}`, expected: 1, actual: 2 });
});

t.test('503 with Retry-After when writers race for the EventStoreDB ledger stream past the retries', async (t) => {
  const dataDir = await tempDataDir(t);
  const inner = createSqliteEventStore({ path: `${dataDir}/ledger.db`, synchronous: 'NORMAL' });
  t.teardown(() => inner.close());
  const contended = { ...inner, append: () => Promise.reject(new LedgerContentionError('the ledger stream moved 10 times in a row')) };
  const tokens = Object.entries(TOKENS).map(([role, token]) => `${role}:${token}`).join(',');
  const app = await buildApp({ config: loadConfig({ DATA_DIR: dataDir, ESTAFET_API_TOKENS: tokens, WORKER: 'external' }), store: contended, logger: false });
  t.teardown(() => app.close());
  const response = await app.inject({
    method: 'POST', url: '/units', headers: { ...bearer('hr'), 'content-type': 'application/json' },
    payload: JSON.stringify({ unitId: 'dinas-pendidikan', name: 'Dinas Pendidikan', kind: 'DINAS', parentUnitId: null, effectiveAt: '2020-01-01', legalBasis: null }),
  });
  t.equal(response.statusCode, 503);
  t.equal(response.headers['retry-after'], '1');
  t.equal(refusalOf(response).error, 'contention');
  t.equal(await inner.headPosition(), 0, 'nothing stored');
});
