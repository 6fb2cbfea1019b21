// Which answers may be cached and which events invalidate them. Pure rules; the caller (a query route, the
// append path) decides with them, because only it knows the dates it asked about and the checkpoint it read.

export interface AnswerScope {
  /** Every effective date the answer speaks of (asOf; from and to of a diff), YYYY-MM-DD. */
  readonly dates: readonly string[];
  /** Today in the ledger's time zone (jakartaToday), YYYY-MM-DD. */
  readonly today: string;
  /** The read model's checkpoint the answer was computed from. */
  readonly checkpoint: number;
  /** The store's head position when the question was asked. */
  readonly head: number;
}

/**
 * True when the answer may go to the cache: every date lies strictly in the past (today's and future dates
 * still change with ordinary events, an SK issued ahead for one) and the read model had folded everything
 * stored when the question came (a lagging read model's answer would be cached stale).
 */
export const mayCacheAnswer = (scope: AnswerScope): boolean =>
  scope.dates.length > 0 && scope.dates.every((date) => date < scope.today) && scope.checkpoint >= scope.head;

export interface InvalidatingFields {
  readonly type: string;
  /** YYYY-MM-DD */
  readonly effectiveAt: string;
  /** ISO instant */
  readonly recordedAt: string;
}

const dateAt = (instant: string, offsetMinutes: number): string =>
  new Date(Date.parse(instant) + offsetMinutes * 60_000).toISOString().slice(0, 10);

/**
 * True for an event that can change an answer about a past date: a correction or retraction (its target may
 * lie anywhere in time), and any event taking effect before the day it was recorded (a retroactive SK; not
 * only corrections change the past). `utcOffsetMinutes`: the ledger's zone, 420 for Jakarta.
 */
export const invalidatesAnswers = (event: InvalidatingFields, utcOffsetMinutes = 420): boolean =>
  event.type === 'EventCorrected' || event.type === 'EventRetracted'
  || event.effectiveAt < dateAt(event.recordedAt, utcOffsetMinutes);
