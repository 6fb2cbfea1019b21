// Canonical JSON and the hash chain: stable serialisation, and any single edit, deletion, insertion or
// reordering of a chain is found at the position where it happened.
import { createHash } from 'node:crypto';
import t from 'tap';
import fc from 'fast-check';
import { EVENT_TYPES, GENESIS_HASH, ROLES } from '@estafet/events';
import type { StoredEvent } from '@estafet/events';
import { CanonicalJsonError, canonicalJson, computeEventHash, verifyEvents } from './hash-chain.js';

t.test('canonicalJson sorts keys at every depth and writes no whitespace', (t) => {
  t.equal(canonicalJson({ b: 1, a: [{ d: 2, c: null }, 'x'], e: { z: true, y: false } }),
    '{"a":[{"c":null,"d":2},"x"],"b":1,"e":{"y":false,"z":true}}');
  t.equal(canonicalJson([]), '[]');
  t.equal(canonicalJson({}), '{}');
  t.equal(canonicalJson(-0), '0');
  t.equal(canonicalJson(1e21), '1e+21');
  t.equal(canonicalJson({ a: undefined, b: 1 }), '{"b":1}', 'undefined properties are left out, as JSON does');
  t.equal(canonicalJson(Object.assign(Object.create(null) as object, { k: 'v' })), '{"k":"v"}', 'null-prototype objects are plain');
  t.end();
});

t.test('canonicalJson escapes strings exactly as JSON.stringify', (t) => {
  const samples = ['plain', 'say "hi"', 'back\\slash', 'tab\there', 'nul\u0000', 'émoji 🚀', 'lone \ud800 surrogate', '\u2028'];
  // Named by index: some samples would break the TAP output they were printed into.
  samples.forEach((text, i) => t.equal(canonicalJson(text), JSON.stringify(text), `sample ${i}`));
  fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => canonicalJson(text) === JSON.stringify(text)));
  t.end();
});

t.test('canonicalJson rejects what JSON would silently change, naming where', (t) => {
  const cases: [string, unknown, RegExp][] = [
    ['NaN', { a: { b: Number.NaN } }, /\$\.a\.b is NaN/],
    ['Infinity', [1, Number.POSITIVE_INFINITY], /\$\[1\] is Infinity/],
    ['-Infinity', Number.NEGATIVE_INFINITY, /is -Infinity/],
    ['undefined in an array', [1, undefined], /\$\[1\] is undefined/],
    ['undefined', undefined, /is undefined/],
    ['a bigint', { n: 1n }, /bigint/],
    ['a function', { f: () => 1 }, /function/],
    ['a Date', { when: new Date(0) }, /\$\.when is \[object Date\], not a plain object/],
    ['a Map', new Map(), /\[object Map\]/],
  ];
  for (const [why, value, message] of cases) t.throws(() => canonicalJson(value), { name: 'Error', message }, why);
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  t.throws(() => canonicalJson(cyclic), { message: /^\$\.self\.self.*\.\.\. nests deeper than 256 levels \(or refers back to itself\)$/ });
  try {
    canonicalJson(Number.NaN);
  } catch (error) {
    t.ok(error instanceof CanonicalJsonError);
    t.match(error, { code: 'NOT_CANONICAL_JSON' });
  }
  t.end();
});

/** Rewrites every object with its keys in reverse order: the same value, written differently. */
const reverseKeys = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).reverse().map(([key, item]) => [key, reverseKeys(item)]));
  }
  return value;
};

t.test('canonicalJson is stable: key order does not matter and a stored copy serialises alike', (t) => {
  fc.assert(fc.property(fc.jsonValue(), (value) => {
    const text = canonicalJson(value);
    return canonicalJson(reverseKeys(value)) === text && canonicalJson(JSON.parse(text)) === text;
  }));
  t.end();
});

type Draft = Omit<StoredEvent, 'hash' | 'globalPosition' | 'prevHash' | 'streamVersion'>;

