// Organisation events: units (Dinas, Badan, Kecamatan, ...) and the positions (jabatan) inside them.
import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { PositionIdSchema, UnitIdSchema } from '../value/ids.js';
import { UnitKindSchema, JabatanKindSchema, EselonSchema } from '../value/jabatan.js';
import { GolonganSchema } from '../value/golongan.js';

const NameSchema = z.string().trim().min(2, 'name must have at least 2 characters').max(200);
export const CompetencySchema = z.string().regex(/^[a-z0-9][a-z0-9-]{1,79}$/, 'competency codes are lowercase slugs');

export const UnitEstablished = defineEvent('UnitEstablished', z.object({
  unitId: UnitIdSchema,
  name: NameSchema,
  kind: UnitKindSchema,
  parentUnitId: UnitIdSchema.nullable(),
}), { legalBasis: 'optional' });

export const UnitRenamed = defineEvent('UnitRenamed', z.object({
  unitId: UnitIdSchema,
  name: NameSchema,
}), { legalBasis: 'optional' });

export const UnitRestructured = defineEvent('UnitRestructured', z.discriminatedUnion('change', [
  z.object({ unitId: UnitIdSchema, change: z.literal('MOVED'), newParentUnitId: UnitIdSchema.nullable() }),
  z.object({ unitId: UnitIdSchema, change: z.literal('MERGED'), intoUnitId: UnitIdSchema }),
  z.object({ unitId: UnitIdSchema, change: z.literal('SPLIT'), intoUnitIds: z.array(UnitIdSchema).min(2) }),
]), { legalBasis: 'required' });

export const UnitDissolved = defineEvent('UnitDissolved', z.object({
  unitId: UnitIdSchema,
  successorUnitId: UnitIdSchema.nullable(),
}), { legalBasis: 'required' });

export const PositionEstablished = defineEvent('PositionEstablished', z.object({
  positionId: PositionIdSchema,
  unitId: UnitIdSchema,
  title: NameSchema,
  kind: JabatanKindSchema,
  eselon: EselonSchema,
  isLeadership: z.boolean(),
  minimumGolongan: GolonganSchema.nullable(),
  requiredCompetencies: z.array(CompetencySchema).max(50),
}), { legalBasis: 'optional' });

export const PositionReclassified = defineEvent('PositionReclassified', z.object({
  positionId: PositionIdSchema,
  title: NameSchema.optional(),
  kind: JabatanKindSchema.optional(),
  eselon: EselonSchema.optional(),
  isLeadership: z.boolean().optional(),
  minimumGolongan: GolonganSchema.nullable().optional(),
  requiredCompetencies: z.array(CompetencySchema).max(50).optional(),
}), { legalBasis: 'optional' });

export const PositionAbolished = defineEvent('PositionAbolished', z.object({
  positionId: PositionIdSchema,
}), { legalBasis: 'required' });

export const organisationEvents = [
  UnitEstablished, UnitRenamed, UnitRestructured, UnitDissolved,
  PositionEstablished, PositionReclassified, PositionAbolished,
] as const;

