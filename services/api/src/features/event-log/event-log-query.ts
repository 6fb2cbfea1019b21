// The auditor's filters on GET /events, parsed from the query string into the store's ReadAllFilter.
import { z } from 'zod';
import { IsoDateSchema, IsoInstantSchema, isEventType } from '@estafet/events';

export const DEFAULT_PAGE = 100;
export const MAX_PAGE = 1000;

const PositionSchema = z.string().regex(/^\d{1,15}$/, 'must be a whole number').transform(Number);

const TypesSchema = z.string().transform((value, ctx) => {
  const types = value.split(',').map((type) => type.trim()).filter((type) => type.length > 0);
  for (const type of types) {
    if (!isEventType(type)) ctx.addIssue({ code: 'custom', message: `unknown event type ${JSON.stringify(type)}` });
  }
  return types;
});

export const EventLogQuerySchema = z.object({
  fromPosition: PositionSchema.optional()
    .describe('Exclusive: only events after this global position (the previous page\'s nextFromPosition)'),
  types: TypesSchema.optional().describe('Comma-separated event types, e.g. EmployeeTransferred,ActingAppointed'),
  streamPrefix: z.string().min(1).max(120).optional()
    .describe('Events of streams starting with this, e.g. "employee-198609262015051001" or "position-"'),
  effectiveFrom: IsoDateSchema.optional().describe('Inclusive lower bound on the effective date (TMT), YYYY-MM-DD'),
  effectiveTo: IsoDateSchema.optional().describe('Inclusive upper bound on the effective date (TMT), YYYY-MM-DD'),
  recordedFrom: IsoInstantSchema.optional().describe('Inclusive lower bound on the recording instant'),
  recordedTo: IsoInstantSchema.optional().describe('Inclusive upper bound on the recording instant'),
  actorId: z.string().min(1).max(120).optional().describe('Only events recorded by this actor, e.g. "hr:1a2b3c4d"'),
  correlationId: z.string().min(1).max(120).optional().describe('Only events of this correlation'),
  limit: z.string().regex(/^\d{1,4}$/, 'must be a whole number').transform(Number)
    .pipe(z.number().min(1).max(MAX_PAGE, `at most ${MAX_PAGE}`)).optional()
    .describe(`Page size, default ${DEFAULT_PAGE}, at most ${MAX_PAGE}`),
});
