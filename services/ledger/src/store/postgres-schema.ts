// The PostgreSQL event log's tables and indexes, created idempotently inside one named schema, so several
// ledgers (or throwaway test runs) can share a database without seeing each other.
import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { z } from 'zod';
import { SchemaVersionError } from './sqlite-schema.js';

const SCHEMA_VERSION = 1;

/** Lower-case identifiers only: the name is spliced into SQL (quoted), so it must never need escaping. */
export const SchemaNameSchema = z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'schema must be a lower-case SQL identifier of at most 63 characters');

/** The same 64-bit advisory-lock key in every process for a given schema and purpose, spliced as a literal. */
export function advisoryLockKey(schema: string, purpose: 'append' | 'migrate'): string {
  return createHash('sha256').update(`estafet.${purpose}:${schema}`).digest().readBigInt64BE(0).toString();
}

// Layout mirrors the SQLite adapter (sqlite-schema.ts), so the row mapping in sqlite-rows.ts serves both.
// `data` is text holding the canonical JSON the hash covers: jsonb would reorder keys harmlessly but rejects
// "\u0000" and lone surrogates that canonical JSON allows, and json's re-parsing buys nothing here.
// COLLATE "C" makes text order bytewise whatever the database's locale, so stream-prefix filters are index
// range scans and ISO dates and instants compare as text exactly as they do on SQLite.
const ddl = (s: string): string => `
CREATE SCHEMA IF NOT EXISTS "${s}";
CREATE TABLE IF NOT EXISTS "${s}".events (
  global_position bigint PRIMARY KEY,
  event_id        text NOT NULL UNIQUE,
  stream_id       text COLLATE "C" NOT NULL,
  stream_version  integer NOT NULL,
  type            text NOT NULL,
  schema_version  integer NOT NULL,
  data            text NOT NULL,
  effective_at    text COLLATE "C" NOT NULL,
  recorded_at     text COLLATE "C" NOT NULL,
  legal_basis     text,
  actor_id        text NOT NULL,
  actor_role      text NOT NULL,
  correlation_id  text NOT NULL,
  causation_id    text,
  idempotency_key text,
  also_in         text NOT NULL,
  prev_hash       text NOT NULL,
  hash            text NOT NULL
);
-- Each readAll filter has an index ending in global_position, so "filter ORDER BY global_position LIMIT n"
-- reads the index in order and stops early instead of sorting every match.
CREATE INDEX IF NOT EXISTS events_type ON "${s}".events (type, global_position);
CREATE INDEX IF NOT EXISTS events_effective_at ON "${s}".events (effective_at, global_position);
CREATE INDEX IF NOT EXISTS events_recorded_at ON "${s}".events (recorded_at, global_position);
CREATE INDEX IF NOT EXISTS events_actor_id ON "${s}".events (actor_id, global_position);
CREATE INDEX IF NOT EXISTS events_correlation_id ON "${s}".events (correlation_id, global_position);

-- Every stream an event belongs to: its own and each alsoIn stream. The key orders a stream by version and
-- serves stream-prefix filters as a range scan; the position index serves chain verification of memberships.
CREATE TABLE IF NOT EXISTS "${s}".stream_members (
  stream_id       text COLLATE "C" NOT NULL,
  version         integer NOT NULL,
  global_position bigint NOT NULL,
  PRIMARY KEY (stream_id, version)
);
CREATE INDEX IF NOT EXISTS stream_members_position ON "${s}".stream_members (global_position);

CREATE TABLE IF NOT EXISTS "${s}".idempotency_keys (
  key            text PRIMARY KEY,
  first_position bigint NOT NULL,
  last_position  bigint NOT NULL
);

CREATE TABLE IF NOT EXISTS "${s}".schema_version (version integer NOT NULL);
INSERT INTO "${s}".schema_version (version) VALUES (${SCHEMA_VERSION});
`;

const ExistsRowSchema = z.object({ exists: z.boolean() });
const VersionRowSchema = z.object({ version: z.number().int().nullable() });

/**
 * Creates the schema's tables if they are missing; a no-op (one SELECT) when they exist at this version.
 * Two processes starting together queue on an advisory lock instead of racing CREATE TABLE IF NOT EXISTS,
 * which is not safe under concurrency (both can pass the check and one fails on the catalog's unique index).
 */
export async function migrate(pool: Pool, schema: string): Promise<void> {
  const client = await pool.connect();
  let failed: unknown = undefined;
  try {
    await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${advisoryLockKey(schema, 'migrate')})`);
    // Two statements: a table that does not exist cannot even be named in a query that would skip it.
    const exists = await client.query<Record<string, unknown>>('SELECT to_regclass($1) IS NOT NULL AS exists',
      [`"${schema}".schema_version`]);
    let version: number | null = null;
    if (ExistsRowSchema.parse(exists.rows[0]).exists) {
      const found = await client.query<Record<string, unknown>>(`SELECT max(version) AS version FROM "${schema}".schema_version`);
      version = VersionRowSchema.parse(found.rows[0]).version;
    }
    if (version !== null && version > SCHEMA_VERSION) {
      throw new SchemaVersionError(`event log schema "${schema}" is at version ${version}, newer than ${SCHEMA_VERSION}`);
    }
    if (version === null) await client.query(ddl(schema));
    await client.query('COMMIT');
  } catch (error) {
    failed = error;
    // The original error is the one worth reporting; a failed ROLLBACK only means the connection is gone.
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    // After a failure the connection is destroyed rather than returned: its state is not known to be clean.
    client.release(failed instanceof Error ? failed : undefined);
  }
}
