// The copy's guards against other writers: on PostgreSQL an append waits on the append lock the copy holds and
// then chains onto the copied head; on SQLite an append landing between two batches stops the copy.
import t from 'tap';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import pg from 'pg';
import { z } from 'zod';
import { copyLedger } from '../../scripts/src/migrate/copy-ledger.js';
import { TargetChangedError } from '../../scripts/src/migrate/migration-errors.js';
import { openPostgresTarget } from '../../scripts/src/migrate/postgres-endpoint.js';
import { openSqliteSource, openSqliteTarget } from '../../scripts/src/migrate/sqlite-endpoint.js';
import { advisoryLockKey, createSqliteEventStore } from '@estafet/ledger';
import { databaseUrl } from '../store-contract/postgres-url.js';
import { rejectsWith, streamOf, unitEstablished } from '../store-contract/fixtures.js';
import { buildLedger } from './migrate-fixture.js';

const url = await databaseUrl();

async function sourceLedger(dir: string, rounds: number) {
  const path = join(dir, 'source.db');
  const store = createSqliteEventStore({ path });
  await buildLedger(store, rounds).finally(() => store.close());
  return openSqliteSource(path);
}

const now = (): number => performance.now();

t.test('SQLite: an append between two batches stops the copy with TargetChangedError', async (t) => {
  const dir = t.testdir();
  const source = await sourceLedger(dir, 2);
  const target = openSqliteTarget(join(dir, 'target.db'));
  t.teardown(async () => {
    await Promise.all([source.close(), target.close()]);
  });
  const writer = await target.openWriter();
  const batches = source.scan(10, 5)[Symbol.asyncIterator]();
  const first = await batches.next();
  if (first.done === true) throw new Error('the source has no events');
  await writer.write(first.value, 0);
  await target.store.append([{ streamId: streamOf('unit'), expectedVersion: 0, events: [unitEstablished('dinas-penyusup')] }]);
  const second = await batches.next();
  if (second.done === true) throw new Error('the source has one batch only');
  await rejectsWith(t, writer.write(second.value, 5), TargetChangedError, 'the second batch');
  await batches.return?.();
  t.equal(await target.store.headPosition(), 6, 'nothing of the refused batch was written');
});

const LockWaitSchema = z.object({ waiting: z.coerce.number() });

t.test('PostgreSQL: an append during the copy waits for it, then continues the copied chain', { skip: url === null ? 'no PostgreSQL' : false }, async (t) => {
  if (url === null) return;
  const schema = `estafet_migrate_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Pool({ connectionString: url, max: 1 });
  t.teardown(async () => {
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  });
  const source = await sourceLedger(t.testdir(), 4);
  const target = await openPostgresTarget({ kind: 'postgres', connectionString: url, schema, server: 'test' });
  t.teardown(async () => {
    await Promise.all([source.close(), target.close()]);
  });

  const writer = await target.openWriter();
  const late = target.store.append([{ streamId: streamOf('unit'), expectedVersion: 0, events: [unitEstablished('dinas-terlambat')] }]);
  // Wait on the condition itself: the append's transaction queued behind the copy's advisory lock.
  // A bigint advisory key shows in pg_locks as its high and low halves.
  const key = BigInt.asUintN(64, BigInt(advisoryLockKey(schema, 'append')));
  for (let waiting = 0; waiting === 0; await delay(10)) {
    const { rows } = await admin.query<Record<string, unknown>>(`SELECT count(*) AS waiting FROM pg_locks WHERE locktype = 'advisory'
      AND NOT granted AND classid = $1::oid AND objid = $2::oid AND objsubid = 1`, [String(key >> 32n), String(key & 0xffffffffn)]);
    waiting = LockWaitSchema.parse(rows[0]).waiting;
  }
  const copied = await copyLedger(source, writer, { toPosition: 20, batchSize: 100, now });
  t.equal(copied.events, 20);
  await writer.close();

  const appended = await late;
  const lastCopied = (await source.store.readAll({ fromPosition: 19 }))[0];
  t.equal(appended.events[0]?.globalPosition, 21, 'the waiting append lands after the copied events');
  t.equal(appended.events[0]?.prevHash, lastCopied?.hash, 'and chains onto the copied head');
  t.ok((await target.store.verifyChain()).ok, 'the target chain verifies');
});
