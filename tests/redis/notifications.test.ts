// Head notifications across two coordination objects on the real Redis, as two nodes would have them: a head
// published on one reaches the other's listeners once; another prefix (another deployment) hears nothing.
import t from 'tap';
import { nextValue, redisNode, redisUrl, testPrefix } from './redis-fixture.js';

const url = await redisUrl();

if (url === null) {
  t.plan(0, 'Redis tests skipped: REDIS_URL is unset and nothing answers at 127.0.0.1:6379');
} else {
  t.test('a head published on one node reaches every node once, in order', async (t) => {
    const prefix = testPrefix(t, url);
    const a = await redisNode(t, url, prefix);
    const b = await redisNode(t, url, prefix);
    const other = await redisNode(t, url, testPrefix(t, url));
    t.equal(a.mode, 'redis');
    const onA: number[] = [];
    const onOther: number[] = [];
    a.notifications.onHead((position) => onA.push(position));
    other.notifications.onHead((position) => onOther.push(position));

    const atB = nextValue<number>((callback) => b.notifications.onHead(callback));
    a.notifications.publishHead(5);
    t.equal(await atB, 5, 'node b heard node a');
    const atA = nextValue<number>((callback) => a.notifications.onHead(callback));
    b.notifications.publishHead(9);
    t.equal(await atA, 9, 'node a heard node b');
    // The old head again (a late message) is no news.
    b.notifications.publishHead(7);
    const last = nextValue<number>((callback) => a.notifications.onHead(callback));
    b.notifications.publishHead(10);
    t.equal(await last, 10);
    t.same(onA, [5, 9, 10], 'own head delivered once although Redis echoes it; 7 came after 9 and was dropped');
    t.same(onOther, [], 'another prefix hears nothing');
  });
}
