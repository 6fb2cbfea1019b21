// Keeps orgChartHolders (each orgHolders row with its holder's name and its position's unit) and orgPositionUnits
// (which unit that is, and whether it can be trusted) in step with the org-chart projection's own writes.
import { HOLDING_ROLES } from '../holding-facts.js';
import type { Row, RowAccess, Value } from '../read-model.js';
import { orgChartHolders, orgHolders, orgPeople, orgPositionUnits, positionVersions } from './org-chart-tables.js';
import type { OrgChartHolderRow, OrgPositionUnitRow } from './org-chart-tables.js';

/**
 * Records the unit of a position's versions, which its holders' chart rows carry; once a version lies in another
 * unit, the position is marked moved for good and charts no longer trust those rows' unit.
 */
export const placePosition = (rows: RowAccess, positionId: string): void => {
  const placed = rows.get(orgPositionUnits, positionId);
  if (placed?.moved === 1) return;
  const versions = positionVersions.all(rows, positionId);
  const unitId = placed === undefined ? versions[0]?.unitId ?? null : placed.unitId;
  const moved = versions.some((v) => v.unitId !== unitId) ? 1 : 0;
  if (placed === undefined || moved === 1) rows.put(orgPositionUnits, { positionId, unitId, moved });
};

const placeOf = (rows: RowAccess, positionId: string): OrgPositionUnitRow => {
  const placed = rows.get(orgPositionUnits, positionId);
  if (placed !== undefined) return placed;
  // Held before it was known (only an odd ledger does this): no unit can be trusted for its rows.
  const unknown = { positionId, unitId: null, moved: 1 };
  rows.put(orgPositionUnits, unknown);
  return unknown;
};

const text = (row: Row, column: string): string => {
  const value: Value | undefined = row[column];
  if (typeof value !== 'string') throw new Error(`${orgHolders.name}.${column} is not text`);
  return value;
};
const textOrNull = (row: Row, column: string): string | null => (row[column] === null ? null : text(row, column));
const isRole = (value: string): value is OrgChartHolderRow['role'] => HOLDING_ROLES.some((role) => role === value);

/** The chart's copy of one orgHolders row: the time columns and what a chart shows, with name and unit. */
const putChartHolder = (rows: RowAccess, holder: Row, name: string | null): void => {
  const role = text(holder, 'role');
  if (!isRole(role)) throw new Error(`${orgHolders.name}.role ${role} is not a holding role`);
  const positionId = text(holder, 'positionId');
  rows.put(orgChartHolders, {
    id: text(holder, 'id'), knownFrom: text(holder, 'knownFrom'), knownTo: textOrNull(holder, 'knownTo'),
    validFrom: text(holder, 'validFrom'), validTo: textOrNull(holder, 'validTo'), closedRecordedAt: textOrNull(holder, 'closedRecordedAt'),
    unitId: placeOf(rows, positionId).unitId, positionId, nip: text(holder, 'nip'), name, role, skNumber: textOrNull(holder, 'skNumber'),
    plannedEnd: textOrNull(holder, 'plannedEnd'),
  });
};

/**
 * `rows` for folding one person's holdings: every orgHolders row written is written to orgChartHolders as well,
 * so the copy costs one put per holder row and never a read-back or comparison.
 */
export const copyingHolders = (rows: RowAccess, nip: string): RowAccess => {
  const name = rows.get(orgPeople, nip)?.name ?? null;
  return {
    get: (table, key) => rows.get(table, key),
    find: (table, lookup, values) => rows.find(table, lookup, values),
    put: (table, row) => {
      rows.put(table, row);
      if (table.name === orgHolders.name) putChartHolder(rows, row, name);
    },
    delete: (table, key) => {
      rows.delete(table, key);
      if (table.name === orgHolders.name) rows.delete(orgChartHolders, key);
    },
  };
};

/** Sets a person's name, and in their chart rows too when it changed. */
export const setName = (rows: RowAccess, nip: string, name: string | null): void => {
  if (rows.get(orgPeople, nip)?.name === name) return;
  rows.put(orgPeople, { nip, name });
  for (const holder of rows.find(orgHolders, 'byEntity', [nip])) putChartHolder(rows, holder, name);
};
