// The shapes of the handover routes, as zod schemas: list filters, one checklist with its tasks and the move
// that opened it (its SK), and the body of "complete a task".
import { z } from 'zod';
import { IdSchema, LegalBasisSchema, UnitIdSchema } from '@estafet/events';
import { MinPositionSchema } from '../programs-query/program-query-schemas.js';

export const HandoverListQuerySchema = z.object({
  status: z.enum(['open', 'overdue', 'closed']).optional()
    .describe('open; overdue: open with a required task past its due date; closed'),
  unit: UnitIdSchema.optional().describe('Only handovers of positions in this unit'),
  minPosition: MinPositionSchema.optional(),
});

export const HandoverParamsSchema = z.object({ checklistId: IdSchema });
export const HandoverTaskParamsSchema = z.object({ checklistId: IdSchema, taskId: IdSchema });
export const HandoverDetailQuerySchema = z.object({ minPosition: MinPositionSchema.optional() });

export const CompleteTaskBodySchema = z.object({
  note: z.string().trim().max(1000).optional().describe('What was handed over, where the document is'),
});

export const HandoverSummarySchema = z.object({
  checklistId: z.string(),
  positionId: z.string(),
  positionTitle: z.string().nullable(),
  unitId: z.string().nullable(),
  programIds: z.array(z.string()),
  outgoingNip: z.string().nullable(),
  incomingNip: z.string().nullable(),
  templateId: z.string(),
  dueBy: z.string(),
  status: z.enum(['open', 'closed']),
  overdue: z.boolean(),
  escalated: z.boolean(),
  openedEventId: z.string(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  tasksTotal: z.number().int(),
  tasksDone: z.number().int(),
  nextRequiredDue: z.string().nullable().describe('The earliest due date among required tasks not done'),
});

export const HandoverTaskSchema = z.object({
  taskId: z.string(),
  title: z.string(),
  responsibleRole: z.string(),
  dueDate: z.string(),
  required: z.boolean(),
  status: z.enum(['done', 'pending', 'overdue']),
  completedEventId: z.string().nullable(),
  completedAt: z.string().nullable(),
  note: z.string().nullable(),
});

export const CausationSchema = z.object({
  eventId: z.string(),
  type: z.string(),
  streamId: z.string(),
  effectiveAt: z.string(),
  recordedAt: z.string(),
  legalBasis: LegalBasisSchema.nullable(),
}).describe('The event that opened the checklist (a transfer, separation, ...): GET /events/{eventId} for all of it');

export const HandoverListSchema = z.object({ handovers: z.array(HandoverSummarySchema) });
export const HandoverDetailSchema = z.object({
  handover: HandoverSummarySchema,
  tasks: z.array(HandoverTaskSchema),
  causation: CausationSchema.nullable(),
});
