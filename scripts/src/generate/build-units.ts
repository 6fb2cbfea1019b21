// The organisation chart of the generated DKI Jakarta: Setda, the OPDs with sekretariat, bidang, seksi and UPTs,
// a Suku Dinas of each big Dinas in every wilayah, and the Kota/Kabupaten Administrasi with their real kecamatan
// and kelurahan. Parents come before children; each unit says who heads it and how many staff it carries.
import type { Eselon, JabatanKind, UnitKind } from '@estafet/events';
import type { JakartaAreas } from './jakarta-areas.js';
import { codeSlug, wilayahName } from './jakarta-areas.js';
import { ASISTEN, KECAMATAN_SEKSI, OPDS } from './opd-catalogue.js';
import type { OpdSpec } from './opd-catalogue.js';

export interface UnitHead {
  readonly title: string;
  readonly kind: JabatanKind;
  readonly eselon: Eselon;
}

/** Shares of the unit's staff that are fungsional ahli, fungsional terampil and pelaksana. */
export type StaffMix = readonly [ahli: number, terampil: number, pelaksana: number];

export interface GenUnit {
  readonly unitId: string;
  readonly name: string;
  readonly kind: UnitKind;
  readonly parentUnitId: string | null;
  readonly head: UnitHead;
  /** Relative size of the unit's staff; scaled to the requested head count in build-positions. */
  readonly staffWeight: number;
  readonly staffMix: StaffMix;
  /** The fungsional posts of the unit's OPD (empty for regional units): names its ahli/terampil staff. */
  readonly fungsional: readonly string[];
  /** The OPD or wilayah the unit belongs to: successors and acting officials are sought there first. */
  readonly root: string;
  /** The area code of a kecamatan or kelurahan. */
  readonly areaCode: string | null;
}

const DEFAULT_MIX: StaffMix = [0.25, 0.15, 0.6];
const head = (title: string, kind: JabatanKind, eselon: Eselon): UnitHead => ({ title, kind, eselon });
const SUBBAG_NAMES = ['Umum dan Kepegawaian', 'Keuangan', 'Program dan Pelaporan'] as const;
const SEKSI_NAMES = ['Perencanaan dan Pengembangan', 'Pelaksanaan', 'Pengendalian dan Evaluasi'] as const;
const ROMAN = ['I', 'II'] as const;

type Add = (unit: Omit<GenUnit, 'staffMix' | 'fungsional' | 'areaCode'> & Partial<Pick<GenUnit, 'staffMix' | 'fungsional' | 'areaCode'>>) => void;

export function buildUnits(areas: JakartaAreas): GenUnit[] {
  const units: GenUnit[] = [];
  const add: Add = (unit) => {
    units.push({ staffMix: DEFAULT_MIX, fungsional: [], areaCode: null, ...unit });
  };
  addSetda(add);
  for (const opd of OPDS) addOpd(add, opd, areas);
  for (const regency of areas.regencies) addWilayah(add, regency.code, regency.name, areas);
  return units;
}

function addSetda(add: Add): void {
  add({ unitId: 'setda', name: 'Sekretariat Daerah Provinsi DKI Jakarta', kind: 'SETDA', parentUnitId: null, root: 'setda',
    head: head('Sekretaris Daerah Provinsi DKI Jakarta', 'JPT_MADYA', 'I.b'), staffWeight: 4 });
  for (const asisten of ASISTEN) {
    const asistenId = `setda-asisten-${asisten.code}`;
    add({ unitId: asistenId, name: `${asisten.name} Sekretaris Daerah`, kind: 'ASISTEN', parentUnitId: 'setda', root: 'setda',
      head: head(`${asisten.name} Sekretaris Daerah`, 'JPT_PRATAMA', 'II.a'), staffWeight: 2 });
    for (const biro of asisten.biro) {
      const biroId = `setda-biro-${biro.code}`;
      add({ unitId: biroId, name: biro.name, kind: 'BIRO', parentUnitId: asistenId, root: 'setda',
        head: head(`Kepala ${biro.name}`, 'JPT_PRATAMA', 'II.b'), staffWeight: 6 });
      SUBBAG_NAMES.forEach((sub, i) => add({
        unitId: `${biroId}-subbag-${i + 1}`, name: `Subbagian ${sub} ${biro.name}`, kind: 'SUBBAGIAN', parentUnitId: biroId, root: 'setda',
        head: head(`Kepala Subbagian ${sub} ${biro.name}`, 'PENGAWAS', 'IV.a'), staffWeight: 8,
      }));
    }
  }
}

