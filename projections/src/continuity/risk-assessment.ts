// Scores a program's risk when its leading position loses its leader, by the rules' points: program
// criticality and phase, the cause, successor readiness, whether a taker-over is named, and their gaps.
import type { ContinuityRules, Readiness, RiskCause } from './continuity-rules.js';
import type { Criticality } from './handover-templates.js';
import type { ActingKind, ContinuityState, PositionState, ProgramState } from './continuity-state.js';

export interface Incoming {
  readonly nip: string;
  readonly as: 'DEFINITIVE' | ActingKind;
}

export interface RiskAssessment {
  readonly severity: Criticality;
  readonly points: number;
  readonly reasons: readonly string[];
}

const READINESS_ORDER: readonly Readiness[] = ['READY_NOW', 'READY_1_2_YEARS', 'READY_3_PLUS_YEARS'];

/** The position's required competencies the person lacks (never trained, or assessed below the rules' level). */
export const competencyGaps = (
  state: ContinuityState, nip: string, position: PositionState, rules: Pick<ContinuityRules, 'competencyMinLevel'>,
): string[] => {
  const held = state.employees.get(nip)?.competencies;
  return position.requiredCompetencies.filter((code) => {
    const record = held?.get(code);
    return record === undefined || (record.level !== null && record.level < rules.competencyMinLevel);
  });
};

const bestSuccessor = (position: PositionState): { nip: string; readiness: Readiness } | null => {
  let best: { nip: string; readiness: Readiness } | null = null;
  for (const [nip, readiness] of [...position.successors].sort(([a], [b]) => a.localeCompare(b))) {
    if (best === null || READINESS_ORDER.indexOf(readiness) < READINESS_ORDER.indexOf(best.readiness)) best = { nip, readiness };
  }
  return best;
};

const describe = (as: Incoming['as']): string => (as === 'DEFINITIVE' ? 'new holder' : as === 'PLT' ? 'Plt' : 'Plh');

export const assessRisk = (input: {
  readonly state: ContinuityState;
  readonly program: ProgramState;
  readonly position: PositionState;
  readonly cause: RiskCause;
  readonly incoming: Incoming | null;
  readonly rules: ContinuityRules;
}): RiskAssessment => {
  const { state, program, position, cause, incoming, rules } = input;
  const points = rules.severity;
  const reasons: string[] = [];
  let score = 0;
  const add = (value: number, reason: string): void => {
    score += value;
    reasons.push(value === 0 ? reason : `${reason} (+${value})`);
  };

  add(points.criticalityPoints[program.criticality], `program criticality ${program.criticality}`);
  add(points.phasePoints[program.phase], `program in ${program.phase} phase`);
  if (points.causePoints[cause] !== 0) add(points.causePoints[cause], `cause ${cause}`);

  const successor = bestSuccessor(position);
  if (successor === null) add(points.successorPoints.NONE, 'no successor nominated');
  else add(points.successorPoints[successor.readiness], `successor ${successor.nip} nominated, ${successor.readiness}`);

  if (incoming === null) add(points.noIncomingPoints, 'no new holder, Plt or Plh named');
  else {
    const gaps = competencyGaps(state, incoming.nip, position, rules);
    if (gaps.length === 0) add(0, `${describe(incoming.as)} ${incoming.nip} named and meets the required competencies`);
    else {
      const gapPoints = Math.min(gaps.length * points.pointsPerCompetencyGap, points.maxCompetencyGapPoints);
      add(gapPoints, `${describe(incoming.as)} ${incoming.nip} lacks required competencies: ${gaps.join(', ')}`);
    }
  }

  const band = points.bands.find((b) => score >= b.minPoints);
  return { severity: band?.severity ?? 'LOW', points: score, reasons };
};
