// The ledger's decider over every command: which streams a command reads (some only known once others are
// read), which stream If-Match guards, and the decision, after the legal-basis rule of the event it records.
import { COMMAND_EVENT_TYPES, eventDefinition } from '@estafet/events';
import type { Command } from '@estafet/events';
import { ValidationError } from '../errors.js';
import type { LedgerRules } from '../rules.js';
import { decideActingCommand } from './acting-decider.js';
import { localDate } from './calendar.js';
import { decideComplaintCommand } from './complaint-decider.js';
import { decideCorrection } from './correction-decider.js';
import type { DecideContext, Decision } from './decision.js';
import { decideDevelopmentCommand } from './development-decider.js';
import { decideEmployeeCommand, employeeAggregate } from './employee-decider.js';
import { decideOccupancyCommand } from './occupancy-decider.js';
import { positionsHeldAt, termAt, walkTimeline } from './occupancy-timeline.js';
import { decidePositionCommand, positionAggregate } from './position-decider.js';
import { decideProgramCommand } from './program-decider.js';
import { evolveStreamLog, initialStreamLog } from './stream-log.js';
import type { StreamStates } from './stream-log.js';
import { complaintStream, employeeStream, positionStream, programStream, unitStream } from './stream-ids.js';
import { decideUnitCommand } from './unit-decider.js';

/** Where a correction's target lives, looked up by the handler before planning the reads. */
export interface CorrectionTarget {
  readonly streamId: string;
  readonly alsoIn: readonly string[];
}

/** Fills what the ledger generates for a command (a complaint's id), using the id generator passed in. */
export function withGeneratedIds(command: Command, newId: () => string): Command {
  if (command.type === 'ReceiveComplaint' && command.complaintId === undefined) return { ...command, complaintId: newId() };
  return command;
}

/** The stream the client's If-Match (expected version) guards: the resource the command is addressed to. */
export function primaryStreamOf(command: Command, target: CorrectionTarget | null): string {
  switch (command.type) {
    case 'EstablishUnit': case 'RenameUnit': case 'RestructureUnit': case 'DissolveUnit':
      return unitStream(command.unitId);
    case 'EstablishPosition': case 'ReclassifyPosition': case 'AbolishPosition': case 'NominateSuccessor':
    case 'AppointActing': case 'ExtendActing': case 'EndActing':
      return positionStream(command.positionId);
    case 'RegisterEmployee': case 'PromoteRank': case 'AssignPosition': case 'TransferEmployee': case 'StartLeave':
    case 'EndLeave': case 'SeparateEmployee': case 'RecordTraining': case 'AssessCompetency': case 'AssignMentor':
    case 'EndMentorship':
      return employeeStream(command.nip);
    case 'RegisterProgram': case 'ChangeProgramPhase': case 'CloseProgram':
      return programStream(command.programId);
    case 'ReceiveComplaint': case 'ResolveComplaint':
      return complaintStream(command.complaintId ?? '');
    case 'CorrectEvent': case 'RetractEvent':
      return target?.streamId ?? '';
    default: {
      const unhandled: never = command;
      return unhandled;
    }
  }
}

/**
 * The streams a command needs, given those read so far; the handler reads and asks again until nothing is
 * missing (a transfer's origin position is only known once the employee's stream is read).
 */
