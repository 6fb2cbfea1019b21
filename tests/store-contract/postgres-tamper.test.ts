// Tampering with the PostgreSQL log in plain SQL, behind the adapter's back: verifyChain must name the first
// broken position and say why. Each case edits its own fresh log in its own schema.
import t from 'tap';
import type { Test } from 'tap';
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import type { StoredEvent } from '@estafet/events';
import { canonicalJson, computeEventHash, createPostgresEventStore } from '@estafet/ledger';
import type { PostgresEventStore } from '@estafet/ledger';
import { streamOf, unitEstablished, unitRenamed } from './fixtures.js';
import { databaseUrl } from './postgres-url.js';


const url = await databaseUrl();
if (url === null) {
  t.plan(0, 'PostgreSQL tamper tests skipped: DATABASE_URL is unset and nothing answers at 127.0.0.1:5432');
} else {
  const connectionString = url;
  const admin = new pg.Pool({ connectionString, max: 2 });
  t.teardown(() => admin.end());

  interface Log {
    readonly store: PostgresEventStore;
    readonly events: readonly StoredEvent[];
    readonly linked: string;
    /** Runs SQL with `S` standing for the schema's quoted name. */
    sql(text: string, values?: unknown[]): Promise<pg.QueryResult>;
  }

  /** Six events in three appends; position 4 is also linked into a second stream. */
  async function freshLog(tt: Test): Promise<Log> {
    const schema = `estafet_test_${randomBytes(8).toString('hex')}`;
    const store = await createPostgresEventStore({ connectionString, schema });
    tt.teardown(async () => {
      await store.close();
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    });
    const [unit, other, linked] = [streamOf('unit'), streamOf('unit'), streamOf('org')];
    await store.append([{ streamId: unit, expectedVersion: 0, events: [unitEstablished('dinas-a'), unitRenamed('dinas-a', 'Dinas A1')] }]);
    await store.append([{ streamId: other, expectedVersion: 0, events: [unitEstablished('dinas-b'), unitRenamed('dinas-b', 'Dinas B1', { alsoIn: [linked] })] }]);
    await store.append([{ streamId: unit, expectedVersion: 2, events: [unitRenamed('dinas-a', 'Dinas A2'), unitRenamed('dinas-a', 'Dinas A3')] }]);
    const events = await store.readAll();
    tt.match(await store.verifyChain(), { ok: true, checked: 6 }, 'the untouched log verifies');
    return { store, events, linked, sql: (text, values) => admin.query(text.replaceAll('S.', `"${schema}".`), values) };
  }

  const at = (log: Log, position: number): StoredEvent => {
    const event = log.events[position - 1];
    if (event === undefined) throw new Error(`no event at ${position}`);
    return event;
  };

  t.test('an edited field is a hash mismatch at its position', async (t) => {
    const log = await freshLog(t);
    await log.sql(`UPDATE S.events SET data = $1 WHERE global_position = 3`, [canonicalJson({ unitId: 'dinas-b', name: 'Dinas Palsu', kind: 'DINAS', parentUnitId: null })]);
    t.match(await log.store.verifyChain(), { ok: false, checked: 2, position: 3, reason: /^hash mismatch/ });
    t.match(await log.store.verifyChain({ toPosition: 2 }), { ok: true, checked: 2 }, 'the part before it still verifies');
    // The stored hash at 3 is trusted as an anchor when verifying after it: ranges prove only their own links.
    t.match(await log.store.verifyChain({ fromPosition: 3 }), { ok: true, checked: 3 });
  });

  t.test('an edited envelope column (actor, recordedAt) is caught too', async (t) => {
    const log = await freshLog(t);
    await log.sql(`UPDATE S.events SET actor_id = 'user-hr-lain' WHERE global_position = 5`);
    t.match(await log.store.verifyChain(), { ok: false, position: 5, reason: /^hash mismatch/ });
    const other = await freshLog(t);
    await other.sql(`UPDATE S.events SET recorded_at = '2020-01-01T00:00:00.000Z' WHERE global_position = 2`);
    t.match(await other.store.verifyChain(), { ok: false, position: 2, reason: /^hash mismatch/ });
  });

  t.test('a column that no longer parses is reported, not thrown', async (t) => {
    const log = await freshLog(t);
    await log.sql(`UPDATE S.events SET data = 'not json' WHERE global_position = 4`);
    t.match(await log.store.verifyChain(), { ok: false, checked: 3, position: 4, reason: /^hash mismatch.*not JSON/ });
  });

  t.test('a deleted event is a gap at its position', async (t) => {
    const log = await freshLog(t);
    await log.sql(`DELETE FROM S.events WHERE global_position = 3`);
    t.match(await log.store.verifyChain(), { ok: false, checked: 2, position: 3, reason: /gap after 2/ });
  });

  t.test('deleting the tail shortens the log: caught only against a head recorded earlier', async (t) => {
    const log = await freshLog(t);
    await log.sql(`DELETE FROM S.events WHERE global_position = 6`);
    // A chain cannot know it was longer: an auditor keeps (headPosition, headHash) and verifies up to it.
    t.match(await log.store.verifyChain(), { ok: true, headPosition: 5 });
    t.match(await log.store.verifyChain({ toPosition: 6 }), { ok: false, position: 6, reason: /log ends before 6/ });
  });

  t.test('an event replaced by a self-consistent forgery breaks the link after it', async (t) => {
    const log = await freshLog(t);
    const original = at(log, 3);
    const forged = { ...original, eventId: randomUUID(), data: { unitId: 'dinas-a', name: 'Dinas Palsu' } };
    const { hash: _old, ...unhashed } = forged;
    const hash = computeEventHash(unhashed);
    await log.sql(`UPDATE S.events SET event_id = $1, data = $2, hash = $3 WHERE global_position = 3`,
      [forged.eventId, canonicalJson(forged.data), hash]);
    t.match(await log.store.verifyChain(), { ok: false, checked: 3, position: 4, reason: /^prevHash does not match hash of position 3/ });
  });

  t.test('inserted events: after the head with a made-up hash, and in place of a deleted one', async (t) => {
    const log = await freshLog(t);
    await log.sql(`INSERT INTO S.events SELECT 7, $1, stream_id, 5, type, schema_version, data, effective_at, recorded_at,
      legal_basis, actor_id, actor_role, correlation_id, causation_id, idempotency_key, also_in, hash, repeat('ab', 32)
      FROM S.events WHERE global_position = 6`, [randomUUID()]);
    t.match(await log.store.verifyChain(), { ok: false, checked: 6, position: 7, reason: /^hash mismatch/ });

    const other = await freshLog(t);
    // Moving position 5 into a deleted 4's place keeps positions gap-free; the links give it away.
    await other.sql(`DELETE FROM S.events WHERE global_position = 4`);
    await other.sql(`UPDATE S.events SET global_position = 4 WHERE global_position = 5`);
    t.match(await other.store.verifyChain(), { ok: false, checked: 3, position: 4, reason: /^hash mismatch/ });
  });

  t.test('swapped positions are caught at the first of them', async (t) => {
    const log = await freshLog(t);
    // In three steps: the primary key is checked row by row, so a one-statement swap collides with itself.
    for (const [from, to] of [[2, 1000], [3, 2], [1000, 3]]) {
      await log.sql(`UPDATE S.events SET global_position = $2 WHERE global_position = $1`, [from, to]);
    }
    t.match(await log.store.verifyChain(), { ok: false, checked: 1, position: 2, reason: /^hash mismatch/ });
  });

  t.test('stream memberships edited behind the store are caught at the event they misdescribe', async (t) => {
    const invented = await freshLog(t);
    await invented.sql(`INSERT INTO S.stream_members (stream_id, version, global_position) VALUES ($1, 1, 2)`, [streamOf('org')]);
    t.match(await invented.store.verifyChain(), { ok: false, checked: 1, position: 2, reason: /^stream membership altered: linked streams/ });

    const unlinked = await freshLog(t);
    await unlinked.sql(`DELETE FROM S.stream_members WHERE stream_id = $1`, [unlinked.linked]);
    t.match(await unlinked.store.verifyChain(), { ok: false, checked: 3, position: 4, reason: /^stream membership altered/ });

    const moved = await freshLog(t);
    await moved.sql(`UPDATE S.stream_members SET version = 9 WHERE global_position = 5`);
    t.match(await moved.store.verifyChain(), { ok: false, checked: 4, position: 5, reason: /^stream membership altered: expected one row/ });
  });
}
