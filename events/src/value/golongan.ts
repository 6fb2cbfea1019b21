// PNS rank (golongan/ruang and its pangkat name), the entry rank by education, and the kinds of rank
// promotion (kenaikan pangkat): the ordered scale every rank event is checked against.
import { z } from 'zod';

export const GOLONGAN = [
  'I/a', 'I/b', 'I/c', 'I/d',
  'II/a', 'II/b', 'II/c', 'II/d',
  'III/a', 'III/b', 'III/c', 'III/d',
  'IV/a', 'IV/b', 'IV/c', 'IV/d', 'IV/e',
] as const;

export const GolonganSchema = z.enum(GOLONGAN);

export type Golongan = z.infer<typeof GolonganSchema>;

const PANGKAT: Record<Golongan, string> = {
  'I/a': 'Juru Muda',
  'I/b': 'Juru Muda Tingkat I',
  'I/c': 'Juru',
  'I/d': 'Juru Tingkat I',
  'II/a': 'Pengatur Muda',
  'II/b': 'Pengatur Muda Tingkat I',
  'II/c': 'Pengatur',
  'II/d': 'Pengatur Tingkat I',
  'III/a': 'Penata Muda',
  'III/b': 'Penata Muda Tingkat I',
  'III/c': 'Penata',
  'III/d': 'Penata Tingkat I',
  'IV/a': 'Pembina',
  'IV/b': 'Pembina Tingkat I',
  'IV/c': 'Pembina Utama Muda',
  'IV/d': 'Pembina Utama Madya',
  'IV/e': 'Pembina Utama',
};

/** Position on the scale: 0 for I/a up to 16 for IV/e. */
export function golonganIndex(g: Golongan): number {
  return GOLONGAN.indexOf(g);
}

/** Negative when `a` is the lower rank, zero when equal, positive when `a` is higher; usable with sort. */
export function compareGolongan(a: Golongan, b: Golongan): number {
  return golonganIndex(a) - golonganIndex(b);
}

export function pangkatName(g: Golongan): string {
  return PANGKAT[g];
}

/** The rank one step up, or undefined at the top (IV/e). */
export function nextGolongan(g: Golongan): Golongan | undefined {
  return GOLONGAN[golonganIndex(g) + 1];
}

/** Signed number of steps from `from` to `to`: 1 for a regular promotion, negative for a demotion. */
export function stepsBetween(from: Golongan, to: Golongan): number {
  return golonganIndex(to) - golonganIndex(from);
}

export const EDUCATION_LEVELS = ['SD', 'SMP', 'SMA', 'D1', 'D2', 'D3', 'D4', 'S1', 'S2', 'S3'] as const;

export const EducationSchema = z.enum(EDUCATION_LEVELS);

export type Education = z.infer<typeof EducationSchema>;

const ENTRY_GOLONGAN: Record<Education, Golongan> = {
  SD: 'I/a',
  SMP: 'I/b',
  SMA: 'II/a',
  D1: 'II/a',
  D2: 'II/b',
  D3: 'II/c',
  D4: 'III/a',
  S1: 'III/a',
  S2: 'III/b',
  S3: 'III/c',
};

/** The rank a new CPNS starts at, given the education they were recruited with. */
export function entryGolongan(e: Education): Golongan {
  return ENTRY_GOLONGAN[e];
}

export const RANK_PROMOTION_KINDS = ['REGULER', 'PILIHAN', 'ISTIMEWA', 'PENGABDIAN', 'PENYESUAIAN_IJAZAH'] as const;

export const RankPromotionKindSchema = z.enum(RANK_PROMOTION_KINDS);

export type RankPromotionKind = z.infer<typeof RankPromotionKindSchema>;

const MAY_SKIP: Record<RankPromotionKind, boolean> = {
  REGULER: false,
  PILIHAN: false,
  ISTIMEWA: true,
  PENGABDIAN: false,
  PENYESUAIAN_IJAZAH: true,
};

/**
 * Whether this kind of promotion may jump more than one step (an outstanding-merit promotion, or moving up to
 * the entry rank of a newly earned diploma). No kind of promotion may go down; that is a demotion, not this.
 */
export function allowsSkip(kind: RankPromotionKind): boolean {
  return MAY_SKIP[kind];
}
