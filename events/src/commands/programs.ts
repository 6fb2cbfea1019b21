// Commands on programs (KJP Plus, JakLingko, ...) and the leadership position each is led from.
import { z } from 'zod';
import { CommandBaseSchema } from './common.js';
import { CriticalitySchema, ProgramPhaseSchema } from '../catalogue/programs.js';
import { IsoDateSchema, PositionIdSchema, ProgramIdSchema, UnitIdSchema } from '../value/ids.js';

export const RegisterProgramCommand = CommandBaseSchema.extend({
  type: z.literal('RegisterProgram'),
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
});

export const ChangeProgramPhaseCommand = CommandBaseSchema.extend({
  type: z.literal('ChangeProgramPhase'),
  programId: ProgramIdSchema,
  phase: ProgramPhaseSchema,
});

export const CloseProgramCommand = CommandBaseSchema.extend({
  type: z.literal('CloseProgram'),
  programId: ProgramIdSchema,
  outcome: z.string().trim().min(2).max(500),
});

export const programCommands = [RegisterProgramCommand, ChangeProgramPhaseCommand, CloseProgramCommand] as const;
