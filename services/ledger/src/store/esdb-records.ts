// StoredEvent to and from a record of the EventStoreDB ledger stream: the event's data is the record's body, the
// rest of its envelope (logical stream, versions, links, hashes) the record's metadata, and a record read back is
// checked into a StoredEvent exactly as stored (no upcasting), or refused as corrupt.
import { StoredEventSchema } from '@estafet/events';
import type { StoredEvent } from '@estafet/events';
import { canonicalJson } from './hash-chain.js';
import type { JsonDocument, LedgerRecord, ProposedRecord } from './esdb-log.js';
import { CorruptRowError } from './sqlite-rows.js';

/** Marks a record as written by this adapter, and which layout its metadata has. */
export const RECORD_FORMAT = 'estafet-ledger/1';

const isJsonDocument = (value: unknown): value is JsonDocument =>
  typeof value === 'string' || (typeof value === 'object' && value !== null);

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);

/**
 * The record for one event. Data that is an object, array or string is a JSON body EventStoreDB shows and indexes as
 * such; a bare number, boolean or null (which no catalogue event has) is written as its JSON text in a binary body.
 * `$correlationId`/`$causationId` are EventStoreDB's own names, so its system projections can follow them.
 */
export function encodeEvent(event: StoredEvent): ProposedRecord {
  const { data, type, ...envelope } = event;
  const metadata: Record<string, unknown> = {
    format: RECORD_FORMAT, ...envelope, $correlationId: event.correlationId,
    ...(event.causationId === null ? {} : { $causationId: event.causationId }),
  };
  const id = event.eventId;
  if (isJsonDocument(data)) return { id, type, metadata, contentType: 'application/json', data };
  return { id, type, metadata, contentType: 'application/octet-stream', data: new TextEncoder().encode(canonicalJson(data)) };
}

/** The event a record holds, as stored. Throws CorruptRowError for anything this adapter would not have written. */
export function decodeRecord(record: LedgerRecord): StoredEvent {
  const where = `ledger record at revision ${record.revision}`;
  const { metadata } = record;
  if (!isPlainObject(metadata) || metadata.format !== RECORD_FORMAT) {
    throw new CorruptRowError(`${where} is not an Estafet ledger record (no ${RECORD_FORMAT} metadata)`);
  }
  const parsed = StoredEventSchema.safeParse({ ...metadata, type: record.type, data: bodyOf(record, where) });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CorruptRowError(`${where}: ${issue === undefined ? 'malformed' : `${issue.path.join('.')} ${issue.message}`}`);
  }
  if (parsed.data.globalPosition !== record.revision + 1) {
    throw new CorruptRowError(`${where} claims global position ${parsed.data.globalPosition}, not ${record.revision + 1}`);
  }
  return parsed.data;
}

function bodyOf(record: LedgerRecord, where: string): unknown {
  if (!(record.data instanceof Uint8Array)) return record.data;
  try {
    const value: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(record.data));
    return value;
  } catch {
    throw new CorruptRowError(`${where}: the binary body is not JSON text`);
  }
}
