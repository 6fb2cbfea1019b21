// The as-of answer cache through the real path: an API on its own topology (SQLite ledger, embedded worker)
// sharing a real Redis. A question about a past date is computed once and then served from the cache; a
// correction invalidates it before its command answers; today's date is never cached.
import t from 'tap';
import { buildWithDir, get, send } from '../api/helper.js';
import { SK, seedOrganisation } from '../api/fixtures.js';
import { redisUrl, testPrefix } from './redis-fixture.js';

const url = await redisUrl();
if (url === null) {
  t.plan(0, 'answer cache routes skipped: REDIS_URL is unset and nothing answers at 127.0.0.1:6379');
} else {
  t.test('a past as-of answer is cached, shared, and invalidated by a correction', async (t) => {
    const prefix = testPrefix(t, url);
    const { app } = await buildWithDir(t, { env: { WORKER: 'embedded', REDIS_URL: url, REDIS_KEY_PREFIX: prefix } });
    await seedOrganisation(app);
    const head = (await get(app, '/events?limit=1000')).json<{ events: { globalPosition: number }[] }>().events.at(-1)?.globalPosition ?? 0;
    const ask = (query: string) => get(app, `/org-chart?${query}&minPosition=${head}`, 'analyst');

    const first = await ask('asOf=2024-01-01');
    t.equal(first.statusCode, 200);
    t.equal(first.headers['x-estafet-cache'], 'miss', 'computed the first time');
    const again = await ask('asOf=2024-01-01');
    t.equal(again.headers['x-estafet-cache'], 'hit', 'served from the cache the second time');
    t.same(again.json(), first.json(), 'the same answer');
    t.equal(JSON.stringify(first.json()).includes('Dinas Pendidikan'), true, 'and not an empty one');

    const today = await ask('asOf=2024-06-03');
    t.equal(today.headers['x-estafet-cache'], 'bypass', "today's chart still changes with ordinary events: never cached");
    const diff = await get(app, '/org-chart/diff?from=2023-01-01&to=2024-01-01', 'analyst');
    t.equal(diff.headers['x-estafet-cache'], 'miss');
    t.equal((await get(app, '/org-chart/diff?from=2023-01-01&to=2024-01-01', 'analyst')).headers['x-estafet-cache'], 'hit');

    const unit = (await get(app, '/events?types=UnitEstablished')).json<{ events: { eventId: string; data: Record<string, unknown> }[] }>().events[0];
    if (unit === undefined) throw new Error('no UnitEstablished in the log');
    const corrected = await send(app, `/events/${unit.eventId}/corrections`, {
      replacementData: { ...unit.data, name: 'Dinas Pendidikan Provinsi' }, reason: 'nama unit sesuai Perda', legalBasis: SK,
    });
    t.equal(corrected.statusCode, 201);
    const position = corrected.json<{ position: number }>().position;
    const after = await get(app, `/org-chart?asOf=2024-01-01&minPosition=${position}`, 'analyst');
    t.equal(after.headers['x-estafet-cache'], 'miss', 'the correction invalidated the cached answer');
    t.match(JSON.stringify(after.json()), /Dinas Pendidikan Provinsi/, 'and the new answer has the corrected name');
    t.equal((await get(app, `/org-chart?asOf=2024-01-01&minPosition=${position}`, 'analyst')).headers['x-estafet-cache'], 'hit',
      'cached again once computed after the correction');
  });
}