const opdHeadTitle = (opd: OpdSpec): string => {
  switch (opd.kind) {
    case 'INSPEKTORAT': return 'Inspektur Provinsi DKI Jakarta';
    case 'SATPOL_PP': return 'Kepala Satuan Polisi Pamong Praja Provinsi DKI Jakarta';
    case 'DINAS':
    case 'BADAN': return `Kepala ${opd.name}`;
  }
};

function addOpd(add: Add, opd: OpdSpec, areas: JakartaAreas): void {
  const root = opd.code;
  const fungsional = opd.fungsional;
  add({ unitId: root, name: opd.name, kind: opd.kind, parentUnitId: null, root, fungsional,
    head: head(opdHeadTitle(opd), 'JPT_PRATAMA', 'II.a'), staffWeight: 4 });
  const sekretariatId = `${root}-sekretariat`;
  const shortName = opd.kind === 'INSPEKTORAT' ? 'Inspektorat' : opd.name;
  add({ unitId: sekretariatId, name: `Sekretariat ${shortName}`, kind: 'SEKRETARIAT', parentUnitId: root, root, fungsional,
    head: head(`Sekretaris ${shortName}`, 'ADMINISTRATOR', 'III.a'), staffWeight: 6 });
  SUBBAG_NAMES.forEach((sub, i) => add({
    unitId: `${sekretariatId}-subbag-${i + 1}`, name: `Subbagian ${sub} ${shortName}`, kind: 'SUBBAGIAN', parentUnitId: sekretariatId,
    root, fungsional, head: head(`Kepala Subbagian ${sub} ${shortName}`, 'PENGAWAS', 'IV.a'), staffWeight: 8,
  }));
  opd.bidang.forEach((bidang, b) => {
    const bidangId = `${root}-bidang-${b + 1}`;
    if (opd.kind === 'INSPEKTORAT') {
      // An Inspektur Pembantu leads auditors directly; there are no seksi under it.
      add({ unitId: bidangId, name: bidang.replace('Inspektur', 'Inspektorat'), kind: 'BIDANG', parentUnitId: root, root, fungsional,
        head: head(bidang, 'ADMINISTRATOR', 'III.a'), staffWeight: 40, staffMix: [0.8, 0.1, 0.1] });
      return;
    }
    add({ unitId: bidangId, name: `Bidang ${bidang} ${shortName}`, kind: 'BIDANG', parentUnitId: root, root, fungsional,
      head: head(`Kepala Bidang ${bidang} ${shortName}`, 'ADMINISTRATOR', 'III.a'), staffWeight: 4 });
    SEKSI_NAMES.forEach((seksi, s) => add({
      unitId: `${bidangId}-seksi-${s + 1}`, name: `Seksi ${seksi} Bidang ${bidang}`, kind: 'SEKSI', parentUnitId: bidangId, root, fungsional,
      head: head(`Kepala Seksi ${seksi} Bidang ${bidang} ${shortName}`, 'PENGAWAS', 'IV.a'), staffWeight: 8,
    }));
  });
  opd.upt.forEach((upt, u) => addUpt(add, `${root}-upt-${u + 1}`, `UPT ${upt}`, root, fungsional, 40, DEFAULT_MIX));
  if (opd.code === 'dinkes') {
    // Every kecamatan has a Puskesmas Kecamatan, a UPT of the Dinas Kesehatan.
    for (const district of areas.districts) {
      addUpt(add, `${root}-puskesmas-${codeSlug(district.code)}`, `Puskesmas Kecamatan ${district.name}`, root, fungsional, 110, [0.4, 0.45, 0.15]);
    }
  }
  if (opd.sudin > 0) for (const regency of areas.regencies) addSudin(add, opd, regency.code, regency.name);
  if (opd.kind === 'SATPOL_PP') {
    for (const regency of areas.regencies) {
      const kotaId = `${root}-${codeSlug(regency.code)}`;
      add({ unitId: kotaId, name: `Satuan Polisi Pamong Praja ${regency.name}`, kind: 'SATPOL_PP', parentUnitId: root, root, fungsional,
        head: head(`Kepala Satuan Polisi Pamong Praja ${regency.name}`, 'ADMINISTRATOR', 'III.a'), staffWeight: 150, staffMix: [0.05, 0.8, 0.15] });
      for (const district of areas.districts.filter((d) => d.parentCode === regency.code)) {
        add({ unitId: `${root}-${codeSlug(district.code)}`, name: `Satuan Polisi Pamong Praja Kecamatan ${district.name}`, kind: 'SATPOL_PP',
          parentUnitId: kotaId, root, fungsional, head: head(`Kepala Satuan Polisi Pamong Praja Kecamatan ${district.name}`, 'PENGAWAS', 'IV.a'),
          staffWeight: 25, staffMix: [0.05, 0.8, 0.15], areaCode: district.code });
      }
    }
  }
}

