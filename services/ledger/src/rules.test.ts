// Dated rules and the calendar arithmetic the acting limits and complaint dates rely on.
import t from 'tap';
import { defaultRules, inForce } from './rules.js';
import { addMonths, localDate } from './deciders/calendar.js';

t.test('dated rules: the entry in force on a date, the oldest before the first', (t) => {
  t.same(inForce(defaultRules.promotionPeriods, '2023-10-01'), ['04-01', '10-01']);
  t.equal(inForce(defaultRules.promotionPeriods, '2024-01-01').length, 6);
  t.same(inForce([{ from: '2020-01-01', value: 1, source: 'a' }, { from: '2010-01-01', value: 0, source: 'b' }], '2015-06-01'), 0,
    'order of the table does not matter');
  t.equal(inForce([{ from: '2020-01-01', value: 1, source: 'a' }], '1999-01-01'), 1);
  t.throws(() => inForce<number>([], '2020-01-01'), RangeError);
  t.match(defaultRules, { minimumGolonganPolicy: 'refuse', vacancyGraceWorkingDays: 5 });
  t.same(inForce(defaultRules.actingLimits, '2024-01-01'), { maxMonths: 3, extensionMonths: 3, maxExtensions: 1 });
  t.end();
});

t.test('calendar months clamp to the month end; instants have a WIB date', (t) => {
  t.equal(addMonths('2024-01-31', 1), '2024-02-29');
  t.equal(addMonths('2023-11-30', 3), '2024-02-29');
  t.equal(addMonths('2024-10-15', 3), '2025-01-15');
  t.equal(addMonths('2024-03-31', -1), '2024-02-29');
  t.throws(() => addMonths('2024-03', 1), RangeError);
  t.equal(localDate(new Date('2024-02-01T16:59:59Z'), 420), '2024-02-01');
  t.equal(localDate(new Date('2024-02-01T17:00:00Z'), 420), '2024-02-02');
  t.end();
});
