// One employee's timeline: positions held, acting roles, ranks, leave, trainings and separation, each with its
// decree (SK) and dates, as known now or at an instant. Positions, acting roles and titles are the org chart's.
import { z } from 'zod';
import { knownAtConditions, selectIn } from '../bitemporal-conditions.js';
import type { RowQuery } from '../read-model.js';
import { orgHolders, orgPositions } from '../org-chart/org-chart-tables.js';
import type { OrgHolderRow, OrgPositionRow } from '../org-chart/org-chart-tables.js';
import { knownEnd } from '../org-chart/history-intervals.js';
import { timelinePeople, timelineRecords } from './timeline-tables.js';
import type { TimelineRecordRow } from './timeline-tables.js';

const Period = { validFrom: z.string(), validTo: z.string().nullable(), skNumber: z.string().nullable(), skDate: z.string().nullable() };

export const EmployeeTimelineSchema = z.object({
  nip: z.string(),
  knownAt: z.string().nullable(),
  name: z.string().nullable(),
  birthDate: z.string().nullable(),
  gender: z.string().nullable(),
  education: z.string().nullable(),
  tmtCpns: z.string().nullable(),
  positions: z.array(z.object({
    ...Period, positionId: z.string(), title: z.string().nullable(), unitId: z.string().nullable(),
    reason: z.string().nullable().describe('Why a transfer brought them here'), leftBecause: z.string().nullable(),
  })),
  acting: z.array(z.object({
    ...Period, positionId: z.string(), title: z.string().nullable(), kind: z.enum(['PLT', 'PLH']), plannedEnd: z.string().nullable(),
    endReason: z.string().nullable(),
  })),
  ranks: z.array(z.object({ ...Period, golongan: z.string(), kind: z.string().nullable() })),
  leave: z.array(z.object({ ...Period, leaveKind: z.string(), plannedEnd: z.string().nullable() })),
  trainings: z.array(z.object({ date: z.string(), courseCode: z.string(), courseTitle: z.string().nullable(), jpHours: z.int().nullable() })),
  separation: z.object({ date: z.string(), reason: z.string(), skNumber: z.string().nullable() }).nullable(),
});
export type EmployeeTimeline = z.output<typeof EmployeeTimelineSchema>;

/** The version of each position in force when the person started there (else its earliest). */
const titleAt = (versions: readonly OrgPositionRow[], positionId: string, date: string): OrgPositionRow | undefined => {
  const own = versions.filter((v) => v.positionId === positionId).sort((a, b) => a.validFrom.localeCompare(b.validFrom));
  return own.find((v) => v.validFrom <= date && (v.validTo === null || v.validTo > date)) ?? own[0];
};

/** null when nothing is recorded for the NIP (as known at `knownAt`). */
export const queryEmployeeTimeline = async (
  query: RowQuery, params: { readonly nip: string; readonly knownAt: string | null },
): Promise<EmployeeTimeline | null> => {
  const { nip, knownAt } = params;
  const [person] = await query.select(timelinePeople, [{ column: 'nip', op: 'eq', value: nip }]);
  const holdings = await query.select(orgHolders, [
    ...knownAtConditions<OrgHolderRow>(knownAt), { column: 'nip', op: 'eq', value: nip },
  ], { orderBy: ['validFrom', 'openedRecordedAt'] });
  const records = await query.select(timelineRecords, [
    ...knownAtConditions<TimelineRecordRow>(knownAt), { column: 'nip', op: 'eq', value: nip },
  ], { orderBy: ['validFrom', 'openedRecordedAt'] });
  if (person === undefined && holdings.length === 0 && records.length === 0) return null;
  const versions = await selectIn(query, orgPositions, 'positionId', holdings.map((h) => h.positionId), knownAtConditions<OrgPositionRow>(knownAt));
  const facet = (name: TimelineRecordRow['facet']) => records.filter((r) => r.facet === name);
  const separation = facet('SEPARATION').at(-1);
  return {
    nip,
    knownAt,
    name: person?.name ?? null,
    birthDate: person?.birthDate ?? null,
    gender: person?.gender ?? null,
    education: person?.education ?? null,
    tmtCpns: person?.tmtCpns ?? null,
    positions: holdings.filter((h) => h.role === 'DEFINITIVE').map((h) => {
      const version = titleAt(versions, h.positionId, h.validFrom);
      const validTo = knownEnd(h, knownAt);
      return {
        validFrom: h.validFrom, validTo, skNumber: h.skNumber, skDate: h.skDate, positionId: h.positionId,
        title: version?.title ?? null, unitId: version?.unitId ?? null, reason: h.openReason, leftBecause: validTo === null ? null : h.closeReason,
      };
    }),
    acting: holdings.flatMap((h) => (h.role === 'DEFINITIVE' ? [] : [{
      validFrom: h.validFrom, validTo: knownEnd(h, knownAt), skNumber: h.skNumber, skDate: h.skDate, positionId: h.positionId,
      title: titleAt(versions, h.positionId, h.validFrom)?.title ?? null, kind: h.role, plannedEnd: h.plannedEnd,
      endReason: knownEnd(h, knownAt) === null ? null : h.closeReason,
    }])),
    ranks: facet('RANK').map((r) => ({
      validFrom: r.validFrom, validTo: knownEnd(r, knownAt), skNumber: r.skNumber, skDate: r.skDate, golongan: r.subject, kind: r.detail,
    })),
    leave: facet('LEAVE').map((r) => ({
      validFrom: r.validFrom, validTo: knownEnd(r, knownAt), skNumber: r.skNumber, skDate: r.skDate, leaveKind: r.subject, plannedEnd: r.plannedEnd,
    })),
    trainings: facet('TRAINING').map((r) => ({ date: r.validFrom, courseCode: r.subject, courseTitle: r.detail, jpHours: r.amount })),
    separation: separation === undefined ? null : { date: separation.validFrom, reason: separation.subject, skNumber: separation.skNumber },
  };
};
