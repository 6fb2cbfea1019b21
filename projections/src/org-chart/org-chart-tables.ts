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
  // byUnit: a subtree's positions as of a date; asOfByEntity covers the vacancy query's earliest-version lookup.
  indexes: { byUnit: ['unitId', 'validFrom'], asOfByEntity: ['positionId', 'knownTo', 'validFrom'] },
});
export type OrgPositionRow = z.output<typeof orgPositions.schema>;

export const orgHolders = defineTable({
  name: 'org_holders',
  schema: z.object({ ...versionShape, ...holdingFactShape }),
  primaryKey: 'id',
  lookups: { byEntity: ['nip'], open: ['openKey'] },
  // As-of lookups: WHERE validFrom <= asOf AND (validTo IS NULL OR validTo > asOf), by position or province-wide.
  // Both cover what the chart reads (holder and vacancy columns), so neither a probe nor a range scan visits the
  // table; knownTo before validFrom makes "as known now" (knownTo IS NULL) part of the probe or range.
  indexes: {
    asOfByPosition: ['positionId', 'knownTo', 'validFrom', 'validTo', 'role', 'nip', 'skNumber', 'plannedEnd', 'closedRecordedAt'],
    asOf: ['knownTo', 'validFrom', 'validTo', 'positionId', 'nip', 'role', 'skNumber', 'plannedEnd'],
  },
});
export type OrgHolderRow = z.output<typeof orgHolders.schema>;

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
