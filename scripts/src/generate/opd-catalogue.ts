// The perangkat daerah of DKI Jakarta the generator builds: Setda with its Asisten and Biro, the Dinas and Badan
// (with their bidang, UPTs and whether they keep a Suku Dinas in every wilayah), Inspektorat and Satpol PP.
import type { UnitKind } from '@estafet/events';
import type { StaffClass } from './rank-rules.js';

export interface BiroSpec {
  readonly code: string;
  readonly name: string;
}

export interface AsistenSpec {
  readonly code: string;
  readonly name: string;
  readonly biro: readonly BiroSpec[];
}

export const ASISTEN: readonly AsistenSpec[] = [
  { code: 'pem', name: 'Asisten Pemerintahan', biro: [
    { code: 'pemotda', name: 'Biro Pemerintahan' }, { code: 'hukum', name: 'Biro Hukum' },
    { code: 'orb', name: 'Biro Organisasi dan Reformasi Birokrasi' }] },
  { code: 'ekbang', name: 'Asisten Perekonomian dan Keuangan', biro: [
    { code: 'perkeu', name: 'Biro Perekonomian dan Keuangan' }, { code: 'bumd', name: 'Biro Pembinaan Badan Usaha Milik Daerah' }] },
  { code: 'pemb', name: 'Asisten Pembangunan dan Lingkungan Hidup', biro: [
    { code: 'pemblh', name: 'Biro Pembangunan dan Lingkungan Hidup' }] },
  { code: 'kesra', name: 'Asisten Kesejahteraan Rakyat', biro: [
    { code: 'dikmental', name: 'Biro Pendidikan dan Mental Spiritual' }, { code: 'kesos', name: 'Biro Kesejahteraan Sosial' }] },
  { code: 'adm', name: 'Asisten Administrasi Umum', biro: [
    { code: 'umum', name: 'Biro Umum dan Administrasi Sekretariat Daerah' }, { code: 'adpim', name: 'Biro Administrasi Pimpinan' }] },
];

export interface OpdSpec {
  readonly code: string;
  readonly name: string;
  readonly kind: Extract<UnitKind, 'DINAS' | 'BADAN' | 'INSPEKTORAT' | 'SATPOL_PP'>;
  readonly bidang: readonly string[];
  /** A Suku Dinas (or Suku Badan) in every Kota/Kabupaten Administrasi; Pendidikan keeps two per Kota. */
  readonly sudin: 0 | 1 | 2;
  readonly upt: readonly string[];
  /** The fungsional posts typical of the OPD, for its staff titles. */
  readonly fungsional: readonly string[];
  /** Relative size of the staff of each Suku Dinas (teachers, firefighters and health workers dominate). */
  readonly sudinStaffWeight?: number;
}

const dinas = (code: string, name: string, bidang: string[], sudin: 0 | 1 | 2, upt: string[], fungsional: string[], sudinStaffWeight?: number): OpdSpec =>
  ({ code, name, kind: 'DINAS', bidang, sudin, upt, fungsional, ...(sudinStaffWeight === undefined ? {} : { sudinStaffWeight }) });

const badan = (code: string, name: string, bidang: string[], upt: string[], fungsional: string[], sudin: 0 | 1 = 0): OpdSpec =>
  ({ code, name, kind: 'BADAN', bidang, sudin, upt, fungsional });

