// The ledger the read-model comparison is built from: the demo organisation (scripts/src/demo) recorded through
// the real command handler, the continuity process's reactions to it, and then, through the API's own routes,
// what the demo lacks: corrections, retractions, acting officials, a leave, a late position, a rename and a
// handover task. Everything is deterministic: one stepping clock, counted ids, the demo's fixed seed.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createCommandHandler, createSqliteEventStore } from '@estafet/ledger';
import type { SqliteEventStore } from '@estafet/ledger';
import type { StoredEvent } from '@estafet/events';
import { startContinuityProcess } from '@estafet/worker';
import { seedDemo } from '../../scripts/src/demo/seed-demo.js';
import { send } from '../api/helper.js';

/** The demo's "today": its Kepala Dinas transfer is signed today with a TMT in 14 days. */
export const DEMO_TODAY = '2025-06-02';
/** The TMT of that transfer. */
export const DEMO_TMT = '2025-06-16';
/** The instant the query apps answer at (16:00 in Jakarta on DEMO_TODAY). */
export const QUERY_NOW = new Date('2025-06-02T09:00:00.000Z');

const SK = { skNumber: '800.1.3/0602/2025', skDate: DEMO_TODAY, signedBy: 'Gubernur Provinsi DKI Jakarta' };

export interface Teardown {
  teardown(fn: () => void | Promise<void>): void;
}

/** One second further on every call from 01:00 UTC on DEMO_TODAY: every recordedAt is known in advance. */
const steppingClock = (): (() => Date) => {
  let tick = 0;
  return () => new Date(Date.parse(`${DEMO_TODAY}T01:00:00.000Z`) + (tick += 1) * 1000);
};

/** Every event of the log, in order. */
export const allEvents = async (store: SqliteEventStore): Promise<StoredEvent[]> => {
  const events: StoredEvent[] = [];
  for (;;) {
    const page = await store.readAll({ fromPosition: events.at(-1)?.globalPosition ?? 0, limit: 5000 });
    if (page.length === 0) return events;
    events.push(...page);
  }
};

const quiet = { info: () => undefined, error: () => undefined };

/**
 * Runs the continuity process over the whole log until it has reacted to everything, ticks its time rules
 * once, and stops it. Its reactions carry deterministic ids, so a second pass appends only what is new.
 */
export const reactToLog = async (store: SqliteEventStore, clock: () => Date): Promise<void> => {
  const process = await startContinuityProcess({ store, clock, logger: quiet, tickIntervalMs: 0 });
  try {
    await process.caughtUp;
    await process.reached(await store.headPosition());
    await process.tick();
    await process.reached(await store.headPosition());
  } finally {
    await process.stop();
  }
};

export interface DemoLedger {
  readonly store: SqliteEventStore;
  readonly clock: () => Date;
  /** The number of commands the demo seed recorded. */
  readonly seeded: number;
}

/** The demo organisation and the continuity process's reactions, in a SQLite file under `dir`. */
export const seedDemoLedger = async (t: Teardown, dir: string): Promise<DemoLedger> => {
  const clock = steppingClock();
  const store = createSqliteEventStore({ path: join(dir, 'ledger.db'), clock, synchronous: 'NORMAL' });
  t.teardown(() => store.close());
  let id = 0;
  const newId = (): string => `00000000-0000-4000-8000-${(id += 1).toString(16).padStart(12, '0')}`;
  const handler = createCommandHandler({ store, clock, newId });
  const summary = await seedDemo((command, context) => handler.execute(command, context), { today: new Date(`${DEMO_TODAY}T03:00:00.000Z`) });
  await reactToLog(store, clock);
  return { store, clock, seeded: summary.commands };
};

/** An event's data as a record (the envelope types it unknown until its type is known). */
export const dataOf = (event: StoredEvent): Readonly<Record<string, unknown>> => {
  const data: unknown = event.data;
  if (typeof data !== 'object' || data === null) throw new Error(`${event.type} ${event.eventId} has no data`);
  return Object.fromEntries(Object.entries(data));
};

const eventOf = (events: readonly StoredEvent[], found: (e: StoredEvent) => boolean, what: string): StoredEvent => {
  const event = events.find(found);
  if (event === undefined) throw new Error(`the demo log has no ${what}`);
  return event;
};

const stringField = (event: StoredEvent, field: string): string => {
  const value = dataOf(event)[field];
  if (typeof value !== 'string') throw new Error(`${event.type} ${event.eventId} has no ${field}`);
  return value;
};

/** What the later changes touched, for the questions asked about them. */
export interface LaterChanges {
  /** An instant just before the first of them was recorded: "as known" then, none of them is. */
  readonly knownBefore: string;
  readonly correctedUnitId: string;
  readonly correctedNip: string;
  readonly latePositionId: string;
}

