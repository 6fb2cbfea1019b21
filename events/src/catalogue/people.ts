// People events: registration, rank, definitive and acting positions, leave and separation.
import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { NipSchema } from '../value/nip.js';
import { EducationSchema, GolonganSchema, RankPromotionKindSchema } from '../value/golongan.js';
import { IsoDateSchema, PositionIdSchema } from '../value/ids.js';

export const GenderSchema = z.enum(['M', 'F']);
export const TRANSFER_REASONS = ['PROMOTION', 'ROTATION', 'OWN_REQUEST', 'RESTRUCTURING', 'DISCIPLINARY'] as const;
export const SEPARATION_REASONS = ['RETIREMENT', 'RESIGNATION', 'DEATH', 'DISMISSAL', 'TRANSFER_OUT'] as const;
export const ACTING_KINDS = ['PLT', 'PLH'] as const;
export const ActingKindSchema = z.enum(ACTING_KINDS);
/** Cuti kinds of PP 11/2017; long leave (BESAR, DILUAR_TANGGUNGAN_NEGARA, MELAHIRKAN, SAKIT) can trigger a handover. */
export const LEAVE_KINDS = ['TAHUNAN', 'BESAR', 'SAKIT', 'MELAHIRKAN', 'ALASAN_PENTING', 'DILUAR_TANGGUNGAN_NEGARA', 'TUGAS_BELAJAR'] as const;
export const ACTING_END_REASONS = ['COMPLETED', 'DEFINITIVE_APPOINTED', 'HOLDER_RETURNED', 'REVOKED'] as const;

export const EmployeeRegistered = defineEvent('EmployeeRegistered', z.object({
  nip: NipSchema,
  name: z.string().trim().min(2).max(200),
  birthDate: IsoDateSchema,
  gender: GenderSchema,
  tmtCpns: IsoDateSchema,
  education: EducationSchema,
  golongan: GolonganSchema,
}), { legalBasis: 'optional' });

export const RankPromoted = defineEvent('RankPromoted', z.object({
  nip: NipSchema,
  fromGolongan: GolonganSchema,
  toGolongan: GolonganSchema,
  kind: RankPromotionKindSchema,
}), { legalBasis: 'required' });

export const PositionAssigned = defineEvent('PositionAssigned', z.object({
  nip: NipSchema,
  positionId: PositionIdSchema,
}), { legalBasis: 'required' });

export const EmployeeTransferred = defineEvent('EmployeeTransferred', z.object({
  nip: NipSchema,
  fromPositionId: PositionIdSchema,
  toPositionId: PositionIdSchema,
  reason: z.enum(TRANSFER_REASONS),
}), { legalBasis: 'required' });

export const ActingAppointed = defineEvent('ActingAppointed', z.object({
  nip: NipSchema,
  positionId: PositionIdSchema,
  actingKind: ActingKindSchema,
  plannedEnd: IsoDateSchema,
}), { legalBasis: 'required' });

export const ActingExtended = defineEvent('ActingExtended', z.object({
  nip: NipSchema,
  positionId: PositionIdSchema,
  plannedEnd: IsoDateSchema,
}), { legalBasis: 'required' });

export const ActingEnded = defineEvent('ActingEnded', z.object({
  nip: NipSchema,
  positionId: PositionIdSchema,
  reason: z.enum(ACTING_END_REASONS),
}), { legalBasis: 'optional' });

export const LeaveStarted = defineEvent('LeaveStarted', z.object({
  nip: NipSchema,
  leaveKind: z.enum(LEAVE_KINDS),
  plannedEnd: IsoDateSchema.nullable(),
}), { legalBasis: 'optional' });

export const LeaveEnded = defineEvent('LeaveEnded', z.object({
  nip: NipSchema,
}), { legalBasis: 'none' });

export const EmployeeSeparated = defineEvent('EmployeeSeparated', z.object({
  nip: NipSchema,
  reason: z.enum(SEPARATION_REASONS),
}), { legalBasis: 'required' });

export const peopleEvents = [
  EmployeeRegistered, RankPromoted, PositionAssigned, EmployeeTransferred, ActingAppointed, ActingExtended,
  ActingEnded, LeaveStarted, LeaveEnded, EmployeeSeparated,
] as const;
