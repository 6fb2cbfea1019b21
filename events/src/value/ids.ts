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
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The number the characters of `text` from `from` to `to` (exclusive) write; the caller checked they are digits. */
export function digitsAt(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i += 1) n = n * 10 + text.charCodeAt(i) - 48;
  return n;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const ISO_DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Why `value` is not a calendar date written YYYY-MM-DD, or null. A valid date allocates nothing: every event read
 * back is checked against its schema, and most carry two or three dates.
 */
export function isoDateProblem(value: string): string | null {
  if (!ISO_DATE_SHAPE.test(value)) return `date ${JSON.stringify(value)} must be written YYYY-MM-DD`;
  return isRealCalendarDate(digitsAt(value, 0, 4), digitsAt(value, 5, 7), digitsAt(value, 8, 10)) ? null : `date ${value} is not a real calendar date`;
}

export const IsoDateSchema = z.string().refine((value) => isoDateProblem(value) === null, {
  error: (issue) => (typeof issue.input === 'string' ? isoDateProblem(issue.input) : null) ?? 'must be a date written YYYY-MM-DD',
});

/** An instant with an explicit offset (`Z` or `+07:00`), so it never depends on the reader's time zone. */
export const IsoInstantSchema = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 instant with an offset, e.g. 2024-02-01T08:00:00+07:00' });
