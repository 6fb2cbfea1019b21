// Programs led from leadership positions: the flagships (KJP Plus, KJMU, JakLingko, flood control, JAKI, Kartu
// Pekerja...) over their real years, and yearly programs of every OPD, Kota and Kecamatan moving through phases.
import type { CRITICALITY, PROGRAM_PHASES } from '@estafet/events';
import { PHASE } from './agenda.js';
import type { SimContext } from './occupancy.js';
import { addMonthsDay, dayOf, isoOf, nextWorkingDay } from './sim-calendar.js';

type Criticality = (typeof CRITICALITY)[number];
type ProgramPhase = (typeof PROGRAM_PHASES)[number];

interface Flagship {
  readonly id: string;
  readonly name: string;
  readonly unitId: string;
  readonly start: string;
  readonly end: string | null;
  readonly criticality: Criticality;
  readonly outcome?: string;
}

const FLAGSHIPS: readonly Flagship[] = [
  { id: 'transjakarta-koridor', name: 'Pengembangan koridor Transjakarta', unitId: 'dishub', start: '2004-01-15', end: null, criticality: 'HIGH' },
  { id: 'rusunawa', name: 'Penyediaan rumah susun sederhana sewa', unitId: 'dprkp', start: '2008-01-02', end: null, criticality: 'MEDIUM' },
  { id: 'bank-sampah', name: 'Bank sampah kelurahan', unitId: 'dlh', start: '2011-03-01', end: null, criticality: 'MEDIUM' },
  { id: 'kjs', name: 'Kartu Jakarta Sehat (KJS)', unitId: 'dinkes', start: '2012-11-10', end: '2013-12-31', criticality: 'CRITICAL', outcome: 'Diintegrasikan ke Jaminan Kesehatan Nasional' },
  { id: 'kjp', name: 'Kartu Jakarta Pintar (KJP)', unitId: 'disdik', start: '2013-01-02', end: '2016-12-31', criticality: 'CRITICAL', outcome: 'Dilanjutkan sebagai KJP Plus' },
  { id: 'normalisasi-sungai', name: 'Pengendalian banjir dan normalisasi sungai', unitId: 'dsda', start: '2013-03-01', end: null, criticality: 'CRITICAL' },
  { id: 'jakarta-smart-city', name: 'Jakarta Smart City', unitId: 'diskominfotik', start: '2014-12-15', end: null, criticality: 'HIGH' },
  { id: 'crm-qlue', name: 'Cepat Respon Masyarakat (CRM) dan Qlue', unitId: 'diskominfotik', start: '2015-01-05', end: '2019-08-31', criticality: 'HIGH', outcome: 'Digantikan oleh JAKI' },
  { id: 'kjmu', name: 'Kartu Jakarta Mahasiswa Unggul (KJMU)', unitId: 'disdik', start: '2016-07-01', end: null, criticality: 'HIGH' },
  { id: 'kjp-plus', name: 'Kartu Jakarta Pintar Plus (KJP Plus)', unitId: 'disdik', start: '2017-01-02', end: null, criticality: 'CRITICAL' },
  { id: 'ok-otrip', name: 'OK-OTrip integrasi angkutan', unitId: 'dishub', start: '2017-01-15', end: '2018-09-30', criticality: 'HIGH', outcome: 'Dilanjutkan sebagai JakLingko' },
  { id: 'kartu-pekerja', name: 'Kartu Pekerja Jakarta', unitId: 'disnakertransgi', start: '2017-12-01', end: null, criticality: 'HIGH' },
  { id: 'jaklingko', name: 'JakLingko integrasi transportasi', unitId: 'dishub', start: '2018-10-01', end: null, criticality: 'CRITICAL' },
  { id: 'jaki', name: 'Penanganan pengaduan JAKI', unitId: 'diskominfotik', start: '2019-09-01', end: null, criticality: 'HIGH' },
];

const YEARLY = [
  'Peningkatan Kualitas Pelayanan', 'Pembangunan dan Pemeliharaan Sarana Prasarana', 'Penguatan Kapasitas Aparatur',
  'Digitalisasi Layanan', 'Pengendalian dan Evaluasi Kinerja', 'Pemberdayaan Masyarakat',
] as const;

export interface Programs {
  /** Registers the flagships whose period reaches the opening day and schedules the rest. */
  planFlagships(): void;
  planYear(year: number): void;
}

