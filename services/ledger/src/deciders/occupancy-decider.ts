// Definitive occupancy, leave and separation: stored in `employee-{nip}` and linked into every position they
// change, so a position's stream alone tells who held it when. One holder per position, one definitive
// position per person, nothing for the separated, and no retroactive change that contradicts later history.
import { compareGolongan } from '@estafet/events';
import type { CommandOfType, EventOfType } from '@estafet/events';
import { ValidationError } from '../errors.js';
import type { LedgerRules } from '../rules.js';
import { conflictWith, planned, refuse, withWarnings } from './decision.js';
import type { DecideContext, Decision } from './decision.js';
import { rankAt, requireEmployee, requireNotSeparated } from './employee-decider.js';
import type { Employee } from './employee-decider.js';
import type { Tenure } from './occupancy-timeline.js';
import { checkFreeFrom, checkNotEnded, checkPersonTimeline } from './occupancy-checks.js';
import { positionTimeline, positionsHeldAt, termAt } from './occupancy-timeline.js';
import { requireOpenPosition } from './position-decider.js';
import type { Position } from './position-decider.js';
import { pendingEvent } from './recorded-event.js';
import type { StreamStates } from './stream-log.js';
import { employeeStream, positionStream } from './stream-ids.js';
import { requireLiveUnit } from './unit-decider.js';

export type OccupancyCommand = CommandOfType<'AssignPosition' | 'TransferEmployee' | 'StartLeave' | 'EndLeave' | 'SeparateEmployee'>;

export function decideOccupancyCommand(command: OccupancyCommand, states: StreamStates, context: DecideContext): Decision {
  switch (command.type) {
    case 'AssignPosition': return assignPosition(command, states, context);
    case 'TransferEmployee': return transferEmployee(command, states, context);
    case 'StartLeave': return startLeave(command, states);
    case 'EndLeave': return endLeave(command, states);
    case 'SeparateEmployee': return separateEmployee(command, states);
    default: {
      const unhandled: never = command;
      return unhandled;
    }
  }
}

/** A position that can take a definitive holder from `date` on, for good (no later abolition recorded). */
export function requireAppointablePosition(states: StreamStates, positionId: string, date: string): Position {
  const position = requireOpenPosition(states, positionId, date);
  checkNotEnded(position.abolished, date, 'position-abolished', `position ${positionId} is abolished`);
  requireLiveUnit(states, position.attributes.unitId, date);
  return position;
}

/** The position's minimum rank: refused or warned about, as the rules say. */
function checkMinimumGolongan(employee: Employee, position: Position, date: string, rules: LedgerRules): string[] {
  const minimum = position.attributes.minimumGolongan;
  if (minimum === null) return [];
  const rank = rankAt(employee, date);
  if (compareGolongan(rank.golongan, minimum) >= 0) return [];
  const message = `employee ${employee.registered.data.nip} has rank ${rank.golongan} on ${date}, below the minimum`
    + ` ${minimum} of position ${position.attributes.positionId}`;
  if (rules.minimumGolonganPolicy === 'refuse') throw conflictWith('minimum-golongan', message, rank.since);
  return [message];
}

function assignPosition(command: CommandOfType<'AssignPosition'>, states: StreamStates, context: DecideContext): Decision {
  const { nip, positionId, effectiveAt } = command;
  const employee = requireEmployee(states, nip);
  const position = requireAppointablePosition(states, positionId, effectiveAt);
  const event: EventOfType<'PositionAssigned'> = { type: 'PositionAssigned', data: { nip, positionId } };
  const alsoIn = [positionStream(positionId)];
  const candidate = pendingEvent(event, effectiveAt, employeeStream(nip), alsoIn);
  checkPersonTimeline(employee.occupancy, candidate);
  const { tenures } = positionTimeline([...position.occupancy, candidate], positionId);
  checkFreeFrom(tenures, nip, effectiveAt, positionId, { rule: 'position-occupied', label: 'held by' });
  const warnings = checkMinimumGolongan(employee, position, effectiveAt, context.rules);
  return withWarnings(planned(employeeStream(nip), event, effectiveAt, alsoIn), warnings);
}

