// Identifiers derived from an idempotency key, so a replay, a restart or a second worker produces the very
// same checklist id and event ids and the store's idempotency turns the repeat into a no-op.
import { createHash } from 'node:crypto';

const sha1 = (text: string): Buffer => createHash('sha1').update(text, 'utf8').digest();

// A fixed namespace for Estafet's continuity ids (itself a random UUID), as RFC 9562 name-based UUIDs use.
const NAMESPACE = Buffer.from('6f0b1c2e4d8a4f3b9e57a1c0d2e3f4a5', 'hex');

/** A version-5 (SHA-1, name-based) UUID of `name`. */
export const deterministicUuid = (name: string): string => {
  const bytes = createHash('sha1').update(NAMESPACE).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

/** A short slug id (`ho-` + 80 bits of SHA-1) that fits the catalogue's id rule and a stream name. */
export const checklistIdFor = (key: string): string => `ho-${sha1(key).toString('hex').slice(0, 20)}`;
