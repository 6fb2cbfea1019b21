// Five years of history for the demo organisation, simulated in effective-date order so every command
// is valid when it is recorded: trainings, rank promotions, rotations, a retirement with a Plt, a leave
// with a Plh, complaints, and today's pending transfer of the Kepala Dinas Pendidikan.
import type { Command, Golongan, LegalBasis } from '@estafet/events';
import { compareGolongan, nextGolongan } from '@estafet/events';
import type { SeededRandom } from '../seeded-random.js';
import { addDays, addMonths, yearsBetween } from './calendar.js';
import type { DemoPosition } from './demo-positions.js';

export interface SimPerson { nip: string; gender: 'M' | 'F'; golongan: Golongan; lastPromotion: string; positionId: string | null }
type Run = (command: Command, correlationId?: string) => Promise<void>;

const GOVERNOR = 'Gubernur Provinsi DKI Jakarta';
const SEKDA = 'Sekretaris Daerah Provinsi DKI Jakarta';
const sk = (kind: string, serial: number, skDate: string, signedBy = GOVERNOR): LegalBasis => ({
  skNumber: `${kind}/${String(serial).padStart(4, '0')}/${skDate.slice(0, 4)}`, skDate, signedBy,
});

const COURSES = [
  { code: 'PKA', title: 'Pelatihan Kepemimpinan Administrator', jp: 40, grants: ['kepemimpinan-administrator'] },
  { code: 'PKP', title: 'Pelatihan Kepemimpinan Pengawas', jp: 30, grants: ['kepemimpinan-pengawas'] },
  { code: 'PKN2', title: 'Pelatihan Kepemimpinan Nasional Tingkat II', jp: 60, grants: ['kepemimpinan-strategis'] },
  { code: 'ANGG', title: 'Penganggaran Berbasis Kinerja', jp: 24, grants: ['manajemen-anggaran'] },
  { code: 'SPBE', title: 'Sistem Pemerintahan Berbasis Elektronik', jp: 20, grants: ['literasi-digital'] },
  { code: 'PLYN', title: 'Pelayanan Publik Prima', jp: 20, grants: ['pelayanan-publik'] },
] as const;

/** Promotion periods: 1 April and 1 October until 2023, six a year from 2024 (DOMAIN.md). */
const promotionDates = (year: number): string[] =>
  year <= 2023 ? [`${year}-04-01`, `${year}-10-01`] : ['02', '04', '06', '08', '10', '12'].map((m) => `${year}-${m}-01`);

export const seedHistory = async (
  run: Run, random: SeededRandom, people: SimPerson[], positions: readonly DemoPosition[], today: string,
): Promise<void> => {
  const byId = new Map(positions.map((p) => [p.positionId, p]));
  const holderOf = new Map(people.filter((p) => p.positionId).map((p) => [p.positionId ?? '', p]));
  let serial = 1;

  for (let year = 2021; year <= 2025; year += 1) {
    for (const person of people) {
      if (!person.positionId) continue;
      for (let i = 0; i < 2; i += 1) {
        const course = random.pick(COURSES);
        await run({
          type: 'RecordTraining', nip: person.nip, courseCode: course.code, courseTitle: course.title, jpHours: course.jp,
          competenciesGranted: [...course.grants], effectiveAt: `${year}-${i === 0 ? '05' : '09'}-${String(random.int(10, 28))}`, legalBasis: null,
        });
      }
    }
    for (const date of promotionDates(year)) {
      for (const person of people) {
        const to = nextGolongan(person.golongan);
        if (!person.positionId || !to || compareGolongan(to, 'IV/c') > 0 || yearsBetween(person.lastPromotion, date) < 4) continue;
        await run({ type: 'PromoteRank', nip: person.nip, toGolongan: to, kind: 'REGULER', effectiveAt: date, legalBasis: sk('823.3/KP', serial++, addDays(date, -30)) });
        person.golongan = to;
        person.lastPromotion = date;
      }
    }
    // Staff rotation (mutasi) of about 8% a year into vacant staff positions.
    const rotationDate = `${year}-03-01`;
    const vacantStaff = positions.filter((p) => !p.isLeadership && !holderOf.has(p.positionId));
    for (const person of people) {
      const current = person.positionId ? byId.get(person.positionId) : undefined;
      if (!current || current.isLeadership || !random.chance(0.08) || vacantStaff.length === 0) continue;
      const target = vacantStaff.splice(random.int(0, vacantStaff.length - 1), 1)[0];
      if (!target) continue;
      await run({ type: 'TransferEmployee', nip: person.nip, toPositionId: target.positionId, reason: 'ROTATION', effectiveAt: rotationDate, legalBasis: sk('821.2/MUT', serial++, addDays(rotationDate, -14), SEKDA) });
      holderOf.delete(current.positionId);
      vacantStaff.push(current);
      holderOf.set(target.positionId, person);
      person.positionId = target.positionId;
    }
    await rotateSeksiHead(run, random, people, positions, holderOf, year, () => serial++);
  }
  await seedComplaints(run, random, positions);
  await seedCurrentScenario(run, holderOf, today, () => serial++);
};