export function createPrograms(ctx: SimContext): Programs {
  const { state, random, agenda, emitter } = ctx;
  const stream = (id: string): string => `program-${id}`;
  const headOf = (unitId: string): string => `${unitId}-kepala`;

  const phase = (id: string, to: ProgramPhase, day: number, closeDay: number | null): void => {
    if (closeDay !== null && day >= closeDay) return;
    agenda.at(day, PHASE.ROUTINE, () => emitter.emit('ProgramPhaseChanged', { programId: id, phase: to }, stream(id)));
  };

  const close = (id: string, day: number, outcome: string): void => {
    agenda.at(day, PHASE.ROUTINE, () => emitter.emit('ProgramClosed', { programId: id, outcome }, stream(id)));
  };

  const register = (id: string, name: string, unitId: string, leadingPositionId: string, criticality: Criticality, start: string, end: string | null, at: ProgramPhase): void => {
    emitter.emit('ProgramRegistered', {
      programId: id, name, unitId, leadingPositionId, criticality, phase: at, periodStart: start, periodEnd: end,
    }, stream(id));
  };

  const flagship = (f: Flagship): void => {
    const endDay = f.end === null ? null : dayOf(f.end);
    const running = dayOf(f.start) < ctx.day;
    register(f.id, f.name, f.unitId, headOf(f.unitId), f.criticality, f.start, f.end, running ? 'IMPLEMENTATION' : 'PLANNING');
    if (!running) {
      const procurement = nextWorkingDay(addMonthsDay(ctx.day, random.int(1, 3)));
      phase(f.id, 'PROCUREMENT', procurement, endDay);
      phase(f.id, 'IMPLEMENTATION', nextWorkingDay(addMonthsDay(procurement, random.int(2, 5))), endDay);
    }
    if (endDay !== null) {
      phase(f.id, 'EVALUATION', nextWorkingDay(endDay - random.int(20, 60)), null);
      close(f.id, endDay, f.outcome ?? 'Program selesai');
    }
  };

  /** A yearly program of a unit, led by one of its bidang/seksi heads or by the unit head. */
  const yearly = (unitIdx: number, year: number, n: number): void => {
    const unit = state.units[unitIdx];
    if (!unit) return;
    const leaders = (state.childUnits[unitIdx] ?? []).filter((u) => {
      const kind = state.units[u]?.kind;
      return kind === 'BIDANG' || kind === 'SEKSI';
    });
    const leadUnit = leaders.length > 0 && random.chance(0.7) ? state.units[random.pick(leaders)] : unit;
    const start = nextWorkingDay(dayOf(`${year}-02-01`) + random.int(0, 50));
    if (start < ctx.day) return;
    const multiYear = random.chance(0.25);
    const end = dayOf(`${year + (multiYear ? 1 : 0)}-12-31`);
    const id = `prog-${unit.unitId}-${year}-${n}`;
    const theme = random.pick(YEARLY);
    agenda.at(start, PHASE.ROUTINE, () => {
      register(id, `${theme} ${unit.name} Tahun ${year}`, unit.unitId, headOf((leadUnit ?? unit).unitId),
        random.weighted(['LOW', 'MEDIUM', 'HIGH'] as const, (c) => (c === 'MEDIUM' ? 5 : c === 'LOW' ? 3 : 2)), isoOf(start), isoOf(end), 'PLANNING');
      const procurement = nextWorkingDay(addMonthsDay(start, random.int(1, 2)));
      phase(id, 'PROCUREMENT', procurement, end);
      phase(id, 'IMPLEMENTATION', nextWorkingDay(addMonthsDay(procurement, random.int(1, 3))), end);
      phase(id, 'EVALUATION', nextWorkingDay(end - random.int(25, 45)), end);
      close(id, end, `Realisasi fisik ${random.int(70, 100)}% dan keuangan ${random.int(65, 99)}%`);
    });
  };

  return {
    planFlagships() {
      for (const f of FLAGSHIPS) {
        if (f.end !== null && dayOf(f.end) <= ctx.day) continue;
        const start = dayOf(f.start);
        if (start <= ctx.day) flagship(f);
        else agenda.at(start, PHASE.ROUTINE, () => flagship(f));
      }
    },
    planYear(year) {
      state.units.forEach((unit, unitIdx) => {
        const count = unit.parentUnitId === null ? random.int(1, 2) : unit.kind === 'KECAMATAN' || unit.kind === 'SUKU_DINAS' ? (random.chance(0.6) ? 1 : 0) : 0;
        for (let n = 1; n <= count; n += 1) yearly(unitIdx, year, n);
      });
    },
  };
}
