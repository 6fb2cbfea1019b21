// The shared group-commit queue on its own: items grouped in arrival order and bounded in size, a failing group
// rejecting only its own items, a refused group run again item by item, and idle() waiting for every item.
import t from 'tap';
import { createGroupCommit } from './group-commit.js';
import type { Settled } from './group-commit.js';

const ok = <T>(result: T): Settled<T> => ({ ok: true, result });

/** A queue whose groups are recorded; `fail` decides, per group, whether the whole group throws. */
const recording = (options: { maxGroup: number; fail?: (items: readonly number[]) => Error | undefined }) => {
  const groups: number[][] = [];
  const queue = createGroupCommit<number, string>({
    maxGroup: options.maxGroup,
    runGroup: async (items) => {
      groups.push([...items]);
      await new Promise<void>((resolve) => setImmediate(resolve));
      const error = options.fail?.(items);
      if (error !== undefined) throw error;
      return items.map((item) => ok(`stored ${item}`));
    },
  });
  return { groups, queue };
};

t.test('items issued in one tick share one group, in order; later ones wait for the write in flight', async (t) => {
  const { groups, queue } = recording({ maxGroup: 10 });
  const first = [1, 2, 3].map((item) => queue.enqueue(item));
  // Issued after an await resolved, still before the first group starts: joins it.
  await Promise.resolve();
  const joined = queue.enqueue(4);
  t.strictSame(groups, [], 'nothing runs before the next macrotask');
  await new Promise<void>((resolve) => setImmediate(resolve));
  const later = [queue.enqueue(5), queue.enqueue(6)];
  t.strictSame(await Promise.all([...first, joined, ...later]), [1, 2, 3, 4, 5, 6].map((item) => `stored ${item}`));
  t.strictSame(groups, [[1, 2, 3, 4], [5, 6]]);
});

t.test('a backlog is cut into groups of at most maxGroup, oldest first', async (t) => {
  const { groups, queue } = recording({ maxGroup: 2 });
  const results = await Promise.all([1, 2, 3, 4, 5].map((item) => queue.enqueue(item)));
  t.strictSame(results, [1, 2, 3, 4, 5].map((item) => `stored ${item}`));
  t.strictSame(groups, [[1, 2], [3, 4], [5]]);
});

t.test('a group that throws rejects its own items only; the next group still runs', async (t) => {
  const refused = new Error('connection lost');
  const { groups, queue } = recording({ maxGroup: 2, fail: (items) => (items.includes(3) ? refused : undefined) });
  const settled = await Promise.allSettled([1, 2, 3, 4, 5].map((item) => queue.enqueue(item)));
  t.strictSame(settled.map((s) => s.status), ['fulfilled', 'fulfilled', 'rejected', 'rejected', 'fulfilled']);
  t.equal(settled[2]?.status === 'rejected' && settled[2].reason, refused, 'the caller gets the group\'s error itself');
  t.strictSame(groups, [[1, 2], [3, 4], [5]], 'the failed group is not retried');
});

t.test('an item answered with an error rejects that caller alone', async (t) => {
  const conflict = new Error('version conflict');
  const queue = createGroupCommit<number, number>({
    maxGroup: 10,
    runGroup: (items) => Promise.resolve(items.map((item): Settled<number> => (item === 2 ? { ok: false, error: conflict } : ok(item * 10)))),
  });
  const settled = await Promise.allSettled([1, 2, 3].map((item) => queue.enqueue(item)));
  t.strictSame(settled, [
    { status: 'fulfilled', value: 10 }, { status: 'rejected', reason: conflict }, { status: 'fulfilled', value: 30 },
  ]);
});

t.test('a group answered with too few results rejects the unanswered items', async (t) => {
  const queue = createGroupCommit<number, number>({ maxGroup: 10, runGroup: (items) => Promise.resolve(items.slice(1).map(ok)) });
  const settled = await Promise.allSettled([1, 2].map((item) => queue.enqueue(item)));
  t.equal(settled[0]?.status, 'fulfilled');
  t.match(settled[1], { status: 'rejected', reason: { message: /lost an item/ } });
});

t.test('runAloneAfter: a refused group runs again item by item, in order, and only the offender fails', async (t) => {
  class RefusedError extends Error {}
  const groups: number[][] = [];
  const queue = createGroupCommit<number, number>({
    maxGroup: 10,
    runGroup: (items) => {
      groups.push([...items]);
      return items.includes(13) ? Promise.reject(new RefusedError(`refused ${items.join(',')}`)) : Promise.resolve(items.map(ok));
    },
    runAloneAfter: (error) => error instanceof RefusedError,
  });
  const settled = await Promise.allSettled([11, 12, 13, 14].map((item) => queue.enqueue(item)));
  t.strictSame(settled.map((s) => s.status), ['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
  t.match(settled[2], { status: 'rejected', reason: { message: 'refused 13' } }, 'the error of its own run');
  t.strictSame(groups, [[11, 12, 13, 14], [11], [12], [13], [14]]);
});

t.test('runAloneAfter answering false (or a lone item) rejects as the group failed', async (t) => {
  const lost = new Error('lost');
  let runs = 0;
  const queue = createGroupCommit<number, number>({
    maxGroup: 10,
    runGroup: () => {
      runs += 1;
      return Promise.reject(lost);
    },
    runAloneAfter: (error) => error !== lost,
  });
  const settled = await Promise.allSettled([1, 2].map((item) => queue.enqueue(item)));
  t.strictSame(settled, [{ status: 'rejected', reason: lost }, { status: 'rejected', reason: lost }]);
  t.equal(runs, 1);
});

t.test('idle() waits for every item enqueued so far, including ones enqueued while it waits', async (t) => {
  const done: number[] = [];
  let release: (() => void) | undefined;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const queue = createGroupCommit<number, number>({
    maxGroup: 1,
    runGroup: async (items) => {
      if (items[0] === 1) await gate;
      done.push(...items);
      return items.map(ok);
    },
  });
  await queue.idle();
  t.pass('idle with nothing queued resolves at once');
  void queue.enqueue(1);
  let idle = false;
  const waiting = queue.idle().then(() => {
    idle = true;
  });
  void queue.enqueue(2);
  await new Promise<void>((resolve) => setImmediate(resolve));
  await new Promise<void>((resolve) => setImmediate(resolve));
  t.equal(idle, false, 'not idle while a group is in flight');
  release?.();
  await waiting;
  t.strictSame(done, [1, 2]);
  // A new drain starts after the last one ended: idle waits for it too.
  const third = queue.enqueue(3);
  await queue.idle();
  t.strictSame(done, [1, 2, 3]);
  t.equal(await third, 3);
});

t.test('idle() also resolves after a failing group', async (t) => {
  const queue = createGroupCommit<number, number>({ maxGroup: 5, runGroup: async () => Promise.reject(new Error('down')) });
  const failed = t.rejects(queue.enqueue(1), { message: 'down' });
  await queue.idle();
  await failed;
});

t.test('maxGroup must be a positive integer', (t) => {
  for (const maxGroup of [0, -1, 1.5, Number.NaN]) {
    t.throws(() => createGroupCommit({ maxGroup, runGroup: () => Promise.resolve([]) }), RangeError);
  }
  t.end();
});
