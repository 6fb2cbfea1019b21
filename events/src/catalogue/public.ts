// Public complaints (JAKI and other CRM channels), tied to the unit responsible for the service.
import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { IdSchema, IsoInstantSchema, UnitIdSchema } from '../value/ids.js';

export const COMPLAINT_CHANNELS = ['JAKI', 'CRM', 'WEB', 'SMS', 'SOCIAL_MEDIA', 'WALK_IN', 'OTHER'] as const;
export const COMPLAINT_OUTCOMES = ['RESOLVED', 'REJECTED', 'FORWARDED'] as const;

export const ComplaintReceived = defineEvent('ComplaintReceived', z.object({
  complaintId: IdSchema,
  unitId: UnitIdSchema,
  channel: z.enum(COMPLAINT_CHANNELS),
  category: z.string().trim().min(2).max(80),
  receivedAt: IsoInstantSchema,
  summary: z.string().trim().max(2000),
}), { legalBasis: 'none' });

export const ComplaintResolved = defineEvent('ComplaintResolved', z.object({
  complaintId: IdSchema,
  resolvedAt: IsoInstantSchema,
  outcome: z.enum(COMPLAINT_OUTCOMES),
}), { legalBasis: 'none' });

export const publicEvents = [ComplaintReceived, ComplaintResolved] as const;
