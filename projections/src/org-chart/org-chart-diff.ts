// What changed in (part of) the org chart between two dates: definitive holders who moved in, out and across,
// and positions created and abolished. Two as-of snapshots compared, each an indexed lookup.
import { z } from 'zod';
import { selectIn, validOnConditions } from '../bitemporal-conditions.js';
import type { RowQuery } from '../read-model.js';
import { orgHolders, orgPeople, orgPositions } from './org-chart-tables.js';
import type { OrgHolderRow, OrgPositionRow, OrgUnitRow } from './org-chart-tables.js';
import { chartUnits, unitTree } from './org-chart-query.js';

const MoveSchema = z.object({
  nip: z.string(),
  name: z.string().nullable(),
  fromPositionId: z.string().nullable().describe('null: held no position on the from date'),
  toPositionId: z.string().nullable().describe('null: holds no position on the to date'),
});
const PositionChangeSchema = z.object({ positionId: z.string(), title: z.string(), unitId: z.string() });

export const OrgChartDiffSchema = z.object({
  from: z.string(),
  to: z.string(),
  unit: z.string().nullable(),
  movedIn: z.array(MoveSchema).describe('Definitive holders in scope on `to` who were not in scope on `from`'),
  movedOut: z.array(MoveSchema).describe('Definitive holders in scope on `from` who are not in scope on `to`'),
  movedAcross: z.array(MoveSchema).describe('In scope on both dates, in another position'),
  positionsCreated: z.array(PositionChangeSchema),
  positionsAbolished: z.array(PositionChangeSchema),
});
export type OrgChartDiff = z.output<typeof OrgChartDiffSchema>;

type DiffPosition = Pick<OrgPositionRow, 'positionId' | 'title' | 'unitId'>;
type DiffHolder = Pick<OrgHolderRow, 'nip' | 'positionId'>;

interface Snapshot {
  readonly positions: Map<string, DiffPosition>;
  /** nip -> definitive holding in scope */
  readonly holders: Map<string, DiffHolder>;
}

const snapshot = async (query: RowQuery, date: string, unit: string | null): Promise<Snapshot> => {
  const units = await chartUnits(query, unit, null, validOnConditions<OrgUnitRow>(date, null), ['unitId', 'parentUnitId', 'name']);
  const scope = unitTree(units, unit, null).map((t) => t.unit.unitId);
  const positions = await selectIn(query, orgPositions, 'unitId', scope, validOnConditions<OrgPositionRow>(date, null),
    { columns: ['positionId', 'title', 'unitId'] });
  const holders = await selectIn(query, orgHolders, 'positionId', positions.map((p) => p.positionId), [
    ...validOnConditions<OrgHolderRow>(date, null), { column: 'role', op: 'eq', value: 'DEFINITIVE' },
  ], { columns: ['nip', 'positionId'] });
  return { positions: new Map(positions.map((p) => [p.positionId, p])), holders: new Map(holders.map((h) => [h.nip, h])) };
};

/** Where each of `nips` held a definitive position on `date`, in or out of scope. */
const placesOn = async (query: RowQuery, nips: readonly string[], date: string): Promise<Map<string, string>> => {
  const rows = await selectIn(query, orgHolders, 'nip', nips, [
    ...validOnConditions<OrgHolderRow>(date, null), { column: 'role', op: 'eq', value: 'DEFINITIVE' },
  ], { columns: ['nip', 'positionId'] });
  return new Map(rows.map((h) => [h.nip, h.positionId]));
};

export const queryOrgChartDiff = async (
  query: RowQuery, params: { readonly from: string; readonly to: string; readonly unit: string | null },
): Promise<OrgChartDiff> => {
  const before = await snapshot(query, params.from, params.unit);
  const after = await snapshot(query, params.to, params.unit);
  const arrived = [...after.holders.keys()].filter((nip) => !before.holders.has(nip));
  const left = [...before.holders.keys()].filter((nip) => !after.holders.has(nip));
  const cameFrom = await placesOn(query, arrived, params.from);
  const wentTo = await placesOn(query, left, params.to);
  const people = await selectIn(query, orgPeople, 'nip', [...arrived, ...left, ...after.holders.keys()], [], { columns: ['nip', 'name'] });
  const names = new Map(people.map((p) => [p.nip, p.name]));
  const move = (nip: string, fromPositionId: string | null, toPositionId: string | null) =>
    ({ nip, name: names.get(nip) ?? null, fromPositionId, toPositionId });
  const byNip = (a: { nip: string }, b: { nip: string }): number => a.nip.localeCompare(b.nip);
  const change = (p: DiffPosition) => ({ positionId: p.positionId, title: p.title, unitId: p.unitId });
  const byId = (a: { positionId: string }, b: { positionId: string }): number => a.positionId.localeCompare(b.positionId);

  const across = [...after.holders.values()].filter((h) => {
    const earlier = before.holders.get(h.nip);
    return earlier !== undefined && earlier.positionId !== h.positionId;
  });
  return {
    from: params.from,
    to: params.to,
    unit: params.unit,
    movedIn: arrived.map((nip) => move(nip, cameFrom.get(nip) ?? null, after.holders.get(nip)?.positionId ?? null)).sort(byNip),
    movedOut: left.map((nip) => move(nip, before.holders.get(nip)?.positionId ?? null, wentTo.get(nip) ?? null)).sort(byNip),
    movedAcross: across.map((h) => move(h.nip, before.holders.get(h.nip)?.positionId ?? null, h.positionId)).sort(byNip),
    positionsCreated: [...after.positions.values()].filter((p) => !before.positions.has(p.positionId)).map(change).sort(byId),
    positionsAbolished: [...before.positions.values()].filter((p) => !after.positions.has(p.positionId)).map(change).sort(byId),
  };
};
