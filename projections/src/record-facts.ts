// A person's record besides holdings, over effective time: rank (golongan) intervals, leave, trainings and
// separation, each with the decree (SK) that made it. Folded from one employee's events.
import { z } from 'zod';
import type { ProjectedEvent } from './projected-event.js';
import { isPersonRecordEvent, skDateOf, skNumberOf } from './event-groups.js';
import { closedBy, intervalShape, openedBy } from './versioned-facts.js';
import type { IntervalFields } from './versioned-facts.js';

export const RECORD_FACETS = ['RANK', 'LEAVE', 'TRAINING', 'SEPARATION'] as const;

export const recordFactShape = {
  nip: z.string(),
  facet: z.enum(RECORD_FACETS),
  ...intervalShape,
  /** RANK: golongan; LEAVE: leave kind; TRAINING: course code; SEPARATION: reason. */
  subject: z.string(),
  /** RANK: promotion kind (INITIAL at registration); TRAINING: course title. */
  detail: z.string().nullable(),
  /** TRAINING: lesson hours (JP). */
  amount: z.int().nullable(),
  plannedEnd: z.string().nullable(),
  skNumber: z.string().nullable(),
  skDate: z.string().nullable(),
  closeSkNumber: z.string().nullable(),
};
export type RecordFact = z.output<z.ZodObject<typeof recordFactShape>>;
export type RecordFacet = RecordFact['facet'];

/** The one constructor of record facts (see unitFact for why). */
export const recordFact = (r: Omit<RecordFact, keyof IntervalFields>, i: IntervalFields): RecordFact => ({
  nip: r.nip, facet: r.facet, validFrom: i.validFrom, validTo: i.validTo, openEventId: i.openEventId,
  openedRecordedAt: i.openedRecordedAt, closeEventId: i.closeEventId, closedRecordedAt: i.closedRecordedAt, subject: r.subject,
  detail: r.detail, amount: r.amount, plannedEnd: r.plannedEnd, skNumber: r.skNumber, skDate: r.skDate, closeSkNumber: r.closeSkNumber,
});

const record = (
  e: ProjectedEvent, nip: string, facet: RecordFacet, subject: string,
  extra: { detail?: string | null; amount?: number | null; plannedEnd?: string | null; point?: boolean } = {},
): RecordFact => {
  const interval = openedBy(e);
  // A point in time (a training, a separation) is an interval closed where it opens, by no later event.
  if (extra.point === true) interval.validTo = e.effectiveAt;
  return recordFact({
    nip, facet, subject, detail: extra.detail ?? null, amount: extra.amount ?? null, plannedEnd: extra.plannedEnd ?? null,
    skNumber: skNumberOf(e.legalBasis), skDate: skDateOf(e.legalBasis), closeSkNumber: null,
  }, interval);
};

const closeOpen = (facts: readonly RecordFact[], e: ProjectedEvent, facets: readonly RecordFacet[]): RecordFact[] =>
  facts.map((fact) => (fact.closeEventId === null && fact.validTo === null && facets.includes(fact.facet)
    ? recordFact({ ...fact, closeSkNumber: skNumberOf(e.legalBasis) }, closedBy(fact, e)) : fact));

/** One step of a person's records; EmployeeSeparated ends rank and leave and is itself recorded. */
export const stepRecords = (facts: readonly RecordFact[], e: ProjectedEvent): RecordFact[] => {
  const event = e.event;
  if (event.type === 'EmployeeSeparated') {
    return [...closeOpen(facts, e, ['RANK', 'LEAVE']), record(e, event.data.nip, 'SEPARATION', event.data.reason, { point: true })];
  }
  if (!isPersonRecordEvent(event)) return [...facts];
  switch (event.type) {
    case 'EmployeeRegistered':
      return [...closeOpen(facts, e, ['RANK']), record(e, event.data.nip, 'RANK', event.data.golongan, { detail: 'INITIAL' })];
    case 'RankPromoted':
      return [...closeOpen(facts, e, ['RANK']), record(e, event.data.nip, 'RANK', event.data.toGolongan, { detail: event.data.kind })];
    case 'LeaveStarted':
      return [
        ...closeOpen(facts, e, ['LEAVE']),
        record(e, event.data.nip, 'LEAVE', event.data.leaveKind, { plannedEnd: event.data.plannedEnd }),
      ];
    case 'LeaveEnded':
      return closeOpen(facts, e, ['LEAVE']);
    case 'TrainingCompleted': {
      const { nip, courseCode, courseTitle, jpHours } = event.data;
      return [...facts, record(e, nip, 'TRAINING', courseCode, { detail: courseTitle, amount: jpHours, point: true })];
    }
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
};
