// The binding fence beside the checkpoint: an older token is refused inside the transaction (which then rolls
// back), equal and newer tokens pass, and the recorded highest is the floor for the next acquire.
import t from 'tap';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteEventStore } from '@estafet/ledger';
import { admitFencingToken, createSqliteCheckpointFence } from './fencing.js';

t.test('admitFencingToken: refuses only a token below the recorded one', (t) => {
  t.equal(admitFencingToken('l', null, 1), 1);
  t.equal(admitFencingToken('l', 3, 3), 3, 'the same holder commits again');
  t.equal(admitFencingToken('l', 3, 5), 5);
  t.throws(() => admitFencingToken('l', 5, 4), { code: 'STALE_FENCING_TOKEN', token: 4, highest: 5 });
  t.end();
});

t.test('the SQLite fence refuses a stale holder inside its transaction and keeps the newer token', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'estafet-fence-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const store = createSqliteEventStore({ path: join(dir, 'ledger.db'), synchronous: 'NORMAL' });
  t.teardown(() => store.close());
  const fence = createSqliteCheckpointFence(store.db);
  const lease = 'projection:org-chart';
  t.equal(fence.highest(lease), null);
  t.throws(() => fence.admit(lease, 1), /inside the checkpoint transaction/);

  const inTransaction = (work: () => void): void => {
    store.db.exec('BEGIN IMMEDIATE');
    try {
      work();
      store.db.exec('COMMIT');
    } catch (error) {
      store.db.exec('ROLLBACK');
      throw error;
    }
  };
  inTransaction(() => fence.admit(lease, 6));
  inTransaction(() => fence.admit(lease, 6));
  t.equal(fence.highest(lease), 6);
  t.throws(() => inTransaction(() => fence.admit(lease, 5)), { code: 'STALE_FENCING_TOKEN' });
  t.equal(fence.highest(lease), 6, 'unchanged');
  inTransaction(() => fence.admit(lease, 7));
  t.equal(fence.highest(lease), 7);
  t.equal(createSqliteCheckpointFence(store.db).highest(lease), 7, 'kept in the file');
});
