// loadConfig: defaults, and a bad value stops start-up with a message naming the variable.
import t from 'tap';
import { ConfigError, loadConfig } from '@estafet/api';

t.test('defaults run embedded: port 3000 on localhost, ./data, generated tokens, FULL sync', (t) => {
  t.same(loadConfig({}), {
    port: 3000, host: '127.0.0.1', dataDir: './data', logLevel: 'info', apiTokens: null,
    minGolonganPolicy: 'refuse', sqliteSynchronous: 'FULL', worker: 'embedded', continuityTickMs: 60_000,
    topology: { eventStore: { kind: 'sqlite' }, readModels: { kind: 'sqlite' }, redis: null },
  });
  t.equal(loadConfig({ PORT: '' }).port, 3000, 'an empty variable counts as unset');
  t.end();
});

t.test('values are parsed', (t) => {
  const config = loadConfig({
    PORT: '8080', HOST: '0.0.0.0', DATA_DIR: '/var/lib/estafet', LOG_LEVEL: 'debug', MIN_GOLONGAN_POLICY: 'warn',
    SQLITE_SYNCHRONOUS: 'NORMAL', ESTAFET_API_TOKENS: 'hr:aaaaaaaaaaaaaaaaaaaa, auditor:bbbbbbbbbbbbbbbbbbbb',
  });
  t.equal(config.port, 8080);
  t.equal(config.minGolonganPolicy, 'warn');
  t.equal(config.sqliteSynchronous, 'NORMAL');
  t.same(config.apiTokens, [{ role: 'hr', token: 'aaaaaaaaaaaaaaaaaaaa' }, { role: 'auditor', token: 'bbbbbbbbbbbbbbbbbbbb' }]);
  t.end();
});

const thrownBy = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
};

t.test('a bad value throws a ConfigError naming the variable', (t) => {
  const cases: [Record<string, string>, string][] = [
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ MIN_GOLONGAN_POLICY: 'ignore' }, 'MIN_GOLONGAN_POLICY'],
    [{ SQLITE_SYNCHRONOUS: 'OFF' }, 'SQLITE_SYNCHRONOUS'],
    [{ ESTAFET_API_TOKENS: 'boss:aaaaaaaaaaaaaaaaaaaa' }, 'ESTAFET_API_TOKENS'],
    [{ ESTAFET_API_TOKENS: 'hr:short' }, 'ESTAFET_API_TOKENS'],
    [{ ESTAFET_API_TOKENS: 'aaaaaaaaaaaaaaaaaaaa' }, 'ESTAFET_API_TOKENS'],
    [{ ESTAFET_API_TOKENS: 'hr:aaaaaaaaaaaaaaaaaaaa,auditor:aaaaaaaaaaaaaaaaaaaa' }, 'ESTAFET_API_TOKENS'],
    [{ ESTAFET_API_TOKENS: ' , ' }, 'ESTAFET_API_TOKENS'],
  ];
  for (const [env, variable] of cases) {
    const error = thrownBy(() => loadConfig(env));
    t.ok(error instanceof ConfigError, `${JSON.stringify(env)} throws a ConfigError`);
    t.equal(error instanceof ConfigError ? error.variable : undefined, variable, `and names ${variable}`);
    t.match(error instanceof Error ? error.message : '', new RegExp(`^${variable}: `), 'the message starts with it');
  }
  t.end();
});

t.test('a token never appears in a config error', (t) => {
  const secret = 'supersecret-token-value';
  const error = thrownBy(() => loadConfig({ ESTAFET_API_TOKENS: `nobody:${secret}` }));
  t.ok(error instanceof ConfigError);
  t.notMatch(String(error), secret);
  t.end();
});
