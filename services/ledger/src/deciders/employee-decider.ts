// Employees: their state folded from `employee-{nip}` (registration, rank, occupancy, mentoring) and the
// registration and rank commands. Rank and occupancy are read in effective time, not recording order.
import { allowsSkip, checkNipConsistency, entryGolongan, nextGolongan, stepsBetween } from '@estafet/events';
import type { CommandOfType, Golongan } from '@estafet/events';
import { NotFoundError, ValidationError } from '../errors.js';
import { inForce } from '../rules.js';
import { localDate } from './calendar.js';
import { conflictWith, planned, refuse, withWarnings } from './decision.js';
import type { DecideContext, Decision } from './decision.js';
import { OCCUPANCY_EVENTS, walkTimeline } from './occupancy-timeline.js';
import type { OccupancyEvent, Timeline } from './occupancy-timeline.js';
import { byEffectiveTime, describeEvent } from './recorded-event.js';
import type { Aggregate, Recorded, RecordedOf } from './recorded-event.js';
import type { StreamStates } from './stream-log.js';
import { employeeStream } from './stream-ids.js';

export interface EmployeeState {
  readonly registered: RecordedOf<'EmployeeRegistered'> | null;
  readonly promotions: readonly RecordedOf<'RankPromoted'>[];
  readonly occupancy: readonly OccupancyEvent[];
  /** Mentorships the person is in, as mentee (own stream) or mentor (linked in). */
  readonly mentorships: readonly RecordedOf<'MentorAssigned' | 'MentorshipEnded'>[];
}

const EMPLOYEE_EVENTS = [
  'EmployeeRegistered', 'RankPromoted', 'MentorAssigned', 'MentorshipEnded', ...OCCUPANCY_EVENTS,
] as const;

export const employeeAggregate: Aggregate<EmployeeState, (typeof EMPLOYEE_EVENTS)[number]> = {
  eventTypes: EMPLOYEE_EVENTS,
  initialState: { registered: null, promotions: [], occupancy: [], mentorships: [] },
  evolve(state, event) {
    switch (event.type) {
      case 'EmployeeRegistered':
        return { ...state, registered: state.registered ?? event };
      case 'RankPromoted':
        return { ...state, promotions: [...state.promotions, event] };
      case 'MentorAssigned':
      case 'MentorshipEnded':
        return { ...state, mentorships: [...state.mentorships, event] };
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

export type Employee = EmployeeState & { readonly registered: RecordedOf<'EmployeeRegistered'>; readonly timeline: Timeline };

/** The employee with their timeline walked, or NotFoundError. */
export function requireEmployee(states: StreamStates, nip: string): Employee {
  const state = states.fold(employeeAggregate, employeeStream(nip));
  const { registered } = state;
  if (!registered) throw new NotFoundError('employee', nip);
  return { ...state, registered, timeline: walkTimeline(state.occupancy) };
}

/** Refuses anything recorded for an employee separated on or before `date`. */
export function requireNotSeparated(employee: Employee, date: string): void {
  const { separation } = employee.timeline;
  if (separation && separation.effectiveAt <= date) {
    throw conflictWith('employee-separated', `employee ${employee.registered.data.nip} was separated on ${separation.effectiveAt}`, separation);
  }
}

/** The rank in force on `date` and the event that gave it. */
export function rankAt(employee: Employee, date: string): { golongan: Golongan; since: Recorded } {
  let rank: { golongan: Golongan; since: Recorded } = { golongan: employee.registered.data.golongan, since: employee.registered };
  for (const promotion of [...employee.promotions].sort(byEffectiveTime)) {
    if (promotion.effectiveAt <= date) rank = { golongan: promotion.data.toGolongan, since: promotion };
  }
  return rank;
}

export type EmployeeCommand = CommandOfType<'RegisterEmployee' | 'PromoteRank'>;

export function decideEmployeeCommand(command: EmployeeCommand, states: StreamStates, context: DecideContext): Decision {
  switch (command.type) {
    case 'RegisterEmployee': return registerEmployee(command, states, context);
    case 'PromoteRank': return promoteRank(command, states, context);
    default: {
      const unhandled: never = command;
      return unhandled;
    }
  }
}

// checkNipConsistency reports in sentences; each names the record field it compares the NIP with.
const NIP_PROBLEM_FIELDS: readonly [RegExp, string][] = [
  [/birth date/, 'birthDate'], [/gender/, 'gender'], [/TMT CPNS/, 'tmtCpns'],
];

function registerEmployee(command: CommandOfType<'RegisterEmployee'>, states: StreamStates, context: DecideContext): Decision {
  const { nip, name, birthDate, gender, tmtCpns, education, effectiveAt } = command;
  const existing = states.fold(employeeAggregate, employeeStream(nip)).registered;
  if (existing) throw conflictWith('already-exists', `employee ${nip} is already registered`, existing);
  const today = localDate(context.now, context.rules.utcOffsetMinutes);
  const problems = checkNipConsistency(nip, { birthDate, gender, tmtCpns }, today);
  // The NIP knows only the month of the TMT; a day later this month is caught here.
  if (tmtCpns > today && !problems.some((p) => p.includes('after today'))) problems.push(`TMT CPNS ${tmtCpns} is after today (${today})`);
  if (problems.length > 0) {
    throw new ValidationError(problems.map((message) => ({
      path: NIP_PROBLEM_FIELDS.find(([pattern]) => pattern.test(message))?.[1] ?? 'nip', message,
    })));
  }
  const golongan = command.golongan ?? entryGolongan(education);
  return planned(employeeStream(nip), {
    type: 'EmployeeRegistered', data: { nip, name, birthDate, gender, tmtCpns, education, golongan },
  }, effectiveAt);
}

function promoteRank(command: CommandOfType<'PromoteRank'>, states: StreamStates, context: DecideContext): Decision {
  const { nip, toGolongan, kind, effectiveAt } = command;
  const employee = requireEmployee(states, nip);
  requireNotSeparated(employee, effectiveAt);
  const later = [...employee.promotions].sort(byEffectiveTime).find((p) => p.effectiveAt > effectiveAt);
  if (later) {
    throw conflictWith('retroactive-conflict', `a promotion effective ${effectiveAt} would change the rank that a`
      + ` promotion recorded for a later date starts from (${later.data.fromGolongan})`, later);
  }
  const current = rankAt(employee, effectiveAt);
  const steps = stepsBetween(current.golongan, toGolongan);
  if (steps <= 0) {
    throw conflictWith('rank-not-higher', `${toGolongan} is not above ${nip}'s rank ${current.golongan} on ${effectiveAt}`, current.since);
  }
  if (steps > 1 && !allowsSkip(kind)) {
    throw refuse('rank-skip', `a ${kind} promotion goes one step, from ${current.golongan} to`
      + ` ${nextGolongan(current.golongan) ?? current.golongan}, not to ${toGolongan} (rank since ${describeEvent(current.since)})`);
  }
  const decision = planned(employeeStream(nip), {
    type: 'RankPromoted', data: { nip, fromGolongan: current.golongan, toGolongan, kind },
  }, effectiveAt);
  const periods = inForce(context.rules.promotionPeriods, effectiveAt);
  if (periods.includes(effectiveAt.slice(5))) return decision;
  const message = `promotion TMT ${effectiveAt} is not a promotion period date (${periods.join(', ')})`;
  if (context.rules.promotionPeriodPolicy === 'refuse') throw refuse('promotion-period', message);
  return withWarnings(decision, [message]);
}
