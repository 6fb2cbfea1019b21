// Units (Dinas, Badan, Kecamatan, ...): their state folded from `unit-{id}` and the four unit commands.
import type { CommandOfType } from '@estafet/events';
import { NotFoundError, ValidationError } from '../errors.js';
import { conflictWith, planned, refuse } from './decision.js';
import type { Decision } from './decision.js';
import type { Aggregate, RecordedOf } from './recorded-event.js';
import type { StreamStates } from './stream-log.js';
import { unitStream } from './stream-ids.js';

export interface UnitState {
  readonly established: RecordedOf<'UnitEstablished'> | null;
  readonly name: string;
  readonly parentUnitId: string | null;
  readonly dissolved: RecordedOf<'UnitDissolved'> | null;
}

const UNIT_EVENTS = ['UnitEstablished', 'UnitRenamed', 'UnitRestructured', 'UnitDissolved'] as const;

export const unitAggregate: Aggregate<UnitState, (typeof UNIT_EVENTS)[number]> = {
  eventTypes: UNIT_EVENTS,
  initialState: { established: null, name: '', parentUnitId: null, dissolved: null },
  evolve(state, event) {
    switch (event.type) {
      case 'UnitEstablished':
        return { ...state, established: event, name: event.data.name, parentUnitId: event.data.parentUnitId };
      case 'UnitRenamed':
        return { ...state, name: event.data.name };
      case 'UnitRestructured':
        return event.data.change === 'MOVED' ? { ...state, parentUnitId: event.data.newParentUnitId } : state;
      case 'UnitDissolved':
        return { ...state, dissolved: state.dissolved ?? event };
      default: {
        const unhandled: never = event;
        return unhandled;
      }
    }
  },
};

/** The unit, or NotFoundError. */
export function requireUnit(states: StreamStates, unitId: string): UnitState & { established: RecordedOf<'UnitEstablished'> } {
  const state = states.fold(unitAggregate, unitStream(unitId));
  const { established } = state;
  if (!established) throw new NotFoundError('unit', unitId);
  return { ...state, established };
}

/** The unit, refused when it was dissolved on or before `date` (the "cheap" check: dissolution later is fine). */
export function requireLiveUnit(states: StreamStates, unitId: string, date: string): UnitState {
  const unit = requireUnit(states, unitId);
  if (unit.dissolved && unit.dissolved.effectiveAt <= date) {
    throw conflictWith('unit-dissolved', `unit ${unitId} was dissolved on ${unit.dissolved.effectiveAt}`, unit.dissolved);
  }
  return unit;
}

export type UnitCommand = CommandOfType<'EstablishUnit' | 'RenameUnit' | 'RestructureUnit' | 'DissolveUnit'>;

export function decideUnitCommand(command: UnitCommand, states: StreamStates): Decision {
  switch (command.type) {
    case 'EstablishUnit': return establishUnit(command, states);
    case 'RenameUnit': return renameUnit(command, states);
    case 'RestructureUnit': return restructureUnit(command, states);
    case 'DissolveUnit': return dissolveUnit(command, states);
    default: {
      const unhandled: never = command;
      return unhandled;
    }
  }
}

function establishUnit(command: CommandOfType<'EstablishUnit'>, states: StreamStates): Decision {
  const { unitId, name, kind, parentUnitId, effectiveAt } = command;
  const existing = states.fold(unitAggregate, unitStream(unitId)).established;
  if (existing) throw conflictWith('already-exists', `unit ${unitId} is already established`, existing);
  if (parentUnitId !== null) requireLiveUnit(states, parentUnitId, effectiveAt);
  return planned(unitStream(unitId), { type: 'UnitEstablished', data: { unitId, name, kind, parentUnitId } }, effectiveAt);
}

function renameUnit(command: CommandOfType<'RenameUnit'>, states: StreamStates): Decision {
  const { unitId, name, effectiveAt } = command;
  const unit = requireLiveUnit(states, unitId, effectiveAt);
  if (unit.name === name) throw refuse('no-change', `unit ${unitId} is already named ${name}`);
  return planned(unitStream(unitId), { type: 'UnitRenamed', data: { unitId, name } }, effectiveAt);
}

function restructureUnit(command: CommandOfType<'RestructureUnit'>, states: StreamStates): Decision {
  const { unitId, effectiveAt } = command;
  requireLiveUnit(states, unitId, effectiveAt);
  const other = (id: string, path: string) => {
    if (id === unitId) throw new ValidationError([{ path, message: `unit ${unitId} cannot be restructured into itself` }]);
    return requireLiveUnit(states, id, effectiveAt);
  };
  const streamId = unitStream(unitId);
  switch (command.change) {
    case 'MOVED': {
      const { newParentUnitId } = command;
      if (newParentUnitId !== null && other(newParentUnitId, 'newParentUnitId').parentUnitId === unitId) {
        throw refuse('unit-cycle', `unit ${newParentUnitId} sits under ${unitId}; it cannot become its parent`);
      }
      return planned(streamId, { type: 'UnitRestructured', data: { unitId, change: 'MOVED', newParentUnitId } }, effectiveAt);
    }
    case 'MERGED':
      other(command.intoUnitId, 'intoUnitId');
      return planned(streamId, {
        type: 'UnitRestructured', data: { unitId, change: 'MERGED', intoUnitId: command.intoUnitId },
      }, effectiveAt);
    case 'SPLIT': {
      const { intoUnitIds } = command;
      if (new Set(intoUnitIds).size !== intoUnitIds.length) {
        throw new ValidationError([{ path: 'intoUnitIds', message: 'a unit is split into distinct units' }]);
      }
      intoUnitIds.forEach((id, i) => other(id, `intoUnitIds.${i}`));
      return planned(streamId, { type: 'UnitRestructured', data: { unitId, change: 'SPLIT', intoUnitIds } }, effectiveAt);
    }
    default: {
      const unhandled: never = command;
      return unhandled;
    }
  }
}

function dissolveUnit(command: CommandOfType<'DissolveUnit'>, states: StreamStates): Decision {
  const { unitId, successorUnitId, effectiveAt } = command;
  const unit = requireUnit(states, unitId);
  if (unit.dissolved) throw conflictWith('unit-dissolved', `unit ${unitId} is already dissolved`, unit.dissolved);
  if (successorUnitId === unitId) {
    throw new ValidationError([{ path: 'successorUnitId', message: 'a unit cannot succeed itself' }]);
  }
  if (successorUnitId !== null) requireLiveUnit(states, successorUnitId, effectiveAt);
  return planned(unitStream(unitId), { type: 'UnitDissolved', data: { unitId, successorUnitId } }, effectiveAt);
}
