// Citizen complaints per kelurahan through the channels of each era (counters and SMS, then CRM and Qlue, then
// JAKI), some routed to the Suku Dinas or Puskesmas responsible; most are resolved within days.
import type { COMPLAINT_CHANNELS } from '@estafet/events';
import { PHASE } from './agenda.js';
import type { GenUnit } from './build-units.js';
import { codeSlug } from './jakarta-areas.js';
import type { SimContext } from './occupancy.js';
import { COMPLAINTS_PER_KELURAHAN_MONTH, inForce } from './rank-rules.js';
import { isoOf, monthStart, wibInstant } from './sim-calendar.js';

type Channel = (typeof COMPLAINT_CHANNELS)[number];

/** Categories, and the OPD whose Suku Dinas (or Puskesmas) takes the report when it is not the kelurahan's. */
const CATEGORIES: readonly { readonly name: string; readonly opd: string | null }[] = [
  { name: 'Jalan rusak', opd: 'dbm' }, { name: 'Genangan air dan banjir', opd: 'dsda' }, { name: 'Saluran air tersumbat', opd: 'dsda' },
  { name: 'Sampah', opd: 'dlh' }, { name: 'Penerangan jalan umum', opd: 'dbm' }, { name: 'Pohon tumbang', opd: null },
  { name: 'Parkir liar', opd: 'dishub' }, { name: 'Pedagang kaki lima', opd: null }, { name: 'Administrasi kependudukan', opd: 'dukcapil' },
  { name: 'Fasilitas umum', opd: null }, { name: 'Gangguan ketenteraman dan ketertiban', opd: null },
  { name: 'Layanan kesehatan', opd: 'dinkes' }, { name: 'Layanan pendidikan', opd: 'disdik' }, { name: 'Bantuan sosial', opd: 'dinsos' },
];

const CHANNELS_BY_ERA: readonly { readonly from: string; readonly channels: readonly (readonly [Channel, number])[] }[] = [
  { from: '1900-01-01', channels: [['WALK_IN', 45], ['SMS', 30], ['WEB', 20], ['OTHER', 5]] },
  { from: '2015-01-01', channels: [['CRM', 55], ['SOCIAL_MEDIA', 25], ['WEB', 10], ['WALK_IN', 10]] },
  { from: '2020-01-01', channels: [['JAKI', 70], ['CRM', 12], ['SOCIAL_MEDIA', 10], ['WALK_IN', 8]] },
];

const PREFIX: Readonly<Record<Channel, string>> = {
  JAKI: 'jaki', CRM: 'crm', WEB: 'web', SMS: 'sms', SOCIAL_MEDIA: 'sosmed', WALK_IN: 'loket', OTHER: 'lain',
};

export interface Complaints {
  /** Schedules the complaints of a calendar month (from the current day on). */
  planMonth(year: number, month0: number): void;
}

/** `scale` shrinks the volume with the simulated head count, with a floor so small runs still see complaints. */
export function createComplaints(ctx: SimContext, scale: number): Complaints {
  const { state, random, agenda, emitter } = ctx;
  const kelurahan = state.units.flatMap((u, i) => (u.kind === 'KELURAHAN' ? [i] : []));
  let serial = 0;

  /** The Suku Dinas (or Puskesmas Kecamatan) of the category's OPD in the kelurahan's wilayah, when it exists. */
  const responsibleUnit = (kel: GenUnit, opd: string | null): string => {
    const area = kel.areaCode;
    if (opd === null || area === null || !random.chance(0.15)) return kel.unitId;
    const regency = codeSlug(area.slice(0, 5));
    const district = codeSlug(area.slice(0, 8));
    const candidates = opd === 'dinkes' ? [`dinkes-puskesmas-${district}`] : [`${opd}-sudin-${regency}`, `${opd}-sudin-${regency}-1`];
    return candidates.find((id) => state.unitIndex.has(id)) ?? kel.unitId;
  };

  const receive = (unit: GenUnit, day: number): void => {
    const iso = isoOf(day);
    const era = CHANNELS_BY_ERA.filter((e) => e.from <= iso).at(-1) ?? CHANNELS_BY_ERA[0];
    const [channel] = random.weighted(era?.channels ?? [['OTHER', 1]], ([, w]) => w);
    const category = random.pick(CATEGORIES);
    serial += 1;
    const complaintId = `${PREFIX[channel]}-${iso.slice(0, 7).replace('-', '')}-${String(serial).padStart(7, '0')}`;
    const minute = random.int(6 * 60, 22 * 60 + 59);
    emitter.emit('ComplaintReceived', {
      complaintId, unitId: responsibleUnit(unit, category.opd), channel, category: category.name, receivedAt: wibInstant(day, minute),
      summary: `${category.name} di wilayah ${unit.name}, dilaporkan warga melalui kanal ${channel}`,
    }, `complaint-${complaintId}`);
    const r = random.next();
    if (r >= 0.98) return;
    // Follow-up is expected within a day; resolution takes four days on average (January 2023: 98 % resolved).
    const hours = random.chance(0.5) ? random.int(2, 48) : random.chance(0.8) ? random.int(48, 240) : random.int(240, 720);
    const total = minute + hours * 60;
    const resolvedDay = day + Math.floor(total / 1440);
    const outcome = r < 0.93 ? 'RESOLVED' : r < 0.96 ? 'REJECTED' : 'FORWARDED';
    agenda.at(resolvedDay, PHASE.ROUTINE, () => {
      emitter.emit('ComplaintResolved', { complaintId, resolvedAt: wibInstant(resolvedDay, total % 1440), outcome }, `complaint-${complaintId}`);
    });
  };

  return {
    planMonth(year, month0) {
      const first = monthStart(year, month0);
      const next = monthStart(year, month0 + 1);
      const from = Math.max(first, ctx.day);
      if (from >= next) return;
      const mean = inForce(COMPLAINTS_PER_KELURAHAN_MONTH, isoOf(first)) * scale * ((next - from) / (next - first));
      for (const u of kelurahan) {
        const unit = state.units[u];
        if (!unit) continue;
        const n = random.count(mean);
        for (let i = 0; i < n; i += 1) {
          const day = from + random.int(0, next - from - 1);
          agenda.at(day, PHASE.ROUTINE, () => receive(unit, day));
        }
      }
    },
  };
}
