// The org-chart read model: unit versions, position versions and holder intervals, each bitemporal
// (effective validFrom/validTo, recorded knownFrom/knownTo), plus people's names and each entity's fold clock.
import { z } from 'zod';
import { defineTable } from '../read-model.js';
import { createFactSync, versionShape } from '../versioned-facts.js';
import { holdingRow, positionRow, unitRow } from '../fact-rows.js';
import { defineClockTable } from '../entity-fold.js';
import { positionFactShape, unitFactShape } from '../org-structure-facts.js';
import type { PositionFact, UnitFact } from '../org-structure-facts.js';
import { HOLDING_CLOSE_COLUMNS, holdingFactShape } from '../holding-facts.js';
import type { HoldingFact } from '../holding-facts.js';

export const orgUnits = defineTable({
  name: 'org_units',
  schema: z.object({ ...versionShape, ...unitFactShape }),
  primaryKey: 'id',
  lookups: { byEntity: ['unitId'], open: ['openKey'] },
  indexes: { byParent: ['parentUnitId'], byValidFrom: ['validFrom'] },
});
export type OrgUnitRow = z.output<typeof orgUnits.schema>;

export const orgPositions = defineTable({
  name: 'org_positions',
  schema: z.object({ ...versionShape, ...positionFactShape }),
  primaryKey: 'id',
  lookups: { byEntity: ['positionId'], open: ['openKey'] },
  // asOfByUnit and asOf cover what a chart reads of a subtree's (or the province's) positions as of a date;
  // asOfByEntity covers the vacancy query's earliest-version lookup.
  indexes: {
    asOfByUnit: ['unitId', 'knownTo', 'validFrom', 'validTo', 'positionId', 'title', 'kind', 'eselon', 'isLeadership'],
    asOf: ['knownTo', 'validFrom', 'validTo', 'positionId', 'unitId', 'title', 'kind', 'eselon', 'isLeadership'],
    asOfByEntity: ['positionId', 'knownTo', 'validFrom'],
  },
});
export type OrgPositionRow = z.output<typeof orgPositions.schema>;

export const orgHolders = defineTable({
  name: 'org_holders',
  schema: z.object({ ...versionShape, ...holdingFactShape }),
  primaryKey: 'id',
  lookups: { byEntity: ['nip'], open: ['openKey'] },
  // As-of lookups by position: WHERE validFrom <= asOf AND (validTo IS NULL OR validTo > asOf). It covers what
  // the vacancy query reads, so a probe never visits the table; knownTo before validFrom makes "as known now"
  // (knownTo IS NULL) part of the probe. Charts read holders from orgChartHolders.
  indexes: {
    asOfByPosition: ['positionId', 'knownTo', 'validFrom', 'validTo', 'role', 'nip', 'skNumber', 'plannedEnd', 'closedRecordedAt'],
  },
});
export type OrgHolderRow = z.output<typeof orgHolders.schema>;

/**
 * Each orgHolders row (same id, same time columns) as a chart reads it, with the holder's current name and the
 * unit of its position: a Dinas's holders are then a few index ranges by unit, names included, instead of a probe
 * per position and per person. The unit is only a hint, exact unless orgPositionUnits marks the position moved.
 */
export const orgChartHolders = defineTable({
  name: 'org_chart_holders',
  schema: z.object({
    id: versionShape.id,
    knownFrom: versionShape.knownFrom,
    knownTo: versionShape.knownTo,
    validFrom: holdingFactShape.validFrom,
    validTo: holdingFactShape.validTo,
    closedRecordedAt: holdingFactShape.closedRecordedAt,
    unitId: z.string().nullable(),
    positionId: holdingFactShape.positionId,
    nip: holdingFactShape.nip,
    name: z.string().nullable(),
    role: holdingFactShape.role,
    skNumber: holdingFactShape.skNumber,
    plannedEnd: holdingFactShape.plannedEnd,
  }),
  primaryKey: 'id',
  lookups: {},
  // Covers every column a chart reads or filters on, as known now or at an earlier instant. A province chart scans
  // it whole: as fast as a range on (knownTo, validFrom, ...) here, and one wide index fewer to write.
  indexes: {
    asOfByUnit: [
      'unitId', 'knownTo', 'validFrom', 'validTo', 'positionId', 'role', 'nip', 'name', 'skNumber', 'plannedEnd', 'knownFrom', 'closedRecordedAt',
    ],
  },
});
export type OrgChartHolderRow = z.output<typeof orgChartHolders.schema>;

/**
 * The unit every orgChartHolders row of a position was given, and whether that can be wrong: `moved` is set for
 * good once any version of the position was seen in another unit (a corrected or re-established position), or a
 * holder row was written before the position was known. Charts read a moved position's holders from orgHolders.
 */
export const orgPositionUnits = defineTable({
  name: 'org_position_units',
  schema: z.object({ positionId: z.string(), unitId: z.string().nullable(), moved: z.int() }),
  primaryKey: 'positionId',
  lookups: {},
  indexes: { byMoved: ['moved'] },
});
export type OrgPositionUnitRow = z.output<typeof orgPositionUnits.schema>;

export const orgPeople = defineTable({
  name: 'org_people',
  schema: z.object({ nip: z.string(), name: z.string().nullable() }),
  primaryKey: 'nip',
  lookups: {},
});
export type OrgPersonRow = z.output<typeof orgPeople.schema>;

/** Keys `unit:<id>`, `position:<id>`, `person:<nip>`. */
export const orgClocks = defineClockTable('org_clocks');

export const unitVersions = createFactSync<UnitFact, OrgUnitRow>({
  table: orgUnits,
  toRow: unitRow,
  closeColumns: ['endReason', 'successorUnitIds', 'closeSkNumber'],
});

export const positionVersions = createFactSync<PositionFact, OrgPositionRow>({
  table: orgPositions,
  toRow: positionRow,
  closeColumns: ['endReason', 'closeSkNumber'],
});

export const holderIntervals = createFactSync<HoldingFact, OrgHolderRow>({
  table: orgHolders,
  toRow: holdingRow,
  closeColumns: HOLDING_CLOSE_COLUMNS,
});
