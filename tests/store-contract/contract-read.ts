// Store contract, reading: every readAll filter against the same filter applied in memory to the whole log,
// and verifyChain on an intact log (tampering is adapter-specific and tested beside each adapter).
import type { Test } from 'tap';
import { GENESIS_HASH } from '@estafet/events';
import type { StoredEvent } from '@estafet/events';
import { InvalidQueryError } from '@estafet/ledger';
import type { EventStore, ReadAllFilter } from '@estafet/ledger';
import { HR, OTHER_HR, freshStore, positionEstablished, positionsOf, rejectsWith, streamOf, unitEstablished, unitRenamed } from './fixtures.js';
import type { StoreFactory } from './fixtures.js';

/** A small log with varied types, streams, links, effective dates, actors and correlation ids. */
async function varietyLog(store: EventStore) {
  const [unitA, unitB, position] = [streamOf('unit'), streamOf('unit'), streamOf('position')];
  await store.append([{ streamId: unitA, expectedVersion: 0, events: [
    unitEstablished('dinas-a', { effectiveAt: '2023-01-10', correlationId: 'corr-a' }),
    unitRenamed('dinas-a', 'Dinas A Baru', { effectiveAt: '2023-06-01', actor: OTHER_HR, correlationId: 'corr-a' }),
  ] }]);
  await store.append([{ streamId: position, expectedVersion: 0, events: [
    positionEstablished('kadis-a', 'dinas-a', { effectiveAt: '2024-01-01', correlationId: 'corr-b', alsoIn: [unitA] }),
  ] }]);
  await store.append([{ streamId: unitB, expectedVersion: 0, events: [
    unitEstablished('dinas-b', { effectiveAt: '2024-03-15', actor: OTHER_HR, correlationId: 'corr-c' }),
    unitRenamed('dinas-b', 'Dinas B Baru', { effectiveAt: '2024-03-16', correlationId: 'corr-c', legalBasis: null }),
    unitRenamed('dinas-b', 'Dinas B Lagi', { effectiveAt: '2025-01-01', actor: OTHER_HR, correlationId: 'corr-d' }),
  ] }]);
  await store.append([{ streamId: unitA, expectedVersion: 3, events: [
    unitRenamed('dinas-a', 'Dinas A Akhir', { effectiveAt: '2024-03-15', correlationId: 'corr-d' }),
  ] }]);
  return { unitA, unitB, position, all: await store.readAll() };
}

const instant = (iso: string): number => Date.parse(iso);

export function readContract(t: Test, factory: StoreFactory): void {
  t.test('readAll applies every filter, in global order', async (t) => {
    const store = await freshStore(t, factory);
    const { unitA, all } = await varietyLog(store);
    t.equal(all.length, 7);
    const recordedMiddle = all[2]?.recordedAt ?? '';
    const recordedLater = all[4]?.recordedAt ?? '';
    const cases: [string, ReadAllFilter, (e: StoredEvent) => boolean][] = [
      ['fromPosition is exclusive', { fromPosition: 2 }, (e) => e.globalPosition > 2],
      ['toPosition is inclusive', { toPosition: 3 }, (e) => e.globalPosition <= 3],
      ['one type', { types: ['UnitRenamed'] }, (e) => e.type === 'UnitRenamed'],
      ['several types', { types: ['UnitEstablished', 'PositionEstablished'] }, (e) => e.type !== 'UnitRenamed'],
      ['no types matches nothing', { types: [] }, () => false],
      ['stream prefix of a kind', { streamPrefix: 'position-' }, (e) => e.streamId.startsWith('position-')],
      ['stream prefix includes linked events', { streamPrefix: unitA },
        (e) => e.streamId === unitA || e.alsoIn.includes(unitA)],
      ['effectiveFrom', { effectiveFrom: '2024-03-15' }, (e) => e.effectiveAt >= '2024-03-15'],
      ['effectiveTo', { effectiveTo: '2024-03-15' }, (e) => e.effectiveAt <= '2024-03-15'],
      ['effective range', { effectiveFrom: '2023-06-01', effectiveTo: '2024-03-15' },
        (e) => e.effectiveAt >= '2023-06-01' && e.effectiveAt <= '2024-03-15'],
      ['recordedFrom', { recordedFrom: recordedMiddle }, (e) => instant(e.recordedAt) >= instant(recordedMiddle)],
      ['recordedTo', { recordedTo: recordedLater }, (e) => instant(e.recordedAt) <= instant(recordedLater)],
      ['actorId', { actorId: OTHER_HR.id }, (e) => e.actor.id === OTHER_HR.id],
      ['correlationId', { correlationId: 'corr-c' }, (e) => e.correlationId === 'corr-c'],
      ['combined', { types: ['UnitRenamed'], effectiveFrom: '2024-01-01', actorId: HR.id },
        (e) => e.type === 'UnitRenamed' && e.effectiveAt >= '2024-01-01' && e.actor.id === HR.id],
    ];
    for (const [why, filter, keep] of cases) {
      const expected = all.filter(keep);
      t.strictSame(positionsOf(await store.readAll(filter)), positionsOf(expected), why);
    }
    t.ok(cases.every(([, filter, keep]) => filter.types?.length === 0 || all.some(keep)), 'every filter but the empty one matches something');
  });

  t.test('readAll pages with limit and fromPosition', async (t) => {
    const store = await freshStore(t, factory);
    await varietyLog(store);
    t.strictSame(positionsOf(await store.readAll({ limit: 2 })), [1, 2]);
    t.strictSame(positionsOf(await store.readAll({ fromPosition: 2, limit: 2 })), [3, 4]);
    t.strictSame(positionsOf(await store.readAll({ limit: 50_000 })), [1, 2, 3, 4, 5, 6, 7], 'a limit above the maximum is capped, not refused');
    t.strictSame(await store.readAll({ fromPosition: 7 }), []);
  });

  t.test('readAll refuses malformed filters', async (t) => {
    const store = await freshStore(t, factory);
    const bad: [string, ReadAllFilter][] = [
      ['effectiveFrom not a date', { effectiveFrom: 'kemarin' }],
      ['recordedTo not an instant', { recordedTo: '2024-01-01' }],
      ['limit 0', { limit: 0 }],
      ['negative fromPosition', { fromPosition: -1 }],
    ];
    for (const [why, filter] of bad) await rejectsWith(t, store.readAll(filter), InvalidQueryError, why);
  });

  t.test('verifyChain accepts an intact log', async (t) => {
    const store = await freshStore(t, factory);
    t.strictSame(await store.verifyChain(), { ok: true, checked: 0, headPosition: 0, headHash: GENESIS_HASH }, 'an empty log');
    const { all } = await varietyLog(store);
    const last = all.at(-1);
    t.strictSame(await store.verifyChain(), { ok: true, checked: 7, headPosition: 7, headHash: last?.hash });
    t.match(await store.verifyChain({ fromPosition: 3 }), { ok: true, checked: 4, headPosition: 7 }, 'from a trusted position');
    t.match(await store.verifyChain({ toPosition: 4 }), { ok: true, checked: 4, headPosition: 4, headHash: all[3]?.hash }, 'up to a position');
  });
}
