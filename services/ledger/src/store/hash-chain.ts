// The SHA-256 hash chain over the global order (ARCHITECTURE.md, "The event envelope"): canonical JSON,
// the hash of one event and a verifier that names the first broken position. Shared by every adapter.
import { hash } from 'node:crypto';
import type { StoredEvent } from '@estafet/events';

/** A value cannot be hashed: it is not plain JSON (non-finite number, undefined in an array, class instance, cycle). */
export class CanonicalJsonError extends Error {
  readonly code = 'NOT_CANONICAL_JSON';
}

/**
 * JSON with object keys sorted (by UTF-16 code unit), no whitespace, so equal values give equal strings whatever
 * order their keys were written in. Object keys whose value is undefined are left out, as JSON.stringify does, so a
 * value and its stored-then-parsed copy serialise alike; anything JSON would change silently is rejected instead.
 */
export const canonicalJson = (value: unknown): string => canonicalJsonAt(value, '$');

function canonicalJsonAt(value: unknown, root: string): string {
  try {
    return write(value, 0);
  } catch (error) {
    throw asCanonicalError(error, root);
  }
}

// Cycles are caught by depth rather than by tracking ancestors: hashing runs for every event appended, and no
// legitimate event nests anywhere near this deep.
const MAX_DEPTH = 256;

/** Thrown inside the writer; carries the path outward so a message can name the value without building paths up front. */
class Problem extends Error {
  readonly path: (string | number)[] = [];
  constructor(readonly reason: string) {
    super(reason);
  }
}

function asCanonicalError(error: unknown, root: string): unknown {
  if (!(error instanceof Problem)) return error;
  // A cycle yields a path MAX_DEPTH long; its start says enough.
  const shown = error.path.slice(0, 12);
  const path = shown.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : `${out}.${key}`), root)
    + (error.path.length > shown.length ? '...' : '');
  return new CanonicalJsonError(`${path} ${error.reason}`);
}

// Strings with nothing to escape are quoted directly: JSON.stringify costs more than the test, per string, per event.
// eslint-disable-next-line no-control-regex -- these are exactly the characters JSON must escape
const NEEDS_ESCAPING = /["\\\u0000-\u001f\ud800-\udfff]/;
const quote = (text: string): string => (NEEDS_ESCAPING.test(text) ? JSON.stringify(text) : `"${text}"`);

function write(value: unknown, depth: number): string {
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new Problem(`is ${String(value)}, not a finite number`);
      return JSON.stringify(value);
    case 'object':
      if (value === null) return 'null';
      if (depth >= MAX_DEPTH) throw new Problem(`nests deeper than ${MAX_DEPTH} levels (or refers back to itself)`);
      return Array.isArray(value) ? writeArray(value, depth + 1) : writeObject(value, depth + 1);
    case 'undefined':
    case 'bigint':
    case 'function':
    case 'symbol':
      throw new Problem(`is ${typeof value}, which JSON cannot hold`);
  }
}

function writeArray(value: readonly unknown[], depth: number): string {
  let out = '[';
  for (let i = 0; i < value.length; i += 1) {
    const item = value[i];
    try {
      // JSON.stringify would turn undefined into null; a hash over a silently changed value proves nothing.
      if (item === undefined) throw new Problem('is undefined');
      out += i === 0 ? write(item, depth) : `,${write(item, depth)}`;
    } catch (error) {
      if (error instanceof Problem) error.path.unshift(i);
      throw error;
    }
  }
  return `${out}]`;
}

function writeObject(value: object, depth: number): string {
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    throw new Problem(`is ${Object.prototype.toString.call(value)}, not a plain object`);
  }
  const keys = Object.keys(value).sort();
  let out = '{';
  for (const key of keys) {
    const item: unknown = Reflect.get(value, key);
    if (item === undefined) continue;
    try {
      out += `${out.length === 1 ? '' : ','}${quote(key)}:${write(item, depth)}`;
    } catch (error) {
      if (error instanceof Problem) error.path.unshift(key);
      throw error;
    }
  }
  return `${out}}`;
}

/** Every envelope field but `hash`, in canonical (sorted) order. `satisfies` makes a new envelope field a type error here. */
const HASHED_FIELDS = [
  'actor', 'alsoIn', 'causationId', 'correlationId', 'data', 'effectiveAt', 'eventId', 'globalPosition',
  'idempotencyKey', 'legalBasis', 'prevHash', 'recordedAt', 'schemaVersion', 'streamId', 'streamVersion', 'type',
] as const satisfies readonly (keyof Omit<StoredEvent, 'hash'>)[];

// Fails to compile when StoredEvent gains a field that is not hashed.
type UnhashedFields = Exclude<keyof StoredEvent, 'hash' | (typeof HASHED_FIELDS)[number]>;
const _everyFieldHashed: [UnhashedFields] extends [never] ? true : never = true;

