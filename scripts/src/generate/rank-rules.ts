// The personnel rules the generator follows, as dated data where they changed: promotion periods, rank floors and
// ceilings by position and education, retirement ages (BUP), and how much training a year was usual.
import { GOLONGAN, golonganIndex } from '@estafet/events';
import type { Education, Golongan, JabatanKind } from '@estafet/events';

/** A value in force from `from` (YYYY-MM-DD, inclusive) until the next entry's `from`. */
export interface Dated<T> {
  readonly from: string;
  readonly value: T;
}

export function inForce<T>(table: readonly Dated<T>[], date: string): T {
  let found: T | undefined;
  for (const entry of table) if (entry.from <= date) found = entry.value;
  const first = table[0];
  if (found !== undefined) return found;
  if (first === undefined) throw new RangeError('a dated table needs at least one entry');
  return first.value;
}

/** Promotion TMT dates (MM-DD): 1 April / 1 October until 2023, six periods a year from 2024 (DOMAIN.md). */
export const PROMOTION_PERIODS: readonly Dated<readonly string[]>[] = [
  { from: '1900-01-01', value: ['04-01', '10-01'] },
  { from: '2024-01-01', value: ['02-01', '04-01', '06-01', '08-01', '10-01', '12-01'] },
];

/** Regular promotion needs four years in rank. */
export const YEARS_IN_RANK = 4;

/**
 * Courses a year per employee. The 20 JP entitlement dates from PP 11/2017 and was pressed home after PP 17/2020;
 * before it, training was mostly the CPNS basic course and the leadership courses (scheduled separately).
 */
export const TRAININGS_PER_YEAR: readonly Dated<number>[] = [
  { from: '1900-01-01', value: 0.01 },
  { from: '2017-01-01', value: 0.2 },
  { from: '2020-01-01', value: 2 },
];

export type StaffClass = 'AHLI' | 'TERAMPIL' | 'PELAKSANA';

const g = (rank: Golongan): number => golonganIndex(rank);

/** Lowest rank that may hold a leadership position of this kind (the old eselon table, simplified per kind). */
export const LEADER_MINIMUM: Readonly<Record<JabatanKind, Golongan | null>> = {
  JPT_UTAMA: 'IV/d', JPT_MADYA: 'IV/c', JPT_PRATAMA: 'IV/b', ADMINISTRATOR: 'III/d', PENGAWAS: 'III/b',
  FUNGSIONAL: null, PELAKSANA: null,
};

export const STAFF_MINIMUM: Readonly<Record<StaffClass, Golongan | null>> = { AHLI: 'III/a', TERAMPIL: 'II/a', PELAKSANA: null };

/** Highest rank reachable while holding a position of this kind (by promotion "pilihan"). */
const POSITION_CEILING: Readonly<Record<JabatanKind | StaffClass, number>> = {
  JPT_UTAMA: g('IV/e'), JPT_MADYA: g('IV/e'), JPT_PRATAMA: g('IV/d'), ADMINISTRATOR: g('IV/b'), PENGAWAS: g('IV/a'),
  // Most fungsional ahli stop at Ahli Madya (IV/b in practice); Ahli Utama (IV/d-IV/e) is rare enough to leave out.
  FUNGSIONAL: g('IV/b'), PELAKSANA: 0, AHLI: g('IV/b'), TERAMPIL: g('III/d'),
};

/** Highest rank reachable by regular promotion with this education. */
const EDUCATION_CEILING: Readonly<Record<Education, number>> = {
  SD: g('II/a'), SMP: g('II/b'), SMA: g('III/b'), D1: g('III/b'), D2: g('III/b'), D3: g('III/c'), D4: g('III/d'),
  S1: g('III/d'), S2: g('IV/a'), S3: g('IV/b'),
};

export const educationCeiling = (education: Education): number => EDUCATION_CEILING[education];

/** The rank cap for someone with this education in a position of this kind or staff class. */
export const rankCeiling = (education: Education, held: JabatanKind | StaffClass | null): number =>
  Math.max(EDUCATION_CEILING[education], held === null ? 0 : POSITION_CEILING[held]);

export const golonganAt = (index: number): Golongan => {
  const rank = GOLONGAN[Math.max(0, Math.min(index, GOLONGAN.length - 1))];
  if (rank === undefined) throw new RangeError(`no golongan at ${index}`);
  return rank;
};

/** Usual age on entering the service (first appointment as CPNS) by education. */
export const ENTRY_AGE: Readonly<Record<Education, readonly [number, number]>> = {
  SD: [18, 26], SMP: [18, 27], SMA: [19, 28], D1: [20, 28], D2: [21, 29], D3: [21, 30], D4: [22, 31], S1: [22, 31],
  S2: [25, 34], S3: [29, 38],
};

/** Batas usia pensiun: 58, 60 for JPT (DOMAIN.md); retirement takes effect the 1st of the following month. */
export const BUP_YEARS = 58;
export const BUP_YEARS_JPT = 60;

export const isJpt = (kind: JabatanKind): boolean => kind === 'JPT_UTAMA' || kind === 'JPT_MADYA' || kind === 'JPT_PRATAMA';

/** Leadership kinds from the top down; a vacancy is filled from the kind below it. */
export const LEADER_LADDER: readonly JabatanKind[] = ['JPT_MADYA', 'JPT_PRATAMA', 'ADMINISTRATOR', 'PENGAWAS'];

/** Yearly chance of leaving other than by retirement. */
export const EXIT_RATES = { DEATH: 0.0022, RESIGNATION: 0.0022, TRANSFER_OUT: 0.0035, DISMISSAL: 0.0003 } as const;

/** Yearly chance that a staff member is moved (rotation, own request...); leaders move through rotation rounds. */
export const STAFF_TRANSFER_RATE = 0.092;

/** Complaints a month per kelurahan (at 70,000 employees): counters, then the CRM (2015) and JAKI (2020) eras. */
export const COMPLAINTS_PER_KELURAHAN_MONTH: readonly Dated<number>[] = [
  { from: '1900-01-01', value: 0.15 },
  { from: '2015-01-01', value: 0.8 },
  { from: '2020-01-01', value: 1.6 },
];

/** Talent management with successor nominations starts with PermenPANRB 3/2020. */
export const TALENT_REVIEW_FROM = '2020-01-01';
