// Commands on people: registration, rank, definitive and acting positions, leave and separation.
// The position someone leaves, and the rank they are promoted from, come from the ledger's state.
import { z } from 'zod';
import { CommandBaseSchema } from './common.js';
import {
  ACTING_END_REASONS, ActingKindSchema, GenderSchema, LEAVE_KINDS, SEPARATION_REASONS, TRANSFER_REASONS,
} from '../catalogue/people.js';
import { NipSchema } from '../value/nip.js';
import { EducationSchema, GolonganSchema, RankPromotionKindSchema } from '../value/golongan.js';
import { IsoDateSchema, PositionIdSchema } from '../value/ids.js';

export const RegisterEmployeeCommand = CommandBaseSchema.extend({
  type: z.literal('RegisterEmployee'),
  nip: NipSchema,
  name: z.string().trim().min(2).max(200),
  birthDate: IsoDateSchema,
  gender: GenderSchema,
  tmtCpns: IsoDateSchema,
  education: EducationSchema,
  /** Defaults to the entry rank of the education (entryGolongan). */
  golongan: GolonganSchema.optional(),
});

export const PromoteRankCommand = CommandBaseSchema.extend({
  type: z.literal('PromoteRank'),
  nip: NipSchema,
  toGolongan: GolonganSchema,
  kind: RankPromotionKindSchema,
});

export const AssignPositionCommand = CommandBaseSchema.extend({
  type: z.literal('AssignPosition'),
  nip: NipSchema,
  positionId: PositionIdSchema,
});

export const TransferEmployeeCommand = CommandBaseSchema.extend({
  type: z.literal('TransferEmployee'),
  nip: NipSchema,
  toPositionId: PositionIdSchema,
  reason: z.enum(TRANSFER_REASONS),
});

export const AppointActingCommand = CommandBaseSchema.extend({
  type: z.literal('AppointActing'),
  positionId: PositionIdSchema,
  nip: NipSchema,
  actingKind: ActingKindSchema,
  plannedEnd: IsoDateSchema,
});

export const ExtendActingCommand = CommandBaseSchema.extend({
  type: z.literal('ExtendActing'),
  positionId: PositionIdSchema,
  nip: NipSchema,
  plannedEnd: IsoDateSchema,
});

export const EndActingCommand = CommandBaseSchema.extend({
  type: z.literal('EndActing'),
  positionId: PositionIdSchema,
  nip: NipSchema,
  reason: z.enum(ACTING_END_REASONS),
});

export const StartLeaveCommand = CommandBaseSchema.extend({
  type: z.literal('StartLeave'),
  nip: NipSchema,
  leaveKind: z.enum(LEAVE_KINDS),
  /** Null when the end is not known yet (e.g. sick leave). */
  plannedEnd: IsoDateSchema.nullable(),
});

export const EndLeaveCommand = CommandBaseSchema.extend({
  type: z.literal('EndLeave'),
  nip: NipSchema,
});

export const SeparateEmployeeCommand = CommandBaseSchema.extend({
  type: z.literal('SeparateEmployee'),
  nip: NipSchema,
  reason: z.enum(SEPARATION_REASONS),
});

export const peopleCommands = [
  RegisterEmployeeCommand, PromoteRankCommand, AssignPositionCommand, TransferEmployeeCommand, AppointActingCommand,
  ExtendActingCommand, EndActingCommand, StartLeaveCommand, EndLeaveCommand, SeparateEmployeeCommand,
] as const;
