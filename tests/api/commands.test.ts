// Commands through the real store and command handler: a unit, positions, employees, an assignment and a
// transfer with its SK; the answer's envelope, ETag and position; idempotent retries; If-Match.
import t from 'tap';
import { build, get, headPosition, send } from './helper.js';
import { KADIS, NIP_BUDI, SEKDIS, SK, seedOrganisation, transferBody, unitBody } from './fixtures.js';

t.test('happy path: establish, register, assign, transfer with SK', async (t) => {
  const app = await build(t);
  await seedOrganisation(app);
  const before = await headPosition(app);

  const response = await send(app, `/employees/${NIP_BUDI}/transfers`, transferBody, { headers: { 'x-correlation-id': 'mutasi-2024-06' } });
  t.equal(response.statusCode, 201, response.body);
  const body = response.json();
  t.equal(body.events.length, 1);
  const [event] = body.events;
  t.equal(event.type, 'EmployeeTransferred');
  t.match(event.data, { nip: NIP_BUDI, fromPositionId: SEKDIS, toPositionId: KADIS, reason: 'PROMOTION' });
  t.same(event.legalBasis, SK);
  t.equal(event.effectiveAt, '2024-06-01');
  t.equal(event.correlationId, 'mutasi-2024-06');
  t.equal(event.recordedAt, '2024-06-03T03:00:00.000Z', 'recordedAt from the server clock');
  t.equal(event.streamId, `employee-${NIP_BUDI}`);
  t.equal(body.position, before + 1);
  t.equal(body.position, event.globalPosition);
  t.same(body.warnings, []);
  t.equal(response.headers.etag, `"${event.streamVersion}"`, 'ETag: the employee stream\'s new version');
  t.notOk(response.headers['idempotent-replayed']);
  t.equal(await headPosition(app), before + 1);

  const stored = await get(app, `/events/${event.eventId}`);
  t.equal(stored.statusCode, 200);
  t.same(stored.json(), event, 'the answer is the stored envelope');
});

t.test('a correlation id is generated when none is sent', async (t) => {
  const app = await build(t);
  const event = (await send(app, '/units', unitBody)).json().events[0];
  t.match(event.correlationId, /^[0-9a-f-]{36}$/);
  t.equal(event.causationId, null);
});

t.test('the same Idempotency-Key stores nothing twice and answers 200 with the original events', async (t) => {
  const app = await build(t);
  const headers = { 'idempotency-key': 'sk-800-1234-2024-unit' };
  const first = await send(app, '/units', unitBody, { headers });
  t.equal(first.statusCode, 201, first.body);
  const head = await headPosition(app);

  const retry = await send(app, '/units', unitBody, { headers });
  t.equal(retry.statusCode, 200, retry.body);
  t.equal(retry.headers['idempotent-replayed'], 'true');
  t.same(retry.json().events, first.json().events, 'the original events');
  t.equal(retry.json().position, first.json().position);
  t.equal(retry.headers.etag, first.headers.etag);
  t.equal(await headPosition(app), head, 'nothing stored by the retry');
});

t.test('If-Match: the ETag of the last answer lets the next command through', async (t) => {
  const app = await build(t);
  const created = await send(app, '/units', unitBody);
  const etag = created.headers.etag;
  t.equal(etag, '"1"');
  const renamed = await send(app, `/units/${unitBody.unitId}/renames`, { name: 'Dinas Pendidikan Provinsi', effectiveAt: '2024-01-01' }, {
    headers: { 'if-match': String(etag) },
  });
  t.equal(renamed.statusCode, 201, renamed.body);
  t.equal(renamed.headers.etag, '"2"');
  const any = await send(app, `/units/${unitBody.unitId}/renames`, { name: 'Dinas Pendidikan DKI', effectiveAt: '2024-02-01' }, {
    headers: { 'if-match': '*' },
  });
  t.equal(any.statusCode, 201, 'If-Match: * asks for no check');
});

t.test('a restructuring is a union on `change`; the body schema keeps it', async (t) => {
  const app = await build(t);
  await send(app, '/units', unitBody);
  await send(app, '/units', { ...unitBody, unitId: 'setda', name: 'Sekretariat Daerah', kind: 'SETDA' });
  const moved = await send(app, `/units/${unitBody.unitId}/restructurings`, {
    change: 'MOVED', newParentUnitId: 'setda', effectiveAt: '2024-01-01', legalBasis: SK,
  });
  t.equal(moved.statusCode, 201, moved.body);
  t.match(moved.json().events[0].data, { unitId: unitBody.unitId, change: 'MOVED', newParentUnitId: 'setda' });
  const bad = await send(app, `/units/${unitBody.unitId}/restructurings`, { change: 'EXPLODED', effectiveAt: '2024-01-01', legalBasis: SK });
  t.equal(bad.statusCode, 400);
  t.equal(bad.json().issues[0].path, 'change');
});
