// The envelope every stored event carries besides its typed data (ARCHITECTURE.md, "The event envelope").
import { z } from 'zod';
import { IsoDateSchema, IsoInstantSchema } from './value/ids.js';

export const LegalBasisSchema = z.object({
  skNumber: z.string().trim().min(1, 'SK number is required').max(120),
  skDate: IsoDateSchema,
  signedBy: z.string().trim().min(1, 'signing official is required').max(200),
});
export type LegalBasis = z.infer<typeof LegalBasisSchema>;

export const ROLES = ['hr', 'analyst', 'auditor', 'public', 'system'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const ActorSchema = z.object({
  id: z.string().min(1).max(120),
  role: RoleSchema,
});
export type Actor = z.infer<typeof ActorSchema>;

/** The continuity process records under this actor. */
export const CONTINUITY_ACTOR: Actor = { id: 'system:continuity', role: 'system' };

export const EventIdSchema = z.uuid();
export const StreamIdSchema = z.string().regex(/^[a-z]+-[A-Za-z0-9-]{1,100}$/, 'stream id must look like "kind-id"');

/** What a writer hands to the store: everything but what the store assigns. */
export const NewEventSchema = z.object({
  eventId: EventIdSchema,
  type: z.string().min(1),
  schemaVersion: z.number().int().positive(),
  data: z.unknown(),
  effectiveAt: IsoDateSchema,
  legalBasis: LegalBasisSchema.nullable(),
  actor: ActorSchema,
  correlationId: z.string().min(1).max(120),
  causationId: z.string().min(1).max(120).nullable(),
  /** Further streams this event belongs to (a transfer belongs to the employee and both positions). */
  alsoIn: z.array(StreamIdSchema).default([]),
});
export type NewEvent = z.input<typeof NewEventSchema>;

/** An event as the store returns it. `data` is typed by the catalogue after upcasting. */
export const StoredEventSchema = NewEventSchema.extend({
  alsoIn: z.array(StreamIdSchema),
  streamId: StreamIdSchema,
  streamVersion: z.number().int().nonnegative(),
  globalPosition: z.number().int().positive(),
  recordedAt: IsoInstantSchema,
  idempotencyKey: z.string().nullable(),
  prevHash: z.string().regex(/^[0-9a-f]{64}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type StoredEvent = z.infer<typeof StoredEventSchema>;

/** The hash of the (empty) chain before position 1. */
export const GENESIS_HASH = '0'.repeat(64);
