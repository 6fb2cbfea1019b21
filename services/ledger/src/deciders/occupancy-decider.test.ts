// Given/when/then for definitive occupancy, leave and separation.
import t from 'tap';
import { defaultRules } from '../rules.js';
import { assigned, nip, organisation, position, sk, transferred, unit } from './decider-fixtures.js';
import { fact, given, invalid, notFound, testEventId, violates } from './decider-spec.js';

const Y_ASSIGNED = testEventId(901);
const Y_TRANSFERRED = testEventId(902);
const SEPARATED = testEventId(903);
const assign = (who: string, positionId: string, effectiveAt: string) =>
  ({ type: 'AssignPosition', nip: who, positionId, effectiveAt, legalBasis: sk }) as const;
const transfer = (who: string, toPositionId: string, effectiveAt: string) =>
  ({ type: 'TransferEmployee', nip: who, toPositionId, reason: 'PROMOTION', effectiveAt, legalBasis: sk }) as const;

t.test('a vacant position is assigned; the event is linked into the position', (t) =>
  given(organisation).when(assign(nip.dedi, 'kabid', '2024-02-01')).then(t, [{
    streamId: `employee-${nip.dedi}`, alsoIn: ['position-kabid'], effectiveAt: '2024-02-01',
    type: 'PositionAssigned', data: { nip: nip.dedi, positionId: 'kabid' },
  }]));

t.test('a held position is refused, naming the holder\'s assignment and its date', (t) =>
  given([...organisation, assigned(nip.budi, 'kabid', '2020-01-01', Y_ASSIGNED)])
    .when(assign(nip.dedi, 'kabid', '2024-02-01'))
    .then(t, violates('position-occupied', Y_ASSIGNED, '2020-01-01', nip.budi)));

t.test('retroactive: another holder already recorded from 2021-06-01 to 2023-01-01 contradicts 2022-01-01', (t) =>
  given([
    ...organisation,
    assigned(nip.budi, 'kabid', '2021-06-01', Y_ASSIGNED),
    transferred(nip.budi, 'kabid', 'kadis', '2023-01-01', Y_TRANSFERRED),
  ]).when(assign(nip.dedi, 'kabid', '2022-01-01'))
    .then(t, violates('retroactive-conflict', Y_ASSIGNED, '2021-06-01', '2023-01-01', Y_TRANSFERRED)));

t.test('retroactive: a holder recorded from a later date would overlap an open-ended term', (t) =>
  given([...organisation, assigned(nip.budi, 'kabid', '2023-01-01', Y_ASSIGNED)])
    .when(assign(nip.dedi, 'kabid', '2022-01-01'))
    .then(t, violates('retroactive-conflict', Y_ASSIGNED, '2023-01-01')));

t.test('the position is free again once its holder is transferred out', (t) =>
  given([
    ...organisation,
    assigned(nip.budi, 'kabid', '2021-06-01'),
    transferred(nip.budi, 'kabid', 'kadis', '2023-01-01'),
  ]).when(assign(nip.dedi, 'kabid', '2023-01-01')).then(t, [{
    streamId: `employee-${nip.dedi}`, alsoIn: ['position-kabid'], type: 'PositionAssigned',
    data: { nip: nip.dedi, positionId: 'kabid' },
  }]));

t.test('one definitive position per employee: assigning a holder again is refused', (t) =>
  given([...organisation, assigned(nip.dedi, 'staf-1', '2019-01-01', Y_ASSIGNED)])
    .when(assign(nip.dedi, 'kabid', '2024-01-01'))
    .then(t, violates('one-definitive-position', 'staf-1', Y_ASSIGNED)));

t.test('nothing is assigned to a separated employee', (t) =>
  given([...organisation, fact('EmployeeSeparated', { nip: nip.dedi, reason: 'RESIGNATION' }, '2023-05-01', { id: SEPARATED })])
    .when(assign(nip.dedi, 'kabid', '2024-01-01'))
    .then(t, violates('employee-separated', SEPARATED, '2023-05-01')));

t.test('nothing is assigned to an abolished position, nor before an abolition already recorded', (t) => {
  const abolished = fact('PositionAbolished', { positionId: 'kabid' }, '2023-01-01', { id: Y_ASSIGNED });
  t.test('after', (t) => given([...organisation, abolished]).when(assign(nip.dedi, 'kabid', '2024-01-01'))
    .then(t, violates('position-abolished', Y_ASSIGNED)));
  t.test('before', (t) => given([...organisation, abolished]).when(assign(nip.dedi, 'kabid', '2022-01-01'))
    .then(t, violates('retroactive-conflict', Y_ASSIGNED, '2023-01-01')));
  t.end();
});

