// The simulation's mutable state: people, the occupancy of every position (definitive holder, acting official,
// vacancy epoch, nominated successors) and the indexes the processes sample from (vacant seats, leaders by kind).
import type { Education, JabatanKind } from '@estafet/events';
import type { GenPosition } from './build-positions.js';
import type { GenUnit } from './build-units.js';
import type { StaffClass } from './rank-rules.js';
import type { SimRandom } from './sim-random.js';

export interface Person {
  readonly idx: number;
  readonly nip: string;
  readonly stream: string;
  readonly birthDate: string;
  readonly gender: 'M' | 'F';
  readonly education: Education;
  readonly tmtCpnsDay: number;
  /** golonganIndex of the current rank. */
  gol: number;
  lastPromotionDay: number;
  positionIdx: number;
  actingIdx: number;
  /** Planned end of the current long leave, or -1 when not on leave. */
  leaveUntil: number;
  separated: boolean;
  /** When the current definitive position was taken (tenure counts from here). */
  appointedDay: number;
  /** The retirement TMT at BUP 58 (JPT holders are kept on to 60 when it comes). */
  retireDay: number;
  /** Leadership courses completed, one bit per leadership kind. */
  leadershipCourses: number;
}

export interface PositionState {
  holder: number;
  acting: number;
  actingKind: 'PLT' | 'PLH' | null;
  actingExtended: boolean;
  /** Bumped whenever the position is vacated or filled, so stale scheduled work recognises itself. */
  epoch: number;
  /** Leadership the generator keeps staffed (all of it at full scale; the top of the chart in small runs). */
  staffed: boolean;
  nominees: number[];
}

/** A set of small integers with O(1) add, remove and random pick. */
export interface IndexedSet {
  add(value: number): void;
  remove(value: number): void;
  has(value: number): boolean;
  pick(random: SimRandom): number | undefined;
  values(): readonly number[];
  readonly size: number;
}

export const createIndexedSet = (): IndexedSet => {
  const items: number[] = [];
  const where = new Map<number, number>();
  return {
    add(value) {
      if (where.has(value)) return;
      where.set(value, items.length);
      items.push(value);
    },
    remove(value) {
      const at = where.get(value);
      if (at === undefined) return;
      const last = items.pop();
      where.delete(value);
      if (last !== undefined && at < items.length) {
        items[at] = last;
        where.set(last, at);
      }
    },
    has: (value) => where.has(value),
    pick: (random) => (items.length === 0 ? undefined : items[random.int(0, items.length - 1)]),
    values: () => items,
    get size() {
      return items.length;
    },
  };
};

export interface SimState {
  readonly units: readonly GenUnit[];
  readonly unitIndex: ReadonlyMap<string, number>;
  readonly positions: readonly GenPosition[];
  readonly occupancy: PositionState[];
  readonly people: Person[];
  readonly active: IndexedSet;
  /** Vacant staff seats by class; recruits and transfers draw from them. */
  readonly vacantStaff: Readonly<Record<StaffClass, IndexedSet>>;
  /** Vacant staffed leadership positions by kind: where rotation rounds move leaders to. */
  readonly vacantLeaders: ReadonlyMap<JabatanKind, IndexedSet>;
  readonly leadersByKind: ReadonlyMap<JabatanKind, readonly number[]>;
  /** Leadership positions by `${root}|${kind}`, to look for successors close to home first. */
  readonly leadersByRootKind: ReadonlyMap<string, readonly number[]>;
  readonly staffByRoot: ReadonlyMap<string, readonly number[]>;
  /** The leadership position heading each unit. */
  readonly headOfUnit: readonly number[];
  /** Child units of each unit. */
  readonly childUnits: readonly (readonly number[])[];
}

const push = <K>(map: Map<K, number[]>, key: K, value: number): void => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

export function createSimState(units: readonly GenUnit[], positions: readonly GenPosition[]): SimState {
  const unitIndex = new Map(units.map((u, i) => [u.unitId, i]));
  const leadersByKind = new Map<JabatanKind, number[]>();
  const leadersByRootKind = new Map<string, number[]>();
  const staffByRoot = new Map<string, number[]>();
  const headOfUnit: number[] = units.map(() => -1);
  const childUnits: number[][] = units.map(() => []);
  units.forEach((unit, i) => {
    const parent = unit.parentUnitId === null ? undefined : unitIndex.get(unit.parentUnitId);
    if (parent !== undefined) childUnits[parent]?.push(i);
  });
  for (const position of positions) {
    const unit = units[position.unitIndex];
    if (!unit) throw new Error(`position ${position.positionId} has no unit`);
    if (position.isLeadership) {
      headOfUnit[position.unitIndex] = position.index;
      push(leadersByKind, position.kind, position.index);
      push(leadersByRootKind, `${unit.root}|${position.kind}`, position.index);
    } else {
      push(staffByRoot, unit.root, position.index);
    }
  }
  const vacantLeaders = new Map<JabatanKind, IndexedSet>();
  for (const kind of leadersByKind.keys()) vacantLeaders.set(kind, createIndexedSet());
  return {
    units, unitIndex, positions,
    occupancy: positions.map(() => ({ holder: -1, acting: -1, actingKind: null, actingExtended: false, epoch: 0, staffed: false, nominees: [] })),
    people: [],
    active: createIndexedSet(),
    vacantStaff: { AHLI: createIndexedSet(), TERAMPIL: createIndexedSet(), PELAKSANA: createIndexedSet() },
    vacantLeaders, leadersByKind, leadersByRootKind, staffByRoot, headOfUnit, childUnits,
  };
}

export const positionOf = (state: SimState, index: number): GenPosition => {
  const position = state.positions[index];
  if (!position) throw new RangeError(`no position ${index}`);
  return position;
};

export const occupancyOf = (state: SimState, index: number): PositionState => {
  const occupancy = state.occupancy[index];
  if (!occupancy) throw new RangeError(`no position ${index}`);
  return occupancy;
};

export const personOf = (state: SimState, idx: number): Person => {
  const person = state.people[idx];
  if (!person) throw new RangeError(`no person ${idx}`);
  return person;
};

export const unitOfPosition = (state: SimState, index: number): GenUnit => {
  const unit = state.units[positionOf(state, index).unitIndex];
  if (!unit) throw new RangeError(`position ${index} has no unit`);
  return unit;
};

/** Free to take on something new: in service, not on leave, not already acting somewhere. */
export const isAvailable = (person: Person): boolean => !person.separated && person.leaveUntil < 0 && person.actingIdx < 0;