function addUpt(add: Add, unitId: string, name: string, root: string, fungsional: readonly string[], staffWeight: number, staffMix: StaffMix): void {
  add({ unitId, name, kind: 'UPT', parentUnitId: root, root, fungsional, head: head(`Kepala ${name}`, 'ADMINISTRATOR', 'III.b'), staffWeight, staffMix });
  add({ unitId: `${unitId}-subbag-tu`, name: `Subbagian Tata Usaha ${name}`, kind: 'SUBBAGIAN', parentUnitId: unitId, root, fungsional,
    head: head(`Kepala Subbagian Tata Usaha ${name}`, 'PENGAWAS', 'IV.a'), staffWeight: 6 });
  add({ unitId: `${unitId}-seksi-1`, name: `Seksi Pelayanan ${name}`, kind: 'SEKSI', parentUnitId: unitId, root, fungsional,
    head: head(`Kepala Seksi Pelayanan ${name}`, 'PENGAWAS', 'IV.b'), staffWeight: 8, staffMix });
}

const SUDIN_MIX: Readonly<Record<string, StaffMix>> = {
  disdik: [0.9, 0.03, 0.07], gulkarmat: [0.05, 0.85, 0.1], dinkes: [0.45, 0.4, 0.15],
};

function addSudin(add: Add, opd: OpdSpec, regencyCode: string, regencyName: string): void {
  const isKota = regencyCode !== '31.01';
  const perWilayah = opd.sudin === 2 && isKota ? 2 : 1;
  const word = opd.kind === 'BADAN' ? 'Suku Badan' : 'Suku Dinas';
  const subject = opd.name.replace(/^(Dinas|Badan) /, '');
  for (let w = 0; w < perWilayah; w += 1) {
    const suffix = perWilayah > 1 ? `-${w + 1}` : '';
    const unitId = `${opd.code}-sudin-${codeSlug(regencyCode)}${suffix}`;
    const name = `${word} ${subject}${opd.sudin === 2 ? ` Wilayah ${ROMAN[w] ?? String(w + 1)}` : ''} ${regencyName}`;
    add({ unitId, name, kind: 'SUKU_DINAS', parentUnitId: opd.code, root: opd.code, fungsional: opd.fungsional,
      head: head(`Kepala ${name}`, 'ADMINISTRATOR', 'III.a'), staffWeight: opd.sudinStaffWeight ?? 30,
      staffMix: SUDIN_MIX[opd.code] ?? DEFAULT_MIX });
    add({ unitId: `${unitId}-subbag-tu`, name: `Subbagian Tata Usaha ${name}`, kind: 'SUBBAGIAN', parentUnitId: unitId, root: opd.code,
      fungsional: opd.fungsional, head: head(`Kepala Subbagian Tata Usaha ${name}`, 'PENGAWAS', 'IV.a'), staffWeight: 6 });
    opd.bidang.slice(0, 3).forEach((bidang, s) => add({
      unitId: `${unitId}-seksi-${s + 1}`, name: `Seksi ${bidang} ${name}`, kind: 'SEKSI', parentUnitId: unitId, root: opd.code,
      fungsional: opd.fungsional, head: head(`Kepala Seksi ${bidang} ${name}`, 'PENGAWAS', 'IV.a'), staffWeight: 8,
    }));
  }
}

