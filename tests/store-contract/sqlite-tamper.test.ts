// Tampering with the SQLite file behind the adapter's back (plain better-sqlite3 on the same file): verifyChain
// names the first broken position and why. Also: durability read back, and upcasting on every read path.
import t from 'tap';
import type { Test } from 'tap';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { UnitRenamed, createUpcasterRegistry } from '@estafet/events';
import type { StoredEvent, UpcasterRegistry } from '@estafet/events';
import { computeEventHash, createSqliteEventStore } from '@estafet/ledger';
import type { SqliteEventStore } from '@estafet/ledger';
import { streamOf, unitEstablished, unitRenamed } from './fixtures.js';

interface Opened {
  readonly store: SqliteEventStore;
  readonly path: string;
  /** A second, plain connection to the same file: the tamperer. */
  readonly raw: Database.Database;
}

async function openStore(t: Test, options: { upcasters?: UpcasterRegistry; synchronous?: 'FULL' | 'NORMAL' } = {}): Promise<Opened> {
  const dir = await mkdtemp(join(tmpdir(), 'estafet-tamper-'));
  const path = join(dir, 'events.db');
  const store = createSqliteEventStore({ path, ...options });
  const raw = new Database(path);
  t.teardown(async () => {
    raw.close();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });
  return { store, path, raw };
}

/** Six events over two streams, the second linked into the first. */
async function sixEvents(store: SqliteEventStore): Promise<StoredEvent[]> {
  const [unit, other] = [streamOf('unit'), streamOf('unit')];
  await store.append([{ streamId: unit, expectedVersion: 0, events: [unitEstablished('dinas-a'), unitRenamed('dinas-a', 'Dinas A1')] }]);
  await store.append([{ streamId: other, expectedVersion: 0, events: [unitEstablished('dinas-b', { alsoIn: [unit] })] }]);
  await store.append([{ streamId: unit, expectedVersion: 3, events: [unitRenamed('dinas-a', 'Dinas A2'), unitRenamed('dinas-a', 'Dinas A3')] }]);
  await store.append([{ streamId: other, expectedVersion: 1, events: [unitRenamed('dinas-b', 'Dinas B1')] }]);
  return store.readAll();
}

/** The row as the tamperer sees it, turned into the StoredEvent an attacker would rehash. */
const storedAt = (events: readonly StoredEvent[], position: number): StoredEvent => {
  const event = events.find((e) => e.globalPosition === position);
  if (event === undefined) throw new Error(`no event at ${position}`);
  return event;
};

const INSERT = `INSERT INTO events (global_position, event_id, stream_id, stream_version, type, schema_version, data,
  effective_at, recorded_at, legal_basis, actor_id, actor_role, correlation_id, causation_id, idempotency_key, also_in,
  prev_hash, hash) VALUES (@globalPosition, @eventId, @streamId, @streamVersion, @type, @schemaVersion, @data, @effectiveAt,
  @recordedAt, @legalBasis, @actorId, @actorRole, @correlationId, @causationId, @idempotencyKey, @alsoIn, @prevHash, @hash)`;

const insertRow = (raw: Database.Database, event: StoredEvent): void => {
  raw.prepare(INSERT).run({
    ...event, data: JSON.stringify(event.data), legalBasis: event.legalBasis === null ? null : JSON.stringify(event.legalBasis),
    actorId: event.actor.id, actorRole: event.actor.role, alsoIn: JSON.stringify(event.alsoIn),
  });
};

t.test('an intact file verifies', async (t) => {
  const { store } = await openStore(t);
  const events = await sixEvents(store);
  t.strictSame(await store.verifyChain(), { ok: true, checked: 6, headPosition: 6, headHash: events.at(-1)?.hash });
});