/** A Kepala Seksi retires; another Kasi acts as Plt; a qualified staff member is promoted into the post. */
const rotateSeksiHead = async (
  run: Run, random: SeededRandom, people: SimPerson[], positions: readonly DemoPosition[],
  holderOf: Map<string, SimPerson>, year: number, nextSerial: () => number,
): Promise<void> => {
  const seksiHeads = positions.filter((p) => p.kind === 'PENGAWAS' && holderOf.has(p.positionId));
  const post = random.pick(seksiHeads);
  const leaving = holderOf.get(post.positionId);
  const acting = holderOf.get(random.pick(seksiHeads.filter((p) => p !== post)).positionId);
  const successor = people.find((p) => p.positionId && !byLeadership(positions, p.positionId) && compareGolongan(p.golongan, post.minimumGolongan) >= 0);
  if (!leaving || !acting || !successor?.positionId) return;
  const retireOn = `${year}-06-01`;
  await run({ type: 'SeparateEmployee', nip: leaving.nip, reason: 'RETIREMENT', effectiveAt: retireOn, legalBasis: sk('800/PENS', nextSerial(), `${year}-03-15`) });
  leaving.positionId = null;
  holderOf.delete(post.positionId);
  await run({ type: 'AppointActing', positionId: post.positionId, nip: acting.nip, actingKind: 'PLT', plannedEnd: addMonths(retireOn, 3), effectiveAt: addDays(retireOn, 2), legalBasis: sk('800/PLT', nextSerial(), addDays(retireOn, 1), 'Kepala Badan Kepegawaian Daerah') });
  const appointOn = addMonths(retireOn, 2);
  await run({ type: 'EndActing', positionId: post.positionId, nip: acting.nip, reason: 'DEFINITIVE_APPOINTED', effectiveAt: appointOn, legalBasis: null });
  const from = successor.positionId;
  await run({ type: 'TransferEmployee', nip: successor.nip, toPositionId: post.positionId, reason: 'PROMOTION', effectiveAt: appointOn, legalBasis: sk('821.2/SK', nextSerial(), addDays(appointOn, -10)) });
  holderOf.delete(from);
  holderOf.set(post.positionId, successor);
  successor.positionId = post.positionId;
};

const byLeadership = (positions: readonly DemoPosition[], positionId: string): boolean =>
  positions.find((p) => p.positionId === positionId)?.isLeadership ?? false;

const seedComplaints = async (run: Run, random: SeededRandom, positions: readonly DemoPosition[]): Promise<void> => {
  const units = [...new Set(positions.filter((p) => p.kind === 'JPT_PRATAMA').map((p) => p.unitId))];
  const categories = ['Jalan rusak', 'Banjir', 'Sampah', 'Layanan sekolah', 'Layanan kesehatan', 'Administrasi kependudukan'];
  for (let i = 1; i <= 60; i += 1) {
    const receivedAt = `${random.pick(['2024', '2025'])}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}T0${random.int(1, 9)}:15:00+07:00`;
    const complaintId = `jaki-${String(i).padStart(5, '0')}`;
    await run({ type: 'ReceiveComplaint', complaintId, unitId: random.pick(units), channel: random.pick(['JAKI', 'JAKI', 'CRM', 'WEB'] as const), category: random.pick(categories), receivedAt, summary: 'Laporan warga melalui kanal pengaduan', effectiveAt: receivedAt.slice(0, 10), legalBasis: null });
    if (random.chance(0.9)) {
      const resolvedAt = new Date(Date.parse(receivedAt) + random.int(2, 120) * 3_600_000).toISOString();
      await run({ type: 'ResolveComplaint', complaintId, resolvedAt, outcome: 'RESOLVED', effectiveAt: resolvedAt.slice(0, 10), legalBasis: null });
    }
  }
};

/**
 * Today's picture: the Kepala Bappeda retired last month and the Sekretaris Bappeda acts as Plt; the
 * Governor has just signed the SK moving the Kepala Dinas Pendidikan to Bappeda, effective in 14 days.
 */
const seedCurrentScenario = async (
  run: Run, holderOf: Map<string, SimPerson>, today: string, nextSerial: () => number,
): Promise<void> => {
  const kadis = holderOf.get('disdik-kepala');
  const sekdis = holderOf.get('disdik-sekretariat-kepala');
  const kaban = holderOf.get('bappeda-kepala');
  const sekban = holderOf.get('bappeda-sekretariat-kepala');
  if (!kadis || !sekdis || !kaban || !sekban) throw new Error('demo organisation lacks the scenario officials');
  await run({ type: 'NominateSuccessor', positionId: 'disdik-kepala', nip: sekdis.nip, readiness: 'READY_1_2_YEARS', talentBox: 7, effectiveAt: addDays(today, -200), legalBasis: null });
  const retired = addDays(today, -40);
  await run({ type: 'SeparateEmployee', nip: kaban.nip, reason: 'RETIREMENT', effectiveAt: retired, legalBasis: sk('800/PENS', nextSerial(), addDays(retired, -60)) });
  kaban.positionId = null;
  holderOf.delete('bappeda-kepala');
  await run({ type: 'AppointActing', positionId: 'bappeda-kepala', nip: sekban.nip, actingKind: 'PLT', plannedEnd: addMonths(retired, 3), effectiveAt: addDays(retired, 1), legalBasis: sk('800/PLT', nextSerial(), retired, SEKDA) });
  const tmt = addDays(today, 14);
  await run({ type: 'EndActing', positionId: 'bappeda-kepala', nip: sekban.nip, reason: 'DEFINITIVE_APPOINTED', effectiveAt: tmt, legalBasis: null }, 'demo-kadis-transfer');
  await run({ type: 'TransferEmployee', nip: kadis.nip, toPositionId: 'bappeda-kepala', reason: 'ROTATION', effectiveAt: tmt, legalBasis: sk('821.2/SK', nextSerial(), today) }, 'demo-kadis-transfer');
  kadis.positionId = 'bappeda-kepala';
};
