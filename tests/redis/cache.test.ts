// The as-of answer cache on the real Redis, shared by two nodes: a miss, a hit on the other node, and a
// correction posted through the API that hides the entry before the command answers and refuses late writes.
import t from 'tap';
import { mayCacheAnswer } from '../../services/worker/src/coordination/answer-cache-policy.js';
import { firstEvent, headPosition, send } from '../api/helper.js';
import { NIP_BUDI, SK, seedOrganisation, transferBody } from '../api/fixtures.js';
import { coordinatedApp } from './coordinated-app.js';
import { redisNode, redisUrl, testPrefix } from './redis-fixture.js';

const url = await redisUrl();

if (url === null) {
  t.plan(0, 'Redis tests skipped: REDIS_URL is unset and nothing answers at 127.0.0.1:6379');
} else {
  t.test('hit, miss, and invalidation by a correction', async (t) => {
    const prefix = testPrefix(t, url);
    const writer = await redisNode(t, url, prefix);
    const reader = await redisNode(t, url, prefix);
    const app = await coordinatedApp(t, writer);
    await seedOrganisation(app);
    const transfer = firstEvent(await send(app, `/employees/${NIP_BUDI}/transfers`, transferBody));

    const key = 'org-chart?asOf=2024-05-01&unit=dinas-pendidikan';
    const head = await headPosition(app);
    // Here the read model is taken as caught up with the head (the route would read the runner's checkpoint).
    t.ok(mayCacheAnswer({ dates: ['2024-05-01'], today: '2024-06-03', checkpoint: head, head }));
    t.same(await reader.cache.get(key), { hit: false }, 'a miss before anything is stored');
    t.equal(await writer.cache.set(key, { kadis: null, sekdis: NIP_BUDI }, head), true);
    t.same(await reader.cache.get(key), { hit: true, value: { kadis: null, sekdis: NIP_BUDI } }, 'a hit on the other node');
    t.same(await reader.cache.get('org-chart?asOf=2024-04-01'), { hit: false }, 'another question misses');

    const corrected = await send(app, `/events/${transfer.eventId}/corrections`, {
      replacementData: { ...transfer.data, reason: 'ROTATION' }, reason: 'SK states rotation, not promotion', legalBasis: SK,
    });
    t.equal(corrected.statusCode, 201, corrected.body);
    t.same(await reader.cache.get(key), { hit: false }, 'invalidated before the command answered');
    t.equal(await reader.cache.set(key, { kadis: null, sekdis: NIP_BUDI }, head), false, 'an answer computed before the correction is refused');
    const after = await headPosition(app);
    t.equal(await reader.cache.set(key, { kadis: null, sekdis: null }, after), true, 'one computed after it is stored');
    t.same(await writer.cache.get(key), { hit: true, value: { kadis: null, sekdis: null } });
  });
}
