// A position's history from the org-chart read model: its versions (title, unit, class), definitive holders
// with tenure and decree, Plt/Plh periods, and the vacancies between definitive holders.
import { z } from 'zod';
import { knownAtConditions, selectIn } from '../bitemporal-conditions.js';
import type { RowQuery } from '../read-model.js';
import { orgHolders, orgPeople, orgPositions } from './org-chart-tables.js';
import type { OrgHolderRow, OrgPositionRow } from './org-chart-tables.js';
import { daysBetween, gaps, knownEnd } from './history-intervals.js';

const PeriodSchema = z.object({ validFrom: z.string(), validTo: z.string().nullable() });

export const PositionHistorySchema = z.object({
  positionId: z.string(),
  knownAt: z.string().nullable(),
  versions: z.array(PeriodSchema.extend({
    unitId: z.string(), title: z.string(), kind: z.string(), eselon: z.string(), isLeadership: z.boolean(),
    endReason: z.string().nullable(), skNumber: z.string().nullable(),
  })),
  holders: z.array(PeriodSchema.extend({
    nip: z.string(), name: z.string().nullable(), tenureDays: z.int().nullable().describe('null while still in office'),
    skNumber: z.string().nullable(), reason: z.string().nullable(), leftBecause: z.string().nullable(),
  })),
  acting: z.array(PeriodSchema.extend({
    nip: z.string(), name: z.string().nullable(), kind: z.enum(['PLT', 'PLH']), plannedEnd: z.string().nullable(),
    skNumber: z.string().nullable(), endReason: z.string().nullable(),
  })),
  vacancies: z.array(PeriodSchema),
});
export type PositionHistory = z.output<typeof PositionHistorySchema>;

/** null when the position was not known at `knownAt`. */
export const queryPositionHistory = async (
  query: RowQuery, params: { readonly positionId: string; readonly knownAt: string | null },
): Promise<PositionHistory | null> => {
  const { positionId, knownAt } = params;
  const versions = await query.select(orgPositions, [
    ...knownAtConditions<OrgPositionRow>(knownAt), { column: 'positionId', op: 'eq', value: positionId },
  ], { orderBy: ['validFrom'] });
  const first = versions[0];
  const last = versions.at(-1);
  if (first === undefined || last === undefined) return null;
  const holdings = await query.select(orgHolders, [
    ...knownAtConditions<OrgHolderRow>(knownAt), { column: 'positionId', op: 'eq', value: positionId },
  ], { orderBy: ['validFrom', 'openedRecordedAt'] });
  const names = new Map((await selectIn(query, orgPeople, 'nip', holdings.map((h) => h.nip), [])).map((p) => [p.nip, p.name]));
  const definitive = holdings.filter((h) => h.role === 'DEFINITIVE');
  const lifetime = { validFrom: first.validFrom, validTo: knownEnd(last, knownAt) };
  return {
    positionId,
    knownAt,
    versions: versions.map((v) => ({
      validFrom: v.validFrom, validTo: knownEnd(v, knownAt), unitId: v.unitId, title: v.title, kind: v.kind, eselon: v.eselon,
      isLeadership: v.isLeadership === 1, endReason: knownEnd(v, knownAt) === null ? null : v.endReason, skNumber: v.skNumber,
    })),
    holders: definitive.map((h) => {
      const validTo = knownEnd(h, knownAt);
      return {
        validFrom: h.validFrom, validTo, nip: h.nip, name: names.get(h.nip) ?? null, tenureDays: daysBetween(h.validFrom, validTo),
        skNumber: h.skNumber, reason: h.openReason, leftBecause: validTo === null ? null : h.closeReason,
      };
    }),
    acting: holdings.flatMap((h) => (h.role === 'DEFINITIVE' ? [] : [{
      validFrom: h.validFrom, validTo: knownEnd(h, knownAt), nip: h.nip, name: names.get(h.nip) ?? null, kind: h.role,
      plannedEnd: h.plannedEnd, skNumber: h.skNumber, endReason: knownEnd(h, knownAt) === null ? null : h.closeReason,
    }])),
    vacancies: gaps(lifetime, definitive.map((h) => ({ validFrom: h.validFrom, validTo: knownEnd(h, knownAt) }))),
  };
};