export const OPDS: readonly OpdSpec[] = [
  dinas('disdik', 'Dinas Pendidikan', ['Sekolah Dasar', 'Sekolah Menengah Pertama', 'Sekolah Menengah Atas', 'Sekolah Menengah Kejuruan', 'Pendidikan Khusus'], 2,
    ['Pusat Pelayanan Pendanaan Personal dan Operasional Pendidikan', 'Pusat Pelayanan Teknologi Informasi dan Komunikasi Pendidikan', 'Pusat Pengembangan Kompetensi Pendidik dan Tenaga Kependidikan'],
    ['Guru', 'Pengawas Sekolah', 'Pamong Belajar'], 1000),
  dinas('dinkes', 'Dinas Kesehatan', ['Pelayanan Kesehatan', 'Kesehatan Masyarakat', 'Pencegahan dan Pengendalian Penyakit', 'Sumber Daya Kesehatan'], 1,
    ['Laboratorium Kesehatan Daerah', 'Pusat Krisis dan Kegawatdaruratan Kesehatan Daerah'], ['Dokter', 'Perawat', 'Bidan', 'Apoteker', 'Epidemiolog Kesehatan'], 60),
  dinas('dishub', 'Dinas Perhubungan', ['Angkutan Jalan', 'Lalu Lintas', 'Prasarana Jalan dan Terminal', 'Perkeretaapian'], 1,
    ['Terminal Angkutan Jalan', 'Pengujian Kendaraan Bermotor', 'Perparkiran', 'Angkutan Perairan'], ['Penguji Kendaraan Bermotor', 'Asisten Inspektur Angkutan'], 80),
  dinas('dbm', 'Dinas Bina Marga', ['Perencanaan Jalan', 'Pembangunan Jalan dan Jembatan', 'Pemeliharaan Jalan', 'Jaringan Utilitas'], 1,
    ['Peralatan dan Perbekalan Bina Marga', 'Pengujian Bahan Konstruksi'], ['Teknik Jalan dan Jembatan', 'Pengawas Jalan'], 60),
  dinas('dsda', 'Dinas Sumber Daya Air', ['Pengendalian Banjir dan Drainase', 'Pengembangan Sumber Daya Air', 'Pengolahan Air Limbah', 'Geologi, Konservasi Air Baku dan Penyediaan Air Bersih'], 1,
    ['Pengelolaan Air Limbah Domestik', 'Peralatan dan Perbekalan Sumber Daya Air'], ['Teknik Pengairan', 'Pengamat Gunung Api'], 80),
  dinas('dlh', 'Dinas Lingkungan Hidup', ['Pengelolaan Kebersihan', 'Pengendalian Pencemaran dan Kerusakan Lingkungan', 'Penataan dan Peningkatan Kapasitas Lingkungan Hidup'], 1,
    ['Unit Pengelola Sampah Terpadu', 'Laboratorium Lingkungan Hidup Daerah'], ['Pengendali Dampak Lingkungan', 'Pengawas Lingkungan Hidup'], 80),
  dinas('dinsos', 'Dinas Sosial', ['Perlindungan dan Jaminan Sosial', 'Rehabilitasi Sosial', 'Pemberdayaan Sosial dan Penanganan Fakir Miskin'], 1,
    ['Panti Sosial Tresna Werdha Budi Mulia 1', 'Panti Sosial Bina Insan Bangun Daya 1', 'Panti Sosial Asuhan Anak Putra Utama 1'], ['Pekerja Sosial', 'Penyuluh Sosial'], 40),
  dinas('dukcapil', 'Dinas Kependudukan dan Pencatatan Sipil', ['Pendaftaran Penduduk', 'Pencatatan Sipil', 'Pengelolaan Informasi Administrasi Kependudukan'], 1,
    [], ['Administrator Database Kependudukan', 'Pranata Komputer'], 50),
  dinas('diskominfotik', 'Dinas Komunikasi, Informatika dan Statistik', ['Aplikasi Informatika', 'Statistik', 'Komunikasi Publik', 'Infrastruktur Teknologi Informasi'], 1,
    ['Jakarta Smart City'], ['Pranata Komputer', 'Statistisi', 'Pranata Humas'], 25),
  dinas('gulkarmat', 'Dinas Penanggulangan Kebakaran dan Penyelamatan', ['Operasi', 'Pencegahan', 'Sarana dan Prasarana', 'Partisipasi Masyarakat'], 1,
    ['Pusat Pendidikan dan Pelatihan Kebakaran dan Penyelamatan'], ['Analis Kebakaran', 'Pemadam Kebakaran'], 300),
  dinas('distamhut', 'Dinas Pertamanan dan Hutan Kota', ['Pertamanan', 'Hutan Kota', 'Pemakaman'], 0, ['Pembibitan Tanaman'], ['Pengawas Mutu Hasil Pertanian']),
  dinas('citata', 'Dinas Cipta Karya, Tata Ruang dan Pertanahan', ['Tata Ruang', 'Cipta Karya', 'Pertanahan'], 0, ['Pusat Data dan Informasi Tata Ruang'], ['Penata Ruang', 'Penata Bangunan Gedung']),
  dinas('dprkp', 'Dinas Perumahan Rakyat dan Kawasan Permukiman', ['Perumahan', 'Kawasan Permukiman', 'Pengelolaan Rumah Susun'], 0, ['Pengelola Rumah Susun Wilayah I', 'Pengelola Rumah Susun Wilayah II'], ['Penata Kelola Perumahan']),
  dinas('disparekraf', 'Dinas Pariwisata dan Ekonomi Kreatif', ['Destinasi Pariwisata', 'Ekonomi Kreatif', 'Pemasaran Pariwisata'], 0, ['Pusat Pelatihan Pariwisata'], ['Adyatama Kepariwisataan']),
  dinas('disbud', 'Dinas Kebudayaan', ['Pelindungan Kebudayaan', 'Pengembangan Kesenian', 'Permuseuman'], 0, ['Museum Sejarah Jakarta', 'Taman Ismail Marzuki'], ['Pamong Budaya', 'Pengkaji Cagar Budaya']),
  dinas('dispora', 'Dinas Pemuda dan Olahraga', ['Kepemudaan', 'Olahraga Prestasi', 'Sarana dan Prasarana Olahraga'], 0, ['Gelanggang Olahraga Remaja'], ['Analis Kepemudaan']),
  dinas('disnakertransgi', 'Dinas Tenaga Kerja, Transmigrasi dan Energi', ['Pelatihan dan Produktivitas', 'Hubungan Industrial', 'Energi'], 0, ['Pusat Pelatihan Kerja Daerah Jakarta Timur'], ['Pengantar Kerja', 'Mediator Hubungan Industrial', 'Pengawas Ketenagakerjaan']),
  dinas('ppkukm', 'Dinas Perindustrian, Perdagangan, Koperasi, Usaha Kecil dan Menengah', ['Perindustrian', 'Perdagangan', 'Koperasi dan Usaha Kecil Menengah'], 0, ['Metrologi Legal'], ['Penera', 'Penyuluh Perindustrian dan Perdagangan']),
  dinas('dkpkp', 'Dinas Ketahanan Pangan, Kelautan dan Pertanian', ['Ketahanan Pangan', 'Kelautan dan Perikanan', 'Pertanian dan Kehewanan'], 0, ['Rumah Potong Hewan'], ['Medik Veteriner', 'Penyuluh Pertanian']),
  dinas('dppapp', 'Dinas Pemberdayaan, Perlindungan Anak dan Pengendalian Penduduk', ['Pemberdayaan Perempuan', 'Perlindungan Anak', 'Pengendalian Penduduk dan Keluarga Berencana'], 0, ['Pusat Pelayanan Terpadu Perlindungan Perempuan dan Anak'], ['Penyuluh Keluarga Berencana']),
  dinas('dpmptsp', 'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu', ['Perencanaan dan Pengembangan Penanaman Modal', 'Pelayanan Perizinan', 'Pengaduan dan Informasi'], 0, [], ['Analis Perizinan']),
  dinas('dispusip', 'Dinas Perpustakaan dan Kearsipan', ['Perpustakaan', 'Kearsipan'], 0, [], ['Pustakawan', 'Arsiparis']),
  badan('bappeda', 'Badan Perencanaan Pembangunan Daerah', ['Perencanaan Makro', 'Perencanaan Infrastruktur', 'Perencanaan Sosial Budaya', 'Pengendalian dan Evaluasi'], [], ['Perencana']),
  badan('bkd', 'Badan Kepegawaian Daerah', ['Pengadaan dan Pemberhentian', 'Mutasi', 'Pengembangan Karier', 'Kesejahteraan dan Disiplin'], [], ['Analis Kepegawaian', 'Asesor SDM Aparatur']),
  badan('bpkd', 'Badan Pengelola Keuangan Daerah', ['Anggaran', 'Perbendaharaan', 'Akuntansi', 'Pengelolaan Aset'], [], ['Analis Keuangan Pusat dan Daerah', 'Penilai Pemerintah']),
  badan('bapenda', 'Badan Pendapatan Daerah', ['Perencanaan dan Pengembangan Pendapatan', 'Pengendalian', 'Pajak Bumi dan Bangunan'], ['Pusat Data dan Informasi Pendapatan'], ['Pemeriksa Pajak Daerah'], 1),
  badan('bpbd', 'Badan Penanggulangan Bencana Daerah', ['Pencegahan dan Kesiapsiagaan', 'Kedaruratan dan Logistik', 'Rehabilitasi dan Rekonstruksi'], ['Pusat Data dan Informasi Kebencanaan'], ['Analis Bencana']),
  badan('bpsdm', 'Badan Pengembangan Sumber Daya Manusia', ['Pengembangan Kompetensi Manajerial', 'Pengembangan Kompetensi Teknis', 'Pengembangan Kompetensi Fungsional'], [], ['Widyaiswara']),
  { code: 'inspektorat', name: 'Inspektorat', kind: 'INSPEKTORAT', bidang: ['Inspektur Pembantu Wilayah I', 'Inspektur Pembantu Wilayah II', 'Inspektur Pembantu Wilayah III', 'Inspektur Pembantu Khusus'], sudin: 0, upt: [], fungsional: ['Auditor', 'Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah'] },
  { code: 'satpolpp', name: 'Satuan Polisi Pamong Praja', kind: 'SATPOL_PP', bidang: ['Penegakan Perundang-undangan Daerah', 'Ketenteraman dan Ketertiban Umum', 'Perlindungan Masyarakat'], sudin: 0, upt: [], fungsional: ['Polisi Pamong Praja'] },
];

/** Staff titles by class, for units with no OPD-specific fungsional post. */
export const GENERIC_STAFF: Readonly<Record<StaffClass, readonly string[]>> = {
  AHLI: ['Analis Kebijakan', 'Perencana', 'Pranata Komputer', 'Analis Sumber Daya Manusia Aparatur'],
  TERAMPIL: ['Pranata Keuangan APBN', 'Arsiparis', 'Pranata Komputer'],
  PELAKSANA: ['Pengadministrasi Perkantoran', 'Pengelola Layanan Operasional', 'Penata Layanan Operasional', 'Operator Layanan Operasional'],
};

/** Seksi of a Kecamatan and Kelurahan-level staff posts (Pergub SOTK). */
export const KECAMATAN_SEKSI = ['Pemerintahan', 'Ketenteraman dan Ketertiban Umum', 'Kesejahteraan Rakyat', 'Ekonomi dan Pembangunan'] as const;
export const KELURAHAN_STAFF = ['Pengadministrasi Perkantoran', 'Pengelola Layanan Kependudukan', 'Penata Layanan Operasional'] as const;
