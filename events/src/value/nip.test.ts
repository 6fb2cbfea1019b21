import t from 'tap';
import fc from 'fast-check';
import type { ParsedNip } from './nip.js';
import { NIP_PATTERN, NipSchema, checkNipConsistency, formatNip, makeNip, parseNip } from './nip.js';

const EXAMPLE = '198609262015051001';

const reasonOf = (value: string): string => {
  const result = parseNip(value);
  return result.ok ? 'accepted' : result.reason;
};

t.test('the DOMAIN example parses and formats', (t) => {
  t.same(parseNip(EXAMPLE), {
    ok: true,
    value: { birthDate: '1986-09-26', tmtCpns: '2015-05', gender: 'M', serial: 1 },
  });
  t.equal(formatNip(EXAMPLE), '19860926 201505 1 001');
  t.ok(NIP_PATTERN.test(EXAMPLE));
  t.equal(NipSchema.parse(EXAMPLE), EXAMPLE);
  t.same(parseNip('199002292014022999'), { ok: false, reason: 'NIP birth date 19900229 is not a real date' });
  t.same(parseNip('199202292014022999'), {
    ok: true, value: { birthDate: '1992-02-29', tmtCpns: '2014-02', gender: 'F', serial: 999 },
  });
  t.end();
});

t.test('broken NIPs are rejected with the reason', (t) => {
  t.equal(reasonOf('198602302015051001'), 'NIP birth date 19860230 is not a real date');
  t.equal(reasonOf('198613262015051001'), 'NIP birth date 19861326 is not a real date');
  t.equal(reasonOf('198600262015051001'), 'NIP birth date 19860026 is not a real date');
  t.equal(reasonOf('198609262015131001'), 'NIP TMT CPNS 201513 is not a real month');
  t.equal(reasonOf('198609262015001001'), 'NIP TMT CPNS 201500 is not a real month');
  t.equal(reasonOf('198609262015053001'), 'NIP gender digit 3 must be 1 (male) or 2 (female)');
  t.equal(reasonOf('198609262015050001'), 'NIP gender digit 0 must be 1 (male) or 2 (female)');
  t.equal(reasonOf('198609262015051000'), 'NIP serial 000 must be 001 or more');
  t.equal(reasonOf('198609262004081001'), 'NIP TMT CPNS 200408 is less than 18 years after birth date 19860926');
  t.equal(reasonOf('198609262004091001'), 'accepted', 'the month of the 18th birthday is allowed');
  t.equal(reasonOf('19860926201505100'), 'NIP must be 18 digits, got 17');
  t.equal(reasonOf('1986092620150510011'), 'NIP must be 18 digits, got 19');
  t.equal(reasonOf(''), 'NIP must be 18 digits, got 0');
  t.equal(reasonOf('19860926 201505 1 001'), 'NIP "19860926 201505 1 001" must contain digits only');
  t.equal(reasonOf('1986092620150510O1'), 'NIP "1986092620150510O1" must contain digits only');
  t.equal(reasonOf('１９８６０９２６２０１５０５１００１'), 'NIP "１９８６０９２６２０１５０５１００１" must contain digits only');
  t.end();
});

t.test('NipSchema reports the same reason', (t) => {
  const result = NipSchema.safeParse('198609262015053001');
  t.notOk(result.success);
  t.equal(result.error?.issues[0]?.message, 'NIP gender digit 3 must be 1 (male) or 2 (female)');
  t.notOk(NipSchema.safeParse(Number(EXAMPLE)).success, 'numbers are not NIPs');
  t.end();
});

t.test('NipSchema and parseNip agree on every string: accepted by both, or refused by both for the same reason', (t) => {
  fc.assert(fc.property(fc.oneof(fc.string(), fc.stringMatching(/^\d{18}$/), fc.stringMatching(/^(19[5-9]\d|200\d)(0[1-9]|1[0-2])[0-2]\d\d{6}[0-3]\d{3}$/)), (s) => {
    const parsed = parseNip(s);
    const checked = NipSchema.safeParse(s);
    return parsed.ok ? checked.success : checked.error?.issues[0]?.message === parsed.reason;
  }), { numRuns: 2000 });
  t.end();
});

