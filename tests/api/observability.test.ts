// What operators see: request ids (an incoming x-request-id is kept), a 5xx that logs the error under `err`
// but answers generically, and no NIP in any log line at info level, and /healthz.
import t from 'tap';
import { createSqliteEventStore } from '@estafet/ledger';
import { buildApp, loadConfig } from '@estafet/api';
import { build, send, tempDataDir } from './helper.js';
import { NIP_BUDI, seedOrganisation, transferBody, unitBody } from './fixtures.js';

interface LogLine {
  level: number;
  msg?: string;
  reqId?: string;
  err?: { message?: string; stack?: string };
}

const isLogLine = (value: unknown): value is LogLine =>
  typeof value === 'object' && value !== null && 'level' in value && typeof value.level === 'number';

const collector = () => {
  const lines: LogLine[] = [];
  const raw: string[] = [];
  return {
    lines, raw,
    write(line: string) {
      raw.push(line);
      const parsed: unknown = JSON.parse(line);
      if (isLogLine(parsed)) lines.push(parsed);
    },
  };
};

t.test('x-request-id is honoured, echoed and logged; a strange one is replaced', async (t) => {
  const log = collector();
  const app = await build(t, { logger: log });
  const kept = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'gateway-42' } });
  t.equal(kept.headers['x-request-id'], 'gateway-42');
  t.ok(log.lines.some((line) => line.reqId === 'gateway-42'), 'in the log');
  const replaced = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'bad id\nwith newline' } });
  t.match(replaced.headers['x-request-id'], /^[0-9a-f-]{36}$/);
});

t.test('/healthz needs no token and reports the head position and durability', async (t) => {
  const app = await build(t);
  await send(app, '/units', unitBody);
  const response = await app.inject({ method: 'GET', url: '/healthz' });
  t.equal(response.statusCode, 200);
  t.match(response.json<unknown>(), { status: 'ok', headPosition: 1, durability: { journalMode: 'wal' } });
});

t.test('no NIP reaches a log line at info level', async (t) => {
  const log = collector();
  const app = await build(t, { logger: log, env: { LOG_LEVEL: 'info' } });
  await seedOrganisation(app);
  await send(app, `/employees/${NIP_BUDI}/transfers`, transferBody);
  await send(app, `/employees/${NIP_BUDI}/transfers`, transferBody);
  await send(app, '/employees/198602302015051001/transfers', transferBody);
  t.ok(log.raw.length > 10, 'requests were logged');
  t.notOk(log.raw.some((line) => /\d{18}/.test(line)), 'no 18-digit number in any line');
});

t.test('a 5xx logs the error under err and answers a generic message', async (t) => {
  const log = collector();
  const store = createSqliteEventStore({ path: ':memory:' });
  t.teardown(() => store.close());
  const failing = { ...store, append: () => Promise.reject(new Error('disk on fire at /secret/path')) };
  const config = loadConfig({ DATA_DIR: await tempDataDir(t), ESTAFET_API_TOKENS: `hr:${'h'.repeat(20)}` });
  const app = await buildApp({ config, store: failing, logger: log });
  t.teardown(() => app.close());
  const response = await app.inject({
    method: 'POST', url: '/units', payload: unitBody, headers: { authorization: `Bearer ${'h'.repeat(20)}` },
  });
  t.equal(response.statusCode, 500);
  t.same(response.json<unknown>(), { error: 'internal', message: 'Internal Server Error' });
  t.notMatch(response.body, /disk on fire/);
  const logged = log.lines.find((line) => line.level === 50);
  t.match(logged?.err?.message, /disk on fire/, 'the cause is logged under err');
  t.equal(logged?.reqId, response.headers['x-request-id']);
});
