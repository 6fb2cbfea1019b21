// What a consistent stream history looks like, checked after the fact: a correction or retraction must not
// leave a stream whose later events no longer make sense (a transfer out of a position never held, two
// holders at once, a promotion from a rank never reached, events of something never established).
import { allowsSkip, stepsBetween } from '@estafet/events';
import type { EventType } from '@estafet/events';
import { employeeAggregate } from './employee-decider.js';
import { positionTimeline, walkTimeline } from './occupancy-timeline.js';
import type { Tenure } from './occupancy-timeline.js';
import { positionAggregate } from './position-decider.js';
import { byEffectiveTime, foldEvents } from './recorded-event.js';
import type { Recorded } from './recorded-event.js';
import type { StreamLog } from './stream-log.js';

export interface HistoryProblem {
  readonly event: Recorded;
  readonly message: string;
}

const CREATION: Record<string, EventType> = {
  unit: 'UnitEstablished', position: 'PositionEstablished', employee: 'EmployeeRegistered',
  program: 'ProgramRegistered', complaint: 'ComplaintReceived',
};

export function historyProblems(log: StreamLog): HistoryProblem[] {
  const kind = log.streamId.slice(0, log.streamId.indexOf('-'));
  const problems: HistoryProblem[] = [];
  const creation = CREATION[kind];
  const own = log.events.filter((e) => e.streamId === log.streamId);
  const first = own.find((e) => e.type !== creation);
  if (creation !== undefined && first && !own.some((e) => e.type === creation)) {
    problems.push({ event: first, message: `the stream has events but no ${creation}` });
  }
  if (kind === 'employee') problems.push(...employeeProblems(log));
  if (kind === 'position') problems.push(...positionProblems(log));
  return problems;
}

function employeeProblems(log: StreamLog): HistoryProblem[] {
  const employee = foldEvents(employeeAggregate, log.events);
  const problems: HistoryProblem[] = [...walkTimeline(employee.occupancy).problems];
  let rank = employee.registered?.data.golongan;
  for (const promotion of [...employee.promotions].sort(byEffectiveTime)) {
    const { fromGolongan, toGolongan, kind } = promotion.data;
    if (rank !== undefined && fromGolongan !== rank) {
      problems.push({ event: promotion, message: `the promotion starts from ${fromGolongan} but the rank then is ${rank}` });
    }
    const steps = stepsBetween(fromGolongan, toGolongan);
    if (steps <= 0 || (steps > 1 && !allowsSkip(kind))) {
      problems.push({ event: promotion, message: `a ${kind} promotion cannot go from ${fromGolongan} to ${toGolongan}` });
    }
    rank = toGolongan;
  }
  return problems;
}

function positionProblems(log: StreamLog): HistoryProblem[] {
  const position = foldEvents(positionAggregate, log.events);
  const positionId = log.streamId.slice('position-'.length);
  const { tenures, actings } = positionTimeline(position.occupancy, positionId);
  return [...overlaps(tenures, 'holders'), ...overlaps(actings, 'acting officials')];
}

function overlaps(terms: readonly Tenure[], what: string): HistoryProblem[] {
  const sorted = [...terms].sort((a, b) => byEffectiveTime(a.start, b.start));
  const problems: HistoryProblem[] = [];
  sorted.forEach((a, i) => {
    for (const b of sorted.slice(i + 1)) {
      if (a.to === null || a.to > b.from) {
        problems.push({ event: b.start, message: `two ${what} at once: ${a.nip} from ${a.from} and ${b.nip} from ${b.from}` });
      }
    }
  });
  return problems;
}
