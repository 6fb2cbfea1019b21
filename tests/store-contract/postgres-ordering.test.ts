// The PostgreSQL trap (ARCHITECTURE.md): a transaction that got the lower position but commits last must never
// be skipped by a reader checkpointing on position. Also many writer processes at once: gap-free, one chain.
import t from 'tap';
import type { Test } from 'tap';
import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import pg from 'pg';
import type { StoredEvent } from '@estafet/events';
import { InvalidAppendError, createPostgresEventStore } from '@estafet/ledger';
import type { PostgresEventStore } from '@estafet/ledger';
import { positionsOf, recorder, streamOf, unitEstablished } from './fixtures.js';
import { databaseUrl } from './postgres-url.js';


const url = await databaseUrl();
if (url === null) {
  t.plan(0, 'PostgreSQL ordering tests skipped: DATABASE_URL is unset and nothing answers at 127.0.0.1:5432');
} else {
  const connectionString = url;
  const admin = new pg.Pool({ connectionString, max: 4 });
  t.teardown(() => admin.end());

  /** A fresh schema and `count` store objects on it, each with its own pool: separate processes, in effect. */
  const openStores = async (tt: Test, count: number): Promise<{ schema: string; stores: PostgresEventStore[] }> => {
    const schema = `estafet_test_${randomBytes(8).toString('hex')}`;
    const stores: PostgresEventStore[] = [];
    tt.teardown(async () => {
      await Promise.all(stores.map((store) => store.close()));
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    });
    for (let i = 0; i < count; i += 1) stores.push(await createPostgresEventStore({ connectionString, schema, pollIntervalMs: 20 }));
    return { schema, stores };
  };

  /** Polls (bounded, on database state, not on time) until `probe` returns a value. */
  const waitFor = async <T>(what: string, probe: () => Promise<T | undefined>): Promise<T> => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const found = await probe();
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
      await delay(10);
    }
  };

  /** The backend whose append INSERT into this schema waits on another transaction's row. */
  const blockedInsert = (schema: string) => waitFor('an append waits inside its INSERT', async () => {
    const { rows } = await admin.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND wait_event = 'transactionid'
       AND query LIKE '%' || $1 || '%'`, [`"${schema}".idempotency_keys`]);
    return rows[0]?.pid;
  });

  /** Resolves once another backend queues for the advisory lock that `holder` holds. */
  const queuedBehind = (holder: number) => waitFor('a second append queues on the append lock', async () => {
    const { rows } = await admin.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_locks w JOIN pg_locks h ON h.locktype = 'advisory' AND h.granted
         AND h.classid = w.classid AND h.objid = w.objid AND h.objsubid = w.objsubid
       WHERE w.locktype = 'advisory' AND NOT w.granted AND h.pid = $1`, [holder]);
    return (rows[0]?.n ?? 0) > 0 ? true : undefined;
  });

  t.test('the lower position committing last is seen, in order, by subscribers and checkpointing readers', async (t) => {
    const { schema, stores: [writerA, writerB, observer] } = await openStores(t, 3);
    if (writerA === undefined || writerB === undefined || observer === undefined) throw new Error('stores not opened');
    await writerA.append([{ streamId: streamOf('unit'), expectedVersion: 0, events: [unitEstablished('dinas-awal')] }]);

    const live = recorder();
    const subscription = observer.subscribe({ fromPosition: 0 }, live.handler);
    t.teardown(() => subscription.close());
    await subscription.caughtUp;
    // A plain reader that checkpoints on position: exactly the loop the trap would break.
    let checkpoint = 0;
    const polled: StoredEvent[] = [];
    const poll = async (): Promise<void> => {
      const batch = await observer.readAll({ fromPosition: checkpoint });
      polled.push(...batch);
      checkpoint = batch.at(-1)?.globalPosition ?? checkpoint;
    };
    await poll();

    // A third connection holds an uncommitted row under the key writer A will insert, so A's transaction stops
    // inside its INSERT: position 2 assigned, hashed and written, but not committed.
    const blocker = await admin.connect();
    t.teardown(() => blocker.release());
    await blocker.query(`BEGIN; INSERT INTO "${schema}".idempotency_keys (key, first_position, last_position) VALUES ('held', 0, 0)`);
    const settled: string[] = [];
    const appendA = writerA.append([{ streamId: streamOf('unit'), expectedVersion: 0, events: [unitEstablished('dinas-a')] }], { idempotencyKey: 'held' })
      .then((result) => { settled.push('A'); return result; });
    const holderA = await blockedInsert(schema);
    const appendB = writerB.append([{ streamId: streamOf('unit'), expectedVersion: 0, events: [unitEstablished('dinas-b')] }])
      .then((result) => { settled.push('B'); return result; });
    await queuedBehind(holderA);

    // With a sequence, B would commit position 3 now and a reader would move its checkpoint past 2 forever.
    // Here B cannot take a position before A commits: nothing is visible beyond 1, to anyone.
    for (let i = 0; i < 3; i += 1) await poll();
    t.equal(checkpoint, 1, 'the checkpointing reader sees nothing past 1 while A is held');
    t.equal(await observer.headPosition(), 1, 'the head does not move while A is held');
    t.strictSame(settled, [], 'neither writer has committed');
    t.strictSame(positionsOf(live.events), [1]);

    await blocker.query('ROLLBACK');
    const [resultA, resultB] = await Promise.all([appendA, appendB]);
    t.strictSame(settled, ['A', 'B'], 'A commits first, then B');
    t.equal(resultA.events[0]?.globalPosition, 2, 'A got the lower position');
    t.equal(resultB.events[0]?.globalPosition, 3, 'B the next one');
    t.equal(resultB.events[0]?.prevHash, resultA.events[0]?.hash, "B's event links to A's");

    while (checkpoint < 3) await poll();
    await live.reached(3);
    t.strictSame(positionsOf(polled), [1, 2, 3], 'the checkpointing reader saw every position once, in order');
    t.strictSame(positionsOf(live.events), [1, 2, 3], 'so did the subscriber');
    t.match(await observer.verifyChain(), { ok: true, checked: 3 });
  });

  t.test('8 writer processes x 50 concurrent appends: gap-free positions, one intact chain', async (t) => {
    const { stores } = await openStores(t, 9);
    const observer = stores[0];
    const writers = stores.slice(1);
    if (observer === undefined) throw new Error('stores not opened');
    const shared = streamOf('org');
    const live = recorder();
    const subscription = observer.subscribe({ fromPosition: 0 }, live.handler);
    t.teardown(() => subscription.close());

    // Every append also links into one shared stream, so stream versions are contended across processes too.
    const results = await Promise.all(writers.flatMap((writer, w) => Array.from({ length: 50 }, (_, i) => writer.append([{
      streamId: streamOf('unit'), expectedVersion: 0,
      events: Array.from({ length: 1 + ((w + i) % 3) }, (_, j) => unitEstablished(`dinas-${w}-${i}-${j}`, { alsoIn: [shared] })),
    }]))));
    const total = results.reduce((sum, result) => sum + result.events.length, 0);
    const head = await observer.headPosition();
    t.equal(head, total, 'the head counts every event');
    const assigned = results.flatMap((result) => positionsOf(result.events)).sort((a, b) => a - b);
    t.strictSame(assigned, Array.from({ length: total }, (_, i) => i + 1), 'positions handed out are 1..N, each once');

    const all: StoredEvent[] = [];
    for (let batch = await observer.readAll({ limit: 250 }); batch.length > 0; batch = await observer.readAll({ fromPosition: all.at(-1)?.globalPosition ?? 0, limit: 250 })) {
      all.push(...batch);
    }
    t.strictSame(positionsOf(all), assigned, 'readAll is gap-free and ordered');
    t.match(await observer.verifyChain(), { ok: true, checked: total, headPosition: total });

    const sharedStream = await observer.readStream(shared);
    t.equal(await observer.streamVersion(shared), total, 'the shared stream counts every linked event');
    t.ok(sharedStream.every((event, i) => i === 0 || event.globalPosition > (sharedStream[i - 1]?.globalPosition ?? 0)),
      'stream version order agrees with global order');

    await live.reached(total);
    t.strictSame(positionsOf(live.events), assigned, 'a subscriber in another process saw every event once, in order');
  });

  t.test('one append PostgreSQL cannot store fails alone; the rest of its group commits', async (t) => {
    const { stores: [store] } = await openStores(t, 1);
    if (store === undefined) throw new Error('store not opened');
    // Issued in one tick, so they share a group; text columns cannot hold NUL, which SQLite would accept.
    const settled = await Promise.allSettled(['a', 'b\u0000', 'c', 'd'].map((name) => store.append([{
      streamId: streamOf('unit'), expectedVersion: 0, events: [unitEstablished(`dinas-${name.length}`, { correlationId: `corr-${name}` })],
    }])));
    t.strictSame(settled.map((s) => s.status), ['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    const failed = settled[1];
    t.ok(failed?.status === 'rejected' && failed.reason instanceof InvalidAppendError, 'the bad append is an InvalidAppendError');
    const stored = settled.flatMap((s) => (s.status === 'fulfilled' ? positionsOf(s.value.events) : []));
    t.strictSame(stored, [1, 2, 3], 'the others got consecutive positions');
    t.match(await store.verifyChain(), { ok: true, checked: 3 });
  });

  t.test('notify reports the head after each commit that stored events, once per group', async (t) => {
    const schema = `estafet_test_${randomBytes(8).toString('hex')}`;
    const notified: number[] = [];
    const store = await createPostgresEventStore({ connectionString, schema, notify: (position) => notified.push(position) });
    t.teardown(async () => {
      await store.close();
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    });
    const unit = streamOf('unit');
    await store.append([{ streamId: unit, expectedVersion: 0, events: [unitEstablished('dinas-n'), unitEstablished('dinas-m')] }], { idempotencyKey: 'k' });
    await store.append([{ streamId: unit, expectedVersion: 0, events: [unitEstablished('dinas-n')] }], { idempotencyKey: 'k' });
    await store.append([{ streamId: unit, expectedVersion: 2, events: [] }]);
    await Promise.all([1, 2, 3].map((i) => store.append([{ streamId: streamOf('unit'), expectedVersion: 0, events: [unitEstablished(`dinas-${i}`)] }])));
    t.strictSame(notified, [2, 5], 'not for a duplicate or a version check; one call for a group of three');
    t.equal(await store.headPosition(), 5);
  });
}