function addWilayah(add: Add, regencyCode: string, regencyName: string, areas: JakartaAreas): void {
  const isKota = regencyCode !== '31.01';
  const root = `${isKota ? 'kota' : 'kab'}-${codeSlug(regencyCode)}`;
  const wilayah = wilayahName({ code: regencyCode, parentCode: '31', name: regencyName });
  add({ unitId: root, name: regencyName, kind: isKota ? 'KOTA_ADMINISTRASI' : 'KABUPATEN_ADMINISTRASI', parentUnitId: null, root,
    head: head(`${isKota ? 'Wali Kota' : 'Bupati'} Administrasi ${wilayah}`, 'JPT_PRATAMA', 'II.a'), staffWeight: 4 });
  const sekretariatId = `${root}-sekretariat`;
  const sekName = `Sekretariat ${isKota ? 'Kota' : 'Kabupaten'} Administrasi ${wilayah}`;
  add({ unitId: sekretariatId, name: sekName, kind: 'SEKRETARIAT', parentUnitId: root, root,
    head: head(`Sekretaris ${isKota ? 'Kota' : 'Kabupaten'} Administrasi ${wilayah}`, 'JPT_PRATAMA', 'II.b'), staffWeight: 10 });
  ['Pemerintahan', 'Perekonomian dan Pembangunan', 'Umum'].forEach((sub, i) => add({
    unitId: `${sekretariatId}-subbag-${i + 1}`, name: `Subbagian ${sub} ${sekName}`, kind: 'SUBBAGIAN', parentUnitId: sekretariatId, root,
    head: head(`Kepala Subbagian ${sub} ${sekName}`, 'PENGAWAS', 'IV.a'), staffWeight: 8,
  }));
  for (const district of areas.districts.filter((d) => d.parentCode === regencyCode)) {
    const kecId = `kec-${codeSlug(district.code)}`;
    add({ unitId: kecId, name: `Kecamatan ${district.name}`, kind: 'KECAMATAN', parentUnitId: root, root, areaCode: district.code,
      head: head(`Camat ${district.name}`, 'ADMINISTRATOR', 'III.a'), staffWeight: 6 });
    add({ unitId: `${kecId}-sekretariat`, name: `Sekretariat Kecamatan ${district.name}`, kind: 'SEKRETARIAT', parentUnitId: kecId, root,
      areaCode: district.code, head: head(`Sekretaris Kecamatan ${district.name}`, 'ADMINISTRATOR', 'III.b'), staffWeight: 10 });
    KECAMATAN_SEKSI.forEach((seksi, s) => add({
      unitId: `${kecId}-seksi-${s + 1}`, name: `Seksi ${seksi} Kecamatan ${district.name}`, kind: 'SEKSI', parentUnitId: kecId, root,
      areaCode: district.code, head: head(`Kepala Seksi ${seksi} Kecamatan ${district.name}`, 'PENGAWAS', 'IV.a'), staffWeight: 6,
    }));
    for (const village of areas.villages.filter((v) => v.parentCode === district.code)) {
      add({ unitId: `kel-${codeSlug(village.code)}`, name: `Kelurahan ${village.name}`, kind: 'KELURAHAN', parentUnitId: kecId, root,
        areaCode: village.code, head: head(`Lurah ${village.name}`, 'PENGAWAS', 'IV.a'), staffWeight: 16, staffMix: [0.05, 0.1, 0.85] });
    }
  }
}
