// The rank-and-file flows: promotions in rank on the promotion calendar, staff transfers (8-12 % a year with the
// leaders' moves), long leave, retirement at BUP and other exits, and yearly CPNS recruitment to keep the head count.
import type { GenPosition } from './build-positions.js';
import type { GenUnit } from './build-units.js';
import { PHASE } from './agenda.js';
import type { Leadership } from './leadership.js';
import { assign, endLeave, promoteRank, register, separate, startLeave, transfer } from './occupancy.js';
import type { SimContext } from './occupancy.js';
import type { PeopleFactory } from './people-factory.js';
import { BUP_YEARS_JPT, EXIT_RATES, PROMOTION_PERIODS, STAFF_TRANSFER_RATE, YEARS_IN_RANK, educationCeiling, inForce, isJpt, rankCeiling } from './rank-rules.js';
import type { StaffClass } from './rank-rules.js';
import { DAYS_PER_YEAR, dayOf, firstOfMonthAfterBirthday, fullYears, isoOf, nextWorkingDay } from './sim-calendar.js';
import { isAvailable, positionOf } from './sim-state.js';
import type { Person } from './sim-state.js';

export interface Workforce {
  /** Schedules what will happen to this person during [from, to): transfers, leave, exits. */
  planYear(person: Person, from: number, to: number): void;
  /** Schedules the promotion periods and the CPNS intake of a calendar year. */
  planCalendar(year: number): void;
  scheduleRetirement(person: Person): void;
  /** Registers someone for `position` and places them there (opening of the ledger or recruitment). */
  hire(position: GenPosition, recruited: boolean): Person;
}

const STAFF_CLASSES: readonly StaffClass[] = ['AHLI', 'TERAMPIL', 'PELAKSANA'];

/** Female share by the kind of unit: teachers and health workers are mostly women, firefighters mostly men. */
export const femaleShare = (unit: GenUnit | undefined, position: GenPosition): number => {
  if (!unit) return 0.5;
  if (unit.root === 'gulkarmat' || unit.root === 'satpolpp') return position.staffClass === 'AHLI' ? 0.4 : 0.12;
  if (unit.root === 'disdik' || unit.root === 'dinkes') return 0.68;
  return position.isLeadership ? 0.38 : 0.5;
};

