// Who held what, when, in effective time: walks one person's occupancy events (definitive positions, acting
// appointments, leave, separation) in TMT order and lists the terms [from, to) and every inconsistency.
// Events may be recorded out of TMT order (retroactive decrees), so order is always re-derived here.
import { PENDING_SEQ, byEffectiveTime, describeEvent } from './recorded-event.js';
import type { RecordedOf } from './recorded-event.js';
import { positionIdsIn } from './stream-ids.js';

export const OCCUPANCY_EVENTS = [
  'PositionAssigned', 'EmployeeTransferred', 'ActingAppointed', 'ActingExtended', 'ActingEnded', 'LeaveStarted',
  'LeaveEnded', 'EmployeeSeparated',
] as const;
export type OccupancyEvent = RecordedOf<(typeof OCCUPANCY_EVENTS)[number]>;

/** A definitive holding of a position: [from, to) in effective time, open-ended while `to` is null. */
export interface Tenure {
  readonly nip: string;
  readonly positionId: string;
  readonly from: string;
  readonly to: string | null;
  readonly start: OccupancyEvent;
  readonly end: OccupancyEvent | null;
}

export interface ActingTerm extends Tenure {
  readonly actingKind: 'PLT' | 'PLH';
  readonly plannedEnd: string;
  readonly extensions: readonly OccupancyEvent[];
}

export interface LeaveTerm {
  readonly nip: string;
  readonly from: string;
  readonly to: string | null;
  readonly start: OccupancyEvent;
  readonly end: OccupancyEvent | null;
}

export interface TimelineProblem {
  readonly event: OccupancyEvent;
  readonly rule: string;
  readonly message: string;
  /** The recorded event the problem event collides with, where there is one. */
  readonly conflicting: OccupancyEvent | null;
}

export interface Timeline {
  readonly tenures: readonly Tenure[];
  readonly actings: readonly ActingTerm[];
  readonly leaves: readonly LeaveTerm[];
  readonly separation: OccupancyEvent | null;
  readonly problems: readonly TimelineProblem[];
}

type Open<T> = { -readonly [K in keyof T]: T[K] };
type Report = (event: OccupancyEvent, rule: string, message: string, conflicting?: OccupancyEvent | null) => void;

/** Walks one person's events. Inconsistent events still take effect, so one slip yields one problem. */
export function walkTimeline(events: readonly OccupancyEvent[]): Timeline {
  const tenures: Tenure[] = [];
  const actings: ActingTerm[] = [];
  const leaves: LeaveTerm[] = [];
  const problems: TimelineProblem[] = [];
  let definitive: Open<Tenure> | null = null;
  const acting = new Map<string, Open<ActingTerm>>();
  let leave: Open<LeaveTerm> | null = null;
  let separation: OccupancyEvent | null = null;
  const problem: Report = (event, rule, message, conflicting = null) => problems.push({ event, rule, message, conflicting });
  const close = <T extends { to: string | null; end: OccupancyEvent | null }>(term: T, event: OccupancyEvent): T =>
    ({ ...term, to: event.effectiveAt, end: event });

  for (const event of [...events].sort(byEffectiveTime)) {
    const { nip } = event.data;
    const held = [...new Set([...(definitive ? [definitive.positionId] : []), ...acting.keys()])];
    if (separation) problem(event, 'employee-separated', `employee ${nip} was separated: ${describeEvent(separation)}`, separation);
    checkLinks(event, held, problem);
    switch (event.type) {
      case 'PositionAssigned':
        if (definitive) {
          problem(event, 'one-definitive-position',
            `employee ${nip} already holds position ${definitive.positionId}: ${describeEvent(definitive.start)}`, definitive.start);
          tenures.push(close(definitive, event));
        }
        definitive = { nip, positionId: event.data.positionId, from: event.effectiveAt, to: null, start: event, end: null };
        break;
      case 'EmployeeTransferred':
        if (definitive?.positionId !== event.data.fromPositionId) {
          problem(event, 'not-holding-position', `employee ${nip} does not hold position ${event.data.fromPositionId}`
            + ` on ${event.effectiveAt}${definitive ? `; holds ${definitive.positionId}: ${describeEvent(definitive.start)}` : ''}`,
          definitive?.start ?? null);
        }
        if (definitive) tenures.push(close(definitive, event));
        definitive = { nip, positionId: event.data.toPositionId, from: event.effectiveAt, to: null, start: event, end: null };
        break;
      case 'ActingAppointed': {
        const { positionId } = event.data;
        const current = acting.get(positionId);
        if (current) {
          problem(event, 'acting-already-active',
            `employee ${nip} already acts in position ${positionId}: ${describeEvent(current.start)}`, current.start);
          actings.push(close(current, event));
        }
        if (definitive?.positionId === positionId) {
          problem(event, 'acting-own-position',
            `employee ${nip} holds position ${positionId} definitively: ${describeEvent(definitive.start)}`, definitive.start);
        }
        acting.set(positionId, {
          nip, positionId, from: event.effectiveAt, to: null, start: event, end: null,
          actingKind: event.data.actingKind, plannedEnd: event.data.plannedEnd, extensions: [],
        });
        break;
      }
      case 'ActingExtended':
      case 'ActingEnded': {
        const { positionId } = event.data;
        const current = acting.get(positionId);
        if (!current) {
          problem(event, 'acting-not-active', `employee ${nip} is not acting in position ${positionId} on ${event.effectiveAt}`);
        } else if (event.type === 'ActingExtended') {
          current.plannedEnd = event.data.plannedEnd;
          current.extensions = [...current.extensions, event];
        } else {
          actings.push(close(current, event));
          acting.delete(positionId);
        }
        break;
      }
      case 'LeaveStarted':
        if (leave) problem(event, 'leave-already-active', `employee ${nip} is already on leave: ${describeEvent(leave.start)}`, leave.start);
        else leave = { nip, from: event.effectiveAt, to: null, start: event, end: null };
        break;
      case 'LeaveEnded':
        if (!leave) problem(event, 'leave-not-active', `employee ${nip} is not on leave on ${event.effectiveAt}`);
        else leaves.push(close(leave, event));
        leave = null;
        break;
      case 'EmployeeSeparated':
        if (definitive) tenures.push(close(definitive, event));
        for (const term of acting.values()) actings.push(close(term, event));
        if (leave) leaves.push(close(leave, event));
        definitive = null;
        acting.clear();
        leave = null;
        separation ??= event;
        break;
      default: {
        const unhandled: never = event;
        throw new Error(`unhandled occupancy event ${JSON.stringify(unhandled)}`);
      }
    }
  }
  if (definitive) tenures.push(definitive);
  actings.push(...acting.values());
  if (leave) leaves.push(leave);
  return { tenures, actings, leaves, separation, problems };
}

