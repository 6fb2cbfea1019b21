// The people half of the continuity fold: who holds or acts in each position, leave, separation, competencies
// and successor nominations. It also detects departures: a leader leaving a leadership position.
import type { EventOfType } from '@estafet/events';
import type { LoggedEvent } from './continuity-event.js';
import type { ContinuityRules } from './continuity-rules.js';
import { coverOf, emptyEmployee } from './continuity-state.js';
import type { ContinuityState, Departure, DepartureKind, EmployeeState, PositionState, Tenure } from './continuity-state.js';

type Logged<T extends LoggedEvent['type']> = EventOfType<T> & Pick<LoggedEvent, 'meta'>;

const employee = (state: ContinuityState, nip: string): EmployeeState => state.employees.get(nip) ?? emptyEmployee(nip);

const updateEmployee = (state: ContinuityState, nip: string, change: (e: EmployeeState) => Partial<EmployeeState>): void => {
  const current = employee(state, nip);
  state.employees.set(nip, { ...current, ...change(current) });
};

const updatePosition = (state: ContinuityState, positionId: string, change: (p: PositionState) => Partial<PositionState>): void => {
  const current = state.positions.get(positionId);
  if (current) state.positions.set(positionId, { ...current, ...change(current) });
};

/** Keeps `uncovered` in step: set when the last cover goes (from the event's TMT), cleared when cover returns. */
const refreshCover = (state: ContinuityState, positionId: string, event: LoggedEvent): void => {
  const position = state.positions.get(positionId);
  if (!position) return;
  const exposed = position.isLeadership && !position.abolished && coverOf(state, position) === null;
  if (!exposed) {
    if (position.uncovered !== null) updatePosition(state, positionId, () => ({ uncovered: null }));
    return;
  }
  if (position.uncovered === null) {
    const { effectiveAt: since, eventId: causeEventId, correlationId } = event.meta;
    updatePosition(state, positionId, () => ({ uncovered: { since, causeEventId, correlationId } }));
  }
};

const recordDeparture = (state: ContinuityState, event: LoggedEvent, positionId: string, nip: string, kind: DepartureKind): void => {
  const position = state.positions.get(positionId);
  if (!position?.isLeadership || position.abolished) return;
  const departure: Departure = { positionId, nip, kind, effectiveAt: event.meta.effectiveAt };
  state.departures.set(event.meta.eventId, [...state.departures.get(event.meta.eventId) ?? [], departure]);
};

/** Ends nip's definitive tenure wherever it is held among `positionIds`; returns the positions it left. */
const leaveDefinitive = (state: ContinuityState, nip: string, positionIds: readonly (string | null)[]): string[] => {
  const left: string[] = [];
  for (const positionId of new Set(positionIds)) {
    if (positionId === null) continue;
    const position = state.positions.get(positionId);
    if (!position?.holders.some((h) => h.nip === nip)) continue;
    updatePosition(state, positionId, (p) => ({ holders: p.holders.filter((h) => h.nip !== nip) }));
    left.push(positionId);
  }
  return left;
};

const tenureFrom = (event: LoggedEvent, nip: string): Tenure =>
  ({ nip, from: event.meta.effectiveAt, eventId: event.meta.eventId, correlationId: event.meta.correlationId });

const takeDefinitive = (state: ContinuityState, event: LoggedEvent, nip: string, positionId: string): void => {
  updatePosition(state, positionId, (p) => ({ holders: [...p.holders.filter((h) => h.nip !== nip), tenureFrom(event, nip)] }));
  updateEmployee(state, nip, () => ({ positionId, separated: false }));
  refreshCover(state, positionId, event);
};

/** An acting tenure ending is a departure only when it leaves the position with nobody at all (kind null: never). */
const endActing = (state: ContinuityState, event: LoggedEvent, nip: string, positionId: string, kind: DepartureKind | null): void => {
  const position = state.positions.get(positionId);
  if (!position?.acting.some((a) => a.nip === nip)) return;
  updatePosition(state, positionId, (p) => ({ acting: p.acting.filter((a) => a.nip !== nip) }));
  updateEmployee(state, nip, (e) => ({ actingPositionIds: e.actingPositionIds.filter((id) => id !== positionId) }));
  const after = state.positions.get(positionId);
  if (kind !== null && after && coverOf(state, after) === null) recordDeparture(state, event, positionId, nip, kind);
  refreshCover(state, positionId, event);
};

const assigned = (state: ContinuityState, event: Logged<'PositionAssigned'>): void => {
  const { nip, positionId } = event.data;
  // Assigned elsewhere while holding a post: the old post is left (a promotion recorded as a new assignment).
  for (const left of leaveDefinitive(state, nip, [employee(state, nip).positionId].filter((id) => id !== positionId))) {
    recordDeparture(state, event, left, nip, 'REASSIGNED');
    refreshCover(state, left, event);
  }
  takeDefinitive(state, event, nip, positionId);
};

const transferred = (state: ContinuityState, event: Logged<'EmployeeTransferred'>): void => {
  const { nip, fromPositionId, toPositionId, reason } = event.data;
  const candidates = [fromPositionId, employee(state, nip).positionId].filter((id) => id !== toPositionId);
  for (const left of leaveDefinitive(state, nip, candidates)) {
    recordDeparture(state, event, left, nip, reason === 'PROMOTION' ? 'PROMOTION' : 'TRANSFER');
    refreshCover(state, left, event);
  }
  takeDefinitive(state, event, nip, toPositionId);
};

