// Calendar arithmetic for the simulation: dates as whole days since 1970-01-01 (UTC), so the agenda can index
// by day, converted to YYYY-MM-DD once per day; and instants written in Jakarta time (WIB, +07:00).
export const DAY_MS = 86_400_000;

export const dayOf = (iso: string): number => {
  const ms = Date.parse(`${iso}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new RangeError(`not a date: ${iso}`);
  return Math.round(ms / DAY_MS);
};

const isoCache = new Map<number, string>();

export const isoOf = (day: number): string => {
  let iso = isoCache.get(day);
  if (iso === undefined) {
    iso = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (isoCache.size < 200_000) isoCache.set(day, iso);
  }
  return iso;
};

/**
 * Same day of the month `months` later, clamped to that month's last day (31 Nov + 3 months = 28/29 Feb), the way
 * the ledger counts acting terms; an overflow into March would exceed the 3-month limit.
 */
export const addMonthsDay = (day: number, months: number): number => {
  const d = new Date(day * DAY_MS);
  const index = d.getUTCFullYear() * 12 + d.getUTCMonth() + months;
  const year = Math.floor(index / 12);
  const month0 = index - year * 12;
  const lastDay = new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();
  return Math.round(Date.UTC(year, month0, Math.min(d.getUTCDate(), lastDay)) / DAY_MS);
};

export const addYearsIso = (iso: string, years: number): string => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString().slice(0, 10);
};

/** The 1st of the month after the day someone turns `years` old: the TMT of a retirement at that age. */
export const firstOfMonthAfterBirthday = (birthDate: string, years: number): number => {
  const d = new Date(`${birthDate}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return Math.round(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / DAY_MS);
};

export const yearOf = (day: number): number => new Date(day * DAY_MS).getUTCFullYear();

export const dayOfYearStart = (year: number): number => Math.round(Date.UTC(year, 0, 1) / DAY_MS);

export const monthStart = (year: number, month0: number): number => Math.round(Date.UTC(year, month0, 1) / DAY_MS);

/** Saturday or Sunday: decrees take effect and officials are installed on working days. */
export const isWeekend = (day: number): boolean => {
  const weekday = new Date(day * DAY_MS).getUTCDay();
  return weekday === 0 || weekday === 6;
};

export const nextWorkingDay = (day: number): number => {
  let d = day;
  while (isWeekend(d)) d += 1;
  return d;
};

/** An instant on `day` at hh:mm local time in Jakarta, written with its +07:00 offset. */
export const wibInstant = (day: number, minuteOfDay: number): string => {
  const hh = String(Math.floor(minuteOfDay / 60)).padStart(2, '0');
  const mm = String(minuteOfDay % 60).padStart(2, '0');
  return `${isoOf(day)}T${hh}:${mm}:00+07:00`;
};

/** Whole years between two days (age, service), counting only completed years. */
export const fullYears = (fromIso: string, toIso: string): number => {
  const [fy, fm, fd] = fromIso.split('-').map(Number);
  const [ty, tm, td] = toIso.split('-').map(Number);
  if (fy === undefined || fm === undefined || fd === undefined || ty === undefined || tm === undefined || td === undefined) {
    throw new RangeError(`not dates: ${fromIso}, ${toIso}`);
  }
  return ty - fy - (tm < fm || (tm === fm && td < fd) ? 1 : 0);
};

export const DAYS_PER_YEAR = 365.25;
