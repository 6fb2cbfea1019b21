import t from 'tap';
import fc from 'fast-check';
import {
  EDUCATION_LEVELS, EducationSchema, GOLONGAN, GolonganSchema, RANK_PROMOTION_KINDS, RankPromotionKindSchema,
  allowsSkip, compareGolongan, entryGolongan, golonganIndex, nextGolongan, pangkatName, stepsBetween,
} from './golongan.js';

const golongan = fc.constantFrom(...GOLONGAN);

t.test('the scale has 17 grades from I/a to IV/e', (t) => {
  t.equal(GOLONGAN.length, 17);
  t.equal(golonganIndex('I/a'), 0);
  t.equal(golonganIndex('IV/e'), 16);
  t.ok(GolonganSchema.safeParse('III/b').success);
  for (const bad of ['I/e', 'III/e', 'V/a', 'iii/a', '3a']) t.notOk(GolonganSchema.safeParse(bad).success, bad);
  t.end();
});

t.test('pangkat names follow the table', (t) => {
  t.equal(pangkatName('I/a'), 'Juru Muda');
  t.equal(pangkatName('I/b'), 'Juru Muda Tingkat I');
  t.equal(pangkatName('I/d'), 'Juru Tingkat I');
  t.equal(pangkatName('II/a'), 'Pengatur Muda');
  t.equal(pangkatName('III/a'), 'Penata Muda');
  t.equal(pangkatName('III/d'), 'Penata Tingkat I');
  t.equal(pangkatName('IV/a'), 'Pembina');
  t.equal(pangkatName('IV/c'), 'Pembina Utama Muda');
  t.equal(pangkatName('IV/d'), 'Pembina Utama Madya');
  t.equal(pangkatName('IV/e'), 'Pembina Utama');
  t.equal(new Set(GOLONGAN.map(pangkatName)).size, 17, 'every grade has its own name');
  t.end();
});

t.test('nextGolongan and stepsBetween walk the scale', (t) => {
  t.equal(nextGolongan('I/d'), 'II/a');
  t.equal(nextGolongan('III/d'), 'IV/a');
  t.equal(nextGolongan('IV/e'), undefined);
  t.equal(stepsBetween('III/a', 'III/b'), 1);
  t.equal(stepsBetween('II/c', 'III/a'), 2);
  t.equal(stepsBetween('IV/a', 'III/d'), -1);
  t.equal(stepsBetween('I/a', 'IV/e'), 16);
  t.end();
});

t.test('compareGolongan is a total order consistent with golonganIndex', (t) => {
  fc.assert(fc.property(golongan, golongan, (a, b) => {
    const c = compareGolongan(a, b);
    return Math.sign(c) === Math.sign(golonganIndex(a) - golonganIndex(b))
      && Math.sign(c) === -Math.sign(compareGolongan(b, a))
      && (c === 0) === (a === b);
  }));
  fc.assert(fc.property(golongan, golongan, golongan, (a, b, c) =>
    !(compareGolongan(a, b) <= 0 && compareGolongan(b, c) <= 0) || compareGolongan(a, c) <= 0));
  fc.assert(fc.property(fc.shuffledSubarray([...GOLONGAN]), (sub) => {
    const sorted = [...sub].sort(compareGolongan);
    return sorted.every((g, i) => i === 0 || golonganIndex(g) > golonganIndex(sorted[i - 1] ?? 'I/a'));
  }));
  t.end();
});

t.test('nextGolongan is one step up everywhere below the top', (t) => {
  fc.assert(fc.property(golongan, (g) => {
    const next = nextGolongan(g);
    return next === undefined ? g === 'IV/e' : stepsBetween(g, next) === 1;
  }));
  t.end();
});

t.test('entry grade by education', (t) => {
  t.same(EDUCATION_LEVELS.map(entryGolongan),
    ['I/a', 'I/b', 'II/a', 'II/a', 'II/b', 'II/c', 'III/a', 'III/a', 'III/b', 'III/c']);
  t.ok(EducationSchema.safeParse('D4').success);
  t.notOk(EducationSchema.safeParse('S4').success);
  fc.assert(fc.property(fc.constantFrom(...EDUCATION_LEVELS), fc.constantFrom(...EDUCATION_LEVELS), (a, b) =>
    EDUCATION_LEVELS.indexOf(a) > EDUCATION_LEVELS.indexOf(b) || compareGolongan(entryGolongan(a), entryGolongan(b)) <= 0));
  t.end();
});

t.test('only ISTIMEWA and PENYESUAIAN_IJAZAH may skip steps', (t) => {
  t.same(RANK_PROMOTION_KINDS.filter(allowsSkip), ['ISTIMEWA', 'PENYESUAIAN_IJAZAH']);
  t.ok(RankPromotionKindSchema.safeParse('PILIHAN').success);
  t.notOk(RankPromotionKindSchema.safeParse('reguler').success);
  t.end();
});
