// The org chart on a date, as known at an instant: units (a subtree to a depth), their positions, each with
// its definitive holder, acting officials (Plt/Plh) and, when no definitive holder, the date it fell vacant.
import { z } from 'zod';
import { knownAtConditions, selectIn, validOnConditions } from '../bitemporal-conditions.js';
import type { RowQuery } from '../read-model.js';
import { closeKnownAt } from '../versioned-facts.js';
import { orgHolders, orgPeople, orgPositions, orgUnits } from './org-chart-tables.js';
import type { OrgHolderRow, OrgPositionRow, OrgUnitRow } from './org-chart-tables.js';

const HolderSchema = z.object({
  nip: z.string(),
  name: z.string().nullable(),
  since: z.string().describe('TMT of the decree that put them here'),
  skNumber: z.string().nullable(),
});
const ActingSchema = HolderSchema.extend({ kind: z.enum(['PLT', 'PLH']), plannedEnd: z.string().nullable() });

export const OrgChartPositionSchema = z.object({
  positionId: z.string(),
  title: z.string(),
  kind: z.string(),
  eselon: z.string(),
  isLeadership: z.boolean(),
  since: z.string().describe('Since when the position has had this title and classification'),
  holder: HolderSchema.nullable(),
  acting: z.array(ActingSchema),
  vacantSince: z.string().nullable().describe('Set when there is no definitive holder: the date the position fell vacant'),
});

export const OrgChartUnitSchema = z.object({
  unitId: z.string(),
  name: z.string(),
  kind: z.string(),
  parentUnitId: z.string().nullable(),
  depth: z.int().describe('0 for the root(s) of the chart'),
  since: z.string().describe('Since when the unit has had this name and parent'),
  positions: z.array(OrgChartPositionSchema),
});

export const OrgChartSchema = z.object({
  asOf: z.string(),
  knownAt: z.string().nullable(),
  units: z.array(OrgChartUnitSchema),
  vacancies: z.int(),
});
export type OrgChart = z.output<typeof OrgChartSchema>;

export interface OrgChartParams {
  readonly asOf: string;
  /** UTC ISO instant, or null for what the ledger says now. */
  readonly knownAt: string | null;
  readonly unit: string | null;
  /** Levels below the root unit to include; null for all. */
  readonly depth: number | null;
}

/** Units of the chart in tree order, from `root` (or every top unit) down to `depth` levels. */
export const unitTree = (units: readonly OrgUnitRow[], root: string | null, depth: number | null): { unit: OrgUnitRow; depth: number }[] => {
  const children = new Map<string | null, OrgUnitRow[]>();
  const ids = new Set(units.map((u) => u.unitId));
  for (const unit of units) {
    // A parent missing on this date (dissolved, not yet established) makes its child a root rather than lost.
    const parent = unit.parentUnitId !== null && ids.has(unit.parentUnitId) ? unit.parentUnitId : null;
    children.set(parent, [...(children.get(parent) ?? []), unit]);
  }
  for (const list of children.values()) list.sort((a, b) => a.name.localeCompare(b.name) || a.unitId.localeCompare(b.unitId));
  const roots = root === null ? children.get(null) ?? [] : units.filter((u) => u.unitId === root);
  const out: { unit: OrgUnitRow; depth: number }[] = [];
  const seen = new Set<string>();
  const walk = (unit: OrgUnitRow, level: number): void => {
    if (seen.has(unit.unitId)) return;
    seen.add(unit.unitId);
    out.push({ unit, depth: level });
    if (depth !== null && level >= depth) return;
    for (const child of children.get(unit.unitId) ?? []) walk(child, level + 1);
  };
  for (const unit of roots) walk(unit, 0);
  return out;
};

