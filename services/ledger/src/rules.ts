// The ledger's rules as data (ARCHITECTURE.md: "rules are data"): policies, and limits that changed over time
// kept as dated tables, so a decision about 2019 uses the rule in force in 2019. Deciders receive them.
import type { LEAVE_KINDS } from '@estafet/events';

export type LeaveKind = (typeof LEAVE_KINDS)[number];

/** A value in force from `from` (inclusive, YYYY-MM-DD) until the next entry's `from`. */
export interface Dated<T> {
  readonly from: string;
  readonly value: T;
  /** Where the value comes from, for the auditor who asks why. */
  readonly source: string;
}

export interface ActingLimits {
  /** Longest first term of a Plt/Plh, in calendar months. */
  readonly maxMonths: number;
  readonly extensionMonths: number;
  readonly maxExtensions: number;
}

export interface LedgerRules {
  /** Appointing someone below the position's minimum golongan: refuse (409) or record with a warning. */
  readonly minimumGolonganPolicy: 'refuse' | 'warn';
  /** A rank promotion whose TMT is not a promotion period date: refuse, or record with a warning. */
  readonly promotionPeriodPolicy: 'refuse' | 'warn';
  readonly actingLimits: readonly Dated<ActingLimits>[];
  /** Promotion TMT dates of each year, as MM-DD. */
  readonly promotionPeriods: readonly Dated<readonly string[]>[];
  /** Leave kinds long enough to put a leader's programs at risk (used by the continuity process). */
  readonly longLeaveKinds: readonly LeaveKind[];
  /** Working days a leadership position may stay vacant without a Plt before it counts as a risk. */
  readonly vacancyGraceWorkingDays: number;
  /** Offset of the ledger's local time (WIB, UTC+7, for DKI Jakarta): the date of an instant is taken there. */
  readonly utcOffsetMinutes: number;
}

export const defaultRules: LedgerRules = {
  minimumGolonganPolicy: 'refuse',
  promotionPeriodPolicy: 'warn',
  actingLimits: [{
    from: '1900-01-01',
    value: { maxMonths: 3, extensionMonths: 3, maxExtensions: 1 },
    source: 'DOMAIN.md, common limit: 3 months, extendable once by 3 months (check against the SE in force)',
  }],
  promotionPeriods: [
    { from: '1900-01-01', value: ['04-01', '10-01'], source: 'DOMAIN.md: 1 April and 1 October until 2023' },
    {
      from: '2024-01-01',
      value: ['02-01', '04-01', '06-01', '08-01', '10-01', '12-01'],
      source: 'DOMAIN.md: six periods a year from 2024',
    },
  ],
  longLeaveKinds: ['BESAR', 'SAKIT', 'MELAHIRKAN', 'DILUAR_TANGGUNGAN_NEGARA'],
  vacancyGraceWorkingDays: 5,
  utcOffsetMinutes: 7 * 60,
};

/** The value in force on `date`; dates before the first entry get the earliest entry (the oldest known rule). */
export function inForce<T>(table: readonly Dated<T>[], date: string): T {
  const sorted = [...table].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const entry = sorted.filter((e) => e.from <= date).at(-1) ?? sorted[0];
  if (entry === undefined) throw new RangeError('a dated rule table needs at least one entry');
  return entry.value;
}
