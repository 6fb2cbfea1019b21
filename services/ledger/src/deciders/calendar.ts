// Calendar arithmetic on ISO dates (YYYY-MM-DD strings, which also compare correctly as strings).

/** `date` plus whole calendar months, clamped to the month's last day (2024-01-31 + 1 month = 2024-02-29). */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number);
  if (year === undefined || month === undefined || day === undefined) throw new RangeError(`not a date: ${date}`);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(day, lastDay)).padStart(2, '0')}`;
}

/** The calendar date of an instant at a fixed UTC offset (WIB is +420 minutes). */
export function localDate(instant: Date, utcOffsetMinutes: number): string {
  return new Date(instant.getTime() + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}