t.test('nothing is assigned to a position of a dissolved unit', (t) =>
  given([
    ...organisation, unit('sudin-lama'), position('kasudin', { unitId: 'sudin-lama' }),
    fact('UnitDissolved', { unitId: 'sudin-lama', successorUnitId: null }, '2022-01-01', { id: SEPARATED }),
  ]).when(assign(nip.dedi, 'kasudin', '2024-01-01')).then(t, violates('unit-dissolved', SEPARATED)));

t.test('the minimum golongan is refused by default, and only warned about under the warn policy', (t) => {
  t.test('refuse', (t) => given(organisation).when(assign(nip.citra, 'kabid', '2024-02-01'))
    .then(t, violates('minimum-golongan', 'III/a', 'III/d')));
  t.test('warn', (t) => given(organisation)
    .when(assign(nip.citra, 'kabid', '2024-02-01'), { rules: { ...defaultRules, minimumGolonganPolicy: 'warn' } })
    .then(t, [{
      streamId: `employee-${nip.citra}`, alsoIn: ['position-kabid'], type: 'PositionAssigned',
      data: { nip: nip.citra, positionId: 'kabid' },
    }], ['below the minimum III/d']));
  t.test('a promotion before the TMT counts', (t) => given([
    ...organisation, fact('RankPromoted', { nip: nip.citra, fromGolongan: 'III/a', toGolongan: 'III/d', kind: 'ISTIMEWA' }, '2024-01-01'),
  ]).when(assign(nip.citra, 'kabid', '2024-02-01')).then(t, [{
    streamId: `employee-${nip.citra}`, alsoIn: ['position-kabid'], type: 'PositionAssigned',
    data: { nip: nip.citra, positionId: 'kabid' },
  }]));
  t.end();
});

t.test('an assignment needs its decree, and names what is unknown', (t) => {
  t.test('no SK', (t) => given(organisation).when({ ...assign(nip.dedi, 'kabid', '2024-02-01'), legalBasis: null })
    .then(t, invalid('legalBasis')));
  t.test('unknown employee', (t) => given(organisation.slice(0, 5)).when(assign(nip.dedi, 'kabid', '2024-02-01'))
    .then(t, notFound('employee', nip.dedi)));
  t.test('unknown position', (t) => given(organisation).when(assign(nip.dedi, 'kabid-x', '2024-02-01'))
    .then(t, notFound('position', 'kabid-x')));
  t.end();
});

t.test('a transfer takes its origin from the ledger and is linked into both positions', (t) =>
  given([...organisation, assigned(nip.ani, 'kabid', '2019-01-01')])
    .when(transfer(nip.ani, 'kadis', '2024-02-01')).then(t, [{
      streamId: `employee-${nip.ani}`, alsoIn: ['position-kabid', 'position-kadis'], type: 'EmployeeTransferred',
      data: { nip: nip.ani, fromPositionId: 'kabid', toPositionId: 'kadis', reason: 'PROMOTION' },
    }]));

t.test('a transfer checks the minimum golongan of the position moved to', (t) =>
  given([...organisation, assigned(nip.budi, 'kabid', '2019-01-01')])
    .when(transfer(nip.budi, 'kadis', '2024-02-01')).then(t, violates('minimum-golongan', 'IV/a', 'IV/c')));

t.test('transfers are refused without an origin, to the same position, or into a held one', (t) => {
  t.test('no origin', (t) => given(organisation).when(transfer(nip.budi, 'kadis', '2024-02-01'))
    .then(t, violates('no-definitive-position', nip.budi)));
  t.test('same position', (t) => given([...organisation, assigned(nip.budi, 'kabid', '2019-01-01', Y_ASSIGNED)])
    .when(transfer(nip.budi, 'kabid', '2024-02-01')).then(t, violates('same-position', Y_ASSIGNED)));
  t.test('held', (t) => given([
    ...organisation, assigned(nip.budi, 'kabid', '2019-01-01'), assigned(nip.ani, 'kadis', '2018-01-01', Y_ASSIGNED),
  ]).when(transfer(nip.budi, 'kadis', '2024-02-01')).then(t, violates('position-occupied', Y_ASSIGNED, nip.ani)));
  t.end();
});