t.test('(a) an edited event is a hash mismatch at its position', async (t) => {
  const { store, raw } = await openStore(t);
  await sixEvents(store);
  raw.prepare("UPDATE events SET data = json_set(data, '$.name', 'Dinas Palsu') WHERE global_position = 4").run();
  t.strictSame(await store.verifyChain(), { ok: false, checked: 3, position: 4, reason: 'hash mismatch: event content changed' });
  t.match(await store.verifyChain({ fromPosition: 4 }), { ok: true, checked: 2 }, 'from a later trusted anchor the rest still links');
});

t.test('(a) an edited envelope column is found too', async (t) => {
  const { store, raw } = await openStore(t);
  await sixEvents(store);
  raw.prepare("UPDATE events SET actor_id = 'user-someone-else' WHERE global_position = 2").run();
  t.match(await store.verifyChain(), { ok: false, position: 2, reason: 'hash mismatch: event content changed' });
});

t.test('(a) a row edited into something unreadable is reported, not thrown', async (t) => {
  const { store, raw } = await openStore(t);
  await sixEvents(store);
  raw.prepare("UPDATE events SET data = 'not json' WHERE global_position = 5").run();
  t.match(await store.verifyChain(), { ok: false, checked: 4, position: 5, reason: /^hash mismatch: event content changed \(.*data is not JSON\)/ });
  raw.prepare("UPDATE events SET data = '{}', actor_role = 'admin' WHERE global_position = 5").run();
  t.match(await store.verifyChain(), { ok: false, position: 5, reason: /unknown actor role/ });
});

t.test('(b) a deleted row is a gap', async (t) => {
  const { store, raw } = await openStore(t);
  await sixEvents(store);
  raw.prepare('DELETE FROM events WHERE global_position = 3').run();
  t.strictSame(await store.verifyChain(), { ok: false, checked: 2, position: 3, reason: 'position gap after 2: the next stored position is 4' });
});

t.test('(b) a deletion hidden by renumbering and rehashing breaks the link', async (t) => {
  const { store, raw } = await openStore(t);
  const events = await sixEvents(store);
  raw.transaction(() => {
    raw.prepare('DELETE FROM events WHERE global_position = 3').run();
    raw.prepare('UPDATE events SET global_position = -global_position WHERE global_position > 3').run();
    raw.prepare('UPDATE events SET global_position = -global_position - 1 WHERE global_position < 0').run();
    const moved = { ...storedAt(events, 4), globalPosition: 3 };
    raw.prepare('UPDATE events SET hash = ? WHERE global_position = 3').run(computeEventHash(moved));
  })();
  t.strictSame(await store.verifyChain(), {
    ok: false, checked: 2, position: 3, reason: 'prevHash does not match hash of position 2: an event was deleted or inserted',
  });
});

t.test('(c) a forged row is found whether or not its own hash is right', async (t) => {
  const { store, raw } = await openStore(t);
  const events = await sixEvents(store);
  // The forger knows the algorithm and hashes the row correctly, but cannot know what it should link to
  // without rewriting history: here it copies the link of the row before.
  const forged = { ...storedAt(events, 6), eventId: '3f1c8a2e-4b5d-4e6f-8a9b-0c1d2e3f4a5b', globalPosition: 7, streamVersion: 9, data: { unitId: 'dinas-b', name: 'Dinas Hantu' } };
  insertRow(raw, { ...forged, hash: computeEventHash(forged) });
  t.strictSame(await store.verifyChain(), {
    ok: false, checked: 6, position: 7, reason: 'prevHash does not match hash of position 6: an event was deleted or inserted',
  });
  raw.prepare('UPDATE events SET hash = ? WHERE global_position = 7').run('f'.repeat(64));
  t.match(await store.verifyChain(), { ok: false, position: 7, reason: 'hash mismatch: event content changed' });
});

