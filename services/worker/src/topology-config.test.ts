// The topology settings the API and the worker share: what each combination opens, and every contradiction or
// gap stopping start-up with the variable to fix named.
import t from 'tap';
import { ConfigError, loadConfig } from './worker-config.js';

const PG = 'postgres://estafet@db.example:5432/estafet';

t.test('postgres events bring their read models along unless READ_MODEL_URL points elsewhere', (t) => {
  t.same(loadConfig({ EVENT_STORE: 'postgres', DATABASE_URL: PG }).topology, {
    eventStore: { kind: 'postgres', url: PG, schema: 'estafet' },
    readModels: { kind: 'postgres', url: PG, schema: 'estafet_read' },
    redis: null,
  });
  const split = loadConfig({
    EVENT_STORE: 'postgres', DATABASE_URL: PG, DATABASE_SCHEMA: 'ledger', READ_MODEL_URL: 'postgresql://replica:5432/read',
    READ_MODEL_SCHEMA: 'views', REDIS_URL: 'redis://cache:6379', REDIS_KEY_PREFIX: 'jakarta:',
  }).topology;
  t.same(split.eventStore, { kind: 'postgres', url: PG, schema: 'ledger' });
  t.same(split.readModels, { kind: 'postgres', url: 'postgresql://replica:5432/read', schema: 'views' });
  t.same(split.redis, { url: 'redis://cache:6379', keyPrefix: 'jakarta:' });
  t.same(loadConfig({ REDIS_URL: 'redis://cache:6379' }).topology.redis, { url: 'redis://cache:6379', keyPrefix: 'estafet:' });
  t.end();
});

t.test('eventstoredb events with read models in PostgreSQL; sqlite events may keep read models in PostgreSQL', (t) => {
  t.same(loadConfig({ EVENT_STORE: 'eventstoredb', ESDB_URL: 'esdb://esdb:2113?tls=false', READ_MODEL_URL: PG }).topology, {
    eventStore: { kind: 'eventstoredb', url: 'esdb://esdb:2113?tls=false' },
    readModels: { kind: 'postgres', url: PG, schema: 'estafet_read' },
    redis: null,
  });
  t.same(loadConfig({ READ_MODEL_URL: PG }).topology.readModels, { kind: 'postgres', url: PG, schema: 'estafet_read' });
  t.end();
});

t.test('a contradictory or missing setting names the variable to fix', (t) => {
  const cases: [Record<string, string>, string, RegExp][] = [
    [{ EVENT_STORE: 'postgres' }, 'DATABASE_URL', /required when EVENT_STORE=postgres/],
    [{ EVENT_STORE: 'eventstoredb', READ_MODEL_URL: PG }, 'ESDB_URL', /required when EVENT_STORE=eventstoredb/],
    [{ EVENT_STORE: 'eventstoredb', ESDB_URL: 'esdb://esdb:2113' }, 'READ_MODEL_URL', /read models live in PostgreSQL/],
    [{ ESDB_URL: 'esdb://esdb:2113' }, 'ESDB_URL', /EVENT_STORE is sqlite/],
    [{ DATABASE_URL: PG }, 'DATABASE_URL', /EVENT_STORE is sqlite/],
    [{ EVENT_STORE: 'eventstoredb', ESDB_URL: 'esdb://esdb:2113', READ_MODEL_URL: PG, DATABASE_URL: PG }, 'DATABASE_URL', /EVENT_STORE is eventstoredb/],
    [{ EVENT_STORE: 'postgres', DATABASE_URL: PG, READ_MODEL_SCHEMA: 'estafet' }, 'READ_MODEL_SCHEMA', /must differ from DATABASE_SCHEMA/],
    [{ REDIS_KEY_PREFIX: 'x:' }, 'REDIS_KEY_PREFIX', /REDIS_URL is not/],
    [{ EVENT_STORE: 'mysql' }, 'EVENT_STORE', /sqlite|postgres|eventstoredb/],
    [{ EVENT_STORE: 'postgres', DATABASE_URL: 'mysql://db/estafet' }, 'DATABASE_URL', /postgres:\/\//],
    [{ REDIS_URL: 'not a url' }, 'REDIS_URL', /redis:\/\//],
    [{ DATABASE_SCHEMA: 'Robert"; DROP' }, 'DATABASE_SCHEMA', /identifier/],
    [{ ESDB_URL: 'http://esdb:2113', EVENT_STORE: 'eventstoredb', READ_MODEL_URL: PG }, 'ESDB_URL', /esdb:\/\//],
  ];
  for (const [env, variable, message] of cases) {
    let thrown: unknown;
    try {
      loadConfig(env);
    } catch (error) {
      thrown = error;
    }
    t.ok(thrown instanceof ConfigError && thrown.variable === variable && message.test(thrown.message),
      `${JSON.stringify(env)} names ${variable}: ${thrown instanceof Error ? thrown.message : 'nothing thrown'}`);
  }
  t.end();
});
