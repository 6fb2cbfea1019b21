// A unit's history from the org-chart read model: its names, kinds and parents over time (with how it
// ended), and who headed it: holders, Plt and Plh of its leadership positions.
import { z } from 'zod';
import { knownAtConditions, selectIn } from '../bitemporal-conditions.js';
import type { RowQuery } from '../read-model.js';
import { orgHolders, orgPeople, orgPositions, orgUnits } from './org-chart-tables.js';
import type { OrgHolderRow, OrgPositionRow, OrgUnitRow } from './org-chart-tables.js';
import { knownEnd } from './history-intervals.js';

export const UnitHistorySchema = z.object({
  unitId: z.string(),
  knownAt: z.string().nullable(),
  versions: z.array(z.object({
    validFrom: z.string(), validTo: z.string().nullable(), name: z.string(), kind: z.string(), parentUnitId: z.string().nullable(),
    endReason: z.string().nullable().describe('DISSOLVED, MERGED or SPLIT when the unit ended'),
    successorUnitIds: z.array(z.string()), skNumber: z.string().nullable(),
  })),
  heads: z.array(z.object({
    validFrom: z.string(), validTo: z.string().nullable(), positionId: z.string(), title: z.string(), nip: z.string(),
    name: z.string().nullable(), role: z.enum(['DEFINITIVE', 'PLT', 'PLH']), skNumber: z.string().nullable(),
  })),
});
export type UnitHistory = z.output<typeof UnitHistorySchema>;

/** null when the unit was not known at `knownAt`. */
export const queryUnitHistory = async (
  query: RowQuery, params: { readonly unitId: string; readonly knownAt: string | null },
): Promise<UnitHistory | null> => {
  const { unitId, knownAt } = params;
  const versions = await query.select(orgUnits, [
    ...knownAtConditions<OrgUnitRow>(knownAt), { column: 'unitId', op: 'eq', value: unitId },
  ], { orderBy: ['validFrom'] });
  if (versions.length === 0) return null;
  const leading = await query.select(orgPositions, [
    ...knownAtConditions<OrgPositionRow>(knownAt), { column: 'unitId', op: 'eq', value: unitId }, { column: 'isLeadership', op: 'eq', value: 1 },
  ]);
  const titles = new Map(leading.map((p) => [p.positionId, p.title]));
  const holders = await selectIn(query, orgHolders, 'positionId', [...titles.keys()], knownAtConditions<OrgHolderRow>(knownAt),
    { orderBy: ['validFrom', 'openedRecordedAt'] });
  const names = new Map((await selectIn(query, orgPeople, 'nip', holders.map((h) => h.nip), [])).map((p) => [p.nip, p.name]));
  return {
    unitId,
    knownAt,
    versions: versions.map((v) => {
      const validTo = knownEnd(v, knownAt);
      return {
        validFrom: v.validFrom, validTo, name: v.name, kind: v.kind, parentUnitId: v.parentUnitId,
        endReason: validTo === null ? null : v.endReason,
        successorUnitIds: validTo === null || v.successorUnitIds === null ? [] : v.successorUnitIds.split(','),
        skNumber: v.skNumber,
      };
    }),
    heads: holders
      .sort((a, b) => a.validFrom.localeCompare(b.validFrom) || a.openedRecordedAt.localeCompare(b.openedRecordedAt))
      .map((h) => ({
        validFrom: h.validFrom, validTo: knownEnd(h, knownAt), positionId: h.positionId, title: titles.get(h.positionId) ?? h.positionId,
        nip: h.nip, name: names.get(h.nip) ?? null, role: h.role, skNumber: h.skNumber,
      })),
  };
};
