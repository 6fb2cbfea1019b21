// The org chart on a date, as known at an instant: units (a subtree to a depth), their positions, each with
// its definitive holder, acting officials (Plt/Plh) and, when no definitive holder, the date it fell vacant.
import { z } from 'zod';
import { knownAtConditions, selectIn, validOnConditions } from '../bitemporal-conditions.js';
import type { Condition, RowQuery, Table } from '../read-model.js';
import { orgChartHolders, orgHolders, orgPeople, orgPositionUnits, orgPositions, orgUnits } from './org-chart-tables.js';
import type { OrgChartHolderRow, OrgHolderRow, OrgPositionRow, OrgUnitRow } from './org-chart-tables.js';

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

/** The columns a chart shows of each kind of row: narrow selects cost a fraction of whole rows. */
const UNIT_COLUMNS = ['unitId', 'parentUnitId', 'name', 'kind', 'validFrom'] as const;
const POSITION_COLUMNS = ['positionId', 'unitId', 'title', 'kind', 'eselon', 'isLeadership', 'validFrom'] as const;
const HOLDER_COLUMNS = ['positionId', 'nip', 'role', 'validFrom', 'validTo', 'skNumber', 'plannedEnd'] as const;
type ChartPosition = Pick<OrgPositionRow, (typeof POSITION_COLUMNS)[number]>;
type ChartHolder = Pick<OrgChartHolderRow, (typeof HOLDER_COLUMNS)[number] | 'name'>;
type TreeUnit = Pick<OrgUnitRow, 'unitId' | 'parentUnitId' | 'name'>;

// The same ordering as String#localeCompare without arguments, without building a collator per comparison.
const collator = new Intl.Collator();
const collate = collator.compare;
// Ids and ISO dates are lower-case letters, digits and hyphens, which these locales' default collation orders
// exactly as code units (checked on millions of random pairs); a plain comparison is an order of magnitude cheaper
// than ICU's, and a province chart sorts tens of thousands of positions.
const PLAIN = /^[-0-9a-z]*$/;
const plainOrder = ['en', 'id'].includes(collator.resolvedOptions().locale.split('-')[0] ?? '');
const compareIds = (a: string, b: string): number =>
  (plainOrder && PLAIN.test(a) && PLAIN.test(b) ? (a < b ? -1 : a > b ? 1 : 0) : collate(a, b));

/** Each distinct value's place in collation order (equal-collating values share it): one collation per value. */
const collationRanks = (values: readonly string[]): Map<string, number> => {
  const sorted = [...new Set(values)].sort(collate);
  const ranks = new Map<string, number>();
  let rank = 0;
  sorted.forEach((value, i) => {
    const previous = sorted[i - 1];
    if (previous !== undefined && collate(previous, value) !== 0) rank += 1;
    ranks.set(value, rank);
  });
  return ranks;
};

/**
 * A unit's positions in chart order: leadership first, then by title (collation order), then by id. The keys are
 * worked out once per position rather than once per comparison, which is what a province of staff positions under
 * a handful of titles would otherwise spend its time on.
 */
const inChartOrder = (positions: readonly ChartPosition[], titleRanks: ReadonlyMap<string, number>): ChartPosition[] => {
  const plain = plainOrder && positions.every((p) => PLAIN.test(p.positionId));
  const byId = plain ? (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0) : collate;
  return positions
    .map((p) => ({ p, lead: p.isLeadership, rank: titleRanks.get(p.title) ?? 0 }))
    .sort((a, b) => b.lead - a.lead || a.rank - b.rank || byId(a.p.positionId, b.p.positionId))
    .map((k) => k.p);
};

/** SQLite's BINARY order with NULL first: how an index lists rows that tie on the columns before. */
const binary = (a: string | null, b: string | null): number => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1);

/** A position's holdings in start order; ties in the order of the by-position index the chart once read them from. */
const holdingOrder = (a: ChartHolder, b: ChartHolder): number => compareIds(a.validFrom, b.validFrom) || binary(a.validTo, b.validTo)
  || binary(a.role, b.role) || binary(a.nip, b.nip) || binary(a.skNumber, b.skNumber) || binary(a.plannedEnd, b.plannedEnd);

const pushTo = <K, V>(map: Map<K, V[]>, key: K, value: V): void => {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
};

