// Bearer tokens as the API keeps them: only SHA-256 hashes, compared in constant time, each mapped to a
// role. The actor written on every event is derived from the matching hash, never from the request body.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Actor } from '@estafet/events';
import type { ApiRole } from '../config.js';

export interface TokenHash {
  readonly role: ApiRole;
  /** Lowercase hex SHA-256 of the token. */
  readonly sha256: string;
}

export interface Caller {
  readonly role: ApiRole;
  readonly actor: Actor;
}

export interface TokenVerifier {
  /** The caller a presented token belongs to, or null for an unknown token. */
  identify(token: string): Caller | null;
}

export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** 32 random bytes, base64url: 43 characters, safe in a header and a shell variable. */
export const generateToken = (): string => randomBytes(32).toString('base64url');

/** `${role}:${first 8 hex chars of the hash}`: stable per token, and reveals nothing usable about it. */
export const actorFor = (hash: TokenHash): Actor => ({ id: `${hash.role}:${hash.sha256.slice(0, 8)}`, role: hash.role });

export const createTokenVerifier = (hashes: readonly TokenHash[]): TokenVerifier => {
  const known = hashes.map((hash) => ({ hash, digest: Buffer.from(hash.sha256, 'hex') }));
  return {
    identify(token) {
      const presented = createHash('sha256').update(token, 'utf8').digest();
      let match: TokenHash | null = null;
      // Every known hash is compared, and each comparison takes the same time, so the response time
      // says nothing about which token (or how much of one) matched.
      for (const entry of known) {
        if (entry.digest.length === presented.length && timingSafeEqual(entry.digest, presented)) match = entry.hash;
      }
      return match === null ? null : { role: match.role, actor: actorFor(match) };
    },
  };
};
