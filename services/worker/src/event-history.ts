// What the runner fetches from the event store for a projection beyond the batch itself: the target of a
// correction, and an entity's history (its stream up to the trigger, corrections split out) for a refold.
import { decodeStoredEvent, isCorrection } from '@estafet/projections';
import type { EntityHistory, ProjectedEvent } from '@estafet/projections';
import type { EventStore } from '@estafet/ledger';

export const resolveTarget = async (store: EventStore, e: ProjectedEvent): Promise<ProjectedEvent> => {
  const event = e.event;
  if (event.type !== 'EventCorrected' && event.type !== 'EventRetracted') return e;
  const stored = await store.getEvent(event.data.targetEventId);
  return { ...e, target: stored === null ? null : decodeStoredEvent(stored) };
};

/**
 * The stream's events up to `upTo` (inclusive). Corrections are appended to their target's stream by the
 * ledger, so the stream itself carries every correction that can apply to its events.
 */
export const loadHistory = async (store: EventStore, streamId: string, upTo: number): Promise<EntityHistory> => {
  const events: ProjectedEvent[] = [];
  const corrections: ProjectedEvent[] = [];
  for (const stored of await store.readStream(streamId)) {
    if (stored.globalPosition > upTo) continue;
    const decoded = decodeStoredEvent(stored);
    if (decoded === null) continue;
    (isCorrection(decoded.event.type) ? corrections : events).push(decoded);
  }
  return { streamId, events, corrections };
};
