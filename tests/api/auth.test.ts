// Bearer tokens and roles: 401 without or with an unknown token, 403 for the wrong role, and the actor on
// every event taken from the token, never from the body. Nothing is stored on a refusal.
import t from 'tap';
import { hashToken } from '@estafet/api';
import { TOKENS, build, firstEvent, get, headPosition, refusalOf, send } from './helper.js';
import type { EventJson } from './helper.js';
import { unitBody } from './fixtures.js';

t.test('no token, a malformed header or an unknown token: 401 with WWW-Authenticate', async (t) => {
  const app = await build(t);
  const attempts: Record<string, string>[] = [{}, { authorization: TOKENS.hr }, { authorization: 'Bearer not-a-known-token' }];
  for (const headers of attempts) {
    const response = await app.inject({ method: 'POST', url: '/units', headers, payload: unitBody });
    t.equal(response.statusCode, 401, JSON.stringify(headers));
    t.equal(response.headers['www-authenticate'], 'Bearer');
    t.equal(refusalOf(response).error, 'unauthorized');
  }
  t.equal((await app.inject({ method: 'GET', url: '/events' })).statusCode, 401);
  t.equal(await headPosition(app), 0, 'nothing stored');
});

t.test('the wrong role: 403', async (t) => {
  const app = await build(t);
  for (const role of ['analyst', 'auditor', 'public'] as const) {
    const response = await send(app, '/units', unitBody, { role });
    t.equal(response.statusCode, 403, role);
    t.equal(refusalOf(response).error, 'forbidden');
  }
  for (const role of ['hr', 'analyst', 'public'] as const) {
    t.equal((await get(app, '/events', role)).statusCode, 403, `${role} may not read the event log`);
    t.equal((await get(app, '/events/verify', role)).statusCode, 403, `${role} may not verify`);
  }
  t.equal(await headPosition(app), 0, 'nothing stored');
});

t.test('auth runs before validation: an unknown caller learns nothing about the schema', async (t) => {
  const app = await build(t);
  const response = await app.inject({ method: 'POST', url: '/employees/123/transfers', payload: {} });
  t.equal(response.statusCode, 401);
});

t.test('the actor comes from the token even when the body names one', async (t) => {
  const app = await build(t);
  const response = await send(app, '/units', { ...unitBody, actor: { id: 'system:continuity', role: 'system' } });
  t.equal(response.statusCode, 201, response.body);
  const event = firstEvent(response);
  t.same(event.actor, { id: `hr:${hashToken(TOKENS.hr).slice(0, 8)}`, role: 'hr' });
  const logged = await get(app, `/events/${event.eventId}`);
  t.same(logged.json<EventJson>().actor, event.actor, 'as stored');
});

t.test('the public may report a complaint, and nothing else', async (t) => {
  const app = await build(t);
  t.equal((await send(app, '/units', unitBody)).statusCode, 201);
  const complaint = {
    unitId: unitBody.unitId, channel: 'JAKI', category: 'pelayanan', receivedAt: '2024-06-03T08:00:00+07:00',
    summary: 'Antrean pendaftaran sekolah tidak bergerak',
  };
  const response = await send(app, '/complaints', complaint, { role: 'public' });
  t.equal(response.statusCode, 201, response.body);
  const received = firstEvent(response);
  t.equal(received.actor.role, 'public');
  const complaintId = String(received.data['complaintId']);
  const resolution = { resolvedAt: '2024-06-04T08:00:00+07:00', outcome: 'RESOLVED' };
  t.equal((await send(app, `/complaints/${complaintId}/resolution`, resolution, { role: 'public' })).statusCode, 403);
  t.equal((await send(app, `/complaints/${complaintId}/resolution`, resolution)).statusCode, 201);
});
