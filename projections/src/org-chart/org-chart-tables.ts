// The org-chart read model: unit versions, position versions and holder intervals, each bitemporal
// (effective validFrom/validTo, recorded knownFrom/knownTo), plus each person's name and fold clock.
import { z } from 'zod';
import { defineTable } from '../read-model.js';
import type { RowAccess } from '../read-model.js';
import { createFactSync, versionShape } from '../versioned-facts.js';
import { positionFactShape, unitFactShape } from '../org-structure-facts.js';
import type { PositionFact, UnitFact } from '../org-structure-facts.js';
import { HOLDING_CLOSE_COLUMNS, holdingFactShape } from '../holding-facts.js';
import type { HoldingFact } from '../holding-facts.js';

export const orgUnits = defineTable({
  name: 'org_units',
  schema: z.object({ ...versionShape, ...unitFactShape }),
  primaryKey: 'id',
  lookups: { byUnit: ['unitId'] },
  indexes: { byParent: ['parentUnitId'], byValidFrom: ['validFrom'] },
});
export type OrgUnitRow = z.output<typeof orgUnits.schema>;

export const orgPositions = defineTable({
  name: 'org_positions',
  schema: z.object({ ...versionShape, ...positionFactShape }),
  primaryKey: 'id',
  lookups: { byPosition: ['positionId'] },
  indexes: { byUnit: ['unitId', 'validFrom'] },
});
export type OrgPositionRow = z.output<typeof orgPositions.schema>;

export const orgHolders = defineTable({
  name: 'org_holders',
  schema: z.object({ ...versionShape, ...holdingFactShape }),
  primaryKey: 'id',
  lookups: { byNip: ['nip'] },
  // As-of lookups: WHERE validFrom <= asOf AND (validTo IS NULL OR validTo > asOf), by position or province-wide.
  indexes: { byPosition: ['positionId', 'validFrom'], byValidFrom: ['validFrom'] },
});
export type OrgHolderRow = z.output<typeof orgHolders.schema>;

export const orgPeople = defineTable({
  name: 'org_people',
  schema: z.object({
    nip: z.string(),
    name: z.string().nullable(),
    /**
     * The latest effective date of a holding event that changed no fact (e.g. a separation with nothing open):
     * facts cannot remember it, yet an event dated before it must still be refolded into order.
     */
    clock: z.string(),
  }),
  primaryKey: 'nip',
  lookups: {},
});
export type OrgPersonRow = z.output<typeof orgPeople.schema>;

export const unitVersions = createFactSync<UnitFact, OrgUnitRow>({
  table: orgUnits,
  rowsOf: (rows: RowAccess, unitId) => rows.find(orgUnits, 'byUnit', [unitId]),
  toRow: (fact, _unitId, version) => ({ ...fact, ...version }),
  closeColumns: ['endReason', 'successorUnitIds', 'closeSkNumber'],
});

export const positionVersions = createFactSync<PositionFact, OrgPositionRow>({
  table: orgPositions,
  rowsOf: (rows: RowAccess, positionId) => rows.find(orgPositions, 'byPosition', [positionId]),
  toRow: (fact, _positionId, version) => ({ ...fact, ...version }),
  closeColumns: ['endReason', 'closeSkNumber'],
});

export const holderIntervals = createFactSync<HoldingFact, OrgHolderRow>({
  table: orgHolders,
  rowsOf: (rows: RowAccess, nip) => rows.find(orgHolders, 'byNip', [nip]),
  toRow: (fact, _nip, version) => ({ ...fact, ...version }),
  closeColumns: HOLDING_CLOSE_COLUMNS,
});