const draftArbitrary: fc.Arbitrary<Draft> = fc.record({
  eventId: fc.uuid(),
  type: fc.constantFrom(...EVENT_TYPES),
  schemaVersion: fc.integer({ min: 1, max: 3 }),
  data: fc.jsonValue(),
  effectiveAt: fc.constantFrom('2023-01-01', '2024-02-29', '2025-12-31'),
  legalBasis: fc.option(fc.record({ skNumber: fc.string({ minLength: 1 }), skDate: fc.constant('2024-01-15'), signedBy: fc.string({ minLength: 1 }) })),
  actor: fc.record({ id: fc.string({ minLength: 1 }), role: fc.constantFrom(...ROLES) }),
  correlationId: fc.string({ minLength: 1 }),
  causationId: fc.option(fc.string({ minLength: 1 })),
  alsoIn: fc.array(fc.constantFrom('position-kadis', 'org-jakarta', 'unit-dinas-a'), { maxLength: 2 }),
  streamId: fc.constantFrom('unit-dinas-a', 'employee-198001012005011001', 'position-kadis'),
  recordedAt: fc.constantFrom('2024-03-01T02:00:00.000Z', '2024-03-01T02:00:00.001Z'),
  idempotencyKey: fc.option(fc.string({ minLength: 1 })),
});

/** A valid chain from position 1, as a store would write it. */
const chainOf = (drafts: readonly Draft[]): StoredEvent[] => {
  const chain: StoredEvent[] = [];
  for (const [i, draft] of drafts.entries()) {
    const unhashed = { ...draft, globalPosition: i + 1, streamVersion: i + 1, prevHash: chain[i - 1]?.hash ?? GENESIS_HASH };
    chain.push({ ...unhashed, hash: computeEventHash(unhashed) });
  }
  return chain;
};

const flip = (hex: string): string => (hex.startsWith('0') ? `1${hex.slice(1)}` : `0${hex.slice(1)}`);

/** One way to change each field; a Record so a new envelope field must be added here to compile. */
const MUTATIONS: Record<keyof StoredEvent, (event: StoredEvent) => StoredEvent> = {
  eventId: (e) => ({ ...e, eventId: `${e.eventId}0` }),
  type: (e) => ({ ...e, type: `${e.type}X` }),
  schemaVersion: (e) => ({ ...e, schemaVersion: e.schemaVersion + 1 }),
  data: (e) => ({ ...e, data: { tampered: e.data } }),
  effectiveAt: (e) => ({ ...e, effectiveAt: '1999-01-01' === e.effectiveAt ? '1999-01-02' : '1999-01-01' }),
  legalBasis: (e) => ({ ...e, legalBasis: e.legalBasis === null ? { skNumber: 'SK-1', skDate: '2024-01-01', signedBy: 'X' } : null }),
  actor: (e) => ({ ...e, actor: { ...e.actor, id: `${e.actor.id}x` } }),
  correlationId: (e) => ({ ...e, correlationId: `${e.correlationId}x` }),
  causationId: (e) => ({ ...e, causationId: e.causationId === null ? 'cause' : null }),
  alsoIn: (e) => ({ ...e, alsoIn: [...e.alsoIn, 'unit-forged'] }),
  streamId: (e) => ({ ...e, streamId: `${e.streamId}x` }),
  streamVersion: (e) => ({ ...e, streamVersion: e.streamVersion + 1 }),
  globalPosition: (e) => ({ ...e, globalPosition: e.globalPosition + 1 }),
  recordedAt: (e) => ({ ...e, recordedAt: '2030-01-01T00:00:00.000Z' }),
  idempotencyKey: (e) => ({ ...e, idempotencyKey: e.idempotencyKey === null ? 'key' : null }),
  prevHash: (e) => ({ ...e, prevHash: flip(e.prevHash) }),
  hash: (e) => ({ ...e, hash: flip(e.hash) }),
};
const FIELDS = Object.keys(MUTATIONS).filter((key): key is keyof StoredEvent => key in MUTATIONS);

t.test('an intact chain verifies, batch by batch', (t) => {
  fc.assert(fc.property(fc.array(draftArbitrary, { minLength: 1, maxLength: 12 }), fc.nat(), (drafts, cut) => {
    const chain = chainOf(drafts);
    const whole = verifyEvents(chain, GENESIS_HASH, 0);
    const split = cut % chain.length;
    const head = verifyEvents(chain.slice(0, split), GENESIS_HASH, 0);
    if (!whole.ok || !head.ok) return false;
    const anchor = head.last ?? { position: 0, hash: GENESIS_HASH };
    const tail = verifyEvents(chain.slice(split), anchor.hash, anchor.position);
    return whole.checked === chain.length && whole.last?.hash === chain.at(-1)?.hash && tail.ok && tail.checked === chain.length - split;
  }));
  t.strictSame(verifyEvents([], GENESIS_HASH, 0), { ok: true, checked: 0, last: { position: 0, hash: GENESIS_HASH } }, 'nothing checked: the anchor stays');
  t.strictSame(verifyEvents([], GENESIS_HASH), { ok: true, checked: 0, last: null }, 'no anchor position given: none to return');
  t.end();
});

