// The check after a copy catches what the target's own chain verification cannot: on SQLite, stream memberships
// and idempotency keys are outside the hash chain, so a copy that lost or bent them must still be reported.
import t from 'tap';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createSqliteEventStore } from '@estafet/ledger';
import { compareLedgers } from '../../scripts/src/migrate/compare-ledgers.js';
import { openSqliteSource } from '../../scripts/src/migrate/sqlite-endpoint.js';
import { buildLedger, migrate } from './migrate-fixture.js';

t.test('memberships and keys that differ after a copy are reported, with the chain still verifying', async (t) => {
  const dir = t.testdir();
  const sourcePath = join(dir, 'source.db');
  const targetPath = join(dir, 'target.db');
  const store = createSqliteEventStore({ path: sourcePath });
  await buildLedger(store, 6).finally(() => store.close());
  const run = await migrate('--from', `sqlite:${sourcePath}`, '--to', `sqlite:${targetPath}`);
  t.equal(run.code, 0, 'copied', { stderr: run.stderr });

  const raw = new Database(targetPath);
  raw.prepare('UPDATE stream_members SET version = version + 100 WHERE global_position = 4').run();
  raw.prepare("UPDATE idempotency_keys SET key = 'establish-x' WHERE key = 'establish-2'").run();
  raw.close();

  const source = openSqliteSource(sourcePath);
  const target = openSqliteSource(targetPath);
  t.teardown(async () => {
    await Promise.all([source.close(), target.close()]);
  });
  t.ok((await target.store.verifyChain()).ok, 'the hash chain alone sees nothing wrong');
  const head = await source.store.headPosition();
  const [last] = await source.store.readAll({ fromPosition: head - 1 });
  const comparison = await compareLedgers(source, target, { position: head, hash: last?.hash ?? '' }, { batchSize: 100, now: () => performance.now() });
  t.equal(comparison.problems.length, 2, comparison.problems.join('\n'));
  t.match(comparison.problems[0], /^stream membership of position 4 in \S+: source version (\d), target version 1\d\d$/);
  t.equal(comparison.problems[1], 'idempotency key of positions 11..13: source "establish-2", target "establish-x"');
  t.strictSame(comparison.counted, { events: 30, members: 54, keys: 6 }, 'every row was compared');
});