// Leave and separation are linked into the positions held when they were recorded; a retroactive change that
// alters those positions would leave a position's stream blind to its holder's absence or departure.
function checkLinks(event: OccupancyEvent, held: readonly string[], problem: Report): void {
  if (event.seq >= PENDING_SEQ) return;
  if (event.type !== 'LeaveStarted' && event.type !== 'LeaveEnded' && event.type !== 'EmployeeSeparated') return;
  const linked = positionIdsIn(event.alsoIn).sort();
  const now = [...held].sort();
  if (linked.join() !== now.join()) {
    problem(event, 'linked-positions-changed', `${describeEvent(event)} was recorded against positions`
      + ` [${linked.join(', ')}] but the employee would then hold [${now.join(', ')}]`);
  }
}

/** The term in force on `date` (from <= date < to). */
export function termAt<T extends { from: string; to: string | null }>(terms: readonly T[], date: string): T | undefined {
  return terms.find((t) => t.from <= date && (t.to === null || date < t.to));
}

/** Terms that overlap [date, ∞): what a new open-ended term from `date` would collide with. */
export function termsFrom<T extends { from: string; to: string | null }>(terms: readonly T[], date: string): T[] {
  return terms.filter((t) => t.to === null || t.to > date).sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}

/** The positions someone holds on `date`, definitively or acting. */
export function positionsHeldAt(timeline: Timeline, date: string): string[] {
  const definitive = termAt(timeline.tenures, date);
  const acting = timeline.actings.filter((t) => t.from <= date && (t.to === null || date < t.to));
  return [...new Set([...(definitive ? [definitive.positionId] : []), ...acting.map((t) => t.positionId)])];
}

/** A position's side: every holder's terms in it, from the events linked into its stream. */
export function positionTimeline(events: readonly OccupancyEvent[], positionId: string): {
  tenures: Tenure[]; actings: ActingTerm[]; leavesByNip: Map<string, readonly LeaveTerm[]>;
} {
  const byNip = new Map<string, OccupancyEvent[]>();
  for (const event of events) byNip.set(event.data.nip, [...(byNip.get(event.data.nip) ?? []), event]);
  const tenures: Tenure[] = [];
  const actings: ActingTerm[] = [];
  const leavesByNip = new Map<string, readonly LeaveTerm[]>();
  for (const [nip, own] of byNip) {
    const timeline = walkTimeline(own);
    tenures.push(...timeline.tenures.filter((t) => t.positionId === positionId));
    actings.push(...timeline.actings.filter((t) => t.positionId === positionId));
    leavesByNip.set(nip, timeline.leaves);
  }
  return { tenures, actings, leavesByNip };
}
