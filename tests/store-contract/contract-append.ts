// Store contract, writing: round trip of the envelope, optimistic concurrency, atomicity across streams,
// version-check-only entries, alsoIn links, idempotent retries, gap-free global order and invalid input.
import type { Test } from 'tap';
import { GENESIS_HASH, IsoInstantSchema, StoredEventSchema } from '@estafet/events';
import type { NewEvent } from '@estafet/events';
import { InvalidAppendError, StreamVersionConflictError } from '@estafet/ledger';
import type { EventStore } from '@estafet/ledger';
import { freshStore, positionEstablished, positionsOf, rejectsWith, streamOf, unitEstablished, unitRenamed } from './fixtures.js';
import type { StoreFactory } from './fixtures.js';

async function conflictOf(t: Test, pending: Promise<unknown>): Promise<StreamVersionConflictError | null> {
  try {
    await pending;
    t.fail('expected a StreamVersionConflictError');
    return null;
  } catch (error) {
    return asConflict(t, error);
  }
}

function asConflict(t: Test, error: unknown): StreamVersionConflictError | null {
  t.ok(error instanceof StreamVersionConflictError, 'rejects with StreamVersionConflictError');
  return error instanceof StreamVersionConflictError ? error : null;
}

async function seed(store: EventStore, streamId: string, count: number): Promise<void> {
  const events = Array.from({ length: count }, (_, i) => unitRenamed('dinas-seed', `Dinas Nama ${i}`));
  await store.append([{ streamId, expectedVersion: 'any', events }]);
}

