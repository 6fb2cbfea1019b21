// The open server-sent-event connections of this node: heads to everyone, and to auditors the type and stream
// of each new event, read once per head for all of them. Heartbeats keep proxies from closing idle streams.
import { PassThrough } from 'node:stream';
import type { FastifyBaseLogger } from 'fastify';
import type { EventStore } from '@estafet/ledger';
import type { HeadNotifications } from '@estafet/worker';

export interface SseHubOptions {
  readonly notifications: HeadNotifications;
  readonly store: EventStore;
  readonly log: FastifyBaseLogger;
  /** Default 15,000 ms. */
  readonly heartbeatMs?: number;
  /** A client this far behind (bytes queued) is dropped; it reconnects with Last-Event-ID. Default 1 MiB. */
  readonly maxBufferedBytes?: number;
}

interface Connection {
  readonly stream: PassThrough;
  /** Auditors also get the events; everyone else heads only. */
  readonly withEvents: boolean;
  /** The head this connection has been told about (for auditors: whose events it has been sent). */
  sent: number;
}

export interface SseHub {
  /** A new stream, already told the head. `resumeFrom` (auditors): send the events after it first. */
  open(withEvents: boolean, head: number, resumeFrom: number | null): PassThrough;
  close(): void;
}

/** Events per store read, and how far back an auditor's Last-Event-ID is honoured. */
const PAGE = 1000;

const frame = (event: string, data: unknown, id?: number): string =>
  `${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

export const createSseHub = (options: SseHubOptions): SseHub => {
  const { store, log } = options;
  const maxBuffered = options.maxBufferedBytes ?? 1024 * 1024;
  const connections = new Set<Connection>();
  let target = 0;
  let pumping = false;

  const drop = (connection: Connection): void => {
    connections.delete(connection);
    if (!connection.stream.writableEnded) connection.stream.end();
  };
  const write = (connection: Connection, text: string): void => {
    if (connection.stream.writableEnded) return drop(connection);
    if (connection.stream.writableLength > maxBuffered) return drop(connection);
    connection.stream.write(text);
  };
  const sendHead = (connection: Connection, position: number): void => {
    connection.sent = position;
    write(connection, frame('head', { position }, position));
  };

  // One reader for every auditor: from the lowest position any of them still needs, a page at a time.
  const pump = async (): Promise<void> => {
    if (pumping) return;
    pumping = true;
    try {
      for (;;) {
        const behind = [...connections].filter((c) => c.withEvents && c.sent < target);
        if (behind.length === 0) return;
        const from = Math.min(...behind.map((c) => c.sent));
        const events = await store.readAll({ fromPosition: from, toPosition: target, limit: PAGE });
        const reached = events.length === PAGE ? (events.at(-1)?.globalPosition ?? target) : target;
        for (const connection of behind) {
          const news = events.filter((e) => e.globalPosition > connection.sent && e.globalPosition <= reached)
            .map((e) => ({ position: e.globalPosition, type: e.type, streamId: e.streamId }));
          if (news.length > 0) write(connection, frame('events', { events: news }));
          sendHead(connection, reached);
        }
      }
    } catch (error) {
      // The store may be closing; the next head tries again, and heads keep flowing to the others.
      log.warn({ err: error }, 'event stream: reading new events failed');
    } finally {
      pumping = false;
    }
  };

  const onHead = (position: number): void => {
    target = Math.max(target, position);
    for (const connection of connections) if (!connection.withEvents && position > connection.sent) sendHead(connection, position);
    void pump();
  };
  const unsubscribe = options.notifications.onHead(onHead);

  const heartbeat = setInterval(() => {
    for (const connection of connections) write(connection, ': heartbeat\n\n');
  }, options.heartbeatMs ?? 15_000);
  heartbeat.unref();

  return {
    open(withEvents, head, resumeFrom) {
      const stream = new PassThrough();
      const connection: Connection = { stream, withEvents, sent: head };
      connections.add(connection);
      stream.on('close', () => connections.delete(connection));
      // Browsers reconnect after this many ms, sending the last id they saw as Last-Event-ID.
      stream.write('retry: 2000\n\n');
      target = Math.max(target, head);
      if (withEvents && resumeFrom !== null && resumeFrom < head) {
        connection.sent = Math.max(resumeFrom, head - PAGE);
        void pump();
      } else {
        sendHead(connection, head);
      }
      return stream;
    },
    close() {
      clearInterval(heartbeat);
      unsubscribe();
      for (const connection of [...connections]) drop(connection);
    },
  };
};
