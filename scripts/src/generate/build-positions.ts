// Positions (jabatan) for the generated units under UU 20/2023: one leadership position heading every unit, and
// fungsional and pelaksana seats spread over the units by their staff weight so the total fits the head count.
import type { Eselon, Golongan, JabatanKind } from '@estafet/events';
import { golonganIndex } from '@estafet/events';
import type { GenUnit } from './build-units.js';
import { GENERIC_STAFF, KELURAHAN_STAFF } from './opd-catalogue.js';
import { LEADER_MINIMUM, STAFF_MINIMUM } from './rank-rules.js';
import type { StaffClass } from './rank-rules.js';

export interface GenPosition {
  readonly index: number;
  readonly positionId: string;
  readonly unitIndex: number;
  readonly title: string;
  readonly kind: JabatanKind;
  readonly eselon: Eselon;
  readonly isLeadership: boolean;
  readonly minimumGolongan: Golongan | null;
  /** golonganIndex of the minimum, -1 when there is none. */
  readonly minGol: number;
  readonly staffClass: StaffClass | null;
  readonly requiredCompetencies: readonly string[];
}

export const LEADER_COMPETENCIES: Readonly<Record<JabatanKind, readonly string[]>> = {
  JPT_UTAMA: ['kepemimpinan-strategis', 'manajemen-anggaran'],
  JPT_MADYA: ['kepemimpinan-strategis', 'manajemen-anggaran'],
  JPT_PRATAMA: ['kepemimpinan-strategis', 'manajemen-anggaran'],
  ADMINISTRATOR: ['kepemimpinan-administrator'],
  PENGAWAS: ['kepemimpinan-pengawas'],
  FUNGSIONAL: [],
  PELAKSANA: [],
};

export const competencySlug = (text: string): string =>
  text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);

/** Seats per unit by largest remainder, so the counts add up to exactly `total`. */
function apportion(weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0 || total <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (w / sum) * total);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left <= 0) break;
    counts[i] = (counts[i] ?? 0) + 1;
    left -= 1;
  }
  return counts;
}

function staffTitle(unit: GenUnit, staffClass: StaffClass, seat: number): string {
  if (staffClass === 'PELAKSANA') {
    const titles = unit.kind === 'KELURAHAN' ? KELURAHAN_STAFF : GENERIC_STAFF.PELAKSANA;
    return titles[seat % titles.length] ?? 'Pengadministrasi Perkantoran';
  }
  const own = unit.fungsional;
  if (own.length > 0) return `${own[seat % own.length] ?? 'Analis Kebijakan'} ${staffClass === 'AHLI' ? 'Ahli' : 'Terampil'}`;
  const generic = GENERIC_STAFF[staffClass];
  return `${generic[seat % generic.length] ?? 'Analis Kebijakan'} ${staffClass === 'AHLI' ? 'Ahli' : 'Terampil'}`;
}

const minimumOf = (rank: Golongan | null): number => (rank === null ? -1 : golonganIndex(rank));

/** Leadership positions first (one per unit, in unit order), then the staff seats unit by unit. */
export function buildPositions(units: readonly GenUnit[], staffSeats: number): GenPosition[] {
  const positions: GenPosition[] = [];
  units.forEach((unit, unitIndex) => {
    const minimumGolongan = LEADER_MINIMUM[unit.head.kind];
    positions.push({
      index: positions.length, positionId: `${unit.unitId}-kepala`, unitIndex, title: unit.head.title, kind: unit.head.kind,
      eselon: unit.head.eselon, isLeadership: true, minimumGolongan, minGol: minimumOf(minimumGolongan), staffClass: null,
      requiredCompetencies: LEADER_COMPETENCIES[unit.head.kind],
    });
  });
  const counts = apportion(units.map((u) => u.staffWeight), staffSeats);
  units.forEach((unit, unitIndex) => {
    const n = counts[unitIndex] ?? 0;
    const ahli = Math.round(n * unit.staffMix[0]);
    const terampil = Math.min(n - ahli, Math.round(n * unit.staffMix[1]));
    for (let seat = 0; seat < n; seat += 1) {
      const staffClass: StaffClass = seat < ahli ? 'AHLI' : seat < ahli + terampil ? 'TERAMPIL' : 'PELAKSANA';
      const title = staffTitle(unit, staffClass, seat);
      const minimumGolongan = STAFF_MINIMUM[staffClass];
      positions.push({
        index: positions.length, positionId: `${unit.unitId}-staf-${seat + 1}`, unitIndex, title,
        kind: staffClass === 'PELAKSANA' ? 'PELAKSANA' : 'FUNGSIONAL', eselon: 'NON_ESELON', isLeadership: false, minimumGolongan,
        minGol: minimumOf(minimumGolongan), staffClass,
        requiredCompetencies: staffClass === 'AHLI' ? [competencySlug(title.replace(/ Ahli$/, ''))] : [],
      });
    }
  });
  return positions;
}
