// The health listener's HTTP side on a real socket: the report's verdict as the status, the health as the body,
// HEAD without one, 404 and 405 elsewhere, a check that throws answered 503 without its message, close twice.
import t from 'tap';
import type { Test } from 'tap';
import { startHealthListener } from './health-listener.js';
import type { HealthReport } from './worker-health.js';

const HEALTHY: HealthReport = { healthy: true, health: { lease: 'none', checkpoints: { 'org-chart': 3 }, head: 3, lag: 0 } };

const listen = async (t: Test, check: () => Promise<HealthReport>) => {
  const errors: unknown[] = [];
  const listener = await startHealthListener({ port: 0, host: '127.0.0.1', check, log: { info: () => undefined, error: (details) => errors.push(details) } });
  t.teardown(() => listener.close());
  const ask = (path: string, method = 'GET') => fetch(`http://127.0.0.1:${listener.port}${path}`, { method });
  return { listener, ask, errors };
};

t.test('200 with the health while healthy, 503 with the problem while not', async (t) => {
  let report = HEALTHY;
  const { ask } = await listen(t, () => Promise.resolve(report));
  const healthy = await ask('/healthz');
  t.equal(healthy.status, 200);
  t.match(healthy.headers.get('content-type'), /^application\/json/);
  t.equal(healthy.headers.get('cache-control'), 'no-store');
  t.same(await healthy.json(), HEALTHY.health);
  report = { healthy: false, health: { ...HEALTHY.health, head: null, lag: null, problem: 'event store unreachable' } };
  const failing = await ask('/healthz?verbose=1');
  t.equal(failing.status, 503, 'a query string does not change the route');
  t.same(await failing.json(), report.health);
  const head = await ask('/healthz', 'HEAD');
  t.equal(head.status, 503);
  t.equal(await head.text(), '', 'HEAD has no body');
});

t.test('other paths and methods', async (t) => {
  const { ask } = await listen(t, () => Promise.resolve(HEALTHY));
  t.equal((await ask('/')).status, 404);
  t.equal((await ask('/health')).status, 404);
  const post = await ask('/healthz', 'POST');
  t.equal(post.status, 405);
  t.equal(post.headers.get('allow'), 'GET, HEAD');
});

t.test('a check that throws is a 503 that does not say why; the error is logged', async (t) => {
  const { ask, errors } = await listen(t, () => Promise.reject(new Error('secret detail')));
  const answer = await ask('/healthz');
  t.equal(answer.status, 503);
  t.same(await answer.json(), { error: 'health check failed' });
  t.match(errors, [{ err: { message: 'secret detail' } }]);
});

t.test('close is idempotent, and a taken port is refused at start', async (t) => {
  const { listener } = await listen(t, () => Promise.resolve(HEALTHY));
  await t.rejects(startHealthListener({ port: listener.port, host: '127.0.0.1', check: () => Promise.resolve(HEALTHY), log: { info: () => undefined, error: () => undefined } }),
    { code: 'EADDRINUSE' });
  await listener.close();
  await listener.close();
  await t.rejects(fetch(`http://127.0.0.1:${listener.port}/healthz`), 'nothing listens after close');
});
