// readAll's filter for the EventStoreDB adapter: validated to the same rules as the SQL adapters, then applied in
// memory to events read from the ledger stream, since EventStoreDB keeps no index over what is in our metadata.
import { z } from 'zod';
import { IsoDateSchema, IsoInstantSchema } from '@estafet/events';
import type { StoredEvent } from '@estafet/events';
import type { ReadAllFilter } from './event-store.js';
import { InvalidQueryError } from './event-store.js';
import { DEFAULT_LIMIT, MAX_LIMIT } from './sqlite-queries.js';

const Bound = z.number().int().nonnegative();

const FilterSchema = z.object({
  limit: z.number().int().positive().default(DEFAULT_LIMIT).transform((limit) => Math.min(limit, MAX_LIMIT)),
  fromPosition: Bound.default(0),
  toPosition: Bound.optional(),
  streamPrefix: z.string().optional(),
  types: z.array(z.string().min(1)).optional(),
  effectiveFrom: IsoDateSchema.optional(),
  effectiveTo: IsoDateSchema.optional(),
  recordedFrom: IsoInstantSchema.optional(),
  recordedTo: IsoInstantSchema.optional(),
  correlationId: z.string().optional(),
  actorId: z.string().optional(),
});

export interface CompiledFilter {
  /** Exclusive lower bound on globalPosition. */
  readonly from: number;
  /** Inclusive upper bound on globalPosition; Infinity when there is none. */
  readonly to: number;
  readonly limit: number;
  /** Null when the filter names no (non-empty) prefix: then the whole range is scanned. */
  readonly streamPrefix: string | null;
  /** Every condition of the filter, the position range included. */
  matches(event: StoredEvent): boolean;
}

type Condition = (event: StoredEvent) => boolean;

/** Validates a filter (an InvalidQueryError names what is wrong) and turns it into a predicate. */
export function compileFilter(filter: ReadAllFilter): CompiledFilter {
  const parsed = FilterSchema.safeParse(filter);
  if (!parsed.success) {
    throw new InvalidQueryError(`readAll filter: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  }
  const f = parsed.data;
  const to = f.toPosition ?? Number.POSITIVE_INFINITY;
  const streamPrefix = f.streamPrefix === undefined || f.streamPrefix === '' ? null : f.streamPrefix;
  const conditions: Condition[] = [(e) => e.globalPosition > f.fromPosition && e.globalPosition <= to];
  if (f.types !== undefined) {
    const types = new Set(f.types);
    conditions.push((e) => types.has(e.type));
  }
  if (streamPrefix !== null) conditions.push((e) => [e.streamId, ...e.alsoIn].some((id) => id.startsWith(streamPrefix)));
  const { effectiveFrom, effectiveTo, actorId, correlationId } = f;
  // ISO dates (YYYY-MM-DD) order as text.
  if (effectiveFrom !== undefined) conditions.push((e) => e.effectiveAt >= effectiveFrom);
  if (effectiveTo !== undefined) conditions.push((e) => e.effectiveAt <= effectiveTo);
  if (f.recordedFrom !== undefined) {
    const earliest = instantMillis(f.recordedFrom, 'ceil');
    conditions.push((e) => Date.parse(e.recordedAt) >= earliest);
  }
  if (f.recordedTo !== undefined) {
    const latest = instantMillis(f.recordedTo, 'floor');
    conditions.push((e) => Date.parse(e.recordedAt) <= latest);
  }
  if (actorId !== undefined) conditions.push((e) => e.actor.id === actorId);
  if (correlationId !== undefined) conditions.push((e) => e.correlationId === correlationId);
  return {
    from: f.fromPosition,
    to,
    limit: f.limit,
    streamPrefix,
    matches: (event) => conditions.every((condition) => condition(event)),
  };
}

/**
 * An instant in whole milliseconds, the precision recordedAt is stored with. Date.parse drops digits beyond the
 * millisecond; for a lower bound that has any, the first stored instant at or after it is the next millisecond.
 */
export function instantMillis(instant: string, rounding: 'ceil' | 'floor'): number {
  const millis = Date.parse(instant);
  const digits = /\.\d{3}(\d+)/.exec(instant)?.[1] ?? '';
  return rounding === 'ceil' && /[1-9]/.test(digits) ? millis + 1 : millis;
}
