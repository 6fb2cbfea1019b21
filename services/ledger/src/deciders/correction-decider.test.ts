// Given/when/then for corrections and retractions: where they are stored, what they may change, and that
// they never leave a stream's later history inconsistent.
import t from 'tap';
import { assigned, nip, organisation, transferred } from './decider-fixtures.js';
import { fact, given, invalid, notFound, testEventId, violates } from './decider-spec.js';

const TRAINING = testEventId(201);
const ASSIGNED = testEventId(202);
const TRANSFERRED = testEventId(203);
const RETRACTED = testEventId(204);
const training = fact('TrainingCompleted', {
  nip: nip.citra, courseCode: 'DIGI-01', courseTitle: 'Literasi Data', jpHours: 24, competenciesGranted: [],
}, '2024-03-01', { id: TRAINING });
const correct = (replacementData: Record<string, unknown>) =>
  ({ type: 'CorrectEvent', eventId: TRAINING, replacementData, reason: 'JP hours were mistyped' }) as const;
const retract = (eventId: string) => ({ type: 'RetractEvent', eventId, reason: 'decree was annulled' }) as const;

t.test('a correction is stored in the target stream with its TMT and the full replacement data', (t) =>
  given([...organisation, training]).when(correct({ nip: nip.citra, courseCode: 'DIGI-01', courseTitle: 'Literasi Data', jpHours: 32, competenciesGranted: [] }))
    .then(t, [{
      streamId: `employee-${nip.citra}`, effectiveAt: '2024-03-01', type: 'EventCorrected',
      data: {
        targetEventId: TRAINING, reason: 'JP hours were mistyped',
        replacementData: { nip: nip.citra, courseCode: 'DIGI-01', courseTitle: 'Literasi Data', jpHours: 32, competenciesGranted: [] },
      },
    }]));

t.test('replacement data is checked against the target type, and may not move the event between streams', (t) => {
  const base = { nip: nip.citra, courseCode: 'DIGI-01', courseTitle: 'Literasi Data', jpHours: 24, competenciesGranted: [] };
  t.test('invalid', (t) => given([...organisation, training]).when(correct({ ...base, jpHours: -1 })).then(t, invalid('replacementData.jpHours')));
  t.test('identity', (t) => given([...organisation, training]).when(correct({ ...base, nip: nip.dedi })).then(t, invalid('replacementData.nip')));
  t.test('no change', (t) => given([...organisation, training]).when(correct(base)).then(t, violates('no-change', TRAINING)));
  t.end();
});

t.test('a retraction is linked wherever its target is', (t) =>
  given([...organisation, assigned(nip.dedi, 'kabid', '2020-01-01', ASSIGNED)]).when(retract(ASSIGNED)).then(t, [{
    streamId: `employee-${nip.dedi}`, alsoIn: ['position-kabid'], effectiveAt: '2020-01-01', type: 'EventRetracted',
    data: { targetEventId: ASSIGNED, reason: 'decree was annulled' },
  }]));

t.test('a retraction that would strand later history is refused, naming the stranded event', (t) =>
  given([...organisation, assigned(nip.dedi, 'kabid', '2020-01-01', ASSIGNED), transferred(nip.dedi, 'kabid', 'staf-1', '2023-01-01', TRANSFERRED)])
    .when(retract(ASSIGNED)).then(t, violates('correction-breaks-history', TRANSFERRED)));

t.test('retracting a registration with later events is refused; corrections of corrections too', (t) => {
  const registration = organisation.find((f) => f.event.type === 'EmployeeRegistered' && f.event.data.nip === nip.citra);
  t.test('registration', (t) => given([...organisation, training]).when(retract(registration?.eventId ?? ''))
    .then(t, violates('correction-breaks-history', TRAINING)));
  const retraction = fact('EventRetracted', { targetEventId: TRAINING, reason: 'recorded twice' }, '2024-03-01', {
    id: RETRACTED, stream: `employee-${nip.citra}`, alsoIn: [],
  });
  t.test('twice', (t) => given([...organisation, training, retraction]).when(retract(TRAINING)).then(t, violates('already-retracted', RETRACTED)));
  t.test('of a correction', (t) => given([...organisation, training, retraction]).when(retract(RETRACTED))
    .then(t, violates('correction-of-correction')));
  t.test('unknown', (t) => given(organisation).when(retract(testEventId(999))).then(t, notFound('event', testEventId(999))));
  t.end();
});

t.test('deciders honour retractions: a retracted assignment frees the position', (t) =>
  given([
    ...organisation, assigned(nip.budi, 'kabid', '2020-01-01', ASSIGNED),
    fact('EventRetracted', { targetEventId: ASSIGNED, reason: 'wrong person' }, '2020-01-01', {
      stream: `employee-${nip.budi}`, alsoIn: ['position-kabid'],
    }),
  ]).when({ type: 'AssignPosition', nip: nip.dedi, positionId: 'kabid', effectiveAt: '2020-01-01', legalBasis: { skNumber: '1', skDate: '2020-01-01', signedBy: 'Gubernur' } })
    .then(t, [{ streamId: `employee-${nip.dedi}`, alsoIn: ['position-kabid'], type: 'PositionAssigned', data: { nip: nip.dedi, positionId: 'kabid' } }]));

t.test('a correction that breaks the rank chain is refused; one that keeps it is stored', (t) => {
  const first = testEventId(205);
  const second = testEventId(206);
  const history = [
    ...organisation,
    fact('RankPromoted', { nip: nip.citra, fromGolongan: 'III/a', toGolongan: 'III/b', kind: 'REGULER' }, '2019-04-01', { id: first }),
    fact('RankPromoted', { nip: nip.citra, fromGolongan: 'III/b', toGolongan: 'III/c', kind: 'REGULER' }, '2023-04-01', { id: second }),
  ];
  const correctFirst = (kind: string, toGolongan: string) => ({
    type: 'CorrectEvent', eventId: first, reason: 'the decree says otherwise',
    replacementData: { nip: nip.citra, fromGolongan: 'III/a', toGolongan, kind },
  }) as const;
  t.test('breaks', (t) => given(history).when(correctFirst('ISTIMEWA', 'III/c')).then(t, violates('correction-breaks-history', second, 'III/c')));
  t.test('keeps', (t) => given(history).when(correctFirst('PILIHAN', 'III/b')).then(t, [{
    streamId: `employee-${nip.citra}`, effectiveAt: '2019-04-01', type: 'EventCorrected',
    data: {
      targetEventId: first, reason: 'the decree says otherwise',
      replacementData: { nip: nip.citra, fromGolongan: 'III/a', toGolongan: 'III/b', kind: 'PILIHAN' },
    },
  }]));
  t.end();
});