/** The definitive position someone leaves on `date` by a transfer: read from the ledger, never from the body. */
export function transferOrigin(employee: Employee, date: string): Tenure | undefined {
  return termAt(employee.timeline.tenures, date);
}

function transferEmployee(command: CommandOfType<'TransferEmployee'>, states: StreamStates, context: DecideContext): Decision {
  const { nip, toPositionId, reason, effectiveAt } = command;
  const employee = requireEmployee(states, nip);
  requireNotSeparated(employee, effectiveAt);
  const origin = transferOrigin(employee, effectiveAt);
  if (origin === undefined) {
    throw refuse('no-definitive-position', `employee ${nip} holds no definitive position on ${effectiveAt}; assign one instead`);
  }
  const fromPositionId = origin.positionId;
  if (fromPositionId === toPositionId) {
    throw conflictWith('same-position', `employee ${nip} already holds position ${toPositionId}`, origin.start);
  }
  const position = requireAppointablePosition(states, toPositionId, effectiveAt);
  const event: EventOfType<'EmployeeTransferred'> = {
    type: 'EmployeeTransferred', data: { nip, fromPositionId, toPositionId, reason },
  };
  const alsoIn = [positionStream(fromPositionId), positionStream(toPositionId)];
  const candidate = pendingEvent(event, effectiveAt, employeeStream(nip), alsoIn);
  checkPersonTimeline(employee.occupancy, candidate);
  const { tenures } = positionTimeline([...position.occupancy, candidate], toPositionId);
  checkFreeFrom(tenures, nip, effectiveAt, toPositionId, { rule: 'position-occupied', label: 'held by' });
  const warnings = checkMinimumGolongan(employee, position, effectiveAt, context.rules);
  return withWarnings(planned(employeeStream(nip), event, effectiveAt, alsoIn), warnings);
}

/** The position streams an absence or departure on `date` is linked into: every position then held. */
export function heldPositionStreams(employee: Employee, date: string): string[] {
  return positionsHeldAt(employee.timeline, date).map(positionStream);
}

function startLeave(command: CommandOfType<'StartLeave'>, states: StreamStates): Decision {
  const { nip, leaveKind, plannedEnd, effectiveAt } = command;
  if (plannedEnd !== null && plannedEnd < effectiveAt) {
    throw new ValidationError([{ path: 'plannedEnd', message: `plannedEnd ${plannedEnd} is before effectiveAt ${effectiveAt}` }]);
  }
  return recordForHeldPositions(states, nip, effectiveAt, { type: 'LeaveStarted', data: { nip, leaveKind, plannedEnd } });
}

function endLeave(command: CommandOfType<'EndLeave'>, states: StreamStates): Decision {
  const { nip, effectiveAt } = command;
  return recordForHeldPositions(states, nip, effectiveAt, { type: 'LeaveEnded', data: { nip } });
}

function separateEmployee(command: CommandOfType<'SeparateEmployee'>, states: StreamStates): Decision {
  const { nip, reason, effectiveAt } = command;
  return recordForHeldPositions(states, nip, effectiveAt, { type: 'EmployeeSeparated', data: { nip, reason } });
}

function recordForHeldPositions(
  states: StreamStates, nip: string, effectiveAt: string,
  event: EventOfType<'LeaveStarted' | 'LeaveEnded' | 'EmployeeSeparated'>,
): Decision {
  const employee = requireEmployee(states, nip);
  const alsoIn = heldPositionStreams(employee, effectiveAt);
  checkPersonTimeline(employee.occupancy, pendingEvent(event, effectiveAt, employeeStream(nip), alsoIn));
  return planned(employeeStream(nip), event, effectiveAt, alsoIn);
}