export function appendContract(t: Test, factory: StoreFactory): void {
  t.test('an appended event reads back with every envelope field', async (t) => {
    const store = await freshStore(t, factory);
    t.equal(await store.headPosition(), 0, 'the factory gives an empty store');
    const unit = streamOf('unit');
    const event = unitEstablished('dinas-pendidikan', { causationId: 'cmd-42', alsoIn: ['org-jakarta'], correlationId: 'req-7' });
    const result = await store.append([{ streamId: unit, expectedVersion: 0, events: [event] }], { idempotencyKey: 'establish-dinas-pendidikan' });
    t.equal(result.duplicate, false);
    const stored = result.events[0];
    if (stored === undefined) throw new Error('append returned no event');
    t.strictSame(stored, {
      ...event, streamId: unit, streamVersion: 1, globalPosition: 1, recordedAt: stored.recordedAt,
      idempotencyKey: 'establish-dinas-pendidikan', prevHash: GENESIS_HASH, hash: stored.hash,
    });
    t.ok(IsoInstantSchema.safeParse(stored.recordedAt).success, 'recordedAt is an ISO instant set by the store');
    t.match(stored.hash, /^[0-9a-f]{64}$/);
    t.ok(StoredEventSchema.safeParse(stored).success, 'the stored event satisfies StoredEventSchema');
    t.strictSame(await store.readStream(unit), [stored]);
    t.strictSame(await store.readAll(), [stored]);
    t.strictSame(await store.getEvent(event.eventId), stored);
    t.equal(await store.getEvent('00000000-0000-4000-8000-000000000000'), null);
    t.equal(await store.headPosition(), 1);
  });

  t.test('stream versions count from 1 and readStream reads from a version', async (t) => {
    const store = await freshStore(t, factory);
    const unit = streamOf('unit');
    await store.append([{ streamId: unit, expectedVersion: 0, events: [unitEstablished('dinas-a')] }]);
    const second = await store.append([{ streamId: unit, expectedVersion: 1, events: [unitRenamed('dinas-a', 'Dinas B'), unitRenamed('dinas-a', 'Dinas C')] }]);
    t.strictSame(second.events.map((e) => e.streamVersion), [2, 3]);
    t.equal(await store.streamVersion(unit), 3);
    t.strictSame((await store.readStream(unit, { fromVersion: 2 })).map((e) => e.streamVersion), [2, 3]);
    t.strictSame(await store.readStream(streamOf('unit')), [], 'an unknown stream is empty');
    t.equal(await store.streamVersion(streamOf('unit')), 0);
  });

  t.test('concurrent appends with the same expected version: exactly one wins', async (t) => {
    const store = await freshStore(t, factory);
    const unit = streamOf('unit');
    await store.append([{ streamId: unit, expectedVersion: 0, events: [unitEstablished('dinas-sosial')] }]);
    const attempts = Array.from({ length: 8 }, (_, i) =>
      store.append([{ streamId: unit, expectedVersion: 1, events: [unitRenamed('dinas-sosial', `Dinas Sosial ${i}`)] }]));
    const settled = await Promise.allSettled(attempts);
    t.equal(settled.filter((s) => s.status === 'fulfilled').length, 1, 'one append wins');
    for (const loser of settled.filter((s) => s.status === 'rejected')) {
      const error = asConflict(t, loser.reason);
      t.match(error, { streamId: unit, expected: 1, actual: 2, code: 'VERSION_CONFLICT' }, 'names stream, expected and actual');
      t.match(error?.message ?? '', unit);
    }
    t.equal(await store.streamVersion(unit), 2);
    t.equal(await store.headPosition(), 2);
  });

  t.test('an append across streams is all or nothing', async (t) => {
    const store = await freshStore(t, factory);
    const [unit, position] = [streamOf('unit'), streamOf('position')];
    await store.append([{ streamId: unit, expectedVersion: 0, events: [unitEstablished('dinas-kesehatan')] }]);
    const first = positionEstablished('kadis-kesehatan', 'dinas-kesehatan');
    const error = await conflictOf(t, store.append([
      { streamId: unit, expectedVersion: 1, events: [unitRenamed('dinas-kesehatan', 'Dinas Kesehatan Baru')] },
      { streamId: position, expectedVersion: 3, events: [first] },
    ]));
    t.match(error, { streamId: position, expected: 3, actual: 0 });
    t.equal(await store.headPosition(), 1, 'head unchanged');
    t.equal(await store.streamVersion(unit), 1, 'the stream whose version matched got nothing either');
    t.equal(await store.getEvent(first.eventId), null);
    const ok = await store.append([
      { streamId: unit, expectedVersion: 1, events: [unitRenamed('dinas-kesehatan', 'Dinas Kesehatan Baru')] },
      { streamId: position, expectedVersion: 0, events: [first] },
    ]);
    t.strictSame(positionsOf(ok.events), [2, 3], 'one append, consecutive positions');
  });

  t.test('an entry without events only checks the version', async (t) => {
    const store = await freshStore(t, factory);
    const [unit, guard] = [streamOf('unit'), streamOf('position')];
    await seed(store, guard, 2);
    await store.append([
      { streamId: unit, expectedVersion: 0, events: [unitEstablished('dinas-a')] },
      { streamId: guard, expectedVersion: 2, events: [] },
    ]);
    t.equal(await store.streamVersion(guard), 2, 'a checked stream is not bumped');
    const error = await conflictOf(t, store.append([
      { streamId: unit, expectedVersion: 1, events: [unitRenamed('dinas-a', 'Dinas B')] },
      { streamId: guard, expectedVersion: 1, events: [] },
    ]));
    t.match(error, { streamId: guard, expected: 1, actual: 2 });
    t.equal(await store.headPosition(), 3, 'a failed check stores nothing');
  });

  t.test('alsoIn links an event into other streams and bumps their versions', async (t) => {
    const store = await freshStore(t, factory);
    const [unit, positionA, positionB] = [streamOf('unit'), streamOf('position'), streamOf('position')];
    await seed(store, positionA, 1);
    const linked = unitEstablished('dinas-linked', { alsoIn: [positionA, positionB] });
    const [stored] = (await store.append([{ streamId: unit, expectedVersion: 0, events: [linked] }])).events;
    t.equal(stored?.streamVersion, 1, 'streamVersion is the version in its own stream');
    t.equal(await store.streamVersion(positionA), 2);
    t.equal(await store.streamVersion(positionB), 1);
    t.strictSame((await store.readStream(positionA)).map((e) => e.eventId).at(-1), linked.eventId);
    t.strictSame((await store.readStream(positionB)).map((e) => e.eventId), [linked.eventId]);
    await conflictOf(t, store.append([{ streamId: positionA, expectedVersion: 1, events: [positionEstablished('p-a', 'dinas-linked')] }]));
    await store.append([{ streamId: positionA, expectedVersion: 2, events: [positionEstablished('p-a', 'dinas-linked')] }]);
    t.strictSame((await store.readStream(positionA)).map((e) => e.globalPosition), [1, 2, 3], 'in stream-version order');
  });

  t.test('a retry with the same idempotency key stores nothing and returns the original events', async (t) => {
    const store = await freshStore(t, factory);
    const unit = streamOf('unit');
    const original = await store.append([{ streamId: unit, expectedVersion: 0, events: [unitEstablished('dinas-b'), unitRenamed('dinas-b', 'Dinas B2')] }], { idempotencyKey: 'cmd-1' });
    // A retried command is decided again: new event ids, and an expected version that is now stale.
    const retry = await store.append([{ streamId: unit, expectedVersion: 0, events: [unitEstablished('dinas-b'), unitRenamed('dinas-b', 'Dinas B2')] }], { idempotencyKey: 'cmd-1' });
    t.equal(retry.duplicate, true);
    t.strictSame(retry.events, original.events);
    t.equal(await store.headPosition(), 2);
  });

  t.test('a retry of already stored event ids stores nothing and returns them', async (t) => {
    const store = await freshStore(t, factory);
    const unit = streamOf('unit');
    const events = [unitEstablished('dinas-c'), unitRenamed('dinas-c', 'Dinas C2')];
    const original = await store.append([{ streamId: unit, expectedVersion: 0, events }]);
    const retry = await store.append([{ streamId: unit, expectedVersion: 0, events }]);
    t.equal(retry.duplicate, true);
    t.strictSame(positionsOf(retry.events), positionsOf(original.events));
    t.strictSame(retry.events, original.events);
    const anyRetry = await store.append([{ streamId: unit, expectedVersion: 'any', events }]);
    t.equal(anyRetry.duplicate, true, 'also when no version check would have failed');
    await rejectsWith(t, store.append([{ streamId: unit, expectedVersion: 'any', events: [events[0] ?? unitEstablished('x'), unitRenamed('dinas-c', 'Dinas C3')] }]),
      InvalidAppendError, 'repeating only some stored events is not a retry');
    t.equal(await store.headPosition(), 2);
  });

  t.test('global positions are strictly increasing and gap-free under concurrency', async (t) => {
    const store = await freshStore(t, factory);
    const sizes = Array.from({ length: 20 }, (_, i) => 1 + (i % 3));
    await Promise.all(sizes.map((size, i) => store.append([{
      streamId: streamOf('unit'), expectedVersion: 0,
      events: Array.from({ length: size }, (_, j) => unitEstablished(`dinas-${i}-${j}`)),
    }])));
    const all = await store.readAll();
    const head = await store.headPosition();
    t.equal(head, sizes.reduce((a, b) => a + b, 0));
    t.strictSame(positionsOf(all), Array.from({ length: head }, (_, i) => i + 1));
    all.forEach((event, i) => t.equal(event.prevHash, i === 0 ? GENESIS_HASH : all[i - 1]?.hash, `position ${event.globalPosition} links to its predecessor`));
  });

  t.test('an invalid append is rejected and stores nothing', async (t) => {
    const store = await freshStore(t, factory);
    const unit = streamOf('unit');
    const good = unitEstablished('dinas-d');
    const invalid: [string, NewEvent][] = [
      ['eventId not a UUID', { ...unitEstablished('dinas-d'), eventId: 'not-a-uuid' }],
      ['effectiveAt not a date', { ...unitEstablished('dinas-d'), effectiveAt: '2024-02-30' }],
      ['no actor', { ...unitEstablished('dinas-d'), actor: { id: '', role: 'hr' } }],
      ['non-finite number in data', { ...unitEstablished('dinas-d'), data: { unitId: 'dinas-d', size: Number.NaN } }],
      ['alsoIn naming its own stream', { ...unitEstablished('dinas-d'), alsoIn: [unit] }],
      ['alsoIn with a malformed stream id', { ...unitEstablished('dinas-d'), alsoIn: ['Not A Stream'] }],
    ];
    for (const [why, event] of invalid) {
      await rejectsWith(t, store.append([{ streamId: unit, expectedVersion: 0, events: [good, event] }]), InvalidAppendError, why);
    }
    await rejectsWith(t, store.append([{ streamId: 'Bad Stream', expectedVersion: 0, events: [good] }]), InvalidAppendError, 'malformed stream id');
    await rejectsWith(t, store.append([{ streamId: unit, expectedVersion: -1, events: [good] }]), InvalidAppendError, 'negative expected version');
    await rejectsWith(t, store.append([{ streamId: unit, expectedVersion: 0, events: [good, good] }]), InvalidAppendError, 'an event id twice');
    await rejectsWith(t, store.append([{ streamId: unit, expectedVersion: 0, events: [good] }, { streamId: unit, expectedVersion: 0, events: [] }]),
      InvalidAppendError, 'a stream named twice');
    await rejectsWith(t, store.append([]), InvalidAppendError, 'no streams at all');
    t.equal(await store.headPosition(), 0, 'nothing stored');
    t.equal(await store.getEvent(good.eventId), null);
  });
}
