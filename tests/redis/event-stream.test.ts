// GET /events/stream through a really listening fastify: heads after a posted command (through Redis to a
// second node too), event types and streams for auditors only, 403 for public, heartbeats, Last-Event-ID,
// and open streams ended by app.close().
import t from 'tap';
import type { FastifyInstance } from 'fastify';
import { bearer, send, tempDataDir } from '../api/helper.js';
import { unitBody } from '../api/fixtures.js';
import { coordinatedApp } from './coordinated-app.js';
import { redisNode, redisUrl, testPrefix, waitFor } from './redis-fixture.js';
import type { Teardown } from './redis-fixture.js';
import { openStream } from './sse-client.js';
import type { SseClient, SseFrame } from './sse-client.js';

const url = await redisUrl();

const listen = async (app: FastifyInstance): Promise<number> => {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('not listening');
  return address.port;
};

const isHead = (position: number) => (frame: SseFrame): boolean =>
  frame.event === 'head' && typeof frame.data === 'object' && frame.data !== null && 'position' in frame.data && frame.data.position === position;

const streamOf = (t: Teardown, client: SseClient): SseClient => {
  t.teardown(() => client.close());
  return client;
};

if (url === null) {
  t.plan(0, 'Redis tests skipped: REDIS_URL is unset and nothing answers at 127.0.0.1:6379');
} else {
  t.test('heads for readers, event types for auditors, nothing for the public; closed by app.close()', async (t) => {
    const coordination = await redisNode(t, url, testPrefix(t, url));
    const app = await coordinatedApp(t, coordination, { heartbeatMs: 50 });
    const port = await listen(app);

    const refused = await openStream(port, bearer('public'));
    t.equal(refused.status, 403);
    t.match(await refused.body(), { error: 'forbidden' });
    t.equal((await openStream(port, {})).status, 401);

    const auditor = streamOf(t, await openStream(port, bearer('auditor')));
    const analyst = streamOf(t, await openStream(port, bearer('analyst')));
    t.equal(auditor.status, 200);
    t.match(auditor.headers['content-type'], /^text\/event-stream/);
    t.ok(auditor.headers['x-request-id'], 'the app\'s hooks ran');
    await auditor.until(isHead(0));
    await analyst.until(isHead(0));

    t.equal((await send(app, '/units', unitBody)).statusCode, 201);
    const head = await auditor.until(isHead(1));
    t.equal(head.id, '1', 'the head is the id a reconnecting browser sends back');
    const events = await auditor.until((frame) => frame.event === 'events');
    t.same(events.data, { events: [{ position: 1, type: 'UnitEstablished', streamId: `unit-${unitBody.unitId}` }] });
    t.ok(auditor.frames.indexOf(events) < auditor.frames.indexOf(head), 'events before their head');
    await analyst.until(isHead(1));
    t.notOk(analyst.frames.some((frame) => frame.event === 'events'), 'an analyst gets heads only');
    await waitFor('a heartbeat', () => analyst.heartbeats() > 0);

    // A reconnecting auditor gets what it missed.
    t.equal((await send(app, '/units', { ...unitBody, unitId: 'setda', name: 'Sekretariat Daerah', kind: 'SETDA' })).statusCode, 201);
    const resumed = streamOf(t, await openStream(port, { ...bearer('auditor'), 'last-event-id': '0' }));
    const missed = await resumed.until((frame) => frame.event === 'events');
    t.same(missed.data, { events: [
      { position: 1, type: 'UnitEstablished', streamId: `unit-${unitBody.unitId}` },
      { position: 2, type: 'UnitEstablished', streamId: 'unit-setda' },
    ] });
    await resumed.until(isHead(2));

    const started = Date.now();
    await app.close();
    await Promise.all([auditor.ended, analyst.ended, resumed.ended]);
    t.ok(Date.now() - started < 2000, 'app.close() did not wait on the open streams');
  });

  t.test('a command on one node reaches a browser on another through Redis', async (t) => {
    const prefix = testPrefix(t, url);
    const dataDir = await tempDataDir(t);
    const writer = await coordinatedApp(t, await redisNode(t, url, prefix), { dataDir });
    const reader = await coordinatedApp(t, await redisNode(t, url, prefix), { dataDir });
    const port = await listen(reader);
    const auditor = streamOf(t, await openStream(port, bearer('auditor')));
    await auditor.until(isHead(0));

    t.equal((await send(writer, '/units', unitBody)).statusCode, 201);
    await auditor.until(isHead(1));
    const events = await auditor.until((frame) => frame.event === 'events');
    t.same(events.data, { events: [{ position: 1, type: 'UnitEstablished', streamId: `unit-${unitBody.unitId}` }] }, 'read from the shared store');
  });
}
