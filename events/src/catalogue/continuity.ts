// Continuity events, appended by the continuity process (actor system:continuity) and by HR ticking tasks.
import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { EventIdSchema, RoleSchema } from '../envelope.js';
import { NipSchema } from '../value/nip.js';
import { IdSchema, IsoDateSchema, PositionIdSchema, ProgramIdSchema } from '../value/ids.js';
import { CriticalitySchema } from './programs.js';

export const RISK_CAUSES = ['HOLDER_LEFT', 'VACANT_NO_ACTING', 'ACTING_OVER_LIMIT'] as const;

export const HandoverTaskSchema = z.object({
  taskId: IdSchema,
  title: z.string().min(2).max(200),
  responsibleRole: z.string().min(2).max(80),
  dueDate: IsoDateSchema,
  required: z.boolean(),
});

export const ProgramFlaggedAtRisk = defineEvent('ProgramFlaggedAtRisk', z.object({
  programId: ProgramIdSchema,
  positionId: PositionIdSchema,
  cause: z.enum(RISK_CAUSES),
  causeEventId: EventIdSchema,
  severity: CriticalitySchema,
  reasons: z.array(z.string()).max(20),
}), { legalBasis: 'none' });

export const ProgramRiskCleared = defineEvent('ProgramRiskCleared', z.object({
  programId: ProgramIdSchema,
  positionId: PositionIdSchema,
  resolution: z.string().min(2).max(300),
}), { legalBasis: 'none' });

export const HandoverChecklistOpened = defineEvent('HandoverChecklistOpened', z.object({
  checklistId: IdSchema,
  positionId: PositionIdSchema,
  programIds: z.array(ProgramIdSchema),
  outgoingNip: NipSchema.nullable(),
  incomingNip: NipSchema.nullable(),
  templateId: IdSchema,
  dueBy: IsoDateSchema,
  tasks: z.array(HandoverTaskSchema).min(1),
}), { legalBasis: 'none' });

export const HandoverTaskCompleted = defineEvent('HandoverTaskCompleted', z.object({
  checklistId: IdSchema,
  taskId: IdSchema,
  note: z.string().max(1000).nullable(),
}), { legalBasis: 'none' });

export const HandoverChecklistClosed = defineEvent('HandoverChecklistClosed', z.object({
  checklistId: IdSchema,
}), { legalBasis: 'none' });

export const HandoverEscalated = defineEvent('HandoverEscalated', z.object({
  checklistId: IdSchema,
  overdueTaskIds: z.array(IdSchema).min(1),
  escalatedToRole: RoleSchema,
}), { legalBasis: 'none' });

export const continuityEvents = [
  ProgramFlaggedAtRisk, ProgramRiskCleared, HandoverChecklistOpened, HandoverTaskCompleted,
  HandoverChecklistClosed, HandoverEscalated,
] as const;