t.test('formatNip leaves anything that is not a NIP alone', (t) => {
  t.equal(formatNip('12345'), '12345');
  t.equal(formatNip('19860926 201505 1 001'), '19860926 201505 1 001');
  t.end();
});

const validParsedNip: fc.Arbitrary<ParsedNip> = fc
  .record({
    birth: fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2010-12-31T00:00:00Z'), noInvalidDate: true }),
    monthsAfter18: fc.integer({ min: 0, max: 50 * 12 }),
    gender: fc.constantFrom<'M' | 'F'>('M', 'F'),
    serial: fc.integer({ min: 1, max: 999 }),
  })
  .map(({ birth, monthsAfter18, gender, serial }) => {
    const tmtMonths = birth.getUTCFullYear() * 12 + birth.getUTCMonth() + 18 * 12 + monthsAfter18;
    const tmtYear = Math.floor(tmtMonths / 12);
    const tmtMonth = (tmtMonths % 12) + 1;
    return {
      birthDate: birth.toISOString().slice(0, 10),
      tmtCpns: `${tmtYear}-${String(tmtMonth).padStart(2, '0')}`,
      gender,
      serial,
    };
  });

t.test('makeNip and parseNip are inverses; formatting keeps every digit', (t) => {
  fc.assert(fc.property(validParsedNip, (p) => {
    const nip = makeNip(p);
    const parsed = parseNip(nip);
    return NIP_PATTERN.test(nip) && parsed.ok && JSON.stringify(parsed.value) === JSON.stringify(p)
      && formatNip(nip).replaceAll(' ', '') === nip && NipSchema.safeParse(nip).success;
  }));
  fc.assert(fc.property(fc.string(), (s) => formatNip(s).replaceAll(' ', '') === s.replaceAll(' ', '')));
  t.end();
});

t.test('parseNip never throws and accepts only 18-digit strings', (t) => {
  fc.assert(fc.property(fc.oneof(fc.string(), fc.stringMatching(/^\d{18}$/)), (s) => {
    const result = parseNip(s);
    return !result.ok || NIP_PATTERN.test(s);
  }));
  t.end();
});

t.test('makeNip refuses parts that make no valid NIP', (t) => {
  const good: ParsedNip = { birthDate: '1986-09-26', tmtCpns: '2015-05', gender: 'F', serial: 7 };
  t.equal(makeNip(good), '198609262015052007');
  t.throws(() => makeNip({ ...good, serial: 0 }), RangeError);
  t.throws(() => makeNip({ ...good, serial: 1000 }), RangeError);
  t.throws(() => makeNip({ ...good, birthDate: '1986-02-30' }), RangeError);
  t.throws(() => makeNip({ ...good, tmtCpns: '2000-01' }), RangeError);
  t.throws(() => makeNip({ ...good, birthDate: '1986-9-26' }), RangeError);
  t.throws(() => makeNip({ ...good, birthDate: '19860926' }), RangeError);
  t.end();
});

t.test('checkNipConsistency lists each contradiction with the record', (t) => {
  const record = { birthDate: '1986-09-26', gender: 'M' as const, tmtCpns: '2015-05-01' };
  t.same(checkNipConsistency(EXAMPLE, record, '2024-06-01'), []);
  t.same(checkNipConsistency(EXAMPLE, { ...record, tmtCpns: '2015-05' }, '2015-05-01'), [], 'TMT month as YYYY-MM');
  t.same(checkNipConsistency(EXAMPLE, { birthDate: '1986-09-27', gender: 'F', tmtCpns: '2015-06-01' }, '2024-06-01'), [
    "NIP birth date 1986-09-26 differs from the record's birth date 1986-09-27",
    'NIP gender digit says male, the record says female',
    "NIP TMT CPNS 2015-05 differs from the record's TMT CPNS 2015-06-01",
  ]);
  t.same(checkNipConsistency(EXAMPLE, record, '2015-04-30'), ['NIP TMT CPNS 2015-05 is after today (2015-04-30)']);
  t.same(checkNipConsistency('198609262015053001', record, '2024-06-01'),
    ['NIP gender digit 3 must be 1 (male) or 2 (female)']);
  t.end();
});

t.test('a NIP is always consistent with the record made from it', (t) => {
  fc.assert(fc.property(validParsedNip, (p) =>
    checkNipConsistency(makeNip(p), p, '9999-12-31').length === 0));
  t.end();
});
