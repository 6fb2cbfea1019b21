// generateJakarta: a synthetic DKI Jakarta, deterministic for a seed, written straight into an event store with
// large batched appends. Opens the ledger with the organisation and its people, then simulates day by day.
import { IsoDateSchema } from '@estafet/events';
import type { EventStore } from '@estafet/ledger';
import { createAgenda, PHASE } from './agenda.js';
import { buildPositions } from './build-positions.js';
import { buildUnits } from './build-units.js';
import { createComplaints } from './complaints.js';
import { createDevelopment } from './development.js';
import { createEmitter, SIGNERS } from './event-emitter.js';
import { loadJakartaAreas } from './jakarta-areas.js';
import { createLeadership } from './leadership.js';
import type { SimContext } from './occupancy.js';
import { createPeopleFactory } from './people-factory.js';
import { createPrograms } from './programs.js';
import { addYearsIso, dayOf, isoOf, monthStart, yearOf } from './sim-calendar.js';
import { createSimRandom } from './sim-random.js';
import { createSimState } from './sim-state.js';
import { establishOrganisation, staffOpening } from './opening.js';
import { createStreamBatcher } from './stream-batcher.js';
import { createWorkforce } from './workforce.js';

export interface GenerateProgress {
  readonly simulatedDate: string;
  /** Share of the simulated period done, 0..1. */
  readonly fraction: number;
  readonly eventsGenerated: number;
  readonly eventsWritten: number;
}

export interface GenerateOptions {
  readonly store: EventStore;
  /** Head count at the opening of the ledger, kept roughly stable by yearly recruitment. Default 70,000. */
  readonly employees?: number;
  readonly years?: number;
  readonly seed?: number;
  /** Last simulated day (YYYY-MM-DD); the history starts `years` before it. */
  readonly endDate: string;
  /** Events per append. Default 5,000. */
  readonly batchSize?: number;
  readonly onProgress?: (progress: GenerateProgress) => void;
  /** A monotonic millisecond clock for the elapsed time; performance.now by default. */
  readonly now?: () => number;
}

export interface GenerateSummary {
  readonly seed: number;
  readonly startDate: string;
  readonly endDate: string;
  readonly events: number;
  readonly eventsByType: Readonly<Record<string, number>>;
  readonly units: number;
  readonly positions: number;
  readonly leadershipPositions: number;
  readonly employees: { readonly atOpening: number; readonly registered: number; readonly active: number; readonly separated: number };
  readonly appends: number;
  readonly elapsedMs: number;
  readonly eventsPerSecond: number;
}

const positiveInt = (value: number, name: string, max: number): number => {
  if (!Number.isInteger(value) || value < 1 || value > max) throw new RangeError(`${name} must be an integer from 1 to ${max}, got ${value}`);
  return value;
};

