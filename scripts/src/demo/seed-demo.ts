// Seeds a small, realistic Jakarta organisation through the command path: units, positions, 250
// people with valid NIPs, five years of promotions, rotations, Plt/Plh, trainings, programs and
// complaints, ending with a Kepala Dinas transfer whose SK is signed ahead of its TMT.
import type { Actor, Command, Education, Golongan, LegalBasis } from '@estafet/events';
import { GOLONGAN, golonganIndex, makeNip } from '@estafet/events';
import { createSeededRandom } from '../seeded-random.js';
import type { SeededRandom } from '../seeded-random.js';
import { addDays, isoDate } from './calendar.js';
import { seedHistory } from './seed-history.js';
import type { SimPerson } from './seed-history.js';
import { demoUnits } from './jakarta-organisation.js';
import { demoPositions } from './demo-positions.js';
import type { DemoPosition } from './demo-positions.js';
import { syntheticName } from './synthetic-names.js';

export type ExecuteCommand = (command: Command, context: { actor: Actor; correlationId: string }) => Promise<unknown>;

export interface DemoSummary { commands: number; units: number; positions: number; employees: number }

const GOVERNOR = 'Gubernur Provinsi DKI Jakarta';
const HR: Actor = { id: 'hr:demo-seed', role: 'hr' };
const ORG_DATE = '2017-01-02';
const START = '2021-01-04';

const sk = (kind: string, serial: number, skDate: string, signedBy = GOVERNOR): LegalBasis => ({
  skNumber: `${kind}/${String(serial).padStart(4, '0')}/${skDate.slice(0, 4)}`, skDate, signedBy,
});

/** Education and a golongan at or above the position's minimum, as a real holder would have. */
const profileFor = (position: DemoPosition, random: SeededRandom): { education: Education; golongan: Golongan } => {
  const min = golonganIndex(position.minimumGolongan);
  const education: Education = position.kind.startsWith('JPT') ? 'S2' : position.isLeadership ? random.pick(['S1', 'S2'] as const)
    : random.pick(['SMA', 'D3', 'S1', 'S1'] as const);
  const golongan = GOLONGAN[Math.min(min + random.int(0, 1), GOLONGAN.length - 2)] ?? position.minimumGolongan;
  return { education, golongan };
};

export const seedDemo = async (execute: ExecuteCommand, options: { today: Date; seed?: number }): Promise<DemoSummary> => {
  const random = createSeededRandom(options.seed ?? 2017);
  const today = isoDate(options.today);
  let commands = 0;
  let serial = 0;
  const run = async (command: Command, correlationId = `demo-${commands + 1}`): Promise<void> => {
    commands += 1;
    await execute(command, { actor: HR, correlationId });
  };

  const units = demoUnits();
  for (const unit of units) {
    await run({ type: 'EstablishUnit', ...unit, effectiveAt: ORG_DATE, legalBasis: sk('Pergub', 57, '2016-12-20') });
  }
  const positions = demoPositions(units);
  for (const p of positions) {
    await run({
      type: 'EstablishPosition', positionId: p.positionId, unitId: p.unitId, title: p.title, kind: p.kind,
      isLeadership: p.isLeadership, minimumGolongan: p.minimumGolongan, requiredCompetencies: [...p.requiredCompetencies],
      effectiveAt: ORG_DATE, legalBasis: null,
    });
  }

  // Fill every leadership position and ~85% of staff positions on the start date.
  const people: SimPerson[] = [];
  const nips = new Set<string>();
  for (const position of positions) {
    if (!position.isLeadership && !random.chance(0.85)) continue;
    const { education, golongan } = profileFor(position, random);
    const gender = random.chance(0.45) ? 'F' : 'M';
    const serviceYears = 4 * (golonganIndex(golongan) - 8) + random.int(8, 14);
    // Born 1970 or later, so nobody in the demo is past the retirement age (BUP 58, 60 for JPT) today.
    const birthYear = Math.max(1970, Math.min(1998, 2021 - Math.max(serviceYears, 2) - random.int(22, 27)));
    const birthDate = `${birthYear}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;
    const tmtCpns = `${birthYear + random.int(22, 27)}-${String(random.pick([1, 3, 4])).padStart(2, '0')}-01`;
    let nip = '';
    do { serial += 1; nip = makeNip({ birthDate, tmtCpns: tmtCpns.slice(0, 7), gender, serial: (serial % 999) + 1 }); } while (nips.has(nip));
    nips.add(nip);
    await run({ type: 'RegisterEmployee', nip, name: syntheticName(random, gender), birthDate, gender, tmtCpns, education, golongan, effectiveAt: tmtCpns, legalBasis: null });
    await run({ type: 'AssignPosition', nip, positionId: position.positionId, effectiveAt: START, legalBasis: sk('821.2/SK', people.length + 1, '2020-12-28') });
    people.push({ nip, gender, golongan, lastPromotion: addDays(START, -random.int(0, 1400)), positionId: position.positionId });
  }

  await seedPrograms(run);
  await seedHistory(run, random, people, positions, today);
  return { commands, units: units.length, positions: positions.length, employees: people.length };
};

type Run = (command: Command, correlationId?: string) => Promise<void>;

const PROGRAMS = [
  { programId: 'kjp-plus', name: 'Kartu Jakarta Pintar Plus (KJP Plus)', unitId: 'disdik', leadingPositionId: 'disdik-kepala', criticality: 'CRITICAL' },
  { programId: 'kjmu', name: 'Kartu Jakarta Mahasiswa Unggul (KJMU)', unitId: 'disdik', leadingPositionId: 'disdik-bidang-sekolah-menengah-kepala', criticality: 'HIGH' },
  { programId: 'jaklingko', name: 'JakLingko integrasi transportasi', unitId: 'dishub', leadingPositionId: 'dishub-kepala', criticality: 'CRITICAL' },
  { programId: 'pengendalian-banjir', name: 'Pengendalian banjir dan normalisasi sungai', unitId: 'dsda', leadingPositionId: 'dsda-bidang-pengendalian-banjir-kepala', criticality: 'CRITICAL' },
  { programId: 'jaki-crm', name: 'Penanganan pengaduan JAKI/CRM', unitId: 'diskominfotik', leadingPositionId: 'diskominfotik-kepala', criticality: 'HIGH' },
  { programId: 'bank-sampah', name: 'Bank sampah kelurahan', unitId: 'dlh', leadingPositionId: 'dlh-bidang-pengelolaan-sampah-kepala', criticality: 'MEDIUM' },
  { programId: 'perencanaan-rpjmd', name: 'Penyusunan RPJMD', unitId: 'bappeda', leadingPositionId: 'bappeda-kepala', criticality: 'HIGH' },
] as const;

const seedPrograms = async (run: Run): Promise<void> => {
  for (const program of PROGRAMS) {
    await run({ type: 'RegisterProgram', ...program, phase: 'PLANNING', periodStart: '2021-02-01', periodEnd: null, effectiveAt: '2021-02-01', legalBasis: null });
    await run({ type: 'ChangeProgramPhase', programId: program.programId, phase: 'IMPLEMENTATION', effectiveAt: '2021-07-01', legalBasis: null });
  }
};
