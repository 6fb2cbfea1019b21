// The demo's slice of the DKI Jakarta provincial organisation: Setda, Dinas and Badan with their
// sekretariat, bidang and seksi, and a few Suku Dinas in the Kota Administrasi.
import type { UnitKind } from '@estafet/events';

export interface DemoUnit {
  readonly unitId: string;
  readonly name: string;
  readonly kind: UnitKind;
  readonly parentUnitId: string | null;
}

interface AgencySpec {
  readonly id: string;
  readonly name: string;
  readonly kind: 'DINAS' | 'BADAN';
  readonly bidang: readonly [string, string];
}

export const AGENCIES: readonly AgencySpec[] = [
  { id: 'disdik', name: 'Dinas Pendidikan', kind: 'DINAS', bidang: ['Sekolah Dasar', 'Sekolah Menengah'] },
  { id: 'dinkes', name: 'Dinas Kesehatan', kind: 'DINAS', bidang: ['Pelayanan Kesehatan', 'Pencegahan Penyakit'] },
  { id: 'dishub', name: 'Dinas Perhubungan', kind: 'DINAS', bidang: ['Angkutan Jalan', 'Lalu Lintas'] },
  { id: 'dbm', name: 'Dinas Bina Marga', kind: 'DINAS', bidang: ['Jalan', 'Jembatan'] },
  { id: 'dsda', name: 'Dinas Sumber Daya Air', kind: 'DINAS', bidang: ['Pengendalian Banjir', 'Air Bersih'] },
  { id: 'dlh', name: 'Dinas Lingkungan Hidup', kind: 'DINAS', bidang: ['Pengelolaan Sampah', 'Pengendalian Pencemaran'] },
  { id: 'dinsos', name: 'Dinas Sosial', kind: 'DINAS', bidang: ['Perlindungan Sosial', 'Rehabilitasi Sosial'] },
  { id: 'dukcapil', name: 'Dinas Kependudukan dan Pencatatan Sipil', kind: 'DINAS', bidang: ['Pendaftaran Penduduk', 'Pencatatan Sipil'] },
  { id: 'diskominfotik', name: 'Dinas Komunikasi, Informatika dan Statistik', kind: 'DINAS', bidang: ['Aplikasi Informatika', 'Statistik'] },
  { id: 'gulkarmat', name: 'Dinas Penanggulangan Kebakaran dan Penyelamatan', kind: 'DINAS', bidang: ['Operasi', 'Pencegahan'] },
  { id: 'bappeda', name: 'Badan Perencanaan Pembangunan Daerah', kind: 'BADAN', bidang: ['Perencanaan Makro', 'Infrastruktur'] },
  { id: 'bkd', name: 'Badan Kepegawaian Daerah', kind: 'BADAN', bidang: ['Mutasi', 'Pengembangan Karier'] },
  { id: 'bpkd', name: 'Badan Pengelola Keuangan Daerah', kind: 'BADAN', bidang: ['Anggaran', 'Akuntansi'] },
];

export const SUKU_DINAS: readonly { id: string; name: string; parent: string }[] = [
  { id: 'sudin-pendidikan-jakpus', name: 'Suku Dinas Pendidikan Wilayah I Kota Administrasi Jakarta Pusat', parent: 'disdik' },
  { id: 'sudin-pendidikan-jakut', name: 'Suku Dinas Pendidikan Wilayah I Kota Administrasi Jakarta Utara', parent: 'disdik' },
  { id: 'sudin-kesehatan-jaksel', name: 'Suku Dinas Kesehatan Kota Administrasi Jakarta Selatan', parent: 'dinkes' },
  { id: 'sudin-sda-jaktim', name: 'Suku Dinas Sumber Daya Air Kota Administrasi Jakarta Timur', parent: 'dsda' },
];

const slug = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** Units in establishment order: every parent before its children. */
export const demoUnits = (): DemoUnit[] => {
  const units: DemoUnit[] = [
    { unitId: 'setda', name: 'Sekretariat Daerah Provinsi DKI Jakarta', kind: 'SETDA', parentUnitId: null },
    { unitId: 'asisten-pemerintahan', name: 'Asisten Pemerintahan', kind: 'ASISTEN', parentUnitId: 'setda' },
    { unitId: 'asisten-perekonomian', name: 'Asisten Perekonomian dan Keuangan', kind: 'ASISTEN', parentUnitId: 'setda' },
    { unitId: 'biro-organisasi', name: 'Biro Organisasi dan Reformasi Birokrasi', kind: 'BIRO', parentUnitId: 'asisten-pemerintahan' },
  ];
  for (const agency of AGENCIES) {
    units.push({ unitId: agency.id, name: agency.name, kind: agency.kind, parentUnitId: null });
    units.push({ unitId: `${agency.id}-sekretariat`, name: `Sekretariat ${agency.name}`, kind: 'SEKRETARIAT', parentUnitId: agency.id });
    agency.bidang.forEach((bidang) => {
      const bidangId = `${agency.id}-bidang-${slug(bidang)}`;
      units.push({ unitId: bidangId, name: `Bidang ${bidang}`, kind: 'BIDANG', parentUnitId: agency.id });
      for (let s = 1; s <= 2; s += 1) {
        units.push({ unitId: `${bidangId}-seksi-${s}`, name: `Seksi ${bidang} ${s === 1 ? 'Perencanaan' : 'Pelaksanaan'}`, kind: 'SEKSI', parentUnitId: bidangId });
      }
    });
  }
  for (const sudin of SUKU_DINAS) {
    units.push({ unitId: sudin.id, name: sudin.name, kind: 'SUKU_DINAS', parentUnitId: sudin.parent });
  }
  return units;
};
