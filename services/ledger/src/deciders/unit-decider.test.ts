// Given/when/then for units, and how a unit's state honours corrections and retractions.
import t from 'tap';
import { sk, unit } from './decider-fixtures.js';
import { fact, given, invalid, notFound, testEventId, violates } from './decider-spec.js';

const DINAS = testEventId(701);
const DISSOLVED = testEventId(702);
const dinas = fact('UnitEstablished', { unitId: 'dinas-a', name: 'Dinas A', kind: 'DINAS', parentUnitId: null }, '2000-01-01', { id: DINAS });
const establish = (unitId: string, parentUnitId: string | null) =>
  ({ type: 'EstablishUnit', unitId, name: `Suku Dinas ${unitId}`, kind: 'SUKU_DINAS', parentUnitId, effectiveAt: '2024-01-01' }) as const;

t.test('a unit is established under a live parent', (t) =>
  given([dinas]).when(establish('sudin-a', 'dinas-a')).then(t, [{
    streamId: 'unit-sudin-a', effectiveAt: '2024-01-01', type: 'UnitEstablished',
    data: { unitId: 'sudin-a', name: 'Suku Dinas sudin-a', kind: 'SUKU_DINAS', parentUnitId: 'dinas-a' },
  }]));

t.test('establishing refuses duplicates, unknown and dissolved parents', (t) => {
  t.test('duplicate', (t) => given([dinas]).when(establish('dinas-a', null)).then(t, violates('already-exists', DINAS)));
  t.test('unknown parent', (t) => given([]).when(establish('sudin-a', 'dinas-x')).then(t, notFound('unit', 'dinas-x')));
  t.test('dissolved parent', (t) => given([dinas, fact('UnitDissolved', { unitId: 'dinas-a', successorUnitId: null }, '2020-01-01', { id: DISSOLVED })])
    .when(establish('sudin-a', 'dinas-a')).then(t, violates('unit-dissolved', DISSOLVED, '2020-01-01')));
  t.end();
});

t.test('renaming: a new name for a live unit', (t) => {
  const rename = (name: string) => ({ type: 'RenameUnit', unitId: 'dinas-a', name, effectiveAt: '2024-01-01' }) as const;
  t.test('renamed', (t) => given([dinas]).when(rename('Dinas Baru')).then(t, [{
    streamId: 'unit-dinas-a', type: 'UnitRenamed', data: { unitId: 'dinas-a', name: 'Dinas Baru' },
  }]));
  t.test('same name', (t) => given([dinas]).when(rename('Dinas A')).then(t, violates('no-change')));
  t.test('the corrected name is the name', (t) => given([dinas, fact('EventCorrected', {
    targetEventId: DINAS, replacementData: { unitId: 'dinas-a', name: 'Dinas Baru', kind: 'DINAS', parentUnitId: null },
    reason: 'typo in the name',
  }, '2000-01-01', { stream: 'unit-dinas-a', alsoIn: [] })]).when(rename('Dinas Baru')).then(t, violates('no-change')));
  t.test('a retracted unit is no unit', (t) => given([dinas, fact('EventRetracted', { targetEventId: DINAS, reason: 'never existed' },
    '2000-01-01', { stream: 'unit-dinas-a', alsoIn: [] })]).when(rename('Dinas Baru')).then(t, notFound('unit', 'dinas-a')));
  t.end();
});

t.test('restructuring needs its decree and other, live units', (t) => {
  const base = { type: 'RestructureUnit', unitId: 'sudin-a', effectiveAt: '2024-01-01', legalBasis: sk } as const;
  const history = [dinas, unit('sudin-a', '2000-01-01', 'dinas-a'), unit('sudin-b'), unit('sudin-c')];
  t.test('moved', (t) => given(history).when({ ...base, change: 'MOVED', newParentUnitId: null }).then(t, [{
    streamId: 'unit-sudin-a', type: 'UnitRestructured', data: { unitId: 'sudin-a', change: 'MOVED', newParentUnitId: null },
  }]));
  t.test('cycle', (t) => given(history).when({ ...base, unitId: 'dinas-a', change: 'MOVED', newParentUnitId: 'sudin-a' })
    .then(t, violates('unit-cycle')));
  t.test('into itself', (t) => given(history).when({ ...base, change: 'MERGED', intoUnitId: 'sudin-a' }).then(t, invalid('intoUnitId')));
  t.test('split', (t) => given(history).when({ ...base, change: 'SPLIT', intoUnitIds: ['sudin-b', 'sudin-c'] }).then(t, [{
    streamId: 'unit-sudin-a', type: 'UnitRestructured', data: { unitId: 'sudin-a', change: 'SPLIT', intoUnitIds: ['sudin-b', 'sudin-c'] },
  }]));
  t.test('split into one twice', (t) => given(history).when({ ...base, change: 'SPLIT', intoUnitIds: ['sudin-b', 'sudin-b'] })
    .then(t, invalid('intoUnitIds')));
  t.test('split into the unknown', (t) => given(history).when({ ...base, change: 'SPLIT', intoUnitIds: ['sudin-b', 'sudin-x'] })
    .then(t, notFound('unit', 'sudin-x')));
  t.test('no decree', (t) => given(history).when({ ...base, legalBasis: null, change: 'MERGED', intoUnitId: 'sudin-b' })
    .then(t, invalid('legalBasis')));
  t.end();
});

t.test('dissolving: once, with a successor other than itself', (t) => {
  const dissolve = (successorUnitId: string | null) =>
    ({ type: 'DissolveUnit', unitId: 'dinas-a', successorUnitId, effectiveAt: '2024-01-01', legalBasis: sk }) as const;
  t.test('dissolved', (t) => given([dinas, unit('dinas-b')]).when(dissolve('dinas-b')).then(t, [{
    streamId: 'unit-dinas-a', type: 'UnitDissolved', data: { unitId: 'dinas-a', successorUnitId: 'dinas-b' },
  }]));
  t.test('twice', (t) => given([dinas, fact('UnitDissolved', { unitId: 'dinas-a', successorUnitId: null }, '2020-01-01', { id: DISSOLVED })])
    .when(dissolve(null)).then(t, violates('unit-dissolved', DISSOLVED)));
  t.test('itself', (t) => given([dinas]).when(dissolve('dinas-a')).then(t, invalid('successorUnitId')));
  t.end();
});
