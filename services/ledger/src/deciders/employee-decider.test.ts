// Given/when/then for registering employees (NIP consistency) and promoting them in rank.
import t from 'tap';
import { defaultRules } from '../rules.js';
import { nip, organisation, registered, sk } from './decider-fixtures.js';
import { fact, given, invalid, notFound, testEventId, violates } from './decider-spec.js';

const PROMOTED = testEventId(501);
const REGISTERED = testEventId(502);
const register = {
  type: 'RegisterEmployee', nip: nip.citra, name: 'Citra Wulandari', birthDate: '1990-02-01', gender: 'F',
  tmtCpns: '2015-05-01', education: 'S1', effectiveAt: '2015-05-01',
} as const;
const promote = (toGolongan: 'III/b' | 'III/c' | 'III/d' | 'II/d', effectiveAt = '2019-04-01', kind: 'REGULER' | 'ISTIMEWA' = 'REGULER') =>
  ({ type: 'PromoteRank', nip: nip.citra, toGolongan, kind, effectiveAt, legalBasis: sk }) as const;
const citra = [registered(nip.citra, 'III/a', '2015-05-01')];

t.test('registering takes the entry rank of the education unless told', (t) => {
  const expected = (golongan: string) => [{
    streamId: `employee-${nip.citra}`, type: 'EmployeeRegistered' as const,
    data: { nip: nip.citra, name: 'Citra Wulandari', birthDate: '1990-02-01', gender: 'F', tmtCpns: '2015-05-01', education: 'S1', golongan },
  }];
  t.test('default', (t) => given([]).when(register).then(t, expected('III/a')));
  t.test('told', (t) => given([]).when({ ...register, golongan: 'III/c' }).then(t, expected('III/c')));
  t.end();
});

t.test('registering checks the NIP against the record, naming the fields', (t) => {
  t.test('birth date and gender', (t) => given([]).when({ ...register, birthDate: '1990-02-02', gender: 'M' })
    .then(t, invalid('birthDate', 'gender')));
  t.test('TMT CPNS', (t) => given([]).when({ ...register, tmtCpns: '2015-06-01' }).then(t, invalid('tmtCpns')));
  t.test('TMT CPNS after today (the clock passed in)', (t) => given([])
    .when(register, { now: new Date('2015-04-20T00:00:00Z') }).then(t, invalid('tmtCpns')));
  t.test('TMT CPNS later this month', (t) => given([])
    .when(register, { now: new Date('2015-05-01T00:00:00Z') }).then(t, [{
      streamId: `employee-${nip.citra}`, type: 'EmployeeRegistered',
      data: { nip: nip.citra, name: 'Citra Wulandari', birthDate: '1990-02-01', gender: 'F', tmtCpns: '2015-05-01', education: 'S1', golongan: 'III/a' },
    }]));
  t.test('TMT CPNS a day after today', (t) => given([]).when({ ...register, tmtCpns: '2015-05-02' }, { now: new Date('2015-05-01T00:00:00Z') })
    .then(t, invalid('tmtCpns')));
  t.test('twice', (t) => given([{ ...registered(nip.citra, 'III/a'), eventId: REGISTERED }]).when(register)
    .then(t, violates('already-exists', REGISTERED)));
  t.end();
});

t.test('a promotion starts from the rank on its TMT, read from the ledger', (t) =>
  given(citra).when(promote('III/b')).then(t, [{
    streamId: `employee-${nip.citra}`, type: 'RankPromoted', effectiveAt: '2019-04-01',
    data: { nip: nip.citra, fromGolongan: 'III/a', toGolongan: 'III/b', kind: 'REGULER' },
  }]));

t.test('rank never goes down, nor skips a step unless the kind allows it', (t) => {
  t.test('down', (t) => given(citra).when(promote('II/d')).then(t, violates('rank-not-higher', 'III/a')));
  t.test('same', (t) => given([...citra, fact('RankPromoted', { nip: nip.citra, fromGolongan: 'III/a', toGolongan: 'III/b', kind: 'REGULER' },
    '2019-04-01', { id: PROMOTED })]).when(promote('III/b', '2023-04-01')).then(t, violates('rank-not-higher', PROMOTED)));
  t.test('skip', (t) => given(citra).when(promote('III/c')).then(t, violates('rank-skip', 'III/b')));
  t.test('skip allowed', (t) => given(citra).when(promote('III/c', '2019-04-01', 'ISTIMEWA')).then(t, [{
    streamId: `employee-${nip.citra}`, type: 'RankPromoted',
    data: { nip: nip.citra, fromGolongan: 'III/a', toGolongan: 'III/c', kind: 'ISTIMEWA' },
  }]));
  t.end();
});

t.test('a promotion dated before one already recorded is a retroactive conflict', (t) =>
  given([...citra, fact('RankPromoted', { nip: nip.citra, fromGolongan: 'III/a', toGolongan: 'III/b', kind: 'REGULER' },
    '2019-04-01', { id: PROMOTED })]).when(promote('III/b', '2018-10-01'))
    .then(t, violates('retroactive-conflict', PROMOTED, '2019-04-01')));

t.test('promotion periods are dated configuration: off-period warns by default, refuses if configured', (t) => {
  t.test('2019 had April and October', (t) => given(citra).when(promote('III/b', '2019-06-01')).then(t, [{
    streamId: `employee-${nip.citra}`, type: 'RankPromoted',
    data: { nip: nip.citra, fromGolongan: 'III/a', toGolongan: 'III/b', kind: 'REGULER' },
  }], ['04-01, 10-01']));
  t.test('2024 has June', (t) => given(citra).when(promote('III/b', '2024-06-01')).then(t, [{
    streamId: `employee-${nip.citra}`, type: 'RankPromoted',
    data: { nip: nip.citra, fromGolongan: 'III/a', toGolongan: 'III/b', kind: 'REGULER' },
  }]));
  t.test('refuse', (t) => given(citra).when(promote('III/b', '2019-06-01'), { rules: { ...defaultRules, promotionPeriodPolicy: 'refuse' } })
    .then(t, violates('promotion-period')));
  t.end();
});

t.test('promotions need a decree, a known and serving employee', (t) => {
  t.test('no decree', (t) => given(citra).when({ ...promote('III/b'), legalBasis: null }).then(t, invalid('legalBasis')));
  t.test('unknown', (t) => given([]).when(promote('III/b')).then(t, notFound('employee', nip.citra)));
  t.test('separated', (t) => given([...organisation, fact('EmployeeSeparated', { nip: nip.citra, reason: 'RESIGNATION' }, '2018-01-01', { id: PROMOTED })])
    .when(promote('III/b')).then(t, violates('employee-separated', PROMOTED)));
  t.end();
});