const separated = (state: ContinuityState, event: Logged<'EmployeeSeparated'>): void => {
  const { nip } = event.data;
  const before = employee(state, nip);
  for (const left of leaveDefinitive(state, nip, [before.positionId])) {
    recordDeparture(state, event, left, nip, 'SEPARATION');
    refreshCover(state, left, event);
  }
  for (const positionId of before.actingPositionIds) endActing(state, event, nip, positionId, 'SEPARATION');
  updateEmployee(state, nip, () => ({ positionId: null, actingPositionIds: [], separated: true, onLongLeaveSince: null }));
};

const leaveStarted = (state: ContinuityState, event: Logged<'LeaveStarted'>, rules: Pick<ContinuityRules, 'longLeaveKinds'>): void => {
  if (!rules.longLeaveKinds.includes(event.data.leaveKind)) return;
  const { nip } = event.data;
  updateEmployee(state, nip, () => ({ onLongLeaveSince: event.meta.effectiveAt }));
  const positionId = employee(state, nip).positionId;
  if (positionId === null || !state.positions.get(positionId)?.holders.some((h) => h.nip === nip)) return;
  recordDeparture(state, event, positionId, nip, 'LONG_LEAVE');
  refreshCover(state, positionId, event);
};

const leaveEnded = (state: ContinuityState, event: Logged<'LeaveEnded'>): void => {
  updateEmployee(state, event.data.nip, () => ({ onLongLeaveSince: null }));
  const positionId = employee(state, event.data.nip).positionId;
  if (positionId !== null) refreshCover(state, positionId, event);
};

/** Folds one people/organisation/development event; program and continuity events are evolvePrograms' part. */
export const evolvePeople = (state: ContinuityState, event: LoggedEvent, rules: Pick<ContinuityRules, 'longLeaveKinds'>): void => {
  switch (event.type) {
    case 'PositionEstablished': {
      const { positionId, unitId, title, kind, isLeadership, requiredCompetencies } = event.data;
      state.positions.set(positionId, {
        positionId, unitId, title, kind, isLeadership, requiredCompetencies, abolished: false,
        holders: [], acting: [], uncovered: null, successors: new Map(),
      });
      refreshCover(state, positionId, event);
      return;
    }
    case 'PositionReclassified': {
      const { positionId, title, kind, isLeadership, requiredCompetencies } = event.data;
      updatePosition(state, positionId, (p) => ({
        title: title ?? p.title, kind: kind ?? p.kind, isLeadership: isLeadership ?? p.isLeadership,
        requiredCompetencies: requiredCompetencies ?? p.requiredCompetencies,
      }));
      refreshCover(state, positionId, event);
      return;
    }
    case 'PositionAbolished':
      updatePosition(state, event.data.positionId, () => ({ abolished: true }));
      refreshCover(state, event.data.positionId, event);
      return;
    case 'PositionAssigned': return assigned(state, event);
    case 'EmployeeTransferred': return transferred(state, event);
    case 'EmployeeSeparated': return separated(state, event);
    case 'ActingAppointed': {
      const { nip, positionId, actingKind, plannedEnd } = event.data;
      updatePosition(state, positionId, (p) => ({
        acting: [...p.acting.filter((a) => a.nip !== nip),
          { ...tenureFrom(event, nip), actingKind, plannedEnd, extensions: 0 }],
      }));
      updateEmployee(state, nip, (e) => ({ actingPositionIds: [...e.actingPositionIds.filter((id) => id !== positionId), positionId] }));
      refreshCover(state, positionId, event);
      return;
    }
    case 'ActingExtended': {
      const { nip, positionId, plannedEnd } = event.data;
      updatePosition(state, positionId, (p) => ({
        acting: p.acting.map((a) => (a.nip === nip ? { ...a, plannedEnd, extensions: a.extensions + 1 } : a)),
      }));
      return;
    }
    case 'ActingEnded': {
      const { nip, positionId, reason } = event.data;
      // Ended because a definitive holder came (or came back): someone takes over, even if recorded a moment later.
      const handedOn = reason === 'DEFINITIVE_APPOINTED' || reason === 'HOLDER_RETURNED';
      return endActing(state, event, nip, positionId, handedOn ? null : 'ACTING_ENDED');
    }
    case 'LeaveStarted': return leaveStarted(state, event, rules);
    case 'LeaveEnded': return leaveEnded(state, event);
    case 'TrainingCompleted':
      updateEmployee(state, event.data.nip, (e) => ({
        competencies: new Map([...e.competencies, ...event.data.competenciesGranted.map((c) => [c, { level: null }] as const)]),
      }));
      return;
    case 'CompetencyAssessed':
      updateEmployee(state, event.data.nip, (e) => ({
        competencies: new Map([...e.competencies, [event.data.competency, { level: event.data.level }]]),
      }));
      return;
    case 'SuccessorNominated':
      updatePosition(state, event.data.positionId, (p) => ({
        successors: new Map([...p.successors, [event.data.nip, event.data.readiness]]),
      }));
      return;
    case 'ProgramRegistered': case 'ProgramPhaseChanged': case 'ProgramClosed': case 'ProgramFlaggedAtRisk':
    case 'ProgramRiskCleared': case 'HandoverChecklistOpened': case 'HandoverTaskCompleted':
    case 'HandoverChecklistClosed': case 'HandoverEscalated':
      return;
  }
};
