// Time-ordered event ids: valid UUIDs of version 7 that sort in minting order whatever the clock does.
import t from 'tap';
import { EventIdSchema } from '@estafet/events';
import { createEventIdMinter } from './event-ids.js';

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const strictlyIncreasing = (ids: readonly string[]): boolean => ids.every((id, i) => i === 0 || (ids[i - 1] ?? '') < id);

t.test('ids are version 7 UUIDs the envelope accepts, led by the clock', (t) => {
  const mint = createEventIdMinter(() => Date.UTC(2026, 10, 30, 5, 0, 0, 123));
  const id = mint();
  t.match(id, V7);
  t.ok(EventIdSchema.safeParse(id).success, 'EventIdSchema accepts it');
  t.equal(Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16), Date.UTC(2026, 10, 30, 5, 0, 0, 123), 'the first 48 bits are the milliseconds');
  t.end();
});

t.test('ids sort in minting order when the clock stalls, steps back or outruns the counter', (t) => {
  let clock = 1_700_000_000_000;
  const mint = createEventIdMinter(() => clock);
  const ids: string[] = [];
  for (let i = 0; i < 10_000; i += 1) ids.push(mint());
  clock -= 5_000;
  for (let i = 0; i < 100; i += 1) ids.push(mint());
  clock += 60_000;
  for (let i = 0; i < 100; i += 1) ids.push(mint());
  t.ok(strictlyIncreasing(ids), '10,000 in one millisecond, then a clock five seconds behind, then one ahead');
  t.equal(new Set(ids).size, ids.length, 'no id twice');
  t.ok(ids.every((id) => V7.test(id)), 'each a version 7 UUID');
  t.end();
});

t.test('two minters give different ids for the same millisecond', (t) => {
  const a = createEventIdMinter(() => 1_700_000_000_000);
  const b = createEventIdMinter(() => 1_700_000_000_000);
  t.not(a(), b());
  t.end();
});
