// The opening of the ledger: every unit and position established, the leadership kept staffed chosen from the top
// of the chart down, and the workforce of that day registered and placed (a few leadership seats left vacant).
import type { LegalBasis } from '@estafet/events';
import type { Leadership } from './leadership.js';
import type { SimContext } from './occupancy.js';
import { LEADER_LADDER } from './rank-rules.js';
import { occupancyOf } from './sim-state.js';
import type { Workforce } from './workforce.js';

/** Leadership courses an incumbent already has: the one of their kind and every one below it. */
const COURSE_BITS: Readonly<Record<string, number>> = { JPT_MADYA: 15, JPT_PRATAMA: 7, ADMINISTRATOR: 3, PENGAWAS: 1 };

/** Emits UnitEstablished and PositionEstablished; returns each position's event id. */
export function establishOrganisation(ctx: SimContext, decree: LegalBasis): string[] {
  const { state, emitter } = ctx;
  for (const unit of state.units) {
    emitter.emit('UnitEstablished', { unitId: unit.unitId, name: unit.name, kind: unit.kind, parentUnitId: unit.parentUnitId },
      `unit-${unit.unitId}`, { legalBasis: decree });
  }
  return state.positions.map((p) => {
    const unit = state.units[p.unitIndex];
    if (!unit) throw new Error(`position ${p.positionId} has no unit`);
    return emitter.emit('PositionEstablished', {
      positionId: p.positionId, unitId: unit.unitId, title: p.title, kind: p.kind, eselon: p.eselon, isLeadership: p.isLeadership,
      minimumGolongan: p.minimumGolongan, requiredCompetencies: [...p.requiredCompetencies],
    }, `position-${p.positionId}`);
  });
}

export interface OpeningPlan {
  readonly workforce: Workforce;
  readonly leadership: Leadership;
  readonly staffedLeaders: number;
  readonly openingLeaders: number;
  readonly openingStaff: number;
  readonly establishedEventIds: readonly string[];
}

export function staffOpening(ctx: SimContext, plan: OpeningPlan): void {
  const { state, random } = ctx;
  const depth = state.units.map(() => 0);
  state.units.forEach((unit, i) => {
    let parent = unit.parentUnitId;
    while (parent !== null) {
      depth[i] = (depth[i] ?? 0) + 1;
      parent = state.units[state.unitIndex.get(parent) ?? -1]?.parentUnitId ?? null;
    }
  });
  const rank = (kind: string): number => LEADER_LADDER.findIndex((k) => k === kind);
  const leaders = state.positions.filter((p) => p.isLeadership)
    .sort((a, b) => (depth[a.unitIndex] ?? 0) - (depth[b.unitIndex] ?? 0) || rank(a.kind) - rank(b.kind) || a.index - b.index)
    .slice(0, plan.staffedLeaders);
  for (const p of leaders) {
    occupancyOf(state, p.index).staffed = true;
    state.vacantLeaders.get(p.kind)?.add(p.index);
  }
  for (const p of state.positions) if (p.staffClass !== null) state.vacantStaff[p.staffClass].add(p.index);

  const filled = random.shuffle([...leaders]).slice(0, plan.openingLeaders);
  for (const p of filled) {
    const person = plan.workforce.hire(p, false);
    // Incumbents have been in post for a while: spread their tenure so rotations do not all fall due at once.
    person.appointedDay = ctx.day - random.int(0, 3 * 365);
    person.leadershipCourses = COURSE_BITS[p.kind] ?? 0;
    plan.workforce.scheduleRetirement(person);
  }
  const seats = random.shuffle(state.positions.filter((p) => p.staffClass !== null)).slice(0, plan.openingStaff);
  for (const p of seats) {
    const person = plan.workforce.hire(p, false);
    person.appointedDay = ctx.day - random.int(0, 8 * 365);
    plan.workforce.scheduleRetirement(person);
  }
  for (const p of leaders) {
    if (occupancyOf(state, p.index).holder < 0) plan.leadership.onLeaderVacated(p.index, plan.establishedEventIds[p.index] ?? 'opening');
  }
}