/** Units of the chart in tree order, from `root` (or every top unit) down to `depth` levels. */
export const unitTree = <U extends TreeUnit>(units: readonly U[], root: string | null, depth: number | null): { unit: U; depth: number }[] => {
  const children = new Map<string | null, U[]>();
  const ids = new Set(units.map((u) => u.unitId));
  for (const unit of units) {
    // A parent missing on this date (dissolved, not yet established) makes its child a root rather than lost.
    pushTo(children, unit.parentUnitId !== null && ids.has(unit.parentUnitId) ? unit.parentUnitId : null, unit);
  }
  for (const list of children.values()) list.sort((a, b) => collate(a.name, b.name) || compareIds(a.unitId, b.unitId));
  const roots = root === null ? children.get(null) ?? [] : units.filter((u) => u.unitId === root);
  const out: { unit: U; depth: number }[] = [];
  const seen = new Set<string>();
  const walk = (unit: U, level: number): void => {
    if (seen.has(unit.unitId)) return;
    seen.add(unit.unitId);
    out.push({ unit, depth: level });
    if (depth !== null && level >= depth) return;
    for (const child of children.get(unit.unitId) ?? []) walk(child, level + 1);
  };
  for (const unit of roots) walk(unit, 0);
  return out;
};

/**
 * The units valid on the date that the chart can show: for a root, its subtree level by level through the
 * parent index (a Dinas is a tenth of the province); else every unit. unitTree orders them either way.
 */
export const chartUnits = async <K extends keyof TreeUnit | keyof OrgUnitRow>(
  query: RowQuery, root: string | null, depth: number | null, when: readonly Condition<OrgUnitRow>[], columns: readonly (K | keyof TreeUnit)[],
): Promise<Pick<OrgUnitRow, K | keyof TreeUnit>[]> => {
  if (root === null) return query.select(orgUnits, when, { columns });
  const found = await query.select(orgUnits, [...when, { column: 'unitId', op: 'eq', value: root }], { columns });
  const seen = new Set(found.map((u) => u.unitId));
  let frontier = [...seen];
  for (let level = 0; frontier.length > 0 && (depth === null || level < depth); level += 1) {
    const next = await selectIn(query, orgUnits, 'parentUnitId', frontier, when, { columns });
    frontier = [];
    for (const unit of next) {
      found.push(unit);
      if (!seen.has(unit.unitId)) {
        seen.add(unit.unitId);
        frontier.push(unit.unitId);
      }
    }
  }
  return found;
};

/** The date each position fell vacant: the end of its last definitive holding before asOf, else its establishment. */
const vacantSince = async (
  query: RowQuery, vacant: readonly ChartPosition[], asOf: string, knownAt: string | null,
): Promise<Map<string, string>> => {
  const ids = vacant.map((p) => p.positionId);
  const since = new Map<string, string>();
  const versions = await selectIn(query, orgPositions, 'positionId', ids, [
    ...knownAtConditions<OrgPositionRow>(knownAt), { column: 'validFrom', op: 'lte', value: asOf },
  ], { columns: ['positionId', 'validFrom'] });
  for (const v of versions) {
    const known = since.get(v.positionId);
    if (known === undefined || v.validFrom < known) since.set(v.positionId, v.validFrom);
  }
  // Only closes known at `knownAt` count (closeKnownAt), said in SQL so unknown ones are never read.
  // validFrom <= validTo, so validFrom <= asOf holds too: said so the probe is a range on the covering index.
  const ended = await selectIn(query, orgHolders, 'positionId', ids, [
    ...knownAtConditions<OrgHolderRow>(knownAt), { column: 'role', op: 'eq', value: 'DEFINITIVE' },
    { column: 'validFrom', op: 'lte', value: asOf }, { column: 'validTo', op: 'lte', value: asOf },
    knownAt === null ? { column: 'closedRecordedAt', op: 'notNull' } : { column: 'closedRecordedAt', op: 'lte', value: knownAt },
  ], { columns: ['positionId', 'validTo'] });
  const lastEnd = new Map<string, string>();
  for (const h of ended) {
    const end = h.validTo;
    if (end === null) continue;
    if ((lastEnd.get(h.positionId) ?? '') < end) lastEnd.set(h.positionId, end);
  }
  for (const [positionId, end] of lastEnd) since.set(positionId, end);
  return since;
};

/** Rows of `table` valid on the date whose `column` is one of `keys`; a chart of everything skips the IN list. */
const validIn = async <T extends OrgPositionRow | OrgHolderRow, K extends keyof T & string>(
  query: RowQuery, table: Table<T>, column: keyof T & string, keys: ReadonlySet<string>, everything: boolean,
  when: readonly Condition<T>[], columns: readonly K[],
): Promise<Pick<T, K>[]> => {
  if (!everything) return selectIn(query, table, column, [...keys], when, { columns });
  const rows = await query.select(table, when, { columns: [...new Set([...columns, column])] });
  return rows.filter((row) => {
    const key = row[column];
    return typeof key === 'string' && keys.has(key);
  });
};