/**
 * The hash of one event: SHA-256 (hex) over the canonical JSON of every envelope field except `hash`, including
 * `prevHash` and `globalPosition`, so an edited field, a moved event or a broken link all change it.
 */
export const computeEventHash = (event: Omit<StoredEvent, 'hash'>): string =>
  computeEventHashWithData(event, canonicalJsonAt(event.data, 'data'));

/** As computeEventHash, with `data` already in canonical JSON (adapters store that text and hash it once). */
export function computeEventHashWithData(event: Omit<StoredEvent, 'hash'>, dataJson: string): string {
  let text = '{';
  for (const field of HASHED_FIELDS) {
    const json = field === 'data' ? dataJson : fieldJson(event[field], field);
    text += text.length === 1 ? `"${field}":${json}` : `,"${field}":${json}`;
  }
  return hash('sha256', `${text}}`, 'hex');
}

// Envelope fields are strings, integers, null, lists of stream ids and two flat objects of strings (actor,
// legalBasis): written here as `write` would write them, without the general writer's dispatch, recursion and
// per-value error wrapping (most of the hashing cost per appended event). Anything else takes the general path.
function fieldJson(value: unknown, field: string): string {
  if (typeof value === 'string') return quote(value);
  if (value === null) return 'null';
  if (typeof value === 'number' && Number.isFinite(value)) return JSON.stringify(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const list = stringListJson(value);
    if (list !== null) return list;
  } else if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const flat = flatStringsJson(value);
    if (flat !== null) return flat;
  }
  return canonicalJsonAt(value, field);
}

/** A list of strings, or null when an item is anything else. */
function stringListJson(value: readonly unknown[]): string | null {
  let out = '[';
  for (let i = 0; i < value.length; i += 1) {
    const item = value[i];
    if (typeof item !== 'string') return null;
    out += i === 0 ? quote(item) : `,${quote(item)}`;
  }
  return `${out}]`;
}

/** An object whose values are all strings (undefined ones left out), or null when one is anything else. */
function flatStringsJson(value: object): string | null {
  const keys = Object.keys(value);
  if (keys.length > 1) keys.sort();
  let out = '{';
  for (const key of keys) {
    const item: unknown = Reflect.get(value, key);
    if (item === undefined) continue;
    if (typeof item !== 'string') return null;
    out += `${out.length === 1 ? '' : ','}${quote(key)}:${quote(item)}`;
  }
  return `${out}}`;
}

/** The last event known good: where verification of the next one starts. */
export interface ChainAnchor {
  readonly position: number;
  readonly hash: string;
}

export type ChainCheck =
  /** `last`: the last event verified; the anchor given when there were none; null without an anchor position. */
  | { readonly ok: true; readonly checked: number; readonly last: ChainAnchor | null }
  | { readonly ok: false; readonly checked: number; readonly position: number; readonly reason: string };

/**
 * Checks events given in global order. `expectedPrevHash` is the hash the first event must link to (GENESIS_HASH
 * before position 1); with `previousPosition` the first event must also sit at previousPosition + 1. Adapters
 * verify a long log batch by batch, passing the previous batch's `last` anchor. Stops at the first broken
 * position: for a missing event that is the position that should have held it.
 */
export function verifyEvents(
  events: Iterable<StoredEvent>,
  expectedPrevHash: string,
  previousPosition?: number,
): ChainCheck {
  let prevHash = expectedPrevHash;
  let prevPosition = previousPosition;
  let checked = 0;
  for (const event of events) {
    const position = event.globalPosition;
    if (prevPosition !== undefined && position !== prevPosition + 1) {
      const reason = position > prevPosition
        ? `position gap after ${prevPosition}: the next stored position is ${position}`
        : `position out of order after ${prevPosition}: found ${position}`;
      return { ok: false, checked, position: prevPosition + 1, reason };
    }
    const broken = linkProblem(event, prevHash, prevPosition ?? position - 1);
    if (broken !== null) return { ok: false, checked, position, reason: broken };
    prevHash = event.hash;
    prevPosition = position;
    checked += 1;
  }
  const last = prevPosition === undefined ? null : { position: prevPosition, hash: prevHash };
  return { ok: true, checked, last };
}

function linkProblem(event: StoredEvent, expectedPrevHash: string, prevPosition: number): string | null {
  let computed: string;
  try {
    computed = computeEventHash(event);
  } catch (error) {
    return `hash mismatch: event content changed (${error instanceof Error ? error.message : String(error)})`;
  }
  // Content first: an edited prevHash is an edited event, and its own hash shows that.
  if (computed !== event.hash) return 'hash mismatch: event content changed';
  if (event.prevHash !== expectedPrevHash) {
    return `prevHash does not match hash of position ${prevPosition}: an event was deleted or inserted`;
  }
  return null;
}
