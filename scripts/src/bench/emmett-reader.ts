// Our EventStore port read-only over an emmett-sqlite file, so that the projection runner, the same projection
// code and the same read-model writes can be fed by emmett's readMessagesBatch for the rebuild comparison.
import { messagesTable, readMessagesBatch, readStream, sqliteConnection } from '@event-driven-io/emmett-sqlite';
import type { SQLiteConnection } from '@event-driven-io/emmett-sqlite';
import { ROLES } from '@estafet/events';
import type { Role, StoredEvent } from '@estafet/events';
import type { EventStore, ReadAllFilter } from '@estafet/ledger';

type Fields = Readonly<Record<string, unknown>>;

const str = (m: Fields, key: string): string => {
  const v = m[key];
  if (typeof v !== 'string') throw new Error(`emmett metadata: ${key} is not a string`);
  return v;
};
const strOrNull = (m: Fields, key: string): string | null => (m[key] === null || m[key] === undefined ? null : str(m, key));
const isFields = (v: unknown): v is Fields => typeof v === 'object' && v !== null;

interface EmmettMessage {
  readonly type: string;
  readonly data: unknown;
  readonly metadata: unknown;
}

/** Back to our envelope: the checks are what our own row reader does, a type test per field. */
const toStored = (message: EmmettMessage, globalPosition: number, streamId: string): StoredEvent => {
  const m = isFields(message.metadata) ? message.metadata : {};
  const data = isFields(message.data) ? message.data.value : undefined;
  const alsoIn = Array.isArray(m.alsoIn) ? m.alsoIn.filter((s): s is string => typeof s === 'string') : [];
  const legalBasis = isFields(m.legalBasis) ? m.legalBasis : null;
  return {
    eventId: str(m, 'eventId'), type: message.type, schemaVersion: typeof m.schemaVersion === 'number' ? m.schemaVersion : 1, data,
    effectiveAt: str(m, 'effectiveAt'),
    legalBasis: legalBasis === null ? null : { skNumber: str(legalBasis, 'skNumber'), skDate: str(legalBasis, 'skDate'), signedBy: str(legalBasis, 'signedBy') },
    actor: { id: str(m, 'actorId'), role: roleOf(str(m, 'actorRole')) },
    correlationId: str(m, 'correlationId'), causationId: strOrNull(m, 'causationId'), alsoIn, streamId,
    streamVersion: typeof m.streamVersion === 'number' ? m.streamVersion : 0, globalPosition,
    recordedAt: str(m, 'recordedAt'), idempotencyKey: null, prevHash: str(m, 'prevHash'), hash: str(m, 'hash'),
  };
};

const roleOf = (value: string): Role => {
  const role = ROLES.find((r) => r === value);
  if (role === undefined) throw new Error(`emmett metadata: unknown role ${value}`);
  return role;
};

const unsupported = (what: string) => (): never => {
  throw new Error(`the emmett reader is read-only: ${what} is not supported`);
};

export interface EmmettReader extends EventStore {
  readonly connection: SQLiteConnection;
}

export const createEmmettReader = (fileName: string): EmmettReader => {
  const connection = sqliteConnection({ fileName });
  const fromBatch = (messages: readonly { type: string; data: unknown; metadata: { globalPosition: bigint; streamName: string } }[]) =>
    messages.map((msg) => toStored(msg, Number(msg.metadata.globalPosition), msg.metadata.streamName));

  return {
    connection,
    async readAll(filter: ReadAllFilter = {}) {
      const from = filter.fromPosition ?? 0;
      const limit = Math.min(filter.limit ?? 1000, 10_000, filter.toPosition === undefined ? Infinity : filter.toPosition - from);
      if (limit <= 0) return [];
      const batch = await readMessagesBatch(connection, { after: BigInt(from), batchSize: limit });
      // emmett filters no types in SQL: the runner's type filter is applied here, after parsing, as a consumer would.
      const types = filter.types === undefined ? null : new Set(filter.types);
      return fromBatch(batch.messages.filter((msg) => types === null || types.has(msg.type)));
    },
    async readStream(streamId) {
      const result = await readStream(connection, streamId);
      return fromBatch(result.events);
    },
    async headPosition() {
      // Not readLastMessageGlobalPosition: in 0.38.5 it orders ascending and answers the first position.
      const row = await connection.querySingle<{ head: number | null }>(`SELECT max(global_position) AS head FROM ${messagesTable.name}`);
      return row?.head ?? 0;
    },
    async getEvent(eventId) {
      // The peer has no lookup by our eventId; the runner asks only for correction targets, which are rare.
      for (let from = 0; ;) {
        const page = await this.readAll({ fromPosition: from, limit: 10_000 });
        const found = page.find((e) => e.eventId === eventId);
        if (found !== undefined) return found;
        const last = page.at(-1);
        if (last === undefined) return null;
        from = last.globalPosition;
      }
    },
    streamVersion: unsupported('streamVersion'),
    append: unsupported('append'),
    subscribe: unsupported('subscribe'),
    verifyChain: unsupported('verifyChain'),
    close: () => {
      connection.close();
      return Promise.resolve();
    },
  };
};
