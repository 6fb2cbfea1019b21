// Competence development: the CPNS basic course, the leadership course that goes with a leadership post, technical
// courses (two or more a year once the 20 JP entitlement was enforced), and yearly successor nominations for key
// positions (talent management, PermenPANRB 3/2020).
import type { JabatanKind } from '@estafet/events';
import { PHASE } from './agenda.js';
import { competencySlug } from './build-positions.js';
import { nominate } from './occupancy.js';
import type { SimContext } from './occupancy.js';
import { LEADER_LADDER, TALENT_REVIEW_FROM, TRAININGS_PER_YEAR, inForce } from './rank-rules.js';
import { dayOf, isoOf, nextWorkingDay } from './sim-calendar.js';
import { occupancyOf, positionOf, unitOfPosition } from './sim-state.js';
import type { Person } from './sim-state.js';

interface Course {
  readonly code: string;
  readonly title: string;
  readonly jp: number;
  readonly grants: readonly string[];
}

const TECHNICAL: readonly Course[] = [
  { code: 'TK-LDA', title: 'Literasi Digital ASN', jp: 12, grants: ['literasi-digital'] },
  { code: 'TK-PPP', title: 'Pelayanan Publik Prima', jp: 16, grants: ['pelayanan-publik'] },
  { code: 'TK-PBK', title: 'Penganggaran Berbasis Kinerja', jp: 24, grants: ['manajemen-anggaran'] },
  { code: 'TK-PBJ', title: 'Pengadaan Barang/Jasa Pemerintah', jp: 32, grants: ['pengadaan-barang-jasa'] },
  { code: 'TK-AKP', title: 'Analisis Kebijakan Publik', jp: 24, grants: ['analisis-kebijakan'] },
  { code: 'TK-MRS', title: 'Manajemen Risiko Sektor Publik', jp: 16, grants: ['manajemen-risiko'] },
  { code: 'TK-SPBE', title: 'Sistem Pemerintahan Berbasis Elektronik', jp: 20, grants: ['spbe'] },
  { code: 'TK-SOP', title: 'Penyusunan Standar Operasional Prosedur', jp: 12, grants: ['tata-laksana'] },
  { code: 'TK-ARS', title: 'Manajemen Arsip Dinamis', jp: 16, grants: ['kearsipan'] },
  { code: 'TK-DAP', title: 'Data Analitik untuk Pemerintahan', jp: 24, grants: ['analisis-data'] },
  { code: 'TK-PPM', title: 'Penanganan Pengaduan Masyarakat', jp: 12, grants: ['pengelolaan-pengaduan'] },
  { code: 'TK-MCA', title: 'Mentoring dan Coaching ASN', jp: 16, grants: ['mentoring'] },
  { code: 'TK-WKI', title: 'Wawasan Kebangsaan dan Integritas', jp: 12, grants: ['integritas'] },
];

/** The leadership course of each kind, under its name before and after the 2019 reform of leadership training. */
const LEADERSHIP_COURSES: Partial<Record<JabatanKind, { bit: number; old: Course; current: Course }>> = {
  PENGAWAS: { bit: 1, old: { code: 'DIKLATPIM-IV', title: 'Diklat Kepemimpinan Tingkat IV', jp: 285, grants: ['kepemimpinan-pengawas'] },
    current: { code: 'PKP', title: 'Pelatihan Kepemimpinan Pengawas', jp: 300, grants: ['kepemimpinan-pengawas'] } },
  ADMINISTRATOR: { bit: 2, old: { code: 'DIKLATPIM-III', title: 'Diklat Kepemimpinan Tingkat III', jp: 330, grants: ['kepemimpinan-administrator'] },
    current: { code: 'PKA', title: 'Pelatihan Kepemimpinan Administrator', jp: 330, grants: ['kepemimpinan-administrator'] } },
  JPT_PRATAMA: { bit: 4, old: { code: 'DIKLATPIM-II', title: 'Diklat Kepemimpinan Tingkat II', jp: 400, grants: ['kepemimpinan-strategis', 'manajemen-anggaran'] },
    current: { code: 'PKN-II', title: 'Pelatihan Kepemimpinan Nasional Tingkat II', jp: 400, grants: ['kepemimpinan-strategis', 'manajemen-anggaran'] } },
  JPT_MADYA: { bit: 8, old: { code: 'DIKLATPIM-I', title: 'Diklat Kepemimpinan Tingkat I', jp: 450, grants: ['kepemimpinan-strategis', 'manajemen-anggaran'] },
    current: { code: 'PKN-I', title: 'Pelatihan Kepemimpinan Nasional Tingkat I', jp: 450, grants: ['kepemimpinan-strategis', 'manajemen-anggaran'] } },
};

const REFORMED_LEADERSHIP_TRAINING = '2019-01-01';
const BASIC_COURSE_FROM = '2018-01-01';

export interface Development {
  planYear(person: Person, from: number, to: number): void;
  onRecruited(person: Person): void;
  planTalentReview(year: number): void;
}

