// readAll's filter applied in memory: each condition alone and combined, the limits, and the instant bounds at
// sub-millisecond precision, where text comparison and Date.parse would each get an edge wrong.
import t from 'tap';
import type { StoredEvent } from '@estafet/events';
import type { ReadAllFilter } from './event-store.js';
import { InvalidQueryError } from './event-store.js';
import { compileFilter, instantMillis } from './esdb-filter.js';
import { chainOf } from './esdb-test-fixtures.js';

const log = chainOf([
  { type: 'UnitEstablished', streamId: 'unit-a', alsoIn: [], effectiveAt: '2023-01-10', recordedAt: '2024-03-01T02:00:00.000Z' },
  { type: 'UnitRenamed', streamId: 'unit-a', alsoIn: ['org-jakarta'], effectiveAt: '2023-06-01', recordedAt: '2024-03-01T02:00:00.001Z', actor: { id: 'user-budi', role: 'hr' } },
  { type: 'PositionEstablished', streamId: 'position-k', alsoIn: ['unit-a'], effectiveAt: '2024-01-01', recordedAt: '2024-03-01T02:00:00.002Z', correlationId: 'corr-b' },
  { type: 'UnitRenamed', streamId: 'unit-b', alsoIn: [], effectiveAt: '2024-03-15', recordedAt: '2024-03-01T09:00:00.002+07:00' },
]);

const positions = (filter: ReadAllFilter): number[] => {
  const compiled = compileFilter(filter);
  return log.filter((event: StoredEvent) => compiled.matches(event)).map((event) => event.globalPosition);
};

t.test('each condition, and all of them together', (t) => {
  t.strictSame(positions({}), [1, 2, 3, 4]);
  t.strictSame(positions({ fromPosition: 1, toPosition: 3 }), [2, 3], 'fromPosition exclusive, toPosition inclusive');
  t.strictSame(positions({ types: ['UnitRenamed', 'PositionEstablished'] }), [2, 3, 4]);
  t.strictSame(positions({ types: [] }), [], 'no types matches nothing');
  t.strictSame(positions({ streamPrefix: 'unit-a' }), [1, 2, 3], 'own stream or a linked one');
  t.strictSame(positions({ streamPrefix: 'org-' }), [2]);
  t.strictSame(positions({ streamPrefix: '' }), [1, 2, 3, 4], 'an empty prefix is no filter');
  t.strictSame(positions({ effectiveFrom: '2023-06-01', effectiveTo: '2024-01-01' }), [2, 3]);
  t.strictSame(positions({ actorId: 'user-budi' }), [2]);
  t.strictSame(positions({ correlationId: 'corr-b' }), [3]);
  t.strictSame(positions({ recordedFrom: '2024-03-01T02:00:00.001Z', recordedTo: '2024-03-01T09:00:00.001+07:00' }), [2], 'instants in any offset');
  t.strictSame(positions({ types: ['UnitRenamed'], streamPrefix: 'unit-', effectiveFrom: '2024-01-01' }), [4]);
  t.end();
});

t.test('limits and prefixes as the store uses them', (t) => {
  t.match(compileFilter({}), { from: 0, to: Number.POSITIVE_INFINITY, limit: 1000, streamPrefix: null });
  t.match(compileFilter({ limit: 50_000, streamPrefix: 'unit-', fromPosition: 3, toPosition: 9 }), { from: 3, to: 9, limit: 10_000, streamPrefix: 'unit-' });
  t.equal(compileFilter({ limit: 7 }).limit, 7);
  t.end();
});

t.test('instant bounds are exact below the millisecond', (t) => {
  t.equal(instantMillis('2024-03-01T02:00:00.001Z', 'ceil'), Date.parse('2024-03-01T02:00:00.001Z'));
  t.equal(instantMillis('2024-03-01T02:00:00.0010Z', 'ceil'), Date.parse('2024-03-01T02:00:00.001Z'), 'trailing zeros are exact');
  t.equal(instantMillis('2024-03-01T02:00:00.0005Z', 'ceil'), Date.parse('2024-03-01T02:00:00.001Z'), 'a lower bound rounds up');
  t.equal(instantMillis('2024-03-01T02:00:00.0015Z', 'floor'), Date.parse('2024-03-01T02:00:00.001Z'), 'an upper bound rounds down');
  t.equal(instantMillis('2024-03-01T02:00:00Z', 'ceil'), Date.parse('2024-03-01T02:00:00Z'));
  t.strictSame(positions({ recordedFrom: '2024-03-01T02:00:00.0005Z' }), [2, 3, 4], 'no event at .000 is at or after .0005');
  t.strictSame(positions({ recordedTo: '2024-03-01T02:00:00.0019Z' }), [1, 2], 'nor is one at .002 at or before .0019');
  t.end();
});

t.test('a malformed filter is an InvalidQueryError naming the field', (t) => {
  const bad: [ReadAllFilter, RegExp][] = [
    [{ effectiveFrom: 'kemarin' }, /effectiveFrom/],
    [{ recordedTo: '2024-01-01' }, /recordedTo/],
    [{ limit: 0 }, /limit/],
    [{ fromPosition: -1 }, /fromPosition/],
    [{ toPosition: 1.5 }, /toPosition/],
    [{ types: [''] }, /types/],
  ];
  for (const [filter, message] of bad) {
    t.throws(() => compileFilter(filter), message);
    try {
      compileFilter(filter);
    } catch (error) {
      t.ok(error instanceof InvalidQueryError);
    }
  }
  t.end();
});