export function streamsToRead(command: Command, states: StreamStates, target: CorrectionTarget | null): string[] {
  const employeeTimeline = (nip: string) => {
    if (!states.has(employeeStream(nip))) return null;
    return walkTimeline(states.fold(employeeAggregate, employeeStream(nip)).occupancy);
  };
  const unitOf = (positionId: string): string[] => {
    if (!states.has(positionStream(positionId))) return [];
    const unitId = states.fold(positionAggregate, positionStream(positionId)).attributes?.unitId;
    return unitId === undefined ? [] : [unitStream(unitId)];
  };
  const withPosition = (positionId: string) => [positionStream(positionId), ...unitOf(positionId)];
  const held = (nip: string, date: string) => {
    const timeline = employeeTimeline(nip);
    return timeline ? positionsHeldAt(timeline, date).map(positionStream) : [];
  };
  const wanted = ((): string[] => {
    switch (command.type) {
      case 'EstablishUnit':
        return [unitStream(command.unitId), ...(command.parentUnitId === null ? [] : [unitStream(command.parentUnitId)])];
      case 'RenameUnit':
        return [unitStream(command.unitId)];
      case 'RestructureUnit': {
        const others = command.change === 'MOVED' ? (command.newParentUnitId === null ? [] : [command.newParentUnitId])
          : command.change === 'MERGED' ? [command.intoUnitId] : command.intoUnitIds;
        return [command.unitId, ...others].map(unitStream);
      }
      case 'DissolveUnit':
        return [command.unitId, ...(command.successorUnitId === null ? [] : [command.successorUnitId])].map(unitStream);
      case 'EstablishPosition':
        return [positionStream(command.positionId), unitStream(command.unitId)];
      case 'ReclassifyPosition': case 'AbolishPosition':
        return [positionStream(command.positionId)];
      case 'RegisterEmployee': case 'PromoteRank': case 'RecordTraining': case 'AssessCompetency':
        return [employeeStream(command.nip)];
      case 'AssignPosition': case 'AppointActing':
        return [employeeStream(command.nip), ...withPosition(command.positionId)];
      case 'ExtendActing': case 'EndActing':
        return [employeeStream(command.nip), positionStream(command.positionId)];
      case 'TransferEmployee': {
        const origin = termAt(employeeTimeline(command.nip)?.tenures ?? [], command.effectiveAt);
        return [
          employeeStream(command.nip), ...withPosition(command.toPositionId),
          ...(origin ? [positionStream(origin.positionId)] : []),
        ];
      }
      case 'StartLeave': case 'EndLeave': case 'SeparateEmployee':
        return [employeeStream(command.nip), ...held(command.nip, command.effectiveAt)];
      case 'AssignMentor': case 'EndMentorship':
        return [employeeStream(command.nip), employeeStream(command.mentorNip)];
      case 'NominateSuccessor':
        return [positionStream(command.positionId), employeeStream(command.nip)];
      case 'RegisterProgram':
        return [programStream(command.programId), unitStream(command.unitId), positionStream(command.leadingPositionId)];
      case 'ChangeProgramPhase': case 'CloseProgram':
        return [programStream(command.programId)];
      case 'ReceiveComplaint':
        return [...(command.complaintId === undefined ? [] : [complaintStream(command.complaintId)]), unitStream(command.unitId)];
      case 'ResolveComplaint':
        return [complaintStream(command.complaintId)];
      case 'CorrectEvent': case 'RetractEvent':
        return target ? [target.streamId, ...target.alsoIn] : [];
      default: {
        const unhandled: never = command;
        return unhandled;
      }
    }
  })();
  return [...new Set(wanted)];
}

/** A complaint's TMT is the local date it was received or resolved, unless the body says otherwise. */
function dateOf(instant: string, rules: LedgerRules): string {
  return localDate(new Date(instant), rules.utcOffsetMinutes);
}

function requireLegalBasisRule(command: Command): void {
  const type = COMMAND_EVENT_TYPES[command.type];
  const rule = eventDefinition(type).legalBasis;
  const given = command.legalBasis !== undefined && command.legalBasis !== null;
  if (rule === 'required' && !given) {
    throw new ValidationError([{ path: 'legalBasis', message: `${type} rests on a decree (SK): give its skNumber, skDate and signedBy` }]);
  }
  if (rule === 'none' && given) {
    throw new ValidationError([{ path: 'legalBasis', message: `${type} is not recorded on a decree; leave legalBasis out` }]);
  }
}

export function decide(command: Command, states: StreamStates, context: DecideContext): Decision {
  requireLegalBasisRule(command);
  switch (command.type) {
    case 'EstablishUnit': case 'RenameUnit': case 'RestructureUnit': case 'DissolveUnit':
      return decideUnitCommand(command, states);
    case 'EstablishPosition': case 'ReclassifyPosition': case 'AbolishPosition':
      return decidePositionCommand(command, states);
    case 'RegisterEmployee': case 'PromoteRank':
      return decideEmployeeCommand(command, states, context);
    case 'AssignPosition': case 'TransferEmployee': case 'StartLeave': case 'EndLeave': case 'SeparateEmployee':
      return decideOccupancyCommand(command, states, context);
    case 'AppointActing': case 'ExtendActing': case 'EndActing':
      return decideActingCommand(command, states, context);
    case 'RecordTraining': case 'AssessCompetency': case 'AssignMentor': case 'EndMentorship': case 'NominateSuccessor':
      return decideDevelopmentCommand(command, states);
    case 'RegisterProgram': case 'ChangeProgramPhase': case 'CloseProgram':
      return decideProgramCommand(command, states);
    case 'ReceiveComplaint': {
      const { complaintId } = command;
      if (complaintId === undefined) {
        throw new ValidationError([{ path: 'complaintId', message: 'complaintId is missing (withGeneratedIds fills it)' }]);
      }
      const effectiveAt = command.effectiveAt ?? dateOf(command.receivedAt, context.rules);
      return decideComplaintCommand({ ...command, complaintId, effectiveAt }, states);
    }
    case 'ResolveComplaint':
      return decideComplaintCommand({ ...command, effectiveAt: command.effectiveAt ?? dateOf(command.resolvedAt, context.rules) }, states);
    case 'CorrectEvent': case 'RetractEvent':
      return decideCorrection(command, states);
    default: {
      const unhandled: never = command;
      return unhandled;
    }
  }
}

/** The whole write-side decider, emmett-style: fold a stream with evolve from initialState, then decide. */
export const ledgerDecider = {
  initialState: initialStreamLog,
  evolve: evolveStreamLog,
  decide,
  streamsToRead,
  primaryStreamOf,
  withGeneratedIds,
} as const;
