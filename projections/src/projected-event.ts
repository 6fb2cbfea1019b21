// The event as a projection sees it: the catalogue-typed `{ type, data }` plus the envelope fields read
// models need. Decoding upcasts and validates once, so evolve code never touches unchecked data.
import { DomainEventSchema, defaultUpcasters, isEventType } from '@estafet/events';
import type { DomainEvent, LegalBasis, StoredEvent } from '@estafet/events';

export interface ProjectedEvent {
  readonly event: DomainEvent;
  readonly eventId: string;
  readonly position: number;
  readonly streamId: string;
  /** Further streams the event is linked into (occupancy events: the position streams). */
  readonly alsoIn: readonly string[];
  readonly effectiveAt: string;
  /** Normalised to UTC `YYYY-MM-DDTHH:mm:ss.sssZ`, so recorded instants compare as strings. */
  readonly recordedAt: string;
  readonly legalBasis: LegalBasis | null;
  /** For EventCorrected / EventRetracted only: the event named as target, null when it is not in the log. */
  readonly target?: ProjectedEvent | null;
}

export const CORRECTION_TYPES = ['EventCorrected', 'EventRetracted'] as const;

export const isCorrection = (type: string): boolean => type === 'EventCorrected' || type === 'EventRetracted';

export class UndecodableEventError extends Error {
  readonly code = 'UNDECODABLE_EVENT';
  constructor(readonly position: number, readonly type: string, detail: string) {
    super(`event ${type} at position ${position} does not match the catalogue: ${detail}`);
  }
}

const UTC_MILLIS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Any ISO instant with an offset, rewritten in the one form that sorts as text. */
export const normaliseInstant = (instant: string): string => {
  if (UTC_MILLIS.test(instant)) return instant;
  const time = Date.parse(instant);
  if (Number.isNaN(time)) throw new RangeError(`${instant} is not an ISO instant`);
  return new Date(time).toISOString();
};

/**
 * Decodes `{ type, data }` against the catalogue after upcasting. Returns null for a type this build does not
 * know (written by a newer version); throws when a known type carries data its schema rejects.
 */
export const decodeDomainEvent = (type: string, schemaVersion: number, data: unknown, position: number): DomainEvent | null => {
  const lifted = defaultUpcasters.upcast(type, schemaVersion, data);
  const parsed = DomainEventSchema.safeParse({ type, data: lifted.data });
  if (parsed.success) return parsed.data;
  if (!isEventType(type)) return null;
  throw new UndecodableEventError(position, type, parsed.error.issues[0]?.message ?? 'invalid');
};

export const decodeStoredEvent = (stored: StoredEvent, target?: ProjectedEvent | null): ProjectedEvent | null => {
  const event = decodeDomainEvent(stored.type, stored.schemaVersion, stored.data, stored.globalPosition);
  if (event === null) return null;
  const decoded: ProjectedEvent = {
    event,
    eventId: stored.eventId,
    position: stored.globalPosition,
    streamId: stored.streamId,
    alsoIn: stored.alsoIn,
    effectiveAt: stored.effectiveAt,
    recordedAt: normaliseInstant(stored.recordedAt),
    legalBasis: stored.legalBasis,
  };
  return target === undefined ? decoded : { ...decoded, target };
};
