// The org chart end to end: commands recorded through the real command handler, read back as of dates before
// and after a transfer's TMT, and as known at an instant before a correction. Read-your-writes through
// minPosition (no sleeps): the query waits on the projection checkpoint.
import t from 'tap';
import type { Test } from 'tap';
import type { FastifyInstance } from 'fastify';
import type { OrgChart, OrgChartDiff } from '@estafet/projections';
import { answerOf, firstEvent, get, send } from './helper.js';
import { KADIS, NIP_BUDI, NIP_SITI, SEKDIS, SK, UNIT, positionBody, seedOrganisation, transferBody } from './fixtures.js';
import { buildWithReadModels } from './read-model-app.js';

const chart = async (app: FastifyInstance, query: string, role: 'analyst' | 'auditor' | 'hr' = 'analyst'): Promise<OrgChart> => {
  const response = await get(app, `/org-chart?${query}`, role);
  if (response.statusCode !== 200) throw new Error(`${query}: ${response.statusCode} ${response.body}`);
  return response.json<OrgChart>();
};
const post = (c: OrgChart, positionId: string) => c.units.flatMap((u) => u.positions).find((p) => p.positionId === positionId);

/** Seeds the Dinas (Budi Sekretaris since 2023-01-02) and transfers him to Kepala Dinas from 2024-06-01. */
const withTransfer = async (t: Test) => {
  const built = await buildWithReadModels(t);
  await seedOrganisation(built.app);
  const transfer = await send(built.app, `/employees/${NIP_BUDI}/transfers`, transferBody);
  t.equal(transfer.statusCode, 201, `transfer ${transfer.statusCode}`);
  return { ...built, transfer: firstEvent(transfer), position: answerOf(transfer).position };
};

t.test('as of the day before and the day of a transfer\'s TMT', async (t) => {
  const { app, position } = await withTransfer(t);
  const before = await chart(app, `asOf=2024-05-31&minPosition=${position}`);
  t.equal(post(before, SEKDIS)?.holder?.nip, NIP_BUDI);
  t.equal(post(before, SEKDIS)?.holder?.name, 'Budi Santoso');
  t.equal(post(before, SEKDIS)?.holder?.since, '2023-01-02');
  t.equal(post(before, KADIS)?.holder, null);
  t.equal(post(before, KADIS)?.vacantSince, '2020-01-01');

  const after = await chart(app, `asOf=2024-06-01&minPosition=${position}`);
  t.same(post(after, KADIS)?.holder, { nip: NIP_BUDI, name: 'Budi Santoso', since: '2024-06-01', skNumber: SK.skNumber });
  t.equal(post(after, SEKDIS)?.holder, null);
  t.equal(post(after, SEKDIS)?.vacantSince, '2024-06-01');
  t.same(after.units.map((u) => [u.unitId, u.depth]), [[UNIT, 0]]);
  t.equal(after.vacancies, 1);
});

t.test('as known at an instant before a correction and a retraction: the old picture; now: the corrected one', async (t) => {
  const { app, transfer } = await withTransfer(t);
  const recorded = async (url: string, body: unknown) => {
    const response = await send(app, url, body);
    t.equal(response.statusCode, 201, `${url} ${response.statusCode}`);
    return answerOf(response);
  };
  const unit = (await get(app, `/events?types=UnitEstablished`)).json<{ events: { eventId: string; data: Record<string, unknown> }[] }>().events[0];
  if (unit === undefined) throw new Error('no UnitEstablished in the log');
  // The unit's name was misspelt; the transfer's decree was annulled and Budi went to a Bidang instead.
  await recorded(`/events/${unit.eventId}/corrections`, {
    replacementData: { ...unit.data, name: 'Dinas Pendidikan Provinsi' }, reason: 'nama unit sesuai Perda', legalBasis: SK,
  });
  await recorded('/positions', positionBody('kabid-smp', 'Kepala Bidang SMP', 'ADMINISTRATOR', true));
  await recorded(`/events/${transfer.eventId}/retractions`, { reason: 'SK mutasi dibatalkan PPK', legalBasis: SK });
  const last = await recorded(`/employees/${NIP_BUDI}/transfers`, { ...transferBody, toPositionId: 'kabid-smp', reason: 'ROTATION' });

  const now = await chart(app, `asOf=2024-07-01&minPosition=${last.position}`, 'auditor');
  t.equal(now.units[0]?.name, 'Dinas Pendidikan Provinsi', 'the corrected name');
  t.equal(post(now, 'kabid-smp')?.holder?.nip, NIP_BUDI, 'the transfer as recorded anew');
  t.equal(post(now, KADIS)?.holder, null, 'the retracted transfer is gone');

  const knownAt = encodeURIComponent(transfer.recordedAt);
  const then = await chart(app, `asOf=2024-07-01&knownAt=${knownAt}`, 'auditor');
  t.equal(then.units[0]?.name, 'Dinas Pendidikan', 'as known before the correction: the old name');
  t.equal(post(then, KADIS)?.holder?.nip, NIP_BUDI, 'as known before the retraction: Kepala Dinas');
  t.equal(post(then, 'kabid-smp'), undefined, 'the position itself was recorded after that instant');
  const beforeTmt = await chart(app, `asOf=2024-05-31&knownAt=${knownAt}`, 'auditor');
  t.equal(post(beforeTmt, SEKDIS)?.holder?.nip, NIP_BUDI, 'and before the TMT, still Sekretaris');

  const jakartaOffset = new Date(Date.parse(transfer.recordedAt) + 7 * 3_600_000).toISOString().replace('Z', '+07:00');
  const sameInstant = await chart(app, `asOf=2024-07-01&knownAt=${encodeURIComponent(jakartaOffset)}`, 'auditor');
  t.same(sameInstant.units, then.units, 'the same instant written with a +07:00 offset');
});

