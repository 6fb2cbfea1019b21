// The shapes GET /programs and GET /programs/{id} accept and answer, as zod schemas (validation and OpenAPI).
import { z } from 'zod';
import { CRITICALITY, PROGRAM_PHASES, ProgramIdSchema, RISK_CAUSES, UnitIdSchema } from '@estafet/events';

export const MinPositionSchema = z.string().regex(/^\d{1,15}$/, 'must be a whole number').transform(Number)
  .describe('Wait (at most 2 s) until the read model has folded this global position, e.g. a command\'s answer');

export const ProgramListQuerySchema = z.object({
  atRisk: z.enum(['true', 'false']).transform((value) => value === 'true').optional()
    .describe('true: only programs with an open risk flag; false: only those without'),
  unit: UnitIdSchema.optional().describe('Only programs of this unit, e.g. "dinas-pendidikan"'),
  minPosition: MinPositionSchema.optional(),
});

export const ProgramParamsSchema = z.object({ programId: ProgramIdSchema });

export const ProgramSummarySchema = z.object({
  programId: z.string(),
  name: z.string(),
  unitId: z.string(),
  leadingPositionId: z.string(),
  criticality: z.enum(CRITICALITY),
  phase: z.enum(PROGRAM_PHASES),
  status: z.enum(['ACTIVE', 'CLOSED']),
  atRisk: z.boolean(),
  openFlags: z.number().int(),
  highestSeverity: z.enum(CRITICALITY).nullable(),
  atRiskSince: z.string().nullable().describe('When the oldest open flag was recorded'),
});

export const RiskEntrySchema = z.object({
  eventId: z.string().describe('The ProgramFlaggedAtRisk or ProgramRiskCleared event (GET /events/{id})'),
  kind: z.enum(['FLAGGED', 'CLEARED']),
  positionId: z.string(),
  cause: z.enum(RISK_CAUSES).nullable(),
  causeEventId: z.string().nullable().describe('The move (or appointment) that caused the flag: its SK is on that event'),
  severity: z.enum(CRITICALITY).nullable(),
  reasons: z.array(z.string()),
  resolution: z.string().nullable(),
  clearedByEventId: z.string().nullable(),
  effectiveAt: z.string(),
  recordedAt: z.string(),
  position: z.number().int(),
});

export const ProgramListSchema = z.object({ programs: z.array(ProgramSummarySchema) });
export const ProgramDetailSchema = z.object({ program: ProgramSummarySchema, riskHistory: z.array(RiskEntrySchema) });
