// Identifier and date schemas shared by every event: slug-like ids for units, positions and programs,
// calendar dates (effective dates) and instants (recording times), all kept as validated strings.
import { z } from 'zod';

const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,79}$/;

export const IdSchema = z.string().regex(ID_PATTERN, { error: 'must be lowercase letters, digits and dashes (max 80)' });

// Separate names so a reader sees which id a field holds; the rule is the same for all of them.
export const UnitIdSchema = IdSchema;
export const PositionIdSchema = IdSchema;
export const ProgramIdSchema = IdSchema;

/** True when year-month-day names a day of the proleptic Gregorian calendar (month and day 1-based). */
export function isRealCalendarDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export const IsoDateSchema = z.string().superRefine((value, ctx) => {
  const match = ISO_DATE_PATTERN.exec(value);
  if (match === null) {
    ctx.addIssue({ code: 'custom', message: `date ${JSON.stringify(value)} must be written YYYY-MM-DD` });
    return;
  }
  if (!isRealCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
    ctx.addIssue({ code: 'custom', message: `date ${value} is not a real calendar date` });
  }
});

/** An instant with an explicit offset (`Z` or `+07:00`), so it never depends on the reader's time zone. */
export const IsoInstantSchema = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 instant with an offset, e.g. 2024-02-01T08:00:00+07:00' });
