// Given/when/then for acting officials: Plt into vacancies, Plh while the holder is on leave, and the limits.
import t from 'tap';
import { assigned, nip, organisation, sk } from './decider-fixtures.js';
import { fact, given, invalid, testEventId, violates } from './decider-spec.js';

const HOLDER = testEventId(801);
const LEAVE = testEventId(802);
const PLT = testEventId(803);
const EXTENDED = testEventId(804);
const appoint = (who: string, actingKind: 'PLT' | 'PLH', effectiveAt: string, plannedEnd: string, positionId = 'kadis') =>
  ({ type: 'AppointActing', positionId, nip: who, actingKind, plannedEnd, effectiveAt, legalBasis: sk }) as const;
const plt = fact('ActingAppointed', { nip: nip.budi, positionId: 'kadis', actingKind: 'PLT', plannedEnd: '2024-04-01' }, '2024-01-02', { id: PLT });
const extend = (plannedEnd: string, effectiveAt = '2024-03-20') =>
  ({ type: 'ExtendActing', positionId: 'kadis', nip: nip.budi, plannedEnd, effectiveAt, legalBasis: sk }) as const;

t.test('a Plt covers a vacant position, linked into it', (t) =>
  given(organisation).when(appoint(nip.budi, 'PLT', '2024-01-02', '2024-04-01')).then(t, [{
    streamId: `employee-${nip.budi}`, alsoIn: ['position-kadis'], type: 'ActingAppointed',
    data: { nip: nip.budi, positionId: 'kadis', actingKind: 'PLT', plannedEnd: '2024-04-01' },
  }]));

t.test('a Plt is refused where a definitive holder serves that day', (t) =>
  given([...organisation, assigned(nip.ani, 'kadis', '2020-01-01', HOLDER)])
    .when(appoint(nip.budi, 'PLT', '2024-01-02', '2024-04-01'))
    .then(t, violates('plt-needs-vacancy', HOLDER, nip.ani)));

t.test('a Plh covers while the holder is on leave, and only then', (t) => {
  const held = [...organisation, assigned(nip.ani, 'kadis', '2020-01-01', HOLDER)];
  const leave = fact('LeaveStarted', { nip: nip.ani, leaveKind: 'SAKIT', plannedEnd: '2024-02-15' }, '2024-01-15', {
    id: LEAVE, alsoIn: ['position-kadis'],
  });
  t.test('on leave', (t) => given([...held, leave]).when(appoint(nip.budi, 'PLH', '2024-01-16', '2024-02-15')).then(t, [{
    streamId: `employee-${nip.budi}`, alsoIn: ['position-kadis'], type: 'ActingAppointed',
    data: { nip: nip.budi, positionId: 'kadis', actingKind: 'PLH', plannedEnd: '2024-02-15' },
  }]));
  t.test('not on leave', (t) => given(held).when(appoint(nip.budi, 'PLH', '2024-01-16', '2024-02-15'))
    .then(t, violates('plh-needs-holder-on-leave', nip.ani, HOLDER)));
  t.test('back from leave', (t) => given([...held, leave, fact('LeaveEnded', { nip: nip.ani }, '2024-01-20', {
    alsoIn: ['position-kadis'],
  })]).when(appoint(nip.budi, 'PLH', '2024-01-22', '2024-02-15')).then(t, violates('plh-needs-holder-on-leave', nip.ani)));
  t.test('vacant', (t) => given(organisation).when(appoint(nip.budi, 'PLH', '2024-01-16', '2024-02-15'))
    .then(t, violates('plh-needs-holder-on-leave', 'no definitive holder')));
  t.end();
});

t.test('the first term is limited by the rules in force (3 months by default)', (t) => {
  t.test('too long', (t) => given(organisation).when(appoint(nip.budi, 'PLT', '2024-01-02', '2024-04-03'))
    .then(t, violates('acting-limit', '2024-04-02')));
  t.test('ends before it starts', (t) => given(organisation).when(appoint(nip.budi, 'PLT', '2024-01-02', '2024-01-02'))
    .then(t, invalid('plannedEnd')));
  t.end();
});

t.test('one acting official per position at a time', (t) =>
  given([...organisation, plt]).when(appoint(nip.dedi, 'PLT', '2024-02-01', '2024-04-01'))
    .then(t, violates('acting-occupied', PLT, nip.budi)));

t.test('nobody acts in their own definitive position, even while on leave from it', (t) =>
  given([
    ...organisation, assigned(nip.budi, 'kabid', '2020-01-01', HOLDER),
    fact('LeaveStarted', { nip: nip.budi, leaveKind: 'SAKIT', plannedEnd: null }, '2024-01-01', { alsoIn: ['position-kabid'] }),
  ]).when(appoint(nip.budi, 'PLH', '2024-01-02', '2024-04-01', 'kabid'))
    .then(t, violates('acting-own-position', HOLDER)));

t.test('an extension: once, later than the current end, within the limit, for an active term', (t) => {
  t.test('accepted', (t) => given([...organisation, plt]).when(extend('2024-07-01')).then(t, [{
    streamId: `employee-${nip.budi}`, alsoIn: ['position-kadis'], type: 'ActingExtended',
    data: { nip: nip.budi, positionId: 'kadis', plannedEnd: '2024-07-01' },
  }]));
  const once = fact('ActingExtended', { nip: nip.budi, positionId: 'kadis', plannedEnd: '2024-07-01' }, '2024-03-20', { id: EXTENDED });
  t.test('twice', (t) => given([...organisation, plt, once]).when(extend('2024-09-01', '2024-06-20'))
    .then(t, violates('acting-extension-limit', EXTENDED)));
  t.test('too long', (t) => given([...organisation, plt]).when(extend('2024-07-02')).then(t, violates('acting-limit', '2024-07-01')));
  t.test('not later', (t) => given([...organisation, plt]).when(extend('2024-03-30'))
    .then(t, violates('acting-extension-not-later', PLT)));
  t.test('no term', (t) => given(organisation).when(extend('2024-07-01')).then(t, violates('acting-not-active', nip.budi)));
  t.test('without SK', (t) => given([...organisation, plt]).when({ ...extend('2024-07-01'), legalBasis: undefined })
    .then(t, invalid('legalBasis')));
  t.end();
});

t.test('ending a term needs an active one', (t) => {
  const end = { type: 'EndActing', positionId: 'kadis', nip: nip.budi, reason: 'DEFINITIVE_APPOINTED', effectiveAt: '2024-03-01' } as const;
  t.test('active', (t) => given([...organisation, plt]).when(end).then(t, [{
    streamId: `employee-${nip.budi}`, alsoIn: ['position-kadis'], type: 'ActingEnded',
    data: { nip: nip.budi, positionId: 'kadis', reason: 'DEFINITIVE_APPOINTED' },
  }]));
  t.test('before it began', (t) => given([...organisation, plt]).when({ ...end, effectiveAt: '2023-12-01' })
    .then(t, violates('acting-not-active')));
  t.test('retroactive, before a recorded extension', (t) => given([
    ...organisation, plt,
    fact('ActingExtended', { nip: nip.budi, positionId: 'kadis', plannedEnd: '2024-07-01' }, '2024-03-20', { id: EXTENDED }),
  ]).when(end).then(t, violates('retroactive-conflict', EXTENDED)));
  t.end();
});
