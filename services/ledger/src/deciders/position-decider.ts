// Positions (jabatan): their state folded from `position-{id}` — attributes, abolition, and every occupancy
// event linked in (who held or covered it, their leave) — and the establish/reclassify/abolish commands.
import { defaultEselon } from '@estafet/events';
import type { CommandOfType, EventData } from '@estafet/events';
import { NotFoundError } from '../errors.js';
import { checkFreeFrom } from './occupancy-checks.js';
import { OCCUPANCY_EVENTS, positionTimeline } from './occupancy-timeline.js';
import type { OccupancyEvent } from './occupancy-timeline.js';
import { conflictWith, planned } from './decision.js';
import type { Decision } from './decision.js';
import type { Aggregate, RecordedOf } from './recorded-event.js';
import type { StreamStates } from './stream-log.js';
import { positionStream } from './stream-ids.js';
import { requireLiveUnit } from './unit-decider.js';

export type PositionAttributes = EventData<'PositionEstablished'>;

export interface PositionState {
  readonly established: RecordedOf<'PositionEstablished'> | null;
  /** As established, with every reclassification applied in recording order. */
  readonly attributes: PositionAttributes | null;
  readonly abolished: RecordedOf<'PositionAbolished'> | null;
  readonly occupancy: readonly OccupancyEvent[];
  readonly successors: readonly RecordedOf<'SuccessorNominated'>[];
}

const POSITION_EVENTS = [
  'PositionEstablished', 'PositionReclassified', 'PositionAbolished', 'SuccessorNominated', ...OCCUPANCY_EVENTS,
] as const;

export const positionAggregate: Aggregate<PositionState, (typeof POSITION_EVENTS)[number]> = {
  eventTypes: POSITION_EVENTS,
  initialState: { established: null, attributes: null, abolished: null, occupancy: [], successors: [] },
  evolve(state, event) {
    switch (event.type) {
      case 'PositionEstablished':
        return state.established ? state : { ...state, established: event, attributes: event.data };
      case 'PositionReclassified':
        return state.attributes ? { ...state, attributes: reclassified(state.attributes, event.data) } : state;
      case 'PositionAbolished':
        return { ...state, abolished: state.abolished ?? event };
      case 'SuccessorNominated':
        return { ...state, successors: [...state.successors, event] };
      case 'PositionAssigned':
      case 'EmployeeTransferred':
      case 'ActingAppointed':
      case 'ActingExtended':
      case 'ActingEnded':
      case 'LeaveStarted':
      case 'LeaveEnded':
      case 'EmployeeSeparated':
        return { ...state, occupancy: [...state.occupancy, event] };
      default: {
        const unhandled: never = event;
        return unhandled;
      }
    }
  },
};

function reclassified(p: PositionAttributes, change: EventData<'PositionReclassified'>): PositionAttributes {
  return {
    ...p,
    title: change.title ?? p.title,
    kind: change.kind ?? p.kind,
    eselon: change.eselon ?? p.eselon,
    isLeadership: change.isLeadership ?? p.isLeadership,
    minimumGolongan: change.minimumGolongan === undefined ? p.minimumGolongan : change.minimumGolongan,
    requiredCompetencies: change.requiredCompetencies ?? p.requiredCompetencies,
  };
}

export type Position = PositionState & { readonly attributes: PositionAttributes };

/** The position, or NotFoundError. */
export function requirePosition(states: StreamStates, positionId: string): Position {
  const state = states.fold(positionAggregate, positionStream(positionId));
  const { attributes } = state;
  if (!attributes) throw new NotFoundError('position', positionId);
  return { ...state, attributes };
}

/** The position, refused when it was abolished on or before `date`. */
export function requireOpenPosition(states: StreamStates, positionId: string, date: string): Position {
  const position = requirePosition(states, positionId);
  const { abolished } = position;
  if (abolished && abolished.effectiveAt <= date) {
    throw conflictWith('position-abolished', `position ${positionId} was abolished on ${abolished.effectiveAt}`, abolished);
  }
  return position;
}

export type PositionCommand = CommandOfType<'EstablishPosition' | 'ReclassifyPosition' | 'AbolishPosition'>;

export function decidePositionCommand(command: PositionCommand, states: StreamStates): Decision {
  switch (command.type) {
    case 'EstablishPosition': return establishPosition(command, states);
    case 'ReclassifyPosition': return reclassifyPosition(command, states);
    case 'AbolishPosition': return abolishPosition(command, states);
    default: {
      const unhandled: never = command;
      return unhandled;
    }
  }
}

function establishPosition(command: CommandOfType<'EstablishPosition'>, states: StreamStates): Decision {
  const { positionId, unitId, title, kind, isLeadership, minimumGolongan, requiredCompetencies, effectiveAt } = command;
  const existing = states.fold(positionAggregate, positionStream(positionId)).established;
  if (existing) throw conflictWith('already-exists', `position ${positionId} is already established`, existing);
  requireLiveUnit(states, unitId, effectiveAt);
  const eselon = command.eselon ?? defaultEselon(kind);
  return planned(positionStream(positionId), {
    type: 'PositionEstablished',
    data: { positionId, unitId, title, kind, eselon, isLeadership, minimumGolongan, requiredCompetencies },
  }, effectiveAt);
}

function reclassifyPosition(command: CommandOfType<'ReclassifyPosition'>, states: StreamStates): Decision {
  const { type: _type, effectiveAt, legalBasis: _legalBasis, ...data } = command;
  requireOpenPosition(states, data.positionId, effectiveAt);
  return planned(positionStream(data.positionId), { type: 'PositionReclassified', data }, effectiveAt);
}

function abolishPosition(command: CommandOfType<'AbolishPosition'>, states: StreamStates): Decision {
  const { positionId, effectiveAt } = command;
  const position = requirePosition(states, positionId);
  if (position.abolished) {
    throw conflictWith('position-abolished', `position ${positionId} is already abolished`, position.abolished);
  }
  // Nobody may hold or cover the position from the abolition on: move them out first.
  const { tenures, actings } = positionTimeline(position.occupancy, positionId);
  checkFreeFrom(tenures, '', effectiveAt, positionId, { rule: 'position-occupied', label: 'held by' });
  checkFreeFrom(actings, '', effectiveAt, positionId, { rule: 'position-occupied', label: 'covered by acting official' });
  return planned(positionStream(positionId), { type: 'PositionAbolished', data: { positionId } }, effectiveAt);
}
