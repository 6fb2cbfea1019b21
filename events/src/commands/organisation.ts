// Commands on the organisation: units and the positions (jabatan) inside them. Path parameters (unitId,
// positionId) are plain fields; values a command changes "from" are read from state, never from the body.
import { z } from 'zod';
import { CommandBaseSchema } from './common.js';
import { CompetencySchema } from '../catalogue/organisation.js';
import { PositionIdSchema, UnitIdSchema } from '../value/ids.js';
import { EselonSchema, JabatanKindSchema, UnitKindSchema } from '../value/jabatan.js';
import { GolonganSchema } from '../value/golongan.js';

const NameSchema = z.string().trim().min(2, 'name must have at least 2 characters').max(200);

export const EstablishUnitCommand = CommandBaseSchema.extend({
  type: z.literal('EstablishUnit'),
  unitId: UnitIdSchema,
  name: NameSchema,
  kind: UnitKindSchema,
  parentUnitId: UnitIdSchema.nullable(),
});

export const RenameUnitCommand = CommandBaseSchema.extend({
  type: z.literal('RenameUnit'),
  unitId: UnitIdSchema,
  name: NameSchema,
});

const restructure = CommandBaseSchema.extend({ type: z.literal('RestructureUnit'), unitId: UnitIdSchema });

/** Same shapes as the UnitRestructured event, told apart by `change`. */
export const RestructureUnitCommand = z.discriminatedUnion('change', [
  restructure.extend({ change: z.literal('MOVED'), newParentUnitId: UnitIdSchema.nullable() }),
  restructure.extend({ change: z.literal('MERGED'), intoUnitId: UnitIdSchema }),
  restructure.extend({ change: z.literal('SPLIT'), intoUnitIds: z.array(UnitIdSchema).min(2) }),
]);

export const DissolveUnitCommand = CommandBaseSchema.extend({
  type: z.literal('DissolveUnit'),
  unitId: UnitIdSchema,
  successorUnitId: UnitIdSchema.nullable(),
});

export const EstablishPositionCommand = CommandBaseSchema.extend({
  type: z.literal('EstablishPosition'),
  positionId: PositionIdSchema,
  unitId: UnitIdSchema,
  title: NameSchema,
  kind: JabatanKindSchema,
  /** Defaults to the usual eselon of the kind (defaultEselon). */
  eselon: EselonSchema.optional(),
  isLeadership: z.boolean(),
  minimumGolongan: GolonganSchema.nullable(),
  requiredCompetencies: z.array(CompetencySchema).max(50),
});

export const ReclassifyPositionCommand = CommandBaseSchema.extend({
  type: z.literal('ReclassifyPosition'),
  positionId: PositionIdSchema,
  title: NameSchema.optional(),
  kind: JabatanKindSchema.optional(),
  eselon: EselonSchema.optional(),
  isLeadership: z.boolean().optional(),
  minimumGolongan: GolonganSchema.nullable().optional(),
  requiredCompetencies: z.array(CompetencySchema).max(50).optional(),
}).refine(
  (c) => [c.title, c.kind, c.eselon, c.isLeadership, c.minimumGolongan, c.requiredCompetencies].some((v) => v !== undefined),
  { message: 'a reclassification changes at least one of title, kind, eselon, isLeadership, minimumGolongan, requiredCompetencies' },
);

export const AbolishPositionCommand = CommandBaseSchema.extend({
  type: z.literal('AbolishPosition'),
  positionId: PositionIdSchema,
});

export const organisationCommands = [
  EstablishUnitCommand, RenameUnitCommand, RestructureUnitCommand, DissolveUnitCommand,
  EstablishPositionCommand, ReclassifyPositionCommand, AbolishPositionCommand,
] as const;
