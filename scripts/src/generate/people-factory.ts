// Synthetic civil servants: birth date, education, TMT CPNS and a rank that fits both the education and the years
// of service, a NIP built from them (unique, serial bumped on collision) and an Indonesian-sounding name.
import { entryGolongan, golonganIndex, makeNip } from '@estafet/events';
import type { Education } from '@estafet/events';
import { syntheticName } from '../demo/synthetic-names.js';
import type { GenPosition } from './build-positions.js';
import { ENTRY_AGE, YEARS_IN_RANK, rankCeiling } from './rank-rules.js';
import { DAYS_PER_YEAR, dayOf, isoOf, monthStart, yearOf } from './sim-calendar.js';
import type { SimRandom } from './sim-random.js';

export interface Profile {
  readonly nip: string;
  readonly name: string;
  readonly birthDate: string;
  readonly gender: 'M' | 'F';
  readonly tmtCpnsDay: number;
  readonly education: Education;
  readonly gol: number;
  readonly lastPromotionDay: number;
}

const MIDDLE_M = ['Agus', 'Budi', 'Dwi', 'Eka', 'Tri', 'Rahmat', 'Arif', 'Andi', 'Muhammad', 'Ahmad', 'Yudi', 'Hadi'];
const MIDDLE_F = ['Sri', 'Dwi', 'Eka', 'Tri', 'Nur', 'Siti', 'Rina', 'Dian', 'Ika', 'Novi', 'Lia', 'Wahyuni'];

type Weights = readonly (readonly [Education, number])[];

const EDUCATION_BY_HOLDING: Readonly<Record<string, Weights>> = {
  JPT: [['S2', 85], ['S3', 10], ['S1', 5]],
  ADMINISTRATOR: [['S2', 45], ['S1', 55]],
  PENGAWAS: [['S1', 70], ['S2', 15], ['D4', 10], ['D3', 5]],
  AHLI: [['S1', 72], ['S2', 13], ['D4', 15]],
  TERAMPIL: [['D3', 60], ['SMA', 40]],
  PELAKSANA: [['SMA', 52], ['D3', 12], ['S1', 28], ['SMP', 4], ['SD', 4]],
};

/** Age range (at the start of the history) of people holding each kind of position. */
const AGE_BY_HOLDING: Readonly<Record<string, readonly [number, number]>> = {
  JPT: [46, 56], ADMINISTRATOR: [38, 56], PENGAWAS: [31, 56], AHLI: [23, 57], TERAMPIL: [21, 57], PELAKSANA: [20, 57],
};

const holdingOf = (position: GenPosition): string =>
  position.kind === 'JPT_MADYA' || position.kind === 'JPT_PRATAMA' ? 'JPT' : position.staffClass ?? position.kind;

export interface PeopleFactory {
  /** Someone who already holds `position` on `day` (the opening of the ledger). */
  incumbent(position: GenPosition, day: number, femaleShare: number): Profile;
  /** A new CPNS recruited on `day` for `position`. */
  recruit(position: GenPosition, day: number, femaleShare: number): Profile;
}

export function createPeopleFactory(random: SimRandom): PeopleFactory {
  const serials = new Map<string, number>();

  const pickEducation = (weights: Weights, position: GenPosition): Education => {
    for (let tries = 0; tries < 10; tries += 1) {
      const [education] = random.weighted(weights, ([, w]) => w);
      // The entry rank alone may not reach the seat's minimum (a terampil seat needs II/a): draw again.
      if (position.minGol < 0 || rankCeiling(education, position.staffClass ?? position.kind) >= position.minGol) return education;
    }
    return 'S1';
  };

  const nipFor = (birthDate: string, tmtCpnsDay: number, gender: 'M' | 'F'): string => {
    const tmtCpns = isoOf(tmtCpnsDay).slice(0, 7);
    const prefix = `${birthDate}|${tmtCpns}|${gender}`;
    const serial = (serials.get(prefix) ?? 0) + 1;
    serials.set(prefix, serial);
    return makeNip({ birthDate, tmtCpns, gender, serial });
  };

  const name = (gender: 'M' | 'F'): string => {
    const base = syntheticName(random, gender);
    if (!random.chance(0.6)) return base;
    const [given, ...rest] = base.split(' ');
    return [given, random.pick(gender === 'M' ? MIDDLE_M : MIDDLE_F), ...rest].join(' ');
  };

  const birthDateFor = (day: number, age: number): string => {
    const birthDay = day - Math.round(age * DAYS_PER_YEAR) - random.int(0, 364);
    return isoOf(birthDay);
  };

  const build = (position: GenPosition, birthDate: string, tmtCpnsDay: number, education: Education, gol: number, lastPromotionDay: number, femaleShare: number): Profile => {
    const gender = random.chance(femaleShare) ? 'F' : 'M';
    return { nip: nipFor(birthDate, tmtCpnsDay, gender), name: name(gender), birthDate, gender, tmtCpnsDay, education, gol, lastPromotionDay };
  };

  return {
    incumbent(position, day, femaleShare) {
      const holding = holdingOf(position);
      const education = pickEducation(EDUCATION_BY_HOLDING[holding] ?? EDUCATION_BY_HOLDING.PELAKSANA ?? [], position);
      const [minAge, maxAge] = AGE_BY_HOLDING[holding] ?? [20, 57];
      const [entryMin, entryMax] = ENTRY_AGE[education];
      // Skewed towards older ages: the provincial workforce averages well over forty.
      const age = Math.max(minAge, entryMin + 1, Math.floor(minAge + (maxAge - minAge + 1) * Math.pow(random.next(), 0.8)));
      const entryAge = random.int(entryMin, Math.max(entryMin, Math.min(entryMax, age - 1)));
      const birthDate = birthDateFor(day, age);
      const birthDay = dayOf(birthDate);
      let tmtDay = Math.min(day - 31, birthDay + Math.round(entryAge * DAYS_PER_YEAR) + random.int(0, 200));
      tmtDay = monthStart(yearOf(tmtDay), new Date(tmtDay * 86_400_000).getUTCMonth());
      const service = (day - tmtDay) / DAYS_PER_YEAR;
      const entry = golonganIndex(entryGolongan(education));
      const ceiling = rankCeiling(education, position.staffClass ?? position.kind);
      const natural = entry + Math.floor(service / (YEARS_IN_RANK + random.next() * 0.6));
      const gol = Math.max(position.minGol, Math.min(natural, ceiling), entry);
      const inRank = gol === entry ? tmtDay : Math.max(tmtDay, day - random.int(30, Math.round(YEARS_IN_RANK * DAYS_PER_YEAR) - 30));
      return build(position, birthDate, tmtDay, education, gol, inRank, femaleShare);
    },
    recruit(position, day, femaleShare) {
      const holding = position.staffClass ?? 'PELAKSANA';
      const education = pickEducation(EDUCATION_BY_HOLDING[holding] ?? [], position);
      const [entryMin, entryMax] = ENTRY_AGE[education];
      const age = random.int(entryMin, Math.min(entryMax, entryMin + 8));
      const gol = golonganIndex(entryGolongan(education));
      return build(position, birthDateFor(day, age), day, education, gol, day, femaleShare);
    },
  };
}