t.test('a retroactive transfer contradicted by a later transfer out of the old position is refused', (t) =>
  given([
    ...organisation, assigned(nip.budi, 'staf-1', '2019-01-01'),
    transferred(nip.budi, 'staf-1', 'kabid', '2023-01-01', Y_TRANSFERRED),
  ]).when(transfer(nip.budi, 'staf-2', '2021-01-01'))
    .then(t, violates('retroactive-conflict', Y_TRANSFERRED, '2023-01-01', 'does not hold position staf-1')));

t.test('leave is linked into the definitive and acting positions held that day', (t) =>
  given([
    ...organisation, assigned(nip.dedi, 'kabid', '2019-01-01'),
    fact('ActingAppointed', { nip: nip.dedi, positionId: 'kadis', actingKind: 'PLT', plannedEnd: '2024-04-01' }, '2024-01-02'),
  ]).when({ type: 'StartLeave', nip: nip.dedi, leaveKind: 'SAKIT', plannedEnd: null, effectiveAt: '2024-02-01' })
    .then(t, [{
      streamId: `employee-${nip.dedi}`, alsoIn: ['position-kabid', 'position-kadis'], type: 'LeaveStarted',
      data: { nip: nip.dedi, leaveKind: 'SAKIT', plannedEnd: null },
    }]));

t.test('leave rules: not twice, not ended unless started, not ending before it starts', (t) => {
  const onLeave = fact('LeaveStarted', { nip: nip.dedi, leaveKind: 'TAHUNAN', plannedEnd: null }, '2024-01-10', { id: Y_ASSIGNED });
  t.test('twice', (t) => given([...organisation, onLeave])
    .when({ type: 'StartLeave', nip: nip.dedi, leaveKind: 'SAKIT', plannedEnd: null, effectiveAt: '2024-02-01' })
    .then(t, violates('leave-already-active', Y_ASSIGNED)));
  t.test('end without start', (t) => given(organisation).when({ type: 'EndLeave', nip: nip.dedi, effectiveAt: '2024-02-01' })
    .then(t, violates('leave-not-active', nip.dedi)));
  t.test('end', (t) => given([...organisation, onLeave]).when({ type: 'EndLeave', nip: nip.dedi, effectiveAt: '2024-02-01' })
    .then(t, [{ streamId: `employee-${nip.dedi}`, type: 'LeaveEnded', data: { nip: nip.dedi } }]));
  t.test('planned end first', (t) => given(organisation)
    .when({ type: 'StartLeave', nip: nip.dedi, leaveKind: 'SAKIT', plannedEnd: '2024-01-01', effectiveAt: '2024-02-01' })
    .then(t, invalid('plannedEnd')));
  t.end();
});

t.test('a retroactive assignment before a recorded leave would leave the position blind to it', (t) =>
  given([
    ...organisation,
    fact('LeaveStarted', { nip: nip.dedi, leaveKind: 'BESAR', plannedEnd: null }, '2024-01-10', { id: Y_ASSIGNED }),
  ]).when(assign(nip.dedi, 'kabid', '2023-01-01')).then(t, violates('retroactive-conflict', Y_ASSIGNED, 'kabid')));

t.test('separation is linked into the positions held, once, and not before later history', (t) => {
  const history = [...organisation, assigned(nip.dedi, 'kabid', '2019-01-01', Y_ASSIGNED)];
  const separate = { type: 'SeparateEmployee', nip: nip.dedi, reason: 'RETIREMENT', effectiveAt: '2024-03-01', legalBasis: sk } as const;
  t.test('linked', (t) => given(history).when(separate).then(t, [{
    streamId: `employee-${nip.dedi}`, alsoIn: ['position-kabid'], type: 'EmployeeSeparated',
    data: { nip: nip.dedi, reason: 'RETIREMENT' },
  }]));
  t.test('twice', (t) => given([...history, fact('EmployeeSeparated', { nip: nip.dedi, reason: 'DEATH' }, '2024-01-01', {
    id: SEPARATED, alsoIn: ['position-kabid'],
  })]).when(separate).then(t, violates('employee-separated', SEPARATED)));
  t.test('before later history', (t) => given(history).when({ ...separate, effectiveAt: '2018-01-01' })
    .then(t, violates('retroactive-conflict', Y_ASSIGNED, '2019-01-01')));
  t.end();
});