t.test('any single-field change of any event is found at that event', (t) => {
  fc.assert(fc.property(
    fc.array(draftArbitrary, { minLength: 1, maxLength: 10 }), fc.nat(), fc.constantFrom(...FIELDS),
    (drafts, pick, field) => {
      const chain = chainOf(drafts);
      const index = pick % chain.length;
      const target = chain[index];
      if (target === undefined) return false;
      const tampered = chain.map((event, i) => (i === index ? MUTATIONS[field](event) : event));
      const result = verifyEvents(tampered, GENESIS_HASH, 0);
      return !result.ok && result.position === target.globalPosition && result.checked === index;
    },
  ));
  t.end();
});

t.test('deletion, insertion and reordering are named', (t) => {
  const chain = chainOf(fc.sample(draftArbitrary, { numRuns: 5, seed: 42 }));
  const [first, second, third, fourth] = chain;
  if (first === undefined || second === undefined || third === undefined || fourth === undefined) throw new Error('short chain');
  t.match(verifyEvents([first, third, fourth], GENESIS_HASH, 0), { ok: false, position: 2, reason: /^position gap after 1/ });
  t.match(verifyEvents([first, third, second, fourth], GENESIS_HASH, 0), { ok: false, position: 2, reason: /^position gap after 1/ });
  t.match(verifyEvents([second, first], GENESIS_HASH, 1), { ok: false, position: 2, reason: /^prevHash does not match/ });
  // An attacker who deletes event 2, renumbers and rehashes event 3 still cannot fake its link.
  const renumbered = { ...third, globalPosition: 2 };
  const rehashed = { ...renumbered, hash: computeEventHash(renumbered) };
  t.match(verifyEvents([first, rehashed], GENESIS_HASH, 0), {
    ok: false, position: 2, checked: 1, reason: 'prevHash does not match hash of position 1: an event was deleted or inserted',
  });
  t.match(verifyEvents([first], flip(GENESIS_HASH), 0), { ok: false, position: 1, reason: /^prevHash does not match hash of position 0/ });
  t.match(verifyEvents([first, { ...second, globalPosition: 1 }], GENESIS_HASH), { ok: false, position: 2, reason: /^position out of order after 1/ });
  t.match(verifyEvents([{ ...first, data: { bad: Number.NaN } }], GENESIS_HASH), { ok: false, position: 1, reason: /^hash mismatch: event content changed \(data/ });
  t.end();
});

t.test('computeEventHash covers every field and ignores a hash already present', (t) => {
  const [event] = chainOf(fc.sample(draftArbitrary, { numRuns: 1, seed: 7 }));
  if (event === undefined) throw new Error('no event');
  t.match(event.hash, /^[0-9a-f]{64}$/);
  t.equal(computeEventHash(event), event.hash, 'a StoredEvent hashes to its own hash');
  const withForeignHash: StoredEvent = { ...event, hash: flip(event.hash) };
  t.equal(computeEventHash(withForeignHash), event.hash);
  const hashes = new Set(FIELDS.filter((f) => f !== 'hash').map((field) => computeEventHash(MUTATIONS[field](event))));
  t.equal(hashes.size, FIELDS.length - 1, 'each field changes the hash differently');
  t.notOk(hashes.has(event.hash));
  t.end();
});

t.test('the hash is SHA-256 of the canonical JSON of the whole envelope but hash, whatever the field values', (t) => {
  // The envelope writer has fast paths for strings, lists of strings and flat objects of strings; canonical JSON of
  // the envelope is the format every stored chain was hashed in, so the two must agree, also for values that miss
  // the fast paths (an actor with a number, a list holding null, a null-prototype object).
  const odd = fc.oneof(fc.jsonValue(), fc.constant(Object.assign(Object.create(null) as object, { b: 'x', a: 'y' })));
  const envelope = fc.tuple(draftArbitrary, fc.record({ actor: odd, alsoIn: odd, legalBasis: odd }, { requiredKeys: [] }), fc.nat(), fc.nat());
  fc.assert(fc.property(envelope, ([draft, overrides, position, version]) => {
    const unhashed = { ...draft, ...overrides, globalPosition: position, streamVersion: version, prevHash: GENESIS_HASH } as Omit<StoredEvent, 'hash'>;
    const expected = createHash('sha256').update(canonicalJson(unhashed)).digest('hex');
    return computeEventHash(unhashed) === expected;
  }));
  t.end();
});
