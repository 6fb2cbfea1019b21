// The whole-stream fold must say exactly what folding event by event says (the command handler mixes the two:
// a cold read folds the stream at once, a cached fold takes newer events one at a time), corrections included.
import t from 'tap';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { StoredEvent } from '@estafet/events';
import { nip } from './decider-fixtures.js';
import { fact, memoryLedger, testEventId } from './decider-spec.js';
import type { Fact } from './decider-spec.js';
import { evolveStreamLog, foldStreamLog, initialStreamLog } from './stream-log.js';

const STREAM = `employee-${nip.citra}`;
const UNKNOWN = testEventId(999_999);

const training = (id: string, jpHours: number): Fact => fact('TrainingCompleted', {
  nip: nip.citra, courseCode: 'DIGI-01', courseTitle: 'Literasi Data', jpHours, competenciesGranted: [],
}, '2024-03-01', { id });

const corrected = (id: string, target: string, jpHours: number): Fact => fact('EventCorrected', {
  targetEventId: target, reason: 'JP hours were mistyped',
  replacementData: { nip: nip.citra, courseCode: 'DIGI-01', courseTitle: 'Literasi Data', jpHours, competenciesGranted: [] },
}, '2024-03-01', { id, stream: STREAM, alsoIn: [] });

const retracted = (id: string, target: string): Fact =>
  fact('EventRetracted', { targetEventId: target, reason: 'decree was annulled' }, '2024-03-01', { id, stream: STREAM, alsoIn: [] });

const storedStream = (facts: readonly Fact[]): StoredEvent[] => {
  const ledger = memoryLedger();
  for (const f of facts) ledger.record(f);
  return ledger.stream(STREAM);
};

const oneByOne = (events: readonly StoredEvent[]) => events.reduce(evolveStreamLog, initialStreamLog(STREAM));

// A step of a stream: a training, or a correction or retraction aimed at any event of the stream (before or
// after it, a correction itself, itself) or at one the stream does not hold.
type Step =
  | { readonly kind: 'training'; readonly jpHours: number }
  | { readonly kind: 'correct'; readonly target: number; readonly jpHours: number }
  | { readonly kind: 'retract'; readonly target: number };

const jpHours = fc.integer({ min: 1, max: 2000 });
const target = fc.nat({ max: 40 });
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: jpHours.map((h): Step => ({ kind: 'training', jpHours: h })) },
  { weight: 2, arbitrary: fc.tuple(target, jpHours).map(([n, h]): Step => ({ kind: 'correct', target: n, jpHours: h })) },
  { weight: 1, arbitrary: target.map((n): Step => ({ kind: 'retract', target: n })) },
);

const factsOf = (steps: readonly Step[]): Fact[] => steps.map((s, i) => {
  const id = testEventId(i + 1);
  // Targets past the end of the stream name an event it does not hold.
  const aim = (n: number) => (n < steps.length ? testEventId(n + 1) : UNKNOWN);
  if (s.kind === 'training') return training(id, s.jpHours);
  if (s.kind === 'correct') return corrected(id, aim(s.target), s.jpHours);
  return retracted(id, aim(s.target));
});

t.test('folding a whole stream equals folding it event by event, and a fold of a prefix carried on', (t) => {
  let withCorrections = 0;
  fc.assert(fc.property(fc.array(step, { maxLength: 30 }), fc.nat(), (steps, cut) => {
    const events = storedStream(factsOf(steps));
    const whole = foldStreamLog(STREAM, events);
    assert.deepStrictEqual(whole, oneByOne(events));
    const at = cut % (events.length + 1);
    assert.deepStrictEqual(whole, events.slice(at).reduce(evolveStreamLog, foldStreamLog(STREAM, events.slice(0, at))));
    if (whole.corrections.length > 0 && whole.events.length > 0) withCorrections += 1;
  }), { numRuns: 300, seed: 20241130 });
  t.pass('300 random streams fold alike either way');
  t.ok(withCorrections > 100, `most streams mix corrections with events in force (${withCorrections})`);
  t.end();
});

t.test('what a stream holds in force after corrections and retractions', (t) => {
  const [a, b, c, d, e, f, g] = [1, 2, 3, 4, 5, 6, 7].map(testEventId);
  const events = storedStream([
    training(a ?? '', 10), training(b ?? '', 20), training(c ?? '', 30),
    corrected(d ?? '', a ?? '', 11), corrected(e ?? '', a ?? '', 12), // the later correction wins
    retracted(f ?? '', b ?? ''), corrected(g ?? '', b ?? '', 21), // a retracted event stays out when corrected
  ]);
  const log = foldStreamLog(STREAM, events);
  t.equal(log.version, 7);
  t.strictSame(log.recorded.map((r) => r.eventId), [a, b, c, d, e, f, g], 'every event as recorded, in order');
  t.strictSame(log.corrections.map((r) => r.eventId), [d, e, f, g]);
  t.strictSame(log.events.map((r) => [r.eventId, r.type === 'TrainingCompleted' ? r.data.jpHours : null]), [[a, 12], [c, 30]]);
  t.equal(log.events[0]?.seq, 1, 'a corrected event keeps its place and envelope');
  t.strictSame(log, oneByOne(events));
  t.end();
});
