// Corrections and retractions as projections honour them: a target's last correction up to a point in the
// log replaces its data, a retraction removes it. Which stream a target belongs to decides what is refolded.
import { DomainEventSchema } from '@estafet/events';
import type { DomainEvent } from '@estafet/events';
import type { ProjectedEvent } from './projected-event.js';

/** The target's data after its last correction, or null when its last word is a retraction. */
const corrected = (target: ProjectedEvent, last: ProjectedEvent): DomainEvent | null => {
  if (last.event.type === 'EventRetracted') return null;
  if (last.event.type !== 'EventCorrected') return target.event;
  const parsed = DomainEventSchema.safeParse({ type: target.event.type, data: last.event.data.replacementData });
  // The decider validated the replacement against the target's type; a mismatch here means the catalogue
  // moved on, and keeping the original is the only answer that invents nothing.
  return parsed.success ? parsed.data : target.event;
};

/**
 * Applies the corrections recorded at or before `upTo` (a global position) to `events`, keeping their order.
 * Retracted events drop out; corrected ones keep their envelope and take the replacement data.
 */
export const applyCorrections = (
  events: readonly ProjectedEvent[],
  corrections: readonly ProjectedEvent[],
  upTo: number,
): ProjectedEvent[] => {
  const last = new Map<string, ProjectedEvent>();
  for (const correction of corrections) {
    if (correction.position > upTo) continue;
    const e = correction.event;
    if (e.type !== 'EventCorrected' && e.type !== 'EventRetracted') continue;
    const previous = last.get(e.data.targetEventId);
    if (previous === undefined || previous.position < correction.position) last.set(e.data.targetEventId, correction);
  }
  if (last.size === 0) return [...events];
  const result: ProjectedEvent[] = [];
  for (const event of events) {
    const correction = last.get(event.eventId);
    if (correction === undefined) {
      result.push(event);
      continue;
    }
    const replacement = corrected(event, correction);
    if (replacement !== null) result.push({ ...event, event: replacement });
  }
  return result;
};

/** Orders an entity's events by effective date, then by position: the order every fold assumes. */
export const byEffectiveDate = (a: ProjectedEvent, b: ProjectedEvent): number =>
  (a.effectiveAt < b.effectiveAt ? -1 : a.effectiveAt > b.effectiveAt ? 1 : a.position - b.position);

/** The events of one entity ready to fold: corrected as known at the trigger, in effective order. */
export const foldOrder = (events: readonly ProjectedEvent[], corrections: readonly ProjectedEvent[], upTo: number): ProjectedEvent[] =>
  applyCorrections(events.filter((e) => e.position <= upTo), corrections, upTo).sort(byEffectiveDate);