export function createDevelopment(ctx: SimContext): Development {
  const { state, random, agenda, emitter } = ctx;

  const record = (person: Person, course: Course): void => {
    emitter.emit('TrainingCompleted', {
      nip: person.nip, courseCode: course.code, courseTitle: course.title, jpHours: course.jp, competenciesGranted: [...course.grants],
    }, person.stream);
  };

  /** A technical course; fungsional ahli often take the course of their own field (what their seat requires). */
  const technical = (person: Person): Course => {
    const position = person.positionIdx < 0 ? undefined : positionOf(state, person.positionIdx);
    if (position?.staffClass === 'AHLI' && random.chance(0.35)) {
      const field = position.title.replace(/ Ahli$/, '');
      return { code: `FT-${competencySlug(field).slice(0, 20).toUpperCase()}`, title: `Pelatihan Teknis ${field}`, jp: 24, grants: [competencySlug(field)] };
    }
    return random.pick(TECHNICAL);
  };

  const train = (person: Person): void => {
    if (person.separated) return;
    // Nobody attends a course on leave; it is taken a week after coming back.
    if (person.leaveUntil >= 0) agenda.at(nextWorkingDay(person.leaveUntil + 7), PHASE.ROUTINE, () => train(person));
    else record(person, technical(person));
  };

  const leadershipCourse = (person: Person): void => {
    if (person.separated || person.positionIdx < 0) return;
    const course = LEADERSHIP_COURSES[positionOf(state, person.positionIdx).kind];
    if (!course || (person.leadershipCourses & course.bit) !== 0) return;
    person.leadershipCourses |= course.bit;
    record(person, isoOf(ctx.day) < REFORMED_LEADERSHIP_TRAINING ? course.old : course.current);
  };

  const nominateFor = (idx: number): void => {
    const position = positionOf(state, idx);
    const occupancy = occupancyOf(state, idx);
    const below = LEADER_LADDER[LEADER_LADDER.indexOf(position.kind) + 1];
    if (below === undefined) return;
    const root = unitOfPosition(state, idx).root;
    const pool = state.leadersByRootKind.get(`${root}|${below}`) ?? state.leadersByKind.get(below) ?? [];
    const chosen: number[] = [];
    const wanted = random.int(1, 2);
    for (let tries = 0; tries < 12 && chosen.length < wanted && pool.length > 0; tries += 1) {
      const holder = occupancyOf(state, random.pick(pool)).holder;
      const person = state.people[holder];
      if (!person || person.separated || chosen.includes(holder) || person.retireDay < ctx.day + 730) continue;
      const gap = position.minGol - person.gol;
      const readiness = gap <= 0 && random.chance(0.6) ? 'READY_NOW' : gap <= 1 ? 'READY_1_2_YEARS' : 'READY_3_PLUS_YEARS';
      const box = readiness === 'READY_NOW' ? random.int(7, 9) : readiness === 'READY_1_2_YEARS' ? random.int(5, 8) : random.int(4, 6);
      nominate(ctx, idx, person, readiness, box);
      chosen.push(holder);
    }
    occupancy.nominees = chosen;
  };

  const talentReview = (): void => {
    for (const kind of ['JPT_MADYA', 'JPT_PRATAMA', 'ADMINISTRATOR'] as const) {
      for (const idx of state.leadersByKind.get(kind) ?? []) if (occupancyOf(state, idx).staffed) nominateFor(idx);
    }
  };

  return {
    planYear(person, from, to) {
      const span = to - from;
      if (span <= 0) return;
      const rate = inForce(TRAININGS_PER_YEAR, isoOf(from));
      const share = span / 365.25;
      // From the 20 JP era on, everyone gets at least two courses a year; before, a few got any.
      const count = rate >= 2 ? Math.max(1, Math.round(2 * share)) + (random.chance((rate - 2) * share) ? 1 : 0) : random.count(rate * share);
      for (let i = 0; i < count; i += 1) agenda.at(nextWorkingDay(from + random.int(0, span - 1)), PHASE.ROUTINE, () => train(person));
      if (person.positionIdx >= 0 && positionOf(state, person.positionIdx).isLeadership) {
        agenda.at(nextWorkingDay(from + random.int(0, span - 1)), PHASE.ROUTINE, () => leadershipCourse(person));
      }
    },
    onRecruited(person) {
      agenda.at(nextWorkingDay(ctx.day + random.int(60, 270)), PHASE.ROUTINE, () => {
        if (person.separated) return;
        const basic: Course = isoOf(ctx.day) < BASIC_COURSE_FROM
          ? { code: 'PRAJAB', title: 'Pendidikan dan Pelatihan Prajabatan', jp: 180, grants: ['wawasan-kebangsaan'] }
          : { code: 'LATSAR', title: 'Pelatihan Dasar CPNS', jp: 286, grants: ['wawasan-kebangsaan', 'integritas'] };
        record(person, basic);
      });
    },
    planTalentReview(year) {
      const day = nextWorkingDay(dayOf(`${year}-03-15`));
      if (isoOf(day) >= TALENT_REVIEW_FROM && day >= ctx.day) agenda.at(day, PHASE.ROUTINE, talentReview);
    },
  };
}