/** The date each position fell vacant: the end of its last definitive holding before asOf, else its establishment. */
const vacantSince = async (
  query: RowQuery, vacant: readonly OrgPositionRow[], asOf: string, knownAt: string | null,
): Promise<Map<string, string>> => {
  const ids = vacant.map((p) => p.positionId);
  const since = new Map<string, string>();
  const versions = await selectIn(query, orgPositions, 'positionId', ids, [
    ...knownAtConditions<OrgPositionRow>(knownAt), { column: 'validFrom', op: 'lte', value: asOf },
  ]);
  for (const v of versions) {
    const known = since.get(v.positionId);
    if (known === undefined || v.validFrom < known) since.set(v.positionId, v.validFrom);
  }
  const ended = await selectIn(query, orgHolders, 'positionId', ids, [
    ...knownAtConditions<OrgHolderRow>(knownAt), { column: 'role', op: 'eq', value: 'DEFINITIVE' },
    { column: 'validTo', op: 'lte', value: asOf },
  ]);
  const lastEnd = new Map<string, string>();
  for (const h of ended) {
    const end = h.validTo;
    if (end === null || !closeKnownAt(h, knownAt)) continue;
    if ((lastEnd.get(h.positionId) ?? '') < end) lastEnd.set(h.positionId, end);
  }
  for (const [positionId, end] of lastEnd) since.set(positionId, end);
  return since;
};

export const queryOrgChart = async (query: RowQuery, params: OrgChartParams): Promise<OrgChart> => {
  const { asOf, knownAt } = params;
  const units = await query.select(orgUnits, validOnConditions<OrgUnitRow>(asOf, knownAt));
  const tree = unitTree(units, params.unit, params.depth);
  const positions = await selectIn(query, orgPositions, 'unitId', tree.map((t) => t.unit.unitId), validOnConditions<OrgPositionRow>(asOf, knownAt));
  const holders = await selectIn(query, orgHolders, 'positionId', positions.map((p) => p.positionId), validOnConditions<OrgHolderRow>(asOf, knownAt));
  const people = await selectIn(query, orgPeople, 'nip', holders.map((h) => h.nip), []);
  const names = new Map(people.map((p) => [p.nip, p.name]));
  const holdersAt = new Map<string, OrgHolderRow[]>();
  for (const h of holders) holdersAt.set(h.positionId, [...(holdersAt.get(h.positionId) ?? []), h]);
  const vacant = positions.filter((p) => !(holdersAt.get(p.positionId) ?? []).some((h) => h.role === 'DEFINITIVE'));
  const vacancies = await vacantSince(query, vacant, asOf, knownAt);
  const positionsOf = new Map<string, OrgPositionRow[]>();
  for (const p of positions) positionsOf.set(p.unitId, [...(positionsOf.get(p.unitId) ?? []), p]);
  const person = (h: OrgHolderRow) => ({ nip: h.nip, name: names.get(h.nip) ?? null, since: h.validFrom, skNumber: h.skNumber });

  return {
    asOf,
    knownAt,
    vacancies: vacant.length,
    units: tree.map(({ unit, depth }) => ({
      unitId: unit.unitId, name: unit.name, kind: unit.kind, parentUnitId: unit.parentUnitId, depth, since: unit.validFrom,
      positions: (positionsOf.get(unit.unitId) ?? [])
        .sort((a, b) => b.isLeadership - a.isLeadership || a.title.localeCompare(b.title) || a.positionId.localeCompare(b.positionId))
        .map((p) => {
          const here = (holdersAt.get(p.positionId) ?? []).sort((a, b) => a.validFrom.localeCompare(b.validFrom));
          const definitive = here.filter((h) => h.role === 'DEFINITIVE').at(-1);
          return {
            positionId: p.positionId, title: p.title, kind: p.kind, eselon: p.eselon, isLeadership: p.isLeadership === 1,
            since: p.validFrom,
            holder: definitive === undefined ? null : person(definitive),
            acting: here.flatMap((h) => (h.role === 'DEFINITIVE' ? [] : [{ ...person(h), kind: h.role, plannedEnd: h.plannedEnd }])),
            vacantSince: definitive === undefined ? vacancies.get(p.positionId) ?? p.validFrom : null,
          };
        }),
    })),
  };
};
