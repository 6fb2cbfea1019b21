// The peer: emmett-sqlite 0.38 storing the same events through its exported API (sqliteConnection,
// appendToStream; readMessagesBatch for reading). Its connection is node-sqlite3 in WAL mode with SQLite's
// default synchronous=FULL, the durability our store runs with.
import { join } from 'node:path';
import { appendToStream, createEventStoreSchema, sqliteConnection } from '@event-driven-io/emmett-sqlite';
import type { StoredEvent, NewEvent } from '@estafet/events';
import { chunk } from './append-bench.js';
import { rate } from './stats.js';

/** What emmett stores of one of our events: the type, the data, and our envelope as its metadata. */
export const toEmmettEvent = (e: NewEvent | StoredEvent) => ({
  type: e.type,
  data: { value: e.data },
  metadata: {
    eventId: e.eventId, schemaVersion: e.schemaVersion, effectiveAt: e.effectiveAt, legalBasis: e.legalBasis,
    actorId: e.actor.id, actorRole: e.actor.role, correlationId: e.correlationId, causationId: e.causationId,
    alsoIn: [...(e.alsoIn ?? [])], recordedAt: 'recordedAt' in e ? e.recordedAt : null,
    streamVersion: 'streamVersion' in e ? e.streamVersion : 0, hash: 'hash' in e ? e.hash : '', prevHash: 'prevHash' in e ? e.prevHash : '',
  },
});

/**
 * Each chunk of `perAppend` events to a new stream, one append (one transaction, one commit) at a time, over one
 * open connection. getSQLiteEventStore opens a connection per call and failed here with SQLITE_BUSY ("SQL
 * statements in progress") on its first append to a new file; the exported appendToStream is what it calls inside.
 */
export const emmettAppendInShape = async (dir: string, events: readonly NewEvent[], perAppend: number): Promise<number> => {
  const connection = sqliteConnection({ fileName: join(dir, `emmett-${perAppend}.db`) });
  try {
    await createEventStoreSchema(connection);
    const started = performance.now();
    for (const [i, events_] of chunk(events, perAppend).entries()) {
      const result = await appendToStream(connection, `bench-${perAppend}-${i}`, 'bench', events_.map(toEmmettEvent), { expectedStreamVersion: 'STREAM_DOES_NOT_EXIST' });
      if (!result.success) throw new Error(`emmett refused the append to bench-${perAppend}-${i}`);
    }
    return rate(events.length, performance.now() - started);
  } finally {
    connection.close();
  }
};

/**
 * Copies a whole ledger into an emmett file in global order (consecutive events of one stream in one append),
 * many appends per transaction: a bulk load, not measured, so that the rebuild peer reads the same events.
 */
export const loadEmmettCopy = async (
  path: string, readPage: (from: number) => Promise<readonly StoredEvent[]>,
): Promise<number> => {
  const connection = sqliteConnection({ fileName: path });
  let copied = 0;
  try {
    await createEventStoreSchema(connection);
    for (let page = await readPage(0); page.length > 0; page = await readPage(copied)) {
      await connection.withTransaction(async () => {
        let run: StoredEvent[] = [];
        const flush = async (): Promise<void> => {
          const first = run[0];
          if (first !== undefined) await appendToStream(connection, first.streamId, 'ledger', run.map(toEmmettEvent));
          run = [];
        };
        for (const event of page) {
          if (run[0] !== undefined && run[0].streamId !== event.streamId) await flush();
          run.push(event);
        }
        await flush();
      });
      copied += page.length;
    }
    return copied;
  } finally {
    connection.close();
  }
};