t.test('a unit subtree to a depth, acting officials, and the diff between two dates', async (t) => {
  const { app } = await withTransfer(t);
  const plt = await send(app, `/positions/${SEKDIS}/acting-appointments`, { nip: NIP_SITI, actingKind: 'PLT', plannedEnd: '2024-09-01', effectiveAt: '2024-06-03', legalBasis: SK });
  const minPosition = plt.statusCode === 201 ? answerOf(plt).position : undefined;
  t.equal(plt.statusCode, 201, `acting ${plt.statusCode}`);
  const c = await chart(app, `asOf=2024-06-03&unit=${UNIT}&depth=0&minPosition=${minPosition ?? 0}`);
  t.same(post(c, SEKDIS)?.acting.map((a) => [a.nip, a.kind, a.since, a.plannedEnd]), [[NIP_SITI, 'PLT', '2024-06-03', '2024-09-01']]);
  t.equal(post(c, SEKDIS)?.vacantSince, '2024-06-01', 'a Plt covers a vacancy; it stays a vacancy');

  const diff = await get(app, `/org-chart/diff?from=2024-01-01&to=2024-06-30&unit=${UNIT}`, 'analyst');
  t.equal(diff.statusCode, 200, `diff ${diff.statusCode}`);
  const moves = diff.json<OrgChartDiff>();
  t.same(moves.movedAcross.map((m) => [m.nip, m.fromPositionId, m.toPositionId]), [[NIP_BUDI, SEKDIS, KADIS]]);
  t.same([moves.movedIn, moves.movedOut, moves.positionsCreated, moves.positionsAbolished], [[], [], [], []]);
});

t.test('read-your-writes: a position not yet folded answers 503 with Retry-After after a bounded wait', async (t) => {
  const { app, runner } = await buildWithReadModels(t, { waitTimeoutMs: 100 });
  await seedOrganisation(app);
  const response = await get(app, '/org-chart?asOf=2024-06-01&minPosition=999999', 'analyst');
  t.equal(response.statusCode, 503);
  t.equal(response.headers['retry-after'], '1');
  t.match(response.json(), { error: 'not-caught-up', minPosition: 999999 });
  t.ok(runner.checkpoints()['org-chart'] ?? 0 > 0);
});

t.test('who may read, and what a bad query gets', async (t) => {
  const { app } = await buildWithReadModels(t);
  t.equal((await get(app, '/org-chart', 'public')).statusCode, 403);
  t.equal((await app.inject({ method: 'GET', url: '/org-chart' })).statusCode, 401);
  for (const role of ['hr', 'analyst', 'auditor'] as const) t.equal((await get(app, '/org-chart?asOf=2024-01-01', role)).statusCode, 200, role);
  t.equal((await get(app, '/org-chart?asOf=2024-02-30', 'analyst')).statusCode, 400, 'not a calendar date');
  t.equal((await get(app, '/org-chart?knownAt=yesterday', 'analyst')).statusCode, 400);
  t.equal((await get(app, '/org-chart/diff?from=2024-01-01', 'analyst')).statusCode, 400, 'to is required');
});