t.test('(d) two rows swapped in position are found at the first', async (t) => {
  const { store, raw } = await openStore(t);
  await sixEvents(store);
  raw.transaction(() => {
    raw.prepare('UPDATE events SET global_position = -1 WHERE global_position = 2').run();
    raw.prepare('UPDATE events SET global_position = 2 WHERE global_position = 5').run();
    raw.prepare('UPDATE events SET global_position = 5 WHERE global_position = -1').run();
  })();
  t.strictSame(await store.verifyChain(), { ok: false, checked: 1, position: 2, reason: 'hash mismatch: event content changed' });
});

t.test('a toPosition beyond a truncated log is a gap', async (t) => {
  const { store, raw } = await openStore(t);
  await sixEvents(store);
  raw.prepare('DELETE FROM events WHERE global_position = 6').run();
  t.strictSame(await store.verifyChain({ toPosition: 6 }), { ok: false, checked: 5, position: 6, reason: 'position gap after 5: the log ends before 6' });
  t.match(await store.verifyChain({ fromPosition: 9 }), { ok: false, position: 9, reason: /missing/ });
});

t.test('durability is read back from SQLite', async (t) => {
  const full = await openStore(t);
  t.strictSame(full.store.durability(), { journalMode: 'wal', synchronous: 'full' });
  t.equal(full.raw.pragma('journal_mode', { simple: true }), 'wal', 'WAL is a property of the file');
  const normal = await openStore(t, { synchronous: 'NORMAL' });
  t.strictSame(normal.store.durability(), { journalMode: 'wal', synchronous: 'normal' });
  const memory = createSqliteEventStore({ path: ':memory:' });
  t.teardown(() => memory.close());
  t.strictSame(memory.durability(), { journalMode: 'memory', synchronous: 'full' });
});

/** UnitRenamed v2, as a later catalogue might have it: the name split into the official and the short name. */
const renamedV2 = createUpcasterRegistry([{
  type: UnitRenamed.type,
  fromVersion: 1,
  up: (data) => {
    const v1 = UnitRenamed.data.parse(data);
    return { unitId: v1.unitId, officialName: v1.name, shortName: null };
  },
}]);

t.test('an upcaster registry lifts older rows on every read path; the row itself is never rewritten', async (t) => {
  const { store, path, raw } = await openStore(t, { upcasters: renamedV2 });
  const unit = streamOf('unit');
  const v1 = unitRenamed('dinas-c', 'Dinas Cipta Karya');
  const lifted = { schemaVersion: 2, data: { unitId: 'dinas-c', officialName: 'Dinas Cipta Karya', shortName: null } };
  const appended = await store.append([{ streamId: unit, expectedVersion: 0, events: [unitEstablished('dinas-c'), v1] }]);
  t.match(appended.events[1], lifted, 'append returns events as readers see them');
  t.match((await store.readStream(unit))[1], lifted, 'readStream');
  t.match((await store.readAll({ types: ['UnitRenamed'] }))[0], lifted, 'readAll');
  t.match(await store.getEvent(v1.eventId), lifted, 'getEvent');
  t.match((await store.readStream(unit))[0], { schemaVersion: 1 }, 'other types are untouched');
  const seen: StoredEvent[] = [];
  const subscription = store.subscribe({ fromPosition: 1 }, (event) => { seen.push(event); });
  await subscription.caughtUp;
  await subscription.close();
  t.match(seen[0], lifted, 'subscribe');
  t.strictSame(raw.prepare('SELECT schema_version, data FROM events WHERE event_id = ?').get(v1.eventId),
    { schema_version: 1, data: '{"name":"Dinas Cipta Karya","unitId":"dinas-c"}' }, 'stored as written');
  t.match(await store.verifyChain(), { ok: true, checked: 2 }, 'the chain covers what was stored, not the lifted view');
  const plain = createSqliteEventStore({ path });
  t.teardown(() => plain.close());
  t.match(await plain.getEvent(v1.eventId), { schemaVersion: 1, data: { name: 'Dinas Cipta Karya' } }, 'without the registry: as stored');
});
