// The generic fold of one stream: keeps the events in force, honouring EventCorrected (the target carries
// its replacement data) and EventRetracted (the target drops out). Aggregates fold over what remains.
import type { EventType, StoredEvent } from '@estafet/events';
import { foldEvents, parseDomainEvent, toRecorded } from './recorded-event.js';
import type { Aggregate, Recorded, RecordedOf } from './recorded-event.js';

type Correction = RecordedOf<'EventCorrected' | 'EventRetracted'>;

export interface StreamLog {
  readonly streamId: string;
  /** Number of events folded, corrections included: the version to expect when appending. */
  readonly version: number;
  /** Events in force, in recording order; corrections themselves are not among them. */
  readonly events: readonly Recorded[];
  /** Every event of the stream as recorded, before any correction applied to it. */
  readonly recorded: readonly Recorded[];
  readonly corrections: readonly Correction[];
}

export const initialStreamLog = (streamId: string): StreamLog => ({
  streamId, version: 0, events: [], recorded: [], corrections: [],
});

export function evolveStreamLog(log: StreamLog, stored: StoredEvent): StreamLog {
  return applyToStreamLog(log, toRecorded(stored));
}

/** Folds one more event into the log; also used to see what a correction still being decided would do. */
export function applyToStreamLog(log: StreamLog, event: Recorded): StreamLog {
  const next = { ...log, version: log.version + 1, recorded: [...log.recorded, event] };
  if (isCorrection(event)) {
    return { ...next, corrections: [...log.corrections, event], events: withCorrection(log.events, event) };
  }
  return { ...next, events: [...log.events, event] };
}

/**
 * The whole stream at once, equal to folding it event by event with evolveStreamLog, but building each list
 * once rather than copying it per event (which made a cold read quadratic in the stream's length).
 */
export function foldStreamLog(streamId: string, stored: readonly StoredEvent[]): StreamLog {
  const recorded = stored.map(toRecorded);
  const corrections: Correction[] = [];
  let events: Recorded[] = [];
  for (const event of recorded) {
    if (isCorrection(event)) {
      corrections.push(event);
      // Corrections are rare; each rebuilds the list, as the event-by-event fold does.
      events = withCorrection(events, event);
    } else {
      events.push(event);
    }
  }
  return { streamId, version: recorded.length, events, recorded, corrections };
}

const isCorrection = (event: Recorded): event is Correction =>
  event.type === 'EventCorrected' || event.type === 'EventRetracted';

/** The events in force after a correction: a retracted target drops out, a corrected one takes its new data. */
function withCorrection(events: readonly Recorded[], correction: Correction): Recorded[] {
  const target = correction.data.targetEventId;
  if (correction.type === 'EventRetracted') return events.filter((e) => e.eventId !== target);
  return events.map((e) => (e.eventId === target ? corrected(e, correction) : e));
}

function corrected(target: Recorded, correction: RecordedOf<'EventCorrected'>): Recorded {
  const replacement = parseDomainEvent(target.type, correction.data.replacementData, correction.eventId);
  return { ...target, ...replacement };
}

/** The retraction of an event, if the stream holds one. */
export function retractionOf(log: StreamLog, eventId: string): RecordedOf<'EventRetracted'> | undefined {
  return log.corrections.find((c): c is RecordedOf<'EventRetracted'> =>
    c.type === 'EventRetracted' && c.data.targetEventId === eventId);
}

/** The streams a decision was made from, folded on demand into whichever aggregate a decider asks for. */
export interface StreamStates {
  has(streamId: string): boolean;
  /** Throws when the stream was not read: the planner did not ask for it, a bug, not a client error. */
  log(streamId: string): StreamLog;
  fold<S, T extends EventType>(aggregate: Aggregate<S, T>, streamId: string): S;
  all(): readonly StreamLog[];
}

export function createStreamStates(logs: Iterable<StreamLog>): StreamStates {
  const byId = new Map<string, StreamLog>();
  for (const log of logs) byId.set(log.streamId, log);
  const log = (streamId: string): StreamLog => {
    const found = byId.get(streamId);
    if (!found) throw new Error(`stream ${streamId} was not read before deciding`);
    return found;
  };
  return {
    has: (streamId) => byId.has(streamId),
    log,
    fold: (aggregate, streamId) => foldEvents(aggregate, log(streamId).events),
    all: () => [...byId.values()],
  };
}
