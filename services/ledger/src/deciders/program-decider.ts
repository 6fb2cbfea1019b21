// Programs (KJP Plus, JakLingko, flood control...): state folded from `program-{id}` and the program commands.
// The leading position is what the continuity process watches, so it must exist and be open.
import type { CommandOfType } from '@estafet/events';
import { NotFoundError } from '../errors.js';
import { conflictWith, planned, refuse, withWarnings } from './decision.js';
import type { Decision } from './decision.js';
import { requireOpenPosition } from './position-decider.js';
import type { Aggregate, RecordedOf } from './recorded-event.js';
import type { StreamStates } from './stream-log.js';
import { programStream } from './stream-ids.js';
import { requireLiveUnit } from './unit-decider.js';

export interface ProgramState {
  readonly registered: RecordedOf<'ProgramRegistered'> | null;
  readonly phase: string | null;
  readonly closed: RecordedOf<'ProgramClosed'> | null;
}

const PROGRAM_EVENTS = ['ProgramRegistered', 'ProgramPhaseChanged', 'ProgramClosed'] as const;

export const programAggregate: Aggregate<ProgramState, (typeof PROGRAM_EVENTS)[number]> = {
  eventTypes: PROGRAM_EVENTS,
  initialState: { registered: null, phase: null, closed: null },
  evolve(state, event) {
    switch (event.type) {
      case 'ProgramRegistered': return { ...state, registered: state.registered ?? event, phase: event.data.phase };
      case 'ProgramPhaseChanged': return { ...state, phase: event.data.phase };
      case 'ProgramClosed': return { ...state, closed: state.closed ?? event };
      default: {
        const unhandled: never = event;
        return unhandled;
      }
    }
  },
};

export type ProgramCommand = CommandOfType<'RegisterProgram' | 'ChangeProgramPhase' | 'CloseProgram'>;

export function decideProgramCommand(command: ProgramCommand, states: StreamStates): Decision {
  switch (command.type) {
    case 'RegisterProgram': return registerProgram(command, states);
    case 'ChangeProgramPhase': {
      const { programId, phase, effectiveAt } = command;
      const program = requireOpenProgram(states, programId);
      if (program.phase === phase) throw refuse('no-change', `program ${programId} is already in phase ${phase}`);
      return planned(programStream(programId), { type: 'ProgramPhaseChanged', data: { programId, phase } }, effectiveAt);
    }
    case 'CloseProgram': {
      const { programId, outcome, effectiveAt } = command;
      requireOpenProgram(states, programId);
      return planned(programStream(programId), { type: 'ProgramClosed', data: { programId, outcome } }, effectiveAt);
    }
    default: {
      const unhandled: never = command;
      return unhandled;
    }
  }
}

function requireOpenProgram(states: StreamStates, programId: string): ProgramState {
  const program = states.fold(programAggregate, programStream(programId));
  if (!program.registered) throw new NotFoundError('program', programId);
  if (program.closed) throw conflictWith('program-closed', `program ${programId} is closed`, program.closed);
  return program;
}

function registerProgram(command: CommandOfType<'RegisterProgram'>, states: StreamStates): Decision {
  const { type: _type, effectiveAt, legalBasis: _legalBasis, ...data } = command;
  const existing = states.fold(programAggregate, programStream(data.programId)).registered;
  if (existing) throw conflictWith('already-exists', `program ${data.programId} is already registered`, existing);
  requireLiveUnit(states, data.unitId, effectiveAt);
  const position = requireOpenPosition(states, data.leadingPositionId, effectiveAt);
  const decision = planned(programStream(data.programId), { type: 'ProgramRegistered', data }, effectiveAt);
  // Continuity only reacts to leaders leaving leadership positions; say so rather than refuse.
  return position.attributes.isLeadership ? decision : withWarnings(decision, [
    `position ${data.leadingPositionId} is not a leadership position; its holder's departure will not flag the program`,
  ]);
}