export function createWorkforce(ctx: SimContext, deps: {
  people: PeopleFactory; leadership: Leadership; targetHeadcount: number; onHired: (person: Person, recruited: boolean) => void;
}): Workforce {
  const { state, random, agenda } = ctx;

  const heldClass = (person: Person): ReturnType<typeof positionOf>['kind'] | StaffClass | null => {
    if (person.positionIdx < 0) return null;
    const position = positionOf(state, person.positionIdx);
    return position.staffClass ?? position.kind;
  };

  const promotionRound = (): void => {
    const minDays = YEARS_IN_RANK * DAYS_PER_YEAR - 20;
    for (const idx of [...state.active.values()]) {
      const person = state.people[idx];
      if (!person || person.separated || ctx.day - person.lastPromotionDay < minDays) continue;
      if (person.gol >= rankCeiling(person.education, heldClass(person))) continue;
      // Not everyone is promoted the first period they qualify: appraisal, paperwork, discipline.
      if (!random.chance(0.78)) continue;
      promoteRank(ctx, person, person.gol + 1 > educationCeiling(person.education) ? 'PILIHAN' : 'REGULER');
    }
  };

  const staffTransfer = (person: Person): void => {
    if (!isAvailable(person) || person.positionIdx < 0 || person.appointedDay > ctx.day - 300) return;
    const current = positionOf(state, person.positionIdx);
    if (current.staffClass === null) return;
    const own = state.vacantStaff[current.staffClass];
    const pool = own.size > 0 ? own : state.vacantStaff[random.pick(STAFF_CLASSES)];
    const target = pool.pick(random);
    if (target === undefined || person.gol < positionOf(state, target).minGol) return;
    const r = random.next();
    transfer(ctx, person, target, r < 0.7 ? 'ROTATION' : r < 0.95 ? 'OWN_REQUEST' : r < 0.98 ? 'RESTRUCTURING' : 'DISCIPLINARY');
  };

  const longLeave = (person: Person): void => {
    if (!isAvailable(person) || person.positionIdx < 0) return;
    const age = fullYears(person.birthDate, isoOf(ctx.day));
    const r = random.next();
    const maternity = person.gender === 'F' && age < 42 && r < 0.6;
    const kind = maternity ? 'MELAHIRKAN' : r < 0.8 ? 'SAKIT' : 'BESAR';
    const days = kind === 'MELAHIRKAN' ? 90 : kind === 'SAKIT' ? random.int(14, 150) : random.int(30, 90);
    const until = nextWorkingDay(ctx.day + days);
    if (person.retireDay <= until + 30) return;
    startLeave(ctx, person, kind, until);
    if (positionOf(state, person.positionIdx).isLeadership && random.chance(0.75)) {
      agenda.at(nextWorkingDay(ctx.day + random.int(1, 3)), PHASE.COVER, () => {
        if (person.leaveUntil === until && !person.separated) deps.leadership.coverLeave(person);
      });
    }
    agenda.at(until, PHASE.EXIT, () => {
      if (person.leaveUntil === until && !person.separated) endLeave(ctx, person);
    });
  };

  const retire = (person: Person): void => {
    if (person.separated) return;
    const held = person.positionIdx < 0 ? null : positionOf(state, person.positionIdx).kind;
    const at60 = firstOfMonthAfterBirthday(person.birthDate, BUP_YEARS_JPT);
    if (held !== null && isJpt(held) && ctx.day < at60) {
      agenda.at(at60, PHASE.EXIT, () => retire(person));
      return;
    }
    separate(ctx, person, 'RETIREMENT');
  };

  const hire = (position: GenPosition, recruited: boolean): Person => {
    const unit = state.units[position.unitIndex];
    const profile = recruited ? deps.people.recruit(position, ctx.day, femaleShare(unit, position))
      : deps.people.incumbent(position, ctx.day, femaleShare(unit, position));
    const person = register(ctx, profile, recruited);
    assign(ctx, person, position.index);
    deps.onHired(person, recruited);
    return person;
  };

  const recruitment = (): void => {
    const wanted = deps.targetHeadcount - state.active.size;
    const seats = STAFF_CLASSES.reduce((n, c) => n + state.vacantStaff[c].size, 0);
    const intake = Math.min(seats, Math.max(0, Math.round(wanted * (0.97 + random.next() * 0.06))));
    for (let i = 0; i < intake; i += 1) {
      // Formations follow where the vacancies are; a pelaksana seat can take any applicant.
      const cls = random.weighted(STAFF_CLASSES, (c) => state.vacantStaff[c].size);
      const seat = state.vacantStaff[cls].pick(random);
      if (seat === undefined) break;
      const person = hire(positionOf(state, seat), true);
      scheduleRetirement(person);
      planYear(person, ctx.day + 1, yearEnd(ctx.day));
    }
  };

  const yearEnd = (day: number): number => dayOf(`${isoOf(day).slice(0, 4)}-12-31`) + 1;

  const scheduleRetirement = (person: Person): void => {
    agenda.at(Math.max(person.retireDay, ctx.day), PHASE.EXIT, () => retire(person));
  };

  const planYear = (person: Person, from: number, to: number): void => {
    const span = to - from;
    if (span <= 0) return;
    const share = span / DAYS_PER_YEAR;
    const when = (): number => nextWorkingDay(from + random.int(0, span - 1));
    const position = person.positionIdx < 0 ? undefined : positionOf(state, person.positionIdx);
    if (position !== undefined && position.staffClass !== null && random.chance(STAFF_TRANSFER_RATE * share)) {
      agenda.at(when(), PHASE.MOVE, () => staffTransfer(person));
    }
    const leaveRate = person.gender === 'F' && fullYears(person.birthDate, isoOf(from)) < 40 ? 0.05 : 0.015;
    if (random.chance(leaveRate * share)) agenda.at(when(), PHASE.MOVE, () => longLeave(person));
    for (const reason of ['DEATH', 'RESIGNATION', 'TRANSFER_OUT', 'DISMISSAL'] as const) {
      if (random.chance(EXIT_RATES[reason] * share)) {
        agenda.at(when(), PHASE.EXIT, () => {
          if (!person.separated && person.retireDay > ctx.day) separate(ctx, person, reason);
        });
      }
    }
  };

  return {
    planYear,
    scheduleRetirement,
    hire,
    planCalendar(year) {
      for (const mmdd of inForce(PROMOTION_PERIODS, `${year}-06-30`)) {
        const day = dayOf(`${year}-${mmdd}`);
        if (day >= ctx.day) agenda.at(day, PHASE.MOVE, promotionRound);
      }
      const intake = dayOf(`${year}-03-01`);
      if (intake > ctx.day) agenda.at(intake, PHASE.MOVE, recruitment);
    },
  };
}
