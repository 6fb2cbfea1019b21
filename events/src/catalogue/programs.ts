// Programs (KJP Plus, JakLingko, flood control...) and the leadership position each is led from.
import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { IsoDateSchema, PositionIdSchema, ProgramIdSchema, UnitIdSchema } from '../value/ids.js';

export const CRITICALITY = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export const CriticalitySchema = z.enum(CRITICALITY);
export const PROGRAM_PHASES = ['PLANNING', 'PROCUREMENT', 'IMPLEMENTATION', 'EVALUATION'] as const;
export const ProgramPhaseSchema = z.enum(PROGRAM_PHASES);

export const ProgramRegistered = defineEvent('ProgramRegistered', z.object({
  programId: ProgramIdSchema,
  name: z.string().trim().min(2).max(200),
  unitId: UnitIdSchema,
  leadingPositionId: PositionIdSchema,
  criticality: CriticalitySchema,
  phase: ProgramPhaseSchema,
  periodStart: IsoDateSchema,
  periodEnd: IsoDateSchema.nullable(),
}).refine((p) => p.periodEnd === null || p.periodEnd >= p.periodStart, {
  message: 'periodEnd must not be before periodStart', path: ['periodEnd'],
}), { legalBasis: 'optional' });

export const ProgramPhaseChanged = defineEvent('ProgramPhaseChanged', z.object({
  programId: ProgramIdSchema,
  phase: ProgramPhaseSchema,
}), { legalBasis: 'none' });

export const ProgramClosed = defineEvent('ProgramClosed', z.object({
  programId: ProgramIdSchema,
  outcome: z.string().trim().min(2).max(500),
}), { legalBasis: 'optional' });

export const programEvents = [ProgramRegistered, ProgramPhaseChanged, ProgramClosed] as const;
