// The measuring helpers the bench's figures rest on: percentiles, medians and interleaved rounds.
import t from 'tap';
import { interleavedMedians, latencyOf, median } from './stats.js';

t.test('median of odd and even counts, and of none', (t) => {
  t.equal(median([5, 1, 3]), 3);
  t.equal(median([4, 1, 3, 2]), 2.5);
  t.equal(median([]), 0);
  t.end();
});

t.test('nearest-rank percentiles', (t) => {
  const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
  t.same(latencyOf(samples), { p50: 50, p95: 95, p99: 99, count: 100 });
  t.end();
});

t.test('interleaved rounds take the measures in turn and report each one\'s median', async (t) => {
  const calls: string[] = [];
  const values = { ours: [10, 30, 20], peer: [7, 5, 6] };
  const take = (name: 'ours' | 'peer') => () => {
    calls.push(name);
    return values[name][calls.filter((c) => c === name).length - 1] ?? 0;
  };
  const result = await interleavedMedians(3, { ours: take('ours'), peer: () => Promise.resolve(take('peer')()) });
  t.same(calls, ['ours', 'peer', 'ours', 'peer', 'ours', 'peer']);
  t.same(result, { ours: 20, peer: 6 });
});
