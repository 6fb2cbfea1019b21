// The auditor's event log: filters (types, stream prefix, effective and recorded time, actor, correlation),
// paging by global position, one event by id, and hash-chain verification.
import t from 'tap';
import type { Test } from 'tap';
import type { FastifyInstance } from 'fastify';
import { hashToken } from '@estafet/api';
import { TOKENS, build, firstEvent, get, refusalOf, send } from './helper.js';
import type { EventJson } from './helper.js';
import { NIP_BUDI, seedOrganisation, transferBody, unitBody } from './fixtures.js';

const page = async (app: FastifyInstance, query: string): Promise<{ events: EventJson[]; nextFromPosition: number | null }> => {
  const response = await get(app, `/events?${query}`);
  if (response.statusCode !== 200) throw new Error(`${query}: ${response.statusCode} ${response.body}`);
  return response.json<{ events: EventJson[]; nextFromPosition: number | null }>();
};

/** Seven events, each recorded a little later than the one before; the transfer under its own correlation id. */
async function seeded(t: Test): Promise<FastifyInstance> {
  let tick = 0;
  const app = await build(t, { clock: () => new Date(Date.UTC(2024, 5, 3, 1, 0, (tick += 1))) });
  await seedOrganisation(app);
  const transfer = await send(app, `/employees/${NIP_BUDI}/transfers`, transferBody, { headers: { 'x-correlation-id': 'mutasi-juni' } });
  if (transfer.statusCode !== 201) throw new Error(transfer.body);
  return app;
}

t.test('pages follow the global order to the end, nextFromPosition null on the last', async (t) => {
  const app = await seeded(t);
  const seen: number[] = [];
  let from: number | null = 0;
  let pages = 0;
  while (from !== null) {
    const result = await page(app, `fromPosition=${from}&limit=3`);
    seen.push(...result.events.map((event) => event.globalPosition));
    from = result.nextFromPosition;
    pages += 1;
  }
  t.same(seen, [1, 2, 3, 4, 5, 6, 7]);
  t.equal(pages, 3, '3 + 3 + 1, no empty last page');
  t.same((await page(app, 'limit=7')).nextFromPosition, null, 'an exact fit says there is no more');
  t.equal((await page(app, '')).events.length, 7, 'default page of 100');
});

t.test('filters', async (t) => {
  const app = await seeded(t);
  const all = (await page(app, '')).events;

  const registered = await page(app, 'types=EmployeeRegistered,EmployeeTransferred');
  t.same(registered.events.map((event) => event.type), ['EmployeeRegistered', 'EmployeeRegistered', 'EmployeeTransferred']);

  const budi = await page(app, `streamPrefix=employee-${NIP_BUDI}`);
  t.same(budi.events.map((event) => event.type), ['EmployeeRegistered', 'PositionAssigned', 'EmployeeTransferred']);

  const recent = await page(app, 'effectiveFrom=2023-01-01&effectiveTo=2024-12-31');
  t.same(recent.events.map((event) => event.type), ['PositionAssigned', 'EmployeeTransferred']);

  const third = all[2];
  const fifth = all[4];
  if (third === undefined || fifth === undefined) throw new Error('seeded log too short');
  const window = await page(app, `recordedFrom=${encodeURIComponent(third.recordedAt)}&recordedTo=${encodeURIComponent(fifth.recordedAt)}`);
  t.same(window.events.map((event) => event.globalPosition), [3, 4, 5]);

  const byCorrelation = await page(app, 'correlationId=mutasi-juni');
  t.same(byCorrelation.events.map((event) => event.type), ['EmployeeTransferred']);

  const hrActor = `hr:${hashToken(TOKENS.hr).slice(0, 8)}`;
  t.equal((await page(app, `actorId=${hrActor}`)).events.length, 7);
  t.equal((await page(app, 'actorId=hr:00000000')).events.length, 0);

  const filteredPaging = await page(app, 'types=EmployeeRegistered&limit=1');
  t.equal(filteredPaging.events.length, 1);
  const rest = await page(app, `types=EmployeeRegistered&limit=1&fromPosition=${String(filteredPaging.nextFromPosition)}`);
  t.equal(rest.events.length, 1);
  t.equal(rest.nextFromPosition, null);
});

t.test('bad filters are refused naming the parameter', async (t) => {
  const app = await build(t);
  const cases: [string, string][] = [
    ['limit=1001', 'limit'], ['limit=0', 'limit'], ['limit=ten', 'limit'], ['fromPosition=-1', 'fromPosition'],
    ['types=NoSuchEvent', 'types'], ['effectiveFrom=2024-13-01', 'effectiveFrom'], ['recordedTo=yesterday', 'recordedTo'],
  ];
  for (const [query, path] of cases) {
    const response = await get(app, `/events?${query}`);
    t.equal(response.statusCode, 400, query);
    t.match(refusalOf(response).issues, [{ path }], query);
  }
});

t.test('one event by id, and 404 for an unknown one', async (t) => {
  const app = await build(t);
  const created = firstEvent(await send(app, '/units', unitBody));
  const found = await get(app, `/events/${created.eventId}`);
  t.equal(found.statusCode, 200);
  t.same(found.json<EventJson>(), created);
});

t.test('verify recomputes the hash chain', async (t) => {
  const app = await seeded(t);
  const response = await get(app, '/events/verify');
  t.equal(response.statusCode, 200);
  t.match(response.json<unknown>(), { ok: true, checked: 7, headPosition: 7, headHash: /^[0-9a-f]{64}$/ });
  const empty = await build(t);
  t.match((await get(empty, '/events/verify')).json<unknown>(), { ok: true, checked: 0 });
});
