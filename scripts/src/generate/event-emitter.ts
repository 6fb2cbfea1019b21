// Turns a simulated change into a stored-event envelope (id, effective date, decree, actor, correlation) and hands
// it to the batcher; numbers the decrees (SK) and counts events per type for the summary.
import { EVENT_DEFINITIONS } from '@estafet/events';
import type { Actor, EventData, EventType, LegalBasis, NewEvent } from '@estafet/events';
import { DAY_MS, isoOf } from './sim-calendar.js';
import type { SimRandom } from './sim-random.js';
import type { StreamBatcher } from './stream-batcher.js';

export const GENERATOR_ACTOR: Actor = { id: 'system:generator', role: 'system' };

export const SIGNERS = {
  GOVERNOR: 'Gubernur Provinsi DKI Jakarta',
  SEKDA: 'Sekretaris Daerah Provinsi DKI Jakarta',
  BKD: 'Kepala Badan Kepegawaian Daerah Provinsi DKI Jakarta',
  PRESIDENT: 'Presiden Republik Indonesia',
  BKN: 'Kepala Badan Kepegawaian Negara',
} as const;

/** Classification codes of Indonesian personnel decrees, used as the first part of an SK number. */
const SK_CODES = {
  CPNS: '813.3', ASSIGN: '821.2', TRANSFER: '821.2', LEADERSHIP: '821.22', ACTING: '800.1.11.1', RANK: '823.3',
  PENSION: '882', SEPARATION: '888', LEAVE: '851', ORGANISATION: '061', NOMINATION: '800.1.3',
} as const;

export type SkKind = keyof typeof SK_CODES;

export interface EmitOptions {
  readonly alsoIn?: readonly string[];
  readonly legalBasis?: LegalBasis | null;
  readonly correlationId?: string;
  readonly causationId?: string | null;
}

export interface Emitter {
  /** Sets the effective date of everything emitted until the next call. */
  today(day: number): void;
  emit<T extends EventType>(type: T, data: EventData<T>, streamId: string, options?: EmitOptions): string;
  sk(kind: SkKind, skDay: number, signedBy: string): LegalBasis;
  readonly counts: ReadonlyMap<string, number>;
  readonly total: number;
}

const REQUIRES_BASIS = new Set<string>(EVENT_DEFINITIONS.filter((d) => d.legalBasis === 'required').map((d) => d.type));
const SCHEMA_VERSION = new Map<string, number>(EVENT_DEFINITIONS.map((d) => [d.type, d.schemaVersion]));

export function createEmitter(random: SimRandom, batcher: StreamBatcher): Emitter {
  const counts = new Map<string, number>();
  const serials = new Map<string, number>();
  let total = 0;
  let effectiveAt = '1970-01-01';
  return {
    today(day) {
      effectiveAt = isoOf(day);
      random.clockTo(day * DAY_MS);
    },
    emit(type, data, streamId, options = {}) {
      const legalBasis = options.legalBasis ?? null;
      // Fail at the bad record rather than write history the ledger would refuse.
      if (legalBasis === null && REQUIRES_BASIS.has(type)) throw new Error(`${type} for ${streamId} needs a legal basis`);
      const eventId = random.uuid();
      const event: NewEvent = {
        eventId, type, schemaVersion: SCHEMA_VERSION.get(type) ?? 1, data, effectiveAt, legalBasis, actor: GENERATOR_ACTOR,
        correlationId: options.correlationId ?? eventId, causationId: options.causationId ?? null,
        alsoIn: options.alsoIn === undefined ? [] : [...options.alsoIn],
      };
      batcher.add(streamId, event);
      counts.set(type, (counts.get(type) ?? 0) + 1);
      total += 1;
      return eventId;
    },
    sk(kind, skDay, signedBy) {
      const skDate = isoOf(skDay);
      const key = `${kind}/${skDate.slice(0, 4)}`;
      const serial = (serials.get(key) ?? 0) + 1;
      serials.set(key, serial);
      return { skNumber: `${SK_CODES[kind]}/${String(serial).padStart(5, '0')}/${skDate.slice(0, 4)}`, skDate, signedBy };
    },
    get counts() {
      return counts;
    },
    get total() {
      return total;
    },
  };
}
