// Commands through the real store and command handler: a unit, positions, employees, an assignment and a
// transfer with its SK; the answer's envelope, ETag and position; idempotent retries; If-Match.
import t from 'tap';
import { answerOf, build, firstEvent, get, headPosition, refusalOf, send } from './helper.js';
import { KADIS, NIP_BUDI, NIP_SITI, SEKDIS, SK, positionBody, seedOrganisation, transferBody, unitBody } from './fixtures.js';

t.test('happy path: establish, register, assign, transfer with SK', async (t) => {
  const app = await build(t);
  await seedOrganisation(app);
  const before = await headPosition(app);

  const response = await send(app, `/employees/${NIP_BUDI}/transfers`, transferBody, { headers: { 'x-correlation-id': 'mutasi-2024-06' } });
  t.equal(response.statusCode, 201, response.body);
  const body = answerOf(response);
  t.equal(body.events.length, 1);
  const event = firstEvent(response);
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
  const event = firstEvent(await send(app, '/units', unitBody));
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
  t.same(answerOf(retry).events, answerOf(first).events, 'the original events');
  t.equal(answerOf(retry).position, answerOf(first).position);
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
  t.match(firstEvent(moved).data, { unitId: unitBody.unitId, change: 'MOVED', newParentUnitId: 'setda' });
  const bad = await send(app, `/units/${unitBody.unitId}/restructurings`, { change: 'EXPLODED', effectiveAt: '2024-01-01', legalBasis: SK });
  t.equal(bad.statusCode, 400);
  t.match(refusalOf(bad).issues, [{ path: 'change' }]);
});

t.test('acting appointments: ETag and If-Match speak of the position, where the event is only linked', async (t) => {
  const app = await build(t);
  await seedOrganisation(app);
  t.equal((await send(app, `/employees/${NIP_BUDI}/transfers`, transferBody)).statusCode, 201);
  const appointed = await send(app, `/positions/${SEKDIS}/acting-appointments`, {
    nip: NIP_SITI, actingKind: 'PLT', plannedEnd: '2024-09-01', effectiveAt: '2024-06-03', legalBasis: SK,
  });
  t.equal(appointed.statusCode, 201, appointed.body);
  t.equal(firstEvent(appointed).streamId, `employee-${NIP_SITI}`, 'stored with the official');
  // established, Budi assigned, Budi transferred out, Siti appointed: the position stream is at 4.
  t.equal(appointed.headers.etag, '"4"');

  const extension = { plannedEnd: '2024-12-01', effectiveAt: '2024-08-30', legalBasis: SK };
  const url = `/positions/${SEKDIS}/acting-appointments/${NIP_SITI}/extension`;
  const stale = await send(app, url, extension, { headers: { 'if-match': '"3"' } });
  t.equal(stale.statusCode, 412);
  t.match(refusalOf(stale), { streamId: `position-${SEKDIS}`, expected: 3, actual: 4 });
  const extended = await send(app, url, extension, { headers: { 'if-match': String(appointed.headers.etag) } });
  t.equal(extended.statusCode, 201, extended.body);
  t.equal(extended.headers.etag, '"5"');
});

t.test('MIN_GOLONGAN_POLICY: refuse (default) answers 409, warn records with a warning', async (t) => {
  const seniorPost = { ...positionBody('kabid-smp', 'Kepala Bidang SMP', 'ADMINISTRATOR', true), minimumGolongan: 'IV/a' };
  const assign = { positionId: 'kabid-smp', effectiveAt: '2024-06-01', legalBasis: SK };
  for (const policy of ['refuse', 'warn'] as const) {
    const app = await build(t, { env: { MIN_GOLONGAN_POLICY: policy } });
    await seedOrganisation(app);
    t.equal((await send(app, '/positions', seniorPost)).statusCode, 201);
    const response = await send(app, `/employees/${NIP_SITI}/assignments`, assign);
    if (policy === 'refuse') {
      t.equal(response.statusCode, 409, response.body);
      t.equal(refusalOf(response).error, 'rule-violation');
    } else {
      t.equal(response.statusCode, 201, response.body);
      t.equal(answerOf(response).warnings.length, 1, answerOf(response).warnings.join('; '));
    }
  }
});

t.test('corrections and retractions name their target event', async (t) => {
  const app = await build(t);
  await seedOrganisation(app);
  const transfer = firstEvent(await send(app, `/employees/${NIP_BUDI}/transfers`, transferBody));
  const corrected = await send(app, `/events/${transfer.eventId}/corrections`, {
    replacementData: { ...transfer.data, reason: 'ROTATION' }, reason: 'SK states rotation, not promotion', legalBasis: SK,
  });
  t.equal(corrected.statusCode, 201, corrected.body);
  t.match(firstEvent(corrected), { type: 'EventCorrected', streamId: transfer.streamId, data: { targetEventId: transfer.eventId } });
  const retracted = await send(app, `/events/${transfer.eventId}/retractions`, { reason: 'recorded against the wrong employee' });
  t.equal(retracted.statusCode, 201, retracted.body);
  t.equal(firstEvent(retracted).type, 'EventRetracted');
  const unknown = await send(app, '/events/00000000-0000-4000-8000-000000000000/retractions', { reason: 'no such event here' });
  t.equal(unknown.statusCode, 404);
});
