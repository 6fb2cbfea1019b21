// The in-process index of the ledger stream: versions counting links, positions by stream, event id and key, the
// planner's snapshot, a truncated stream refused, and scattered positions grouped into few reads.
import t from 'tap';
import fc from 'fast-check';
import { GENESIS_HASH } from '@estafet/events';
import { CorruptRowError } from './sqlite-rows.js';
import { coalesceRuns, createLedgerIndex } from './esdb-index.js';
import { chainOf } from './esdb-test-fixtures.js';
import { parseAppend } from './sqlite-append.js';

const chain = chainOf([
  { streamId: 'unit-a', alsoIn: [], idempotencyKey: 'cmd-1' },
  { streamId: 'unit-a', alsoIn: ['org-jakarta'], idempotencyKey: 'cmd-1' },
  { streamId: 'position-k', alsoIn: ['unit-a', 'unit-b'] },
  { streamId: 'unit-b', alsoIn: [], idempotencyKey: 'cmd-2' },
  // A key seen again after a gap (only a foreign writer would): the first range stands.
  { streamId: 'unit-c', alsoIn: [], idempotencyKey: 'cmd-1' },
]);

const indexed = () => {
  const index = createLedgerIndex();
  for (const event of chain) index.add(event);
  return index;
};

t.test('an empty index is at the genesis', (t) => {
  const index = createLedgerIndex();
  t.strictSame(index.head(), { position: 0, hash: GENESIS_HASH });
  t.equal(index.version('unit-a'), 0);
  t.strictSame(index.positions('unit-a', 1), []);
  t.equal(index.positionOf(chain[0]?.eventId ?? ''), null);
  t.end();
});

t.test('streams, links, ids, keys and the head', (t) => {
  const index = indexed();
  t.strictSame(index.head(), { position: 5, hash: chain[4]?.hash });
  t.equal(index.version('unit-a'), 3, 'own events and the linked one');
  t.equal(index.version('unit-b'), 2);
  t.equal(index.version('org-jakarta'), 1);
  t.strictSame(index.positions('unit-a', 1), [1, 2, 3]);
  t.strictSame(index.positions('unit-a', 3), [3]);
  t.strictSame(index.positions('unit-a', 0), [1, 2, 3], 'version 0 reads from the start');
  t.strictSame(index.positions('unit-a', 4), []);
  t.equal(index.positionOf(chain[3]?.eventId ?? ''), 4);
  t.strictSame(index.positionsWithPrefix('unit-', 0, 99), [1, 2, 3, 4, 5], 'each position once, though in two unit streams');
  t.strictSame(index.positionsWithPrefix('unit-', 1, 4), [2, 3, 4], 'within (after, upTo]');
  t.strictSame(index.positionsWithPrefix('org-', 0, 99), [2]);
  t.strictSame(index.positionsWithPrefix('nothing-', 0, 99), []);
  t.end();
});

t.test('the snapshot holds exactly what the planner needs about an append', (t) => {
  const index = indexed();
  const event = (eventId: string, alsoIn: string[] = []) => ({
    eventId, type: 'UnitRenamed', schemaVersion: 1, data: {}, effectiveAt: '2024-02-01', legalBasis: null,
    actor: { id: 'user-hr-siti', role: 'hr' as const }, correlationId: 'c', causationId: null, alsoIn,
  });
  const stored = chain[0]?.eventId ?? '';
  const fresh = '9b2d6a34-1c7e-4f0a-8b5d-2e6f7a8b9c0d';
  const appends = [
    parseAppend([{ streamId: 'unit-a', expectedVersion: 3, events: [event(stored, ['org-jakarta'])] }], { idempotencyKey: 'cmd-1' }),
    parseAppend([{ streamId: 'unit-new', expectedVersion: 0, events: [event(fresh)] }, { streamId: 'unit-b', expectedVersion: 2, events: [] }], { idempotencyKey: 'cmd-9' }),
    parseAppend([{ streamId: 'unit-c', expectedVersion: 'any', events: [] }], undefined),
  ];
  const snapshot = index.snapshot(appends);
  t.strictSame(snapshot.head, index.head());
  t.strictSame([...snapshot.versions], [['unit-a', 3], ['org-jakarta', 1], ['unit-new', 0], ['unit-b', 2], ['unit-c', 1]]);
  t.strictSame([...snapshot.ids], [[stored, 1]], 'only stored ids');
  t.strictSame([...snapshot.keys], [['cmd-1', { first: 1, last: 2 }]], 'only stored keys, with their range');
  snapshot.versions.set('unit-a', 99);
  t.equal(index.version('unit-a'), 3, 'planning on a snapshot leaves the index alone');
  t.end();
});

t.test('a position out of sequence means records were deleted: refused', (t) => {
  const index = createLedgerIndex();
  const [first, second, third] = chain;
  if (first === undefined || second === undefined || third === undefined) throw new Error('short chain');
  t.throws(() => index.add(second), { message: /goes from position 0 to 2: records were deleted or truncated/ });
  index.add(first);
  t.throws(() => index.add(first), { message: /goes from position 1 to 1/ });
  try {
    index.add(third);
  } catch (error) {
    t.ok(error instanceof CorruptRowError);
  }
  t.equal(index.head().position, 1, 'nothing was added by a refused event');
  index.add({ ...second, eventId: first.eventId });
  t.equal(index.positionOf(first.eventId), 1, 'an event id seen twice keeps its first position');
  t.end();
});

t.test('coalesceRuns reads through small gaps and splits at large ones', (t) => {
  t.strictSame(coalesceRuns([], 16), []);
  t.strictSame(coalesceRuns([5], 16), [{ first: 5, last: 5 }]);
  t.strictSame(coalesceRuns([1, 2, 3, 10, 30], 6), [{ first: 1, last: 10 }, { first: 30, last: 30 }]);
  t.strictSame(coalesceRuns([1, 3, 5], 0), [{ first: 1, last: 1 }, { first: 3, last: 3 }, { first: 5, last: 5 }]);
  t.strictSame(coalesceRuns([1, 2, 3], 0), [{ first: 1, last: 3 }]);
  fc.assert(fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 500 })), fc.nat({ max: 20 }), (raw, gap) => {
    const positions = [...raw].sort((a, b) => a - b);
    const runs = coalesceRuns(positions, gap);
    const covered = (p: number) => runs.some((run) => run.first <= p && p <= run.last);
    const separated = runs.every((run, i) => i === 0 || run.first - (runs[i - 1]?.last ?? 0) - 1 > gap);
    return positions.every(covered) && separated && runs.every((run) => positions.includes(run.first) && positions.includes(run.last));
  }));
  t.end();
});
