// Position kinds under UU 20/2023 with their usual eselon, and the kinds of organisational unit in the
// DKI Jakarta government that positions belong to.
import { z } from 'zod';

export const JABATAN_KINDS = [
  'JPT_UTAMA', 'JPT_MADYA', 'JPT_PRATAMA', 'ADMINISTRATOR', 'PENGAWAS', 'FUNGSIONAL', 'PELAKSANA',
] as const;

export const JabatanKindSchema = z.enum(JABATAN_KINDS);

export type JabatanKind = z.infer<typeof JabatanKindSchema>;

const JABATAN_LABEL: Record<JabatanKind, string> = {
  JPT_UTAMA: 'JPT Utama',
  JPT_MADYA: 'JPT Madya',
  JPT_PRATAMA: 'JPT Pratama',
  ADMINISTRATOR: 'Administrator',
  PENGAWAS: 'Pengawas',
  FUNGSIONAL: 'Fungsional',
  PELAKSANA: 'Pelaksana',
};

/** Managerial positions lead people; only they can head a unit and leave it at risk when vacated. */
export function isManagerial(k: JabatanKind): boolean {
  return k !== 'FUNGSIONAL' && k !== 'PELAKSANA';
}

export function jabatanLabel(k: JabatanKind): string {
  return JABATAN_LABEL[k];
}

export const ESELON = ['I.a', 'I.b', 'II.a', 'II.b', 'III.a', 'III.b', 'IV.a', 'IV.b', 'NON_ESELON'] as const;

export const EselonSchema = z.enum(ESELON);

export type Eselon = z.infer<typeof EselonSchema>;

const DEFAULT_ESELON: Record<JabatanKind, Eselon> = {
  JPT_UTAMA: 'I.a',
  JPT_MADYA: 'I.b',
  JPT_PRATAMA: 'II.a',
  ADMINISTRATOR: 'III.a',
  PENGAWAS: 'IV.a',
  FUNGSIONAL: 'NON_ESELON',
  PELAKSANA: 'NON_ESELON',
};

/** The eselon a position of this kind usually carries; a position may record another (e.g. II.b, III.b). */
export function defaultEselon(k: JabatanKind): Eselon {
  return DEFAULT_ESELON[k];
}

export const UNIT_KINDS = [
  'SETDA', 'ASISTEN', 'BIRO', 'DINAS', 'BADAN', 'INSPEKTORAT', 'SATPOL_PP', 'KOTA_ADMINISTRASI',
  'KABUPATEN_ADMINISTRASI', 'SUKU_DINAS', 'KECAMATAN', 'KELURAHAN', 'UPT', 'BIDANG', 'SEKSI', 'SUBBAGIAN',
  'SEKRETARIAT',
] as const;

export const UnitKindSchema = z.enum(UNIT_KINDS);

export type UnitKind = z.infer<typeof UnitKindSchema>;

const UNIT_KIND_LABEL: Record<UnitKind, string> = {
  SETDA: 'Sekretariat Daerah',
  ASISTEN: 'Asisten',
  BIRO: 'Biro',
  DINAS: 'Dinas',
  BADAN: 'Badan',
  INSPEKTORAT: 'Inspektorat',
  SATPOL_PP: 'Satuan Polisi Pamong Praja',
  KOTA_ADMINISTRASI: 'Kota Administrasi',
  KABUPATEN_ADMINISTRASI: 'Kabupaten Administrasi',
  SUKU_DINAS: 'Suku Dinas',
  KECAMATAN: 'Kecamatan',
  KELURAHAN: 'Kelurahan',
  UPT: 'Unit Pelaksana Teknis',
  BIDANG: 'Bidang',
  SEKSI: 'Seksi',
  SUBBAGIAN: 'Subbagian',
  SEKRETARIAT: 'Sekretariat',
};

export function unitKindLabel(k: UnitKind): string {
  return UNIT_KIND_LABEL[k];
}
