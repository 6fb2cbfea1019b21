// A deterministic synthetic ledger for runner tests: units, positions, civil servants, transfers, acting
// officials, leave, trainings, promotions, separations, retroactive events, corrections and retractions,
// appended straight to a store the way the ledger lays out its streams.
import { makeNip } from '@estafet/events';
import type { DomainEvent, NewEvent } from '@estafet/events';
import type { EventStore } from '@estafet/ledger';

const SK = { skNumber: '821/2024', skDate: '2024-01-10', signedBy: 'Gubernur Provinsi DKI Jakarta' };

/** A small linear congruential generator: the same seed gives the same ledger. */
const random = (seed: number) => {
  let state = seed;
  return (): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
};

const uuid = (n: number): string => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const day = (n: number): string => new Date(Date.UTC(2018, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

export interface SyntheticOptions {
  readonly events: number;
  readonly seed?: number;
  /** Event numbers are offset so a second call appends new events rather than duplicates. */
  readonly idOffset?: number;
}

export async function appendSyntheticLog(store: EventStore, options: SyntheticOptions): Promise<number> {
  const rnd = random(options.seed ?? 7);
  const pick = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(rnd() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  };
  let n = options.idOffset ?? 0;
  let written = 0;
  const append = async (streamId: string, event: DomainEvent, effectiveAt: string, alsoIn: string[] = []): Promise<string> => {
    n += 1;
    written += 1;
    const eventId = uuid(n);
    const stored: NewEvent = {
      eventId, type: event.type, schemaVersion: 1, data: event.data, effectiveAt, legalBasis: SK,
      actor: { id: 'hr:test', role: 'hr' }, correlationId: `c-${n}`, causationId: null, alsoIn,
    };
    await store.append([{ streamId, expectedVersion: 'any', events: [stored] }]);
    return eventId;
  };

  const units = Array.from({ length: 6 }, (_, i) => `unit-${i}`);
  for (const [i, unitId] of units.entries()) {
    await append(`unit-${unitId}`, { type: 'UnitEstablished', data: { unitId, name: `Unit ${i}`, kind: i === 0 ? 'DINAS' : 'BIDANG', parentUnitId: i === 0 ? null : 'unit-0' } }, day(0));
  }
  const positions = Array.from({ length: 24 }, (_, i) => `pos-${i}`);
  for (const [i, positionId] of positions.entries()) {
    await append(`position-${positionId}`, {
      type: 'PositionEstablished',
      data: { positionId, unitId: units[i % units.length] ?? 'unit-0', title: `Jabatan ${i}`, kind: i < 6 ? 'ADMINISTRATOR' : 'PELAKSANA', eselon: i < 6 ? 'III.a' : 'NON_ESELON', isLeadership: i < 6, minimumGolongan: null, requiredCompetencies: [] },
    }, day(0));
  }
  interface Person { nip: string; at: string | null; acting: string | null; day: number; events: string[] }
  const people = Array.from({ length: 30 }, (_, i): Person => ({
    nip: makeNip({ birthDate: `19${70 + (i % 20)}-0${1 + (i % 9)}-1${i % 10}`, tmtCpns: `20${10 + (i % 9)}-0${1 + (i % 9)}`, gender: i % 2 === 0 ? 'M' : 'F', serial: 1 + i }),
    at: null, acting: null, day: 10, events: [],
  }));
  for (const p of people) {
    const stream = `employee-${p.nip}`;
    p.events.push(await append(stream, { type: 'EmployeeRegistered', data: { nip: p.nip, name: `Pegawai ${p.nip.slice(-3)}`, birthDate: `${p.nip.slice(0, 4)}-${p.nip.slice(4, 6)}-${p.nip.slice(6, 8)}`, gender: p.nip[14] === '1' ? 'M' : 'F', tmtCpns: `${p.nip.slice(8, 12)}-${p.nip.slice(12, 14)}-01`, education: 'S1', golongan: 'III/a' } }, day(5)));
  }
  while (written < options.events) {
    const p = pick(people);
    const stream = `employee-${p.nip}`;
    p.day += 1 + Math.floor(rnd() * 60);
    // One event in twenty is recorded late: effective well before what the person's stream already says.
    const at = rnd() < 0.05 ? day(Math.max(6, p.day - 400)) : day(p.day);
    const r = rnd();
    if (p.at === null) {
      p.at = pick(positions);
      p.events.push(await append(stream, { type: 'PositionAssigned', data: { nip: p.nip, positionId: p.at } }, at, [`position-${p.at}`]));
    } else if (r < 0.25) {
      const to = pick(positions.filter((x) => x !== p.at));
      p.events.push(await append(stream, { type: 'EmployeeTransferred', data: { nip: p.nip, fromPositionId: p.at, toPositionId: to, reason: 'ROTATION' } }, at, [`position-${p.at}`, `position-${to}`]));
      p.at = to;
    } else if (r < 0.4) {
      if (p.acting === null) {
        p.acting = pick(positions.slice(0, 6));
        p.events.push(await append(stream, { type: 'ActingAppointed', data: { nip: p.nip, positionId: p.acting, actingKind: rnd() < 0.5 ? 'PLT' : 'PLH', plannedEnd: day(p.day + 90) } }, at, [`position-${p.acting}`]));
      } else {
        p.events.push(await append(stream, rnd() < 0.3
          ? { type: 'ActingExtended', data: { nip: p.nip, positionId: p.acting, plannedEnd: day(p.day + 180) } }
          : { type: 'ActingEnded', data: { nip: p.nip, positionId: p.acting, reason: 'COMPLETED' } }, at, [`position-${p.acting}`]));
        p.acting = null;
      }
    } else if (r < 0.55) {
      p.events.push(await append(stream, rnd() < 0.5 ? { type: 'LeaveStarted', data: { nip: p.nip, leaveKind: 'TAHUNAN', plannedEnd: null } } : { type: 'LeaveEnded', data: { nip: p.nip } }, at));
    } else if (r < 0.75) {
      p.events.push(await append(stream, { type: 'TrainingCompleted', data: { nip: p.nip, courseCode: `K${Math.floor(rnd() * 9)}`, courseTitle: 'Pelatihan Teknis', jpHours: 24, competenciesGranted: [] } }, at));
    } else if (r < 0.85) {
      p.events.push(await append(stream, { type: 'RankPromoted', data: { nip: p.nip, fromGolongan: 'III/a', toGolongan: 'III/b', kind: 'REGULER' } }, at));
    } else if (r < 0.9) {
      const unitId = pick(units);
      await append(`unit-${unitId}`, { type: 'UnitRenamed', data: { unitId, name: `Unit ${Math.floor(rnd() * 1000)}` } }, at);
    } else if (r < 0.95) {
      const target = pick(p.events.slice(1));
      await append(stream, { type: 'EventRetracted', data: { targetEventId: target, reason: 'SK dibatalkan oleh PPK' } }, at);
    } else {
      const target = pick(p.events.slice(1));
      const stored = await store.getEvent(target);
      if (stored?.type === 'PositionAssigned' && typeof stored.data === 'object' && stored.data !== null) {
        await append(stream, { type: 'EventCorrected', data: { targetEventId: target, replacementData: { ...stored.data, positionId: pick(positions) }, reason: 'salah nomor jabatan' } }, at);
      }
    }
  }
  return written;
}
