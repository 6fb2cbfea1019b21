// The event store on EventStoreDB (@eventstore/db-client 6.x): the only module that talks to the client.
//
// Design. The whole ledger is ONE EventStoreDB stream (`estafet-ledger` by default). db-client 6.x has no append
// across streams, and the ledger needs more than one anyway: a global order that is 1-based, gap-free and linear for
// the hash chain, which $all (commit positions, system events, other streams) is not. So every event of every logical
// stream is a record of that stream; the record's revision + 1 is its global position, its body the event's data,
// its metadata the rest of the envelope (logical stream id and version, alsoIn links, hashes; esdb-records.ts).
// An append is planned on an in-process index (logical stream -> positions, event id -> position, idempotency
// key -> positions; esdb-index.ts) caught up from the stream, and written as one EventStoreDB append with the
// expected revision it was planned on: atomic across all the logical streams it names, so no append needs a
// fallback or refuses for lack of atomicity. Another process that wrote first makes the server refuse it (wrong
// expected version); then nothing was stored, the index catches up and the append is re-checked (idempotency, expected
// versions) and retried, up to 10 rounds (esdb-append.ts) before LedgerContentionError. Every read catches the index up
// first, so it sees every append completed before it, by any process.
//
// Limits. Memory: the index holds its id, one number per stream it belongs to and its idempotency key for every
// event, for the life of the process: measured at about 130 bytes per event, 215 with a key on two events in three
// (a million events: 130-215 MB). Opening a store reads the whole stream once to build it. Throughput: one stream means
// one writer at a time across all processes; appends queued meanwhile share the next write (group commit), but
// writers in several processes contend and retry. readAll filters (other than streamPrefix) scan the stream from
// fromPosition, since EventStoreDB keeps no index over our metadata. Records deleted from the stream ($tb,
// $maxCount) or written to it by anything but this adapter make reads fail with CorruptRowError; verifyChain still
// reports where. Subscriptions see other processes' appends by polling the stream (pollIntervalMs).
import { z } from 'zod';
import { defaultUpcasters } from '@estafet/events';
import type { UpcasterRegistry } from '@estafet/events';
import type * as Esdb from '@eventstore/db-client';
import type { EventStore } from './event-store.js';
import { InvalidAppendError } from './event-store.js';
import { createLedgerEventStore } from './esdb-ledger-store.js';
import type { LedgerLog, LedgerRecord, LedgerWrite, ProposedRecord } from './esdb-log.js';

export interface EventStoreDbEventStoreOptions {
  /** e.g. esdb://localhost:2113?tls=false */
  readonly connectionString: string;
  /** The stream holding the whole ledger; default 'estafet-ledger'. Several ledgers can share a server by name. */
  readonly ledgerStream?: string;
  /** Where recordedAt comes from. */
  readonly clock?: () => Date;
  /** Lifts older schema versions on every read; the catalogue's own registry by default. */
  readonly upcasters?: UpcasterRegistry;
  /** How often subscriptions look for appends made by other processes. Default 200 ms. */
  readonly pollIntervalMs?: number;
  /**
   * Called after each write that stored events, with the new head position (the hook for a fan-out such as Redis).
   * It must not throw: a throw is rethrown outside the append, as an uncaught exception.
   */
  readonly notify?: (position: number) => void;
}

export type EventStoreDbEventStore = EventStore & {
  /** The EventStoreDB stream this ledger lives in. */
  readonly ledgerStream: string;
};

export const LedgerStreamSchema = z.string().min(1).max(200).refine((name) => !name.startsWith('$'),
  'the ledger stream must not be a system stream (names starting with $)');

const OptionsSchema = z.object({
  connectionString: z.string().min(1),
  ledgerStream: LedgerStreamSchema.default('estafet-ledger'),
  pollIntervalMs: z.number().int().positive().default(200),
});

/** Connects, reads the ledger stream once to build the index, and returns the store. */
export async function createEventStoreDbEventStore(options: EventStoreDbEventStoreOptions): Promise<EventStoreDbEventStore> {
  const settings = OptionsSchema.parse(options);
  // Loaded on first use: the client (gRPC, protobuf) takes half a second to load, and most processes never need it.
  const db = await import('@eventstore/db-client');
  const log = clientLedgerLog(db, db.EventStoreDBClient.connectionString(settings.connectionString), settings.ledgerStream);
  try {
    const store = await createLedgerEventStore(log, {
      clock: options.clock ?? (() => new Date()),
      upcasters: options.upcasters ?? defaultUpcasters,
      pollIntervalMs: settings.pollIntervalMs,
      notify: options.notify,
    });
    return { ...store, ledgerStream: settings.ledgerStream };
  } catch (error) {
    await log.close();
    throw error;
  }
}

type Client = InstanceType<typeof Esdb.EventStoreDBClient>;

/** The ledger stream through the client: revisions as numbers, client errors as the port's outcomes. */
function clientLedgerLog(db: typeof Esdb, client: Client, stream: string): LedgerLog {
  const collect = async (reading: Esdb.StreamingRead<Esdb.ResolvedEvent>): Promise<LedgerRecord[]> => {
    const records: LedgerRecord[] = [];
    try {
      for await (const resolved of reading) if (resolved.event !== undefined) records.push(toLedgerRecord(resolved.event));
    } catch (error) {
      if (error instanceof db.StreamNotFoundError) return [];
      throw error;
    }
    return records;
  };
  return {
    read: (fromRevision, maxCount) => (maxCount <= 0 ? Promise.resolve([])
      : collect(client.readStream(stream, { fromRevision: BigInt(fromRevision), maxCount, direction: db.FORWARDS }))),
    async lastRevision() {
      const [last] = await collect(client.readStream(stream, { fromRevision: db.END, maxCount: 1, direction: db.BACKWARDS }));
      return last === undefined ? -1 : last.revision;
    },
    async append(records, expectedRevision): Promise<LedgerWrite> {
      try {
        const result = await client.appendToStream(stream, records.map((record) => toEventData(db, record)),
          { expectedRevision: expectedRevision < 0 ? db.NO_STREAM : BigInt(expectedRevision) });
        return { ok: true, lastRevision: Number(result.nextExpectedRevision) };
      } catch (error) {
        return appendFailure(db, error);
      }
    },
    close: () => client.dispose(),
  };
}

/** A lost race is an outcome; a refusal of the records is the caller's (400); anything else is passed on. */
export function appendFailure(db: typeof Esdb, error: unknown): LedgerWrite {
  if (error instanceof db.WrongExpectedVersionError) return { ok: false };
  if (error instanceof db.MaxAppendSizeExceededError) {
    throw new InvalidAppendError(`invalid append: larger than the EventStoreDB server accepts in one write (${error.maxAppendSize} bytes)`, { cause: error });
  }
  throw error;
}

export const toLedgerRecord = (event: Esdb.RecordedEvent): LedgerRecord =>
  ({ revision: Number(event.revision), type: event.type, data: event.data, metadata: event.metadata });

export function toEventData(db: typeof Esdb, record: ProposedRecord): Esdb.EventData {
  const { id, type, metadata } = record;
  return record.contentType === 'application/json'
    ? db.jsonEvent({ id, type, data: record.data, metadata })
    : db.binaryEvent({ id, type, data: record.data, metadata });
}
