// The continuity query routes' edges: who may read, what is not found, which filters are refused.
import t from 'tap';
import { get } from '../api/helper.js';
import { startHarness } from './continuity-harness.js';

t.test('read roles, 404s and bad filters', async (t) => {
  const h = await startHarness(t, '2025-03-03T03:00:00.000Z');
  for (const url of ['/programs', '/handovers']) {
    t.equal((await h.app.inject({ method: 'GET', url })).statusCode, 401, `${url} needs a token`);
    t.equal((await get(h.app, url, 'public')).statusCode, 403, `${url} is not for the public role`);
    for (const role of ['hr', 'analyst', 'auditor'] as const) t.equal((await get(h.app, url, role)).statusCode, 200, `${url} for ${role}`);
  }
  const program = await get(h.app, '/programs/kjp-plus');
  t.equal(program.statusCode, 404);
  t.match(program.json(), { error: 'not-found', message: 'program kjp-plus is not recorded' });
  const handover = await get(h.app, '/handovers/ho-0123');
  t.equal(handover.statusCode, 404);
  t.match(handover.json(), { error: 'not-found' });
  t.equal((await get(h.app, '/handovers?status=late')).statusCode, 400);
  t.equal((await get(h.app, '/programs?atRisk=yes')).statusCode, 400);
  t.equal((await get(h.app, '/programs?unit=Not%20A%20Unit')).statusCode, 400);
  t.equal((await get(h.app, '/programs?minPosition=0')).statusCode, 200, 'minPosition waits for the read model');
});
