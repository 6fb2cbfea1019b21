// Commands that correct or retract a recorded event. Their effective date defaults to the target's, since a
// correction changes what was true then; the replacement data is checked against the target's type.
import { z } from 'zod';
import { CommandBaseSchema } from './common.js';
import { EventIdSchema } from '../envelope.js';
import { IsoDateSchema } from '../value/ids.js';

export const CorrectEventCommand = CommandBaseSchema.extend({
  type: z.literal('CorrectEvent'),
  effectiveAt: IsoDateSchema.optional(),
  eventId: EventIdSchema,
  replacementData: z.record(z.string(), z.unknown()),
  reason: z.string().trim().min(5, 'say why the event is corrected').max(1000),
});

export const RetractEventCommand = CommandBaseSchema.extend({
  type: z.literal('RetractEvent'),
  effectiveAt: IsoDateSchema.optional(),
  eventId: EventIdSchema,
  reason: z.string().trim().min(5, 'say why the event is retracted').max(1000),
});

export const correctionCommands = [CorrectEventCommand, RetractEventCommand] as const;
