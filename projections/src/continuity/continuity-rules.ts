// The continuity rules as data: what counts as long leave, when a vacancy or a Plt becomes a risk, how a
// risk's severity is scored, who escalations go to, and the handover templates. Time limits are dated.
import type { LEAVE_KINDS, PROGRAM_PHASES, READINESS, RISK_CAUSES, Role } from '@estafet/events';
import { HANDOVER_TEMPLATES } from './handover-templates.js';
import type { Criticality, HandoverTemplate } from './handover-templates.js';

export type LeaveKind = (typeof LEAVE_KINDS)[number];
export type ProgramPhase = (typeof PROGRAM_PHASES)[number];
export type Readiness = (typeof READINESS)[number];
export type RiskCause = (typeof RISK_CAUSES)[number];

/** A rule value in force from `from` (an effective date) until the next entry's; the ledger's rules use the same shape. */
export interface Dated<T> {
  readonly from: string;
  readonly value: T;
  readonly source: string;
}

export interface ActingLimit {
  /** Longest first term of a Plt/Plh, in calendar months. */
  readonly maxMonths: number;
  readonly extensionMonths: number;
  readonly maxExtensions: number;
}

export interface SeverityRules {
  readonly criticalityPoints: Readonly<Record<Criticality, number>>;
  readonly phasePoints: Readonly<Record<ProgramPhase, number>>;
  readonly causePoints: Readonly<Record<RiskCause, number>>;
  /** By the readiness of the best nominated successor; NONE when nobody is nominated. */
  readonly successorPoints: Readonly<Record<Readiness | 'NONE', number>>;
  /** Nobody (definitive holder, Plt or Plh) is named to take the position over. */
  readonly noIncomingPoints: number;
  readonly pointsPerCompetencyGap: number;
  readonly maxCompetencyGapPoints: number;
  /** Highest first: the first band whose minPoints the score reaches gives the severity. */
  readonly bands: readonly { readonly minPoints: number; readonly severity: Criticality }[];
}

export interface ContinuityRules {
  /** Jakarta keeps UTC+7 all year; dates of instants (recordedAt, the clock) are read at this offset. */
  readonly utcOffsetMinutes: number;
  readonly longLeaveKinds: readonly LeaveKind[];
  readonly vacancyWorkingDays: readonly Dated<number>[];
  readonly actingLimits: readonly Dated<ActingLimit>[];
  /** Public holidays (YYYY-MM-DD) skipped when counting working days, besides weekends. */
  readonly publicHolidays: readonly string[];
  /** An assessed competency counts from this level (1-5); a training's grant always counts. */
  readonly competencyMinLevel: number;
  readonly severity: SeverityRules;
  readonly escalateToRole: Role;
  readonly templates: readonly HandoverTemplate[];
  /** The task added when the incoming holder lacks a competency the position requires. */
  readonly trainingTask: { readonly dueOffsetDays: number; readonly responsibleRole: string; readonly required: boolean };
}

/** The entry in force on `date`; before the first entry, the first one (rules are not retroactively absent). */
export const ruleAt = <T>(entries: readonly Dated<T>[], date: string): T => {
  const sorted = [...entries].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  let chosen = sorted[0];
  for (const entry of sorted) if (entry.from <= date) chosen = entry;
  if (chosen === undefined) throw new Error('a dated rule needs at least one entry');
  return chosen.value;
};

export const DEFAULT_CONTINUITY_RULES: ContinuityRules = {
  utcOffsetMinutes: 7 * 60,
  // The same values as the ledger's defaultRules; the worker builds its rules from the ledger's (continuityRulesFrom).
  longLeaveKinds: ['BESAR', 'SAKIT', 'MELAHIRKAN', 'DILUAR_TANGGUNGAN_NEGARA'],
  vacancyWorkingDays: [
    { from: '1900-01-01', value: 5, source: 'Estafet default: a leadership post should not stay uncovered a working week' },
  ],
  actingLimits: [{
    from: '1900-01-01',
    value: { maxMonths: 3, extensionMonths: 3, maxExtensions: 1 },
    source: 'DOMAIN.md, common limit: 3 months, extendable once by 3 months (check against the SE in force)',
  }],
  publicHolidays: [],
  competencyMinLevel: 3,
  severity: {
    criticalityPoints: { LOW: 0, MEDIUM: 1, HIGH: 2, CRITICAL: 3 },
    // Money is committed in procurement and services run in implementation: a leader leaving hurts most there.
    phasePoints: { PLANNING: 0, PROCUREMENT: 1, IMPLEMENTATION: 1, EVALUATION: 0 },
    causePoints: { HOLDER_LEFT: 0, VACANT_NO_ACTING: 1, ACTING_OVER_LIMIT: 0 },
    successorPoints: { NONE: 1, READY_3_PLUS_YEARS: 1, READY_1_2_YEARS: 0, READY_NOW: 0 },
    noIncomingPoints: 1,
    pointsPerCompetencyGap: 1,
    maxCompetencyGapPoints: 2,
    bands: [
      { minPoints: 5, severity: 'CRITICAL' },
      { minPoints: 3, severity: 'HIGH' },
      { minPoints: 1, severity: 'MEDIUM' },
      { minPoints: 0, severity: 'LOW' },
    ],
  },
  escalateToRole: 'hr',
  templates: HANDOVER_TEMPLATES,
  trainingTask: { dueOffsetDays: 90, responsibleRole: 'bpsdm', required: false },
};
