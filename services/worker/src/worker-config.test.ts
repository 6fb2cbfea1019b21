// The worker's configuration: defaults when nothing is set, and a bad value named by its variable.
import t from 'tap';
import { ConfigError, loadConfig } from './worker-config.js';

t.test('defaults', (t) => {
  t.same(loadConfig({}), {
    dataDir: './data', logLevel: 'info', sqliteSynchronous: 'FULL', batchSize: 5000, rebuildBatchSize: 50_000, continuityTickMs: 60_000, healthPort: null,
    topology: { eventStore: { kind: 'sqlite' }, readModels: { kind: 'sqlite' }, redis: null },
  });
  t.equal(loadConfig({ DATA_DIR: '', PROJECTION_BATCH_SIZE: '200' }).batchSize, 200, 'an empty variable counts as unset');
  t.equal(loadConfig({ WORKER_HEALTH_PORT: '8081' }).healthPort, 8081);
  t.equal(loadConfig({ WORKER_HEALTH_PORT: '' }).healthPort, null, 'no health listener unless asked for');
  t.end();
});

t.test('a bad value names its variable', (t) => {
  t.throws(() => loadConfig({ PROJECTION_BATCH_SIZE: 'lots' }), new ConfigError('PROJECTION_BATCH_SIZE', 'must be a whole number'));
  t.throws(() => loadConfig({ SQLITE_SYNCHRONOUS: 'OFF' }), /^SQLITE_SYNCHRONOUS: /);
  t.throws(() => loadConfig({ PROJECTION_REBUILD_BATCH_SIZE: '0' }), /^PROJECTION_REBUILD_BATCH_SIZE: /);
  for (const port of ['http', '-1', '65536']) t.throws(() => loadConfig({ WORKER_HEALTH_PORT: port }), /^WORKER_HEALTH_PORT: must be a port number/);
  t.end();
});
