import t from 'tap';
import fc from 'fast-check';
import {
  IdSchema, IsoDateSchema, IsoInstantSchema, PositionIdSchema, ProgramIdSchema, UnitIdSchema, isRealCalendarDate,
} from './ids.js';

const firstMessage = (result: { success: boolean; error?: { issues: { message: string }[] } }): string | undefined =>
  result.error?.issues[0]?.message;

t.test('IdSchema accepts lowercase slugs up to 80 characters', (t) => {
  for (const id of ['dinas-pendidikan', 'a', '0', 'kjp-plus-2024', 'a'.repeat(80)]) {
    t.ok(IdSchema.safeParse(id).success, id);
  }
  t.equal(UnitIdSchema, IdSchema);
  t.equal(PositionIdSchema, IdSchema);
  t.equal(ProgramIdSchema, IdSchema);
  t.end();
});

t.test('IdSchema rejects other strings with one clear message', (t) => {
  for (const id of ['', '-dinas', 'Dinas', 'dinas_pendidikan', 'dinas pendidikan', 'a'.repeat(81), 'dinás']) {
    t.equal(firstMessage(IdSchema.safeParse(id)), 'must be lowercase letters, digits and dashes (max 80)', id);
  }
  t.end();
});

t.test('IsoDateSchema accepts real calendar dates only', (t) => {
  for (const d of ['2024-02-29', '2000-02-29', '2023-12-31', '1986-09-26']) t.ok(IsoDateSchema.safeParse(d).success, d);
  for (const d of ['2023-02-29', '1900-02-29', '2023-02-30', '2023-04-31', '2023-13-01', '2023-00-10', '2023-01-00']) {
    t.equal(firstMessage(IsoDateSchema.safeParse(d)), `date ${d} is not a real calendar date`, d);
  }
  for (const d of ['2023-2-3', '20230203', '2023-02-03T00:00:00Z', ' 2023-02-03']) {
    t.match(firstMessage(IsoDateSchema.safeParse(d)), /must be written YYYY-MM-DD/, d);
  }
  t.end();
});

t.test('IsoDateSchema agrees with the JavaScript calendar on every day', (t) => {
  fc.assert(fc.property(
    fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }),
    (y, m, d) => {
      const text = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
      const day = new Date(Date.UTC(y, m - 1, d));
      const exists = day.getUTCMonth() === m - 1 && day.getUTCDate() === d;
      return IsoDateSchema.safeParse(text).success === exists;
    },
  ));
  t.notOk(isRealCalendarDate(2024, 1.5, 1));
  t.end();
});

t.test('IsoInstantSchema needs an offset', (t) => {
  t.ok(IsoInstantSchema.safeParse('2024-02-01T08:00:00+07:00').success);
  t.ok(IsoInstantSchema.safeParse('2024-02-01T01:00:00.123Z').success);
  t.match(firstMessage(IsoInstantSchema.safeParse('2024-02-01T08:00:00')), /with an offset/);
  t.notOk(IsoInstantSchema.safeParse('2024-02-01').success);
  t.end();
});
