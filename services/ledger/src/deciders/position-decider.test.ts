// Given/when/then for establishing, reclassifying and abolishing positions.
import t from 'tap';
import type { CommandOfType } from '@estafet/events';
import { assigned, nip, organisation, sk, transferred } from './decider-fixtures.js';
import { fact, given, invalid, notFound, testEventId, violates } from './decider-spec.js';

const HELD = testEventId(601);
const ABOLISHED = testEventId(602);
const establish: CommandOfType<'EstablishPosition'> = {
  type: 'EstablishPosition', positionId: 'sekdis', unitId: 'dinas-pendidikan', title: 'Sekretaris Dinas', kind: 'ADMINISTRATOR',
  isLeadership: false, minimumGolongan: 'III/d', requiredCompetencies: ['manajemen-perkantoran'], effectiveAt: '2024-01-01',
};
const abolish = { type: 'AbolishPosition', positionId: 'kabid', effectiveAt: '2024-06-01', legalBasis: sk } as const;

t.test('a position is established in a live unit, its eselon defaulting from its kind', (t) =>
  given(organisation).when(establish).then(t, [{
    streamId: 'position-sekdis', type: 'PositionEstablished', effectiveAt: '2024-01-01',
    data: {
      positionId: 'sekdis', unitId: 'dinas-pendidikan', title: 'Sekretaris Dinas', kind: 'ADMINISTRATOR', eselon: 'III.a',
      isLeadership: false, minimumGolongan: 'III/d', requiredCompetencies: ['manajemen-perkantoran'],
    },
  }]));

t.test('establishing refuses duplicates and unknown or dissolved units', (t) => {
  t.test('duplicate', (t) => given(organisation).when({ ...establish, positionId: 'kabid' }).then(t, violates('already-exists', 'kabid')));
  t.test('unknown unit', (t) => given(organisation).when({ ...establish, unitId: 'dinas-x' }).then(t, notFound('unit', 'dinas-x')));
  t.test('dissolved unit', (t) => given([...organisation, fact('UnitDissolved', { unitId: 'dinas-pendidikan', successorUnitId: null }, '2023-01-01')])
    .when(establish).then(t, violates('unit-dissolved', '2023-01-01')));
  t.end();
});

t.test('reclassifying records only what changes, and not for an abolished position', (t) => {
  const reclassify = { type: 'ReclassifyPosition', positionId: 'kabid', minimumGolongan: 'IV/a', effectiveAt: '2024-01-01' } as const;
  t.test('changed', (t) => given(organisation).when(reclassify).then(t, [{
    streamId: 'position-kabid', type: 'PositionReclassified', data: { positionId: 'kabid', minimumGolongan: 'IV/a' },
  }]));
  t.test('abolished', (t) => given([...organisation, fact('PositionAbolished', { positionId: 'kabid' }, '2023-01-01', { id: ABOLISHED })])
    .when(reclassify).then(t, violates('position-abolished', ABOLISHED)));
  t.test('the reclassified minimum applies to later appointments', (t) => given([
    ...organisation, fact('PositionReclassified', { positionId: 'kabid', minimumGolongan: 'IV/d' }, '2023-01-01'),
  ]).when({ type: 'AssignPosition', nip: nip.ani, positionId: 'kabid', effectiveAt: '2024-01-01', legalBasis: sk })
    .then(t, violates('minimum-golongan', 'IV/d')));
  t.end();
});

t.test('abolishing: with a decree, once, and only when nobody holds or covers the position', (t) => {
  t.test('abolished', (t) => given(organisation).when(abolish).then(t, [{
    streamId: 'position-kabid', type: 'PositionAbolished', data: { positionId: 'kabid' },
  }]));
  t.test('no decree', (t) => given(organisation).when({ ...abolish, legalBasis: null }).then(t, invalid('legalBasis')));
  t.test('held', (t) => given([...organisation, assigned(nip.dedi, 'kabid', '2020-01-01', HELD)]).when(abolish)
    .then(t, violates('position-occupied', HELD, nip.dedi)));
  t.test('held later', (t) => given([...organisation, assigned(nip.dedi, 'kabid', '2025-01-01', HELD)]).when(abolish)
    .then(t, violates('retroactive-conflict', HELD)));
  t.test('covered by a Plt', (t) => given([...organisation, fact('ActingAppointed', {
    nip: nip.dedi, positionId: 'kabid', actingKind: 'PLT', plannedEnd: '2024-07-01',
  }, '2024-04-01', { id: HELD })]).when(abolish).then(t, violates('position-occupied', HELD)));
  t.test('vacated first', (t) => given([
    ...organisation, assigned(nip.dedi, 'kabid', '2020-01-01'), transferred(nip.dedi, 'kabid', 'staf-1', '2024-05-01'),
  ]).when(abolish).then(t, [{ streamId: 'position-kabid', type: 'PositionAbolished', data: { positionId: 'kabid' } }]));
  t.test('twice', (t) => given([...organisation, fact('PositionAbolished', { positionId: 'kabid' }, '2023-01-01', { id: ABOLISHED })])
    .when(abolish).then(t, violates('position-abolished', ABOLISHED)));
  t.end();
});
