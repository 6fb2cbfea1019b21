// Leadership mobility: a vacancy gets a Plt within days at most positions (3 months, extended once, replaced after),
// and a definitive holder after selection, by promotion from the level below or by rotation; rotation rounds move
// leaders every two to three years along chains of vacancies; a leader on long leave may get a Plh.
import type { JabatanKind } from '@estafet/events';
import { PHASE } from './agenda.js';
import { appointActing, extendActing, endActing, transfer } from './occupancy.js';
import type { SimContext } from './occupancy.js';
import { LEADER_LADDER } from './rank-rules.js';
import { addMonthsDay, nextWorkingDay, yearOf, monthStart } from './sim-calendar.js';
import { isAvailable, occupancyOf, personOf, positionOf, unitOfPosition } from './sim-state.js';
import type { Person } from './sim-state.js';

/** Share of leadership vacancies that get a Plt (DOMAIN.md: "a Plt at most leadership vacancies"). */
const PLT_SHARE = 0.88;
const ACTING_MONTHS = 3;
const YEAR = 365;

export interface Leadership {
  onLeaderVacated(idx: number, causeEventId: string): void;
  onCoverLost(idx: number, causeEventId: string): void;
  /** Names a Plh for a leader starting long leave, if someone suitable is free. */
  coverLeave(holder: Person): void;
  /** Schedules the rotation rounds (pelantikan) of a year. */
  planRotationRounds(year: number): void;
}

