// Corrections: a mistake is never edited away; a new event names its target and says why.
import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { EventIdSchema } from '../envelope.js';

export const EventCorrected = defineEvent('EventCorrected', z.object({
  targetEventId: EventIdSchema,
  /** The full replacement data, validated against the target's type when the correction is decided. */
  replacementData: z.record(z.string(), z.unknown()),
  reason: z.string().trim().min(5, 'say why the event is corrected').max(1000),
}), { legalBasis: 'optional' });

export const EventRetracted = defineEvent('EventRetracted', z.object({
  targetEventId: EventIdSchema,
  reason: z.string().trim().min(5, 'say why the event is retracted').max(1000),
}), { legalBasis: 'optional' });

export const correctionEvents = [EventCorrected, EventRetracted] as const;
