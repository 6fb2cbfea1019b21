// Runs the store contract on the SQLite adapter, each test on its own temporary database file, then what only
// SQLite has: two store objects (two processes) on one file, closing with appends in flight, schema guard, limits.
import t from 'tap';
import type { Test } from 'tap';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { StoreClosedError, createSqliteEventStore } from '@estafet/ledger';
import type { SqliteEventStoreOptions } from '@estafet/ledger';
import { runStoreContract } from './contract.js';
import { positionsOf, recorder, rejectsWith, streamOf, unitEstablished } from './fixtures.js';

async function tempPath(t: Test): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'estafet-store-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return join(dir, 'events.db');
}

function openOn(t: Test, path: string, options: Omit<SqliteEventStoreOptions, 'path'> = {}) {
  const store = createSqliteEventStore({ path, ...options });
  t.teardown(() => store.close());
  return store;
}

void runStoreContract(t, 'sqlite (temporary file, WAL, synchronous=FULL)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'estafet-store-'));
  const store = createSqliteEventStore({ path: join(dir, 'events.db') });
  return {
    store,
    async cleanup() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});

t.test('two store objects on one file (as two processes) keep one order, one chain, and see each other', async (t) => {
  const path = await tempPath(t);
  const [a, b] = [openOn(t, path, { pollIntervalMs: 10 }), openOn(t, path, { pollIntervalMs: 10 })];
  const seenByA = recorder();
  const subscription = a.subscribe({ fromPosition: 0 }, seenByA.handler);
  t.teardown(() => subscription.close());
  await subscription.caughtUp;
  const appendMany = (store: typeof a, n: number) => Promise.all(Array.from({ length: n }, (_, i) =>
    store.append([{ streamId: streamOf('unit'), expectedVersion: 0, events: [unitEstablished(`dinas-${i}`)] }])));
  await Promise.all([appendMany(a, 15), appendMany(b, 15), appendMany(b, 5)]);
  const head = await a.headPosition();
  t.equal(head, 35);
  await seenByA.reached(head);
  t.strictSame(positionsOf(seenByA.events), Array.from({ length: head }, (_, i) => i + 1), 'appends from the other store arrive by polling, in order');
  t.match(await b.verifyChain(), { ok: true, checked: 35 });
});

t.test('appends issued in one tick share one transaction, each in its own savepoint, and resolve after COMMIT', async (t) => {
  const path = await tempPath(t);
  // The clock runs inside the write transaction, once per append: what another connection sees there is
  // what had been committed before the transaction began.
  const seenFromOutside: number[] = [];
  const store = openOn(t, path, { clock: () => {
    seenFromOutside.push(committedHead.get() ?? -1);
    return new Date();
  } });
  const raw = new Database(path);
  t.teardown(() => raw.close());
  const committedHead = raw.prepare<[], number>('SELECT coalesce(max(global_position), 0) FROM events').pluck();
  const unit = streamOf('unit');
  await store.append([{ streamId: unit, expectedVersion: 0, events: [unitEstablished('dinas-gc')] }]);
  seenFromOutside.length = 0;
  const visibleOnResolve: number[] = [];
  const appends = Array.from({ length: 10 }, (_, i) => store.append([{
    streamId: i === 4 ? unit : streamOf('unit'), expectedVersion: i === 4 ? 7 : 0, events: [unitEstablished(`dinas-${i}`)],
  }]).then((result) => {
    visibleOnResolve.push(committedHead.get() ?? -1);
    return result;
  }));
  const settled = await Promise.allSettled(appends);
  t.strictSame(seenFromOutside, Array.from({ length: 10 }, () => 1), 'ten appends, one transaction');
  t.strictSame(settled.map((s) => s.status), ['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'fulfilled'],
    'the conflicting append failed alone');
  t.ok(visibleOnResolve.every((head) => head === 10), 'every caller resolved after the commit was visible to others');
  t.match(await store.verifyChain(), { ok: true, checked: 10 });
});

t.test('close commits appends already issued, then refuses new work', async (t) => {
  const path = await tempPath(t);
  const store = createSqliteEventStore({ path });
  const pending = store.append([{ streamId: streamOf('unit'), expectedVersion: 0, events: [unitEstablished('dinas-late')] }]);
  await store.close();
  t.equal((await pending).events[0]?.globalPosition, 1, 'the append issued before close was committed');
  await rejectsWith(t, store.append([{ streamId: streamOf('unit'), expectedVersion: 0, events: [unitEstablished('dinas-after')] }]), StoreClosedError, 'append after close');
  await rejectsWith(t, store.readAll(), StoreClosedError, 'read after close');
  t.throws(() => store.subscribe({ fromPosition: 0 }, () => undefined), { code: 'STORE_CLOSED' }, 'subscribe after close');
  await store.close();
  const reopened = openOn(t, path);
  t.equal(await reopened.headPosition(), 1, 'and it is on disk');
});

t.test('a file from a newer schema is refused', async (t) => {
  const path = await tempPath(t);
  const raw = new Database(path);
  raw.pragma('user_version = 99');
  raw.close();
  t.throws(() => createSqliteEventStore({ path }), { code: 'SCHEMA_TOO_NEW' });
});

t.test('readAll returns 1000 by default and at most 10,000', async (t) => {
  const store = openOn(t, await tempPath(t));
  const events = Array.from({ length: 10_001 }, (_, i) => unitEstablished(`dinas-${i}`));
  await store.append([{ streamId: streamOf('unit'), expectedVersion: 0, events }]);
  t.equal((await store.readAll()).length, 1000);
  t.equal((await store.readAll({ limit: 20_000 })).length, 10_000);
  t.equal((await store.readAll({ fromPosition: 10_000, limit: 20_000 })).length, 1);
  t.match(await store.verifyChain(), { ok: true, checked: 10_001 }, 'verification crosses batch boundaries');
});
