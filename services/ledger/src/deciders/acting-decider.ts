// Acting officials: a Plt covers a vacant position, a Plh covers while the definitive holder is on leave.
// Terms are limited by the dated acting limits (3 months, extendable once by 3, by default) and stored in
// `employee-{nip}` linked into the position, like every other occupancy event.
import type { CommandOfType, EventOfType } from '@estafet/events';
import { ValidationError } from '../errors.js';
import { inForce } from '../rules.js';
import { addMonths } from './calendar.js';
import { conflictWith, planned, refuse } from './decision.js';
import type { DecideContext, Decision } from './decision.js';
import { requireEmployee } from './employee-decider.js';
import type { Employee } from './employee-decider.js';
import { checkFreeFrom, checkPersonTimeline } from './occupancy-checks.js';
import { requireAppointablePosition } from './occupancy-decider.js';
import { positionTimeline, termAt } from './occupancy-timeline.js';
import type { ActingTerm } from './occupancy-timeline.js';
import { requireOpenPosition } from './position-decider.js';
import { pendingEvent } from './recorded-event.js';
import type { StreamStates } from './stream-log.js';
import { employeeStream, positionStream } from './stream-ids.js';

export type ActingCommand = CommandOfType<'AppointActing' | 'ExtendActing' | 'EndActing'>;

export function decideActingCommand(command: ActingCommand, states: StreamStates, context: DecideContext): Decision {
  switch (command.type) {
    case 'AppointActing': return appointActing(command, states, context);
    case 'ExtendActing': return extendActing(command, states, context);
    case 'EndActing': return endActing(command, states);
    default: {
      const unhandled: never = command;
      return unhandled;
    }
  }
}

function appointActing(command: CommandOfType<'AppointActing'>, states: StreamStates, context: DecideContext): Decision {
  const { positionId, nip, actingKind, plannedEnd, effectiveAt } = command;
  const position = requireAppointablePosition(states, positionId, effectiveAt);
  const employee = requireEmployee(states, nip);
  if (plannedEnd <= effectiveAt) {
    throw new ValidationError([{ path: 'plannedEnd', message: `plannedEnd ${plannedEnd} must be after effectiveAt ${effectiveAt}` }]);
  }
  const limits = inForce(context.rules.actingLimits, effectiveAt);
  const latest = addMonths(effectiveAt, limits.maxMonths);
  if (plannedEnd > latest) {
    throw refuse('acting-limit', `a ${actingKind} is appointed for at most ${limits.maxMonths} months: plannedEnd`
      + ` ${plannedEnd} is after ${latest}`);
  }
  const before = positionTimeline(position.occupancy, positionId);
  const holder = termAt(before.tenures, effectiveAt);
  if (actingKind === 'PLT' && holder) {
    throw conflictWith('plt-needs-vacancy', `a Plt covers a vacant position, but ${positionId} is held by ${holder.nip}`
      + ` on ${effectiveAt} (a Plh covers while the holder is on leave)`, holder.start);
  }
  if (actingKind === 'PLH') {
    if (!holder) {
      throw refuse('plh-needs-holder-on-leave', `a Plh covers an absent holder, but ${positionId} has no definitive`
        + ` holder on ${effectiveAt} (a Plt covers a vacancy)`);
    }
    if (!termAt(before.leavesByNip.get(holder.nip) ?? [], effectiveAt)) {
      throw conflictWith('plh-needs-holder-on-leave', `a Plh covers an absent holder, but ${holder.nip}, who holds`
        + ` ${positionId}, is not on leave on ${effectiveAt}`, holder.start);
    }
  }
  const event: EventOfType<'ActingAppointed'> = { type: 'ActingAppointed', data: { nip, positionId, actingKind, plannedEnd } };
  const alsoIn = [positionStream(positionId)];
  const candidate = pendingEvent(event, effectiveAt, employeeStream(nip), alsoIn);
  checkPersonTimeline(employee.occupancy, candidate);
  const { actings } = positionTimeline([...position.occupancy, candidate], positionId);
  checkFreeFrom(actings, nip, effectiveAt, positionId, { rule: 'acting-occupied', label: 'covered by acting official' });
  return planned(employeeStream(nip), event, effectiveAt, alsoIn);
}

/** The acting term of `employee` in `positionId` in force on `date`, or a refusal. */
function activeTerm(employee: Employee, positionId: string, date: string): ActingTerm {
  const term = termAt(employee.timeline.actings.filter((t) => t.positionId === positionId), date);
  if (!term) {
    throw refuse('acting-not-active', `employee ${employee.registered.data.nip} is not acting in position ${positionId} on ${date}`);
  }
  return term;
}

function extendActing(command: CommandOfType<'ExtendActing'>, states: StreamStates, context: DecideContext): Decision {
  const { positionId, nip, plannedEnd, effectiveAt } = command;
  requireOpenPosition(states, positionId, effectiveAt);
  const employee = requireEmployee(states, nip);
  const term = activeTerm(employee, positionId, effectiveAt);
  // The limits in force when the term began govern it to its end.
  const limits = inForce(context.rules.actingLimits, term.from);
  const lastExtension = term.extensions.at(-1);
  if (lastExtension && term.extensions.length >= limits.maxExtensions) {
    throw conflictWith('acting-extension-limit', `the ${term.actingKind} term of ${nip} in ${positionId} may be`
      + ` extended ${limits.maxExtensions} time(s) and already was`, lastExtension);
  }
  if (plannedEnd <= term.plannedEnd) {
    throw conflictWith('acting-extension-not-later', `an extension ends after the current plannedEnd ${term.plannedEnd},`
      + ` not on ${plannedEnd}`, term.start);
  }
  const latest = addMonths(term.plannedEnd, limits.extensionMonths);
  if (plannedEnd > latest) {
    throw refuse('acting-limit', `an extension adds at most ${limits.extensionMonths} months: plannedEnd ${plannedEnd}`
      + ` is after ${latest}`);
  }
  const event: EventOfType<'ActingExtended'> = { type: 'ActingExtended', data: { nip, positionId, plannedEnd } };
  const alsoIn = [positionStream(positionId)];
  checkPersonTimeline(employee.occupancy, pendingEvent(event, effectiveAt, employeeStream(nip), alsoIn));
  return planned(employeeStream(nip), event, effectiveAt, alsoIn);
}

function endActing(command: CommandOfType<'EndActing'>, states: StreamStates): Decision {
  const { positionId, nip, reason, effectiveAt } = command;
  const employee = requireEmployee(states, nip);
  activeTerm(employee, positionId, effectiveAt);
  const event: EventOfType<'ActingEnded'> = { type: 'ActingEnded', data: { nip, positionId, reason } };
  const alsoIn = [positionStream(positionId)];
  checkPersonTimeline(employee.occupancy, pendingEvent(event, effectiveAt, employeeStream(nip), alsoIn));
  return planned(employeeStream(nip), event, effectiveAt, alsoIn);
}