export function createLeadership(ctx: SimContext): Leadership {
  const { state, random, agenda } = ctx;
  /** Months in post after which a leader is due for rotation: 24 to 36, fixed per person. */
  const dueAfterDays = (person: Person): number => Math.round((24 + ((person.idx * 7919) % 13)) * 30.44);

  const candidateOk = (person: Person | undefined, idx: number, minTenureDays: number): person is Person =>
    person !== undefined && isAvailable(person) && person.positionIdx >= 0 && person.positionIdx !== idx
    && person.gol >= positionOf(state, idx).minGol && person.retireDay > ctx.day + 200
    && person.appointedDay <= ctx.day - minTenureDays;

  const holderOf = (positionIdx: number): Person | undefined => {
    const holder = occupancyOf(state, positionIdx).holder;
    return holder < 0 ? undefined : state.people[holder];
  };

  /** The usual acting official: the unit's secretary, a fellow head under the same parent, then the superior. */
  const findActing = (idx: number, exclude: number): Person | undefined => {
    const position = positionOf(state, idx);
    const unitIdx = position.unitIndex;
    const unit = unitOfPosition(state, idx);
    const parentIdx = unit.parentUnitId === null ? -1 : state.unitIndex.get(unit.parentUnitId) ?? -1;
    const children = state.childUnits[unitIdx] ?? [];
    const siblings = parentIdx < 0 ? topLevelUnits() : state.childUnits[parentIdx] ?? [];
    const secretaries = children.filter((u) => state.units[u]?.kind === 'SEKRETARIAT');
    const ordered = [...secretaries, ...random.shuffle(siblings.filter((u) => u !== unitIdx)), ...(parentIdx < 0 ? [] : [parentIdx]), ...children];
    for (const u of ordered) {
      const candidate = holderOf(state.headOfUnit[u] ?? -1);
      if (candidate?.idx !== exclude && candidateOk(candidate, idx, 0)) return candidate;
    }
    return sample(state.leadersByRootKind.get(`${unit.root}|${position.kind}`) ?? [], idx, 0, 12, exclude)
      ?? sample(state.leadersByKind.get(position.kind) ?? [], idx, 0, 12, exclude);
  };

  let topLevel: number[] | null = null;
  const topLevelUnits = (): number[] => (topLevel ??= state.units.flatMap((u, i) => (u.parentUnitId === null ? [i] : [])));

  /** A random holder of one of `positions` who may take `idx`, found in a bounded number of draws. */
  const sample = (positions: readonly number[], idx: number, minTenureDays: number, tries: number, exclude = -1, due = false): Person | undefined => {
    if (positions.length === 0) return undefined;
    for (let t = 0; t < tries; t += 1) {
      const candidate = holderOf(random.pick(positions));
      if (candidate?.idx === exclude || !candidateOk(candidate, idx, minTenureDays)) continue;
      if (due && candidate.appointedDay > ctx.day - dueAfterDays(candidate)) continue;
      return candidate;
    }
    return undefined;
  };

  const kindBelow = (kind: JabatanKind): JabatanKind | null => {
    const at = LEADER_LADDER.indexOf(kind);
    return at < 0 ? null : LEADER_LADDER[at + 1] ?? null;
  };

  const findSuccessor = (idx: number): { person: Person; reason: 'PROMOTION' | 'ROTATION' } | undefined => {
    const position = positionOf(state, idx);
    const root = unitOfPosition(state, idx).root;
    const occupancy = occupancyOf(state, idx);
    for (const nominee of occupancy.nominees) {
      const person = state.people[nominee];
      if (candidateOk(person, idx, YEAR)) return { person, reason: rankOfHeld(person) === position.kind ? 'ROTATION' : 'PROMOTION' };
    }
    // The Plt often becomes the definitive holder.
    const acting = state.people[occupancy.acting];
    if (acting !== undefined && random.chance(0.35) && acting.gol >= position.minGol && acting.leaveUntil < 0 && acting.retireDay > ctx.day + 200) {
      return { person: acting, reason: rankOfHeld(acting) === position.kind ? 'ROTATION' : 'PROMOTION' };
    }
    if (random.chance(0.35)) {
      const lateral = sample(state.leadersByKind.get(position.kind) ?? [], idx, YEAR, 20, -1, true);
      if (lateral) return { person: lateral, reason: 'ROTATION' };
    }
    const below = kindBelow(position.kind);
    const pool = below === null ? [] : state.leadersByRootKind.get(`${root}|${below}`) ?? [];
    const promoted = sample(pool, idx, YEAR, 30)
      ?? (below === null ? undefined : sample(state.leadersByKind.get(below) ?? [], idx, YEAR, 40))
      // Pengawas come from staff; in small runs, where lower ranks are unstaffed, open selection reaches staff too.
      ?? sample(state.staffByRoot.get(root) ?? [], idx, 2 * YEAR, 60)
      ?? sample(allStaff(), idx, 2 * YEAR, 80);
    if (promoted) return { person: promoted, reason: 'PROMOTION' };
    const lateral = sample(state.leadersByKind.get(position.kind) ?? [], idx, YEAR, 30);
    return lateral ? { person: lateral, reason: 'ROTATION' } : undefined;
  };

  let staffList: number[] | null = null;
  const allStaff = (): number[] => (staffList ??= state.positions.flatMap((p) => (p.isLeadership ? [] : [p.index])));

  const rankOfHeld = (person: Person): JabatanKind | null => (person.positionIdx < 0 ? null : positionOf(state, person.positionIdx).kind);

  const appointPlt = (idx: number, epoch: number, cause: string | null, exclude: number): void => {
    const occupancy = occupancyOf(state, idx);
    if (occupancy.epoch !== epoch || occupancy.holder >= 0 || occupancy.acting >= 0) return;
    const person = findActing(idx, exclude);
    if (!person) return;
    const plannedEnd = addMonthsDay(ctx.day, ACTING_MONTHS);
    appointActing(ctx, person, idx, 'PLT', plannedEnd, cause);
    agenda.at(plannedEnd, PHASE.COVER, () => reviewPlt(idx, epoch, person.idx));
  };

  /** At the end of a Plt term: extend once; after that the decree lapses and someone else is appointed. */
  const reviewPlt = (idx: number, epoch: number, personIdx: number): void => {
    const occupancy = occupancyOf(state, idx);
    if (occupancy.epoch !== epoch || occupancy.acting !== personIdx || occupancy.actingKind !== 'PLT') return;
    if (!occupancy.actingExtended) {
      const plannedEnd = addMonthsDay(ctx.day, ACTING_MONTHS);
      extendActing(ctx, idx, plannedEnd);
      agenda.at(plannedEnd, PHASE.COVER, () => reviewPlt(idx, epoch, personIdx));
      return;
    }
    const eventId = endActing(ctx, idx, 'COMPLETED');
    agenda.at(ctx.day + random.int(1, 10), PHASE.COVER, () => appointPlt(idx, epoch, eventId, personIdx));
  };

  const fill = (idx: number, epoch: number): void => {
    const occupancy = occupancyOf(state, idx);
    if (occupancy.epoch !== epoch || occupancy.holder >= 0) return;
    const found = findSuccessor(idx);
    if (!found) {
      agenda.at(nextWorkingDay(ctx.day + random.int(30, 60)), PHASE.MOVE, () => fill(idx, epoch));
      return;
    }
    transfer(ctx, found.person, idx, found.reason);
  };

  const fillDelay = (): number => (random.chance(0.85) ? random.int(20, 120) : random.int(120, 240));

  const rotationRound = (): void => {
    for (const kind of ['JPT_PRATAMA', 'ADMINISTRATOR', 'PENGAWAS'] as const) {
      const slots = [...(state.vacantLeaders.get(kind)?.values() ?? [])];
      if (slots.length === 0) continue;
      const due = (state.leadersByKind.get(kind) ?? []).flatMap((idx) => {
        const person = holderOf(idx);
        return person !== undefined && occupancyOf(state, idx).staffed && isAvailable(person) && person.retireDay > ctx.day + 200
          && person.appointedDay <= ctx.day - dueAfterDays(person) ? [person] : [];
      });
      for (const person of random.shuffle(due)) {
        const at = random.int(0, slots.length - 1);
        const slot = slots[at];
        if (slot === undefined || slot === person.positionIdx || person.gol < positionOf(state, slot).minGol) continue;
        const from = person.positionIdx;
        transfer(ctx, person, slot, 'ROTATION');
        // The seat just left is the next link of the chain.
        slots[at] = from;
      }
    }
  };

  return {
    onLeaderVacated(idx, causeEventId) {
      const epoch = occupancyOf(state, idx).epoch;
      if (random.chance(PLT_SHARE)) {
        agenda.at(nextWorkingDay(ctx.day + random.int(0, 6)), PHASE.COVER, () => appointPlt(idx, epoch, causeEventId, -1));
      }
      agenda.at(nextWorkingDay(ctx.day + fillDelay()), PHASE.MOVE, () => fill(idx, epoch));
    },
    onCoverLost(idx, causeEventId) {
      const occupancy = occupancyOf(state, idx);
      const epoch = occupancy.epoch;
      if (occupancy.staffed) agenda.at(nextWorkingDay(ctx.day + random.int(1, 7)), PHASE.COVER, () => appointPlt(idx, epoch, causeEventId, -1));
    },
    coverLeave(holder) {
      const idx = holder.positionIdx;
      if (idx < 0 || !positionOf(state, idx).isLeadership || occupancyOf(state, idx).acting >= 0) return;
      const person = findActing(idx, holder.idx);
      if (!person) return;
      const until = holder.leaveUntil;
      const plannedEnd = Math.min(until, addMonthsDay(ctx.day, ACTING_MONTHS));
      appointActing(ctx, person, idx, 'PLH', plannedEnd, null);
      if (until > plannedEnd) {
        agenda.at(plannedEnd, PHASE.COVER, () => {
          const occupancy = occupancyOf(state, idx);
          if (occupancy.acting === person.idx && occupancy.actingKind === 'PLH' && !occupancy.actingExtended && personOf(state, holder.idx).leaveUntil === until) {
            extendActing(ctx, idx, until);
          }
        });
      }
    },
    planRotationRounds(year) {
      for (const month of [0, 3, 6, 9]) {
        const day = nextWorkingDay(monthStart(year, month) + random.int(4, 24));
        if (day >= ctx.day && yearOf(day) === year) agenda.at(day, PHASE.MOVE, rotationRound);
      }
    },
  };
}