export async function generateJakarta(options: GenerateOptions): Promise<GenerateSummary> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const employees = positiveInt(options.employees ?? 70_000, 'employees', 2_000_000);
  const years = positiveInt(options.years ?? 20, 'years', 60);
  const seed = options.seed ?? 1;
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  const endDate = IsoDateSchema.parse(options.endDate);
  const batchSize = positiveInt(options.batchSize ?? 5_000, 'batchSize', 100_000);
  if ((await options.store.headPosition()) > 0) throw new Error('the store already holds events: generate into an empty store');

  const firstDay = dayOf(addYearsIso(endDate, -years));
  const lastDay = dayOf(endDate);
  const random = createSimRandom(seed);
  const units = buildUnits(loadJakartaAreas());
  // Leaders are about 3 % of the workforce; a small run keeps only the top of the chart staffed.
  const staffedLeaders = Math.min(units.length, Math.max(10, Math.round(employees * 0.03)));
  const openingLeaders = Math.round(staffedLeaders * 0.96);
  const openingStaff = employees - openingLeaders;
  const positions = buildPositions(units, Math.round(openingStaff * 1.05));
  const state = createSimState(units, positions);
  const agenda = createAgenda(firstDay, lastDay);
  let generatedAtLastReport = 0;
  const batcher = createStreamBatcher(options.store, { maxEvents: batchSize });
  const emitter = createEmitter(random, batcher);

  const ctx: SimContext = {
    state, emitter, random, agenda, day: firstDay,
    onLeaderVacated: (idx, cause) => leadership.onLeaderVacated(idx, cause),
    onCoverLost: (idx, cause) => leadership.onCoverLost(idx, cause),
  };
  const leadership = createLeadership(ctx);
  const development = createDevelopment(ctx);
  const workforce = createWorkforce(ctx, {
    people: createPeopleFactory(random), leadership, targetHeadcount: employees,
    // People hired at the opening are planned with everyone else; recruits join the plans of their first year.
    onHired: (person, recruited) => {
      if (!recruited) return;
      development.onRecruited(person);
      development.planYear(person, ctx.day + 1, yearEndAfter(ctx.day));
    },
  });
  const programs = createPrograms(ctx);
  const complaints = createComplaints(ctx, Math.max(employees / 70_000, 0.05));

  const planYear = (year: number): void => {
    const from = Math.max(firstDay, dayOf(`${year}-01-01`));
    const to = yearEndAfter(from);
    for (const idx of [...state.active.values()]) {
      const person = state.people[idx];
      if (!person) continue;
      workforce.planYear(person, from, to);
      development.planYear(person, from, to);
    }
    leadership.planRotationRounds(year);
    workforce.planCalendar(year);
    development.planTalentReview(year);
    programs.planYear(year);
    for (let m = 0; m < 12; m += 1) {
      const monthDay = Math.max(firstDay, monthStart(year, m));
      if (monthDay < monthStart(year, m + 1)) agenda.at(monthDay, PHASE.ROUTINE, () => complaints.planMonth(year, m));
    }
  };

  emitter.today(firstDay);
  const establishedEventIds = establishOrganisation(ctx, emitter.sk('ORGANISATION', firstDay - 45, SIGNERS.GOVERNOR));
  staffOpening(ctx, { workforce, leadership, staffedLeaders, openingLeaders, openingStaff, establishedEventIds });
  programs.planFlagships();
  for (let year = yearOf(firstDay); year <= yearOf(lastDay); year += 1) {
    if (year === yearOf(firstDay)) planYear(year);
    else agenda.at(dayOf(`${year}-01-01`), PHASE.EXIT, () => planYear(year));
  }

  const report = (day: number): void => {
    generatedAtLastReport = emitter.total;
    options.onProgress?.({
      simulatedDate: isoOf(day), fraction: (day - firstDay + 1) / (lastDay - firstDay + 1),
      eventsGenerated: emitter.total, eventsWritten: batcher.written,
    });
  };
  for (let day = firstDay; day <= lastDay; day += 1) {
    ctx.day = day;
    emitter.today(day);
    agenda.run(day);
    await batcher.drain(false);
    if (emitter.total - generatedAtLastReport >= batchSize || day === lastDay) report(day);
  }
  await batcher.drain(true);
  report(lastDay);

  const elapsedMs = Math.round(now() - started);
  const separated = state.people.filter((p) => p.separated).length;
  return {
    seed, startDate: isoOf(firstDay), endDate, events: emitter.total,
    eventsByType: Object.fromEntries([...emitter.counts.entries()].sort(([a], [b]) => a.localeCompare(b))),
    units: units.length, positions: positions.length, leadershipPositions: units.length,
    employees: { atOpening: employees, registered: state.people.length, active: state.active.size, separated },
    appends: batcher.appends, elapsedMs, eventsPerSecond: Math.round(emitter.total / Math.max(elapsedMs / 1000, 0.001)),
  };
}

/** The first day of the year after `day`'s year: the end (exclusive) of a yearly plan. */
const yearEndAfter = (day: number): number => dayOf(`${yearOf(day) + 1}-01-01`);
