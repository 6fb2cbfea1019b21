// The continuity state folded from the log: positions and who covers them, people's competencies, successor
// nominations, programs with their open risk flags, and handover checklists. Read by react() and tick().
import type { JabatanKind } from '@estafet/events';
import type { Criticality } from './handover-templates.js';
import type { ProgramPhase, Readiness, RiskCause } from './continuity-rules.js';

export type ActingKind = 'PLT' | 'PLH';

export interface Tenure {
  readonly nip: string;
  readonly from: string;
  /** The appointing event, and its correlation, so a risk it later causes can point back at it. */
  readonly eventId: string;
  readonly correlationId: string;
}

export interface ActingTenure extends Tenure {
  readonly actingKind: ActingKind;
  readonly plannedEnd: string;
  readonly extensions: number;
}

/** The event after which a leadership position had nobody covering it, and from when (its effective date). */
export interface Uncovered {
  readonly since: string;
  readonly causeEventId: string;
  readonly correlationId: string;
}

export interface PositionState {
  readonly positionId: string;
  readonly unitId: string;
  readonly title: string;
  readonly kind: JabatanKind;
  readonly isLeadership: boolean;
  readonly requiredCompetencies: readonly string[];
  readonly abolished: boolean;
  /** Definitive holders; more than one only while a handover overlaps (the successor recorded first). */
  readonly holders: readonly Tenure[];
  readonly acting: readonly ActingTenure[];
  readonly uncovered: Uncovered | null;
  /** Nominated successors by NIP; a later nomination of the same person replaces the earlier one. */
  readonly successors: ReadonlyMap<string, Readiness>;
}

/** A competency from a training (level null) or an assessment (its level); the latest record counts. */
export type CompetencyRecord = { readonly level: number | null };

export interface EmployeeState {
  readonly nip: string;
  readonly positionId: string | null;
  readonly actingPositionIds: readonly string[];
  readonly competencies: ReadonlyMap<string, CompetencyRecord>;
  readonly onLongLeaveSince: string | null;
  readonly separated: boolean;
}

export interface RiskFlag {
  readonly eventId: string;
  readonly positionId: string;
  readonly cause: RiskCause;
  readonly causeEventId: string;
  readonly severity: Criticality;
  readonly reasons: readonly string[];
  readonly correlationId: string;
}

export interface ProgramState {
  readonly programId: string;
  readonly name: string;
  readonly unitId: string;
  readonly leadingPositionId: string;
  readonly criticality: Criticality;
  readonly phase: ProgramPhase;
  readonly status: 'ACTIVE' | 'CLOSED';
  readonly openFlags: readonly RiskFlag[];
}

export interface ChecklistTask {
  readonly taskId: string;
  readonly title: string;
  readonly responsibleRole: string;
  readonly dueDate: string;
  readonly required: boolean;
  readonly completedEventId: string | null;
}

export interface ChecklistState {
  readonly checklistId: string;
  readonly openedEventId: string;
  readonly positionId: string;
  readonly programIds: readonly string[];
  /** The move that opened it (the envelope's causationId). */
  readonly causeEventId: string | null;
  readonly correlationId: string;
  readonly dueBy: string;
  readonly tasks: readonly ChecklistTask[];
  readonly status: 'OPEN' | 'CLOSED';
  readonly escalated: boolean;
}

export type DepartureKind = 'TRANSFER' | 'PROMOTION' | 'REASSIGNED' | 'SEPARATION' | 'LONG_LEAVE' | 'ACTING_ENDED';

/** A leader leaving a leadership position, as detected by the fold; react() turns it into flags and a checklist. */
export interface Departure {
  readonly positionId: string;
  readonly nip: string;
  readonly kind: DepartureKind;
  readonly effectiveAt: string;
}

export interface ContinuityState {
  readonly positions: Map<string, PositionState>;
  readonly employees: Map<string, EmployeeState>;
  readonly programs: Map<string, ProgramState>;
  readonly programsByPosition: Map<string, Set<string>>;
  readonly checklists: Map<string, ChecklistState>;
  /** checklistId by `${causeEventId}|${positionId}`: the handover a move opened for a position. */
  readonly checklistByCause: Map<string, string>;
  /** Departures by the eventId of the move that caused them (a separation can vacate two positions). */
  readonly departures: Map<string, readonly Departure[]>;
  /** The globalPosition of the last event folded. */
  position: number;
}

/**
 * An empty state. The fold mutates the maps it is given (a full replay would otherwise copy them per event),
 * so each process owns exactly one state; react() and tick() only read it.
 */
export const createContinuityState = (): ContinuityState => ({
  positions: new Map(), employees: new Map(), programs: new Map(), programsByPosition: new Map(),
  checklists: new Map(), checklistByCause: new Map(), departures: new Map(), position: 0,
});

export const emptyEmployee = (nip: string): EmployeeState => ({
  nip, positionId: null, actingPositionIds: [], competencies: new Map(), onLongLeaveSince: null, separated: false,
});

/** Someone able to act for the position today: a definitive holder not on long leave, or a Plt/Plh. */
export const coverOf = (state: ContinuityState, position: PositionState): { nip: string; as: 'DEFINITIVE' | ActingKind } | null => {
  const present = position.holders.find((h) => state.employees.get(h.nip)?.onLongLeaveSince == null);
  if (present) return { nip: present.nip, as: 'DEFINITIVE' };
  const acting = [...position.acting].sort((a, b) => (a.actingKind === b.actingKind ? 0 : a.actingKind === 'PLT' ? -1 : 1))[0];
  return acting ? { nip: acting.nip, as: acting.actingKind } : null;
};

export const causeKey = (causeEventId: string, positionId: string): string => `${causeEventId}|${positionId}`;

export const activeProgramsLedFrom = (state: ContinuityState, positionId: string): ProgramState[] =>
  [...state.programsByPosition.get(positionId) ?? []]
    .map((id) => state.programs.get(id))
    .filter((p): p is ProgramState => p !== undefined && p.status === 'ACTIVE')
    .sort((a, b) => a.programId.localeCompare(b.programId));
