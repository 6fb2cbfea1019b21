// Calendar arithmetic on ISO dates (YYYY-MM-DD) for the continuity rules: due dates, working days,
// acting limits. Pure and time-zone free: dates are computed in UTC from their digits.

const DAY_MS = 86_400_000;

const toUtc = (date: string): Date => new Date(`${date}T00:00:00Z`);
const fromUtc = (value: Date): string => value.toISOString().slice(0, 10);

export const addDays = (date: string, days: number): string => fromUtc(new Date(toUtc(date).getTime() + days * DAY_MS));

/** Adds calendar months, clamping to the month's last day (31 Jan + 1 month = 28/29 Feb), as decrees count them. */
export const addMonths = (date: string, months: number): string => {
  const start = toUtc(date);
  const target = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(start.getUTCDate(), lastDay));
  return fromUtc(target);
};

const isWorkingDay = (date: string, holidays: ReadonlySet<string>): boolean => {
  const weekday = toUtc(date).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays.has(date);
};

/** The date `days` working days after `date` (Saturdays, Sundays and the given holidays skipped). */
export const addWorkingDays = (date: string, days: number, holidays: ReadonlySet<string>): string => {
  let current = date;
  for (let counted = 0; counted < days;) {
    current = addDays(current, 1);
    if (isWorkingDay(current, holidays)) counted += 1;
  }
  return current;
};

/** The calendar date of an instant at a fixed UTC offset (Jakarta: +420 minutes, no daylight saving). */
export const dateAtOffset = (instant: Date | string, offsetMinutes: number): string => {
  const ms = (typeof instant === 'string' ? new Date(instant) : instant).getTime();
  return fromUtc(new Date(ms + offsetMinutes * 60_000));
};

export const laterDate = (a: string, b: string): string => (a >= b ? a : b);