/**
 * Records, through the API (HR), what exercises corrections and refolds: a unit's name and a person's name
 * corrected, a training and a promotion retracted, a Plt for the Kepala Dinas who leaves at the TMT, a leave
 * covered by a Plh that is extended, a position recorded late and abolished, a unit renamed and a handover
 * task ticked. Then the continuity process reacts to them.
 */
export const recordLaterChanges = async (app: FastifyInstance, ledger: DemoLedger): Promise<LaterChanges> => {
  const events = await allEvents(ledger.store);
  const knownBefore = ledger.clock().toISOString();
  const recorded = async (url: string, body: unknown): Promise<void> => {
    const response = await send(app, url, body);
    if (response.statusCode !== 201) throw new Error(`${url} answered ${response.statusCode}: ${response.body}`);
  };

  const unit = eventOf(events, (e) => e.type === 'UnitEstablished' && dataOf(e)['unitId'] === 'disdik', 'Dinas Pendidikan');
  await recorded(`/events/${unit.eventId}/corrections`, {
    replacementData: { ...dataOf(unit), name: 'Dinas Pendidikan Provinsi DKI Jakarta' }, reason: 'nama unit sesuai Perda 5/2016', legalBasis: SK,
  });
  const person = eventOf(events, (e) => e.type === 'EmployeeRegistered', 'registered employee');
  await recorded(`/events/${person.eventId}/corrections`, {
    replacementData: { ...dataOf(person), name: `${stringField(person, 'name')} Putra` }, reason: 'nama sesuai akta kelahiran', legalBasis: null,
  });
  const training = eventOf(events, (e) => e.type === 'TrainingCompleted', 'training');
  await recorded(`/events/${training.eventId}/retractions`, { reason: 'pelatihan dicatat ganda', legalBasis: null });
  const promotion = eventOf([...events].reverse(), (e) => e.type === 'RankPromoted', 'rank promotion');
  await recorded(`/events/${promotion.eventId}/retractions`, { reason: 'SK kenaikan pangkat dibatalkan', legalBasis: SK });

  // The Sekretaris Dinas, already the nominated successor, acts as Plt from the day the Kepala Dinas leaves.
  const successor = stringField(eventOf(events, (e) => e.type === 'SuccessorNominated', 'successor'), 'nip');
  await recorded('/positions/disdik-kepala/acting-appointments', { nip: successor, actingKind: 'PLT', plannedEnd: '2025-09-16', effectiveAt: DEMO_TMT, legalBasis: SK });

  // The Kepala Dinas Perhubungan on leave, the Sekretaris as Plh, the Plh extended.
  const holderOf = (positionId: string): string =>
    stringField(eventOf(events, (e) => e.type === 'PositionAssigned' && dataOf(e)['positionId'] === positionId, positionId), 'nip');
  const kadishub = holderOf('dishub-kepala');
  const sekdishub = holderOf('dishub-sekretariat-kepala');
  await recorded(`/employees/${kadishub}/leaves`, { leaveKind: 'BESAR', plannedEnd: '2025-07-31', effectiveAt: '2025-05-02', legalBasis: SK });
  await recorded('/positions/dishub-kepala/acting-appointments', { nip: sekdishub, actingKind: 'PLH', plannedEnd: '2025-06-30', effectiveAt: '2025-05-02', legalBasis: SK });
  await recorded(`/positions/dishub-kepala/acting-appointments/${sekdishub}/extension`, { plannedEnd: '2025-07-31', effectiveAt: '2025-06-01', legalBasis: SK });

  // A position established in 2023 but recorded only now, reclassified, then abolished; a unit renamed.
  const latePositionId = 'dlh-bidang-pengelolaan-sampah-staf-ahli';
  await recorded('/positions', {
    positionId: latePositionId, unitId: 'dlh-bidang-pengelolaan-sampah', title: 'Analis Persampahan', kind: 'FUNGSIONAL', isLeadership: false,
    minimumGolongan: 'III/a', requiredCompetencies: [], effectiveAt: '2023-01-02', legalBasis: null,
  });
  await recorded(`/positions/${latePositionId}/reclassifications`, { title: 'Analis Pengelolaan Sampah', effectiveAt: '2024-01-02', legalBasis: null });
  await recorded(`/positions/${latePositionId}/abolition`, { effectiveAt: '2025-01-02', legalBasis: SK });
  await recorded('/units/diskominfotik/renames', { name: 'Dinas Komunikasi, Informatika dan Statistik Provinsi', effectiveAt: '2024-07-01', legalBasis: SK });

  // One task of the Dinas Pendidikan checklist ticked.
  const opened = eventOf(events, (e) => e.type === 'HandoverChecklistOpened' && dataOf(e)['positionId'] === 'disdik-kepala', 'disdik checklist');
  await recorded(`/handovers/${stringField(opened, 'checklistId')}/tasks/memorandum/complete`, { note: 'memori serah terima di arsip BKD' });

  await reactToLog(ledger.store, ledger.clock);
  return { knownBefore, correctedUnitId: 'disdik', correctedNip: stringField(person, 'nip'), latePositionId };
};