/**
 * Holders valid on the date of the chart's positions, with their names: orgChartHolders rows read by the chart's
 * units (or province-wide), and, for the rare position marked moved, whose rows' unit may be wrong, orgHolders rows.
 */
const chartHolders = async (
  query: RowQuery, unitIds: readonly string[], positionIds: ReadonlySet<string>, everything: boolean, asOf: string, knownAt: string | null,
): Promise<ChartHolder[]> => {
  const when = validOnConditions<OrgChartHolderRow>(asOf, knownAt);
  const columns = [...HOLDER_COLUMNS, 'name'] as const;
  if (everything) return (await query.select(orgChartHolders, when, { columns })).filter((h) => positionIds.has(h.positionId));
  const hinted = await selectIn(query, orgChartHolders, 'unitId', unitIds, when, { columns });
  const marked = await query.select(orgPositionUnits, [{ column: 'moved', op: 'eq', value: 1 }], { columns: ['positionId'] });
  const moved = new Set(marked.map((m) => m.positionId).filter((id) => positionIds.has(id)));
  const holders = hinted.filter((h) => positionIds.has(h.positionId) && !moved.has(h.positionId));
  if (moved.size === 0) return holders;
  const rows = await selectIn(query, orgHolders, 'positionId', [...moved], validOnConditions<OrgHolderRow>(asOf, knownAt), { columns: HOLDER_COLUMNS });
  const people = await selectIn(query, orgPeople, 'nip', rows.map((h) => h.nip), [], { columns: ['nip', 'name'] });
  const names = new Map(people.map((p) => [p.nip, p.name]));
  for (const h of rows) holders.push({ ...h, name: names.get(h.nip) ?? null });
  return holders;
};

export const queryOrgChart = async (query: RowQuery, params: OrgChartParams): Promise<OrgChart> => {
  const { asOf, knownAt } = params;
  const units = await chartUnits(query, params.unit, params.depth, validOnConditions<OrgUnitRow>(asOf, knownAt), UNIT_COLUMNS);
  const tree = unitTree(units, params.unit, params.depth);
  // Every unit of the province valid on the date: one scan reads its positions and holders cheaper than IN lists.
  const everything = params.unit === null && tree.length === units.length;
  const positions = await validIn(query, orgPositions, 'unitId', new Set(tree.map((t) => t.unit.unitId)), everything,
    validOnConditions<OrgPositionRow>(asOf, knownAt), POSITION_COLUMNS);
  const holders = await chartHolders(query, tree.map((t) => t.unit.unitId), new Set(positions.map((p) => p.positionId)), everything,
    asOf, knownAt);
  const holdersAt = new Map<string, ChartHolder[]>();
  for (const h of holders) pushTo(holdersAt, h.positionId, h);
  const vacant = positions.filter((p) => !(holdersAt.get(p.positionId) ?? []).some((h) => h.role === 'DEFINITIVE'));
  const vacancies = await vacantSince(query, vacant, asOf, knownAt);
  const positionsOf = new Map<string, ChartPosition[]>();
  for (const p of positions) pushTo(positionsOf, p.unitId, p);
  const person = (h: ChartHolder) => ({ nip: h.nip, name: h.name, since: h.validFrom, skNumber: h.skNumber });
  const titleRanks = collationRanks(positions.map((p) => p.title));

  return {
    asOf,
    knownAt,
    vacancies: vacant.length,
    units: tree.map(({ unit, depth }) => ({
      unitId: unit.unitId, name: unit.name, kind: unit.kind, parentUnitId: unit.parentUnitId, depth, since: unit.validFrom,
      positions: inChartOrder(positionsOf.get(unit.unitId) ?? [], titleRanks)
        .map((p) => {
          const here = (holdersAt.get(p.positionId) ?? []).sort(holdingOrder);
          // The latest definitive holding, and every acting one in order.
          let definitive: ChartHolder | undefined;
          const acting = [];
          for (const h of here) {
            if (h.role === 'DEFINITIVE') definitive = h;
            else acting.push({ ...person(h), kind: h.role, plannedEnd: h.plannedEnd });
          }
          return {
            positionId: p.positionId, title: p.title, kind: p.kind, eselon: p.eselon, isLeadership: p.isLeadership === 1,
            since: p.validFrom,
            holder: definitive === undefined ? null : person(definitive),
            acting,
            vacantSince: definitive === undefined ? vacancies.get(p.positionId) ?? p.validFrom : null,
          };
        }),
    })),
  };
};
