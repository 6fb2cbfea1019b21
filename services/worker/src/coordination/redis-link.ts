// The two Redis connections coordination needs (commands; pub/sub, which blocks its connection) and one
// up/down state over both: an outage is logged once when it starts and once when it ends, not per retry.
import { Redis } from 'ioredis';
import type { CoordinationLog } from './coordination.js';

export interface RedisLinkOptions {
  readonly url: string;
  readonly log: CoordinationLog;
  /** A command with no answer within this fails (and counts as a miss), rather than hanging a request. Default 500 ms. */
  readonly commandTimeoutMs?: number;
  /** Upper bound of the reconnect back-off. Default 1,000 ms. */
  readonly maxReconnectDelayMs?: number;
  /** Channels the subscriber connection listens to; it counts as up only once subscribed. */
  readonly channels: readonly string[];
}

export interface RedisLink {
  readonly command: Redis;
  readonly subscriber: Redis;
  isUp(): boolean;
  /** Called on every change of isUp(). */
  onChange(listener: (up: boolean) => void): void;
  close(): Promise<void>;
}

/** host:port only: a URL may carry a password, and this goes to logs. */
const describe = (url: string): string => {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '6379'}`;
  } catch {
    return 'redis';
  }
};

export const createRedisLink = (options: RedisLinkOptions): RedisLink => {
  const { url, log } = options;
  const maxDelay = options.maxReconnectDelayMs ?? 1000;
  const connect = (): Redis => new Redis(url, {
    // Fail fast instead of queueing while disconnected: callers fall back (poll, miss, lease lost) at once.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: options.commandTimeoutMs ?? 500,
    connectTimeout: 2000,
    // Subscribing is done on each 'ready' below, so "up" means "subscribed", after a restart too.
    autoResubscribe: false,
    retryStrategy: (times) => Math.min(50 * 2 ** Math.min(times, 10), maxDelay),
  });
  const command = connect();
  const subscriber = connect();
  const ready = new Map<Redis, boolean>([[command, false], [subscriber, false]]);
  const listeners: ((up: boolean) => void)[] = [];
  let up = false;
  let outage = false;
  let closing = false;
  const server = describe(url);

  const update = (client: Redis, isReady: boolean, error?: unknown): void => {
    ready.set(client, isReady);
    if (closing) return;
    const now = [...ready.values()].every(Boolean);
    if (!now && !outage && (up || error !== undefined)) {
      outage = true;
      log.warn({ redis: server, err: error }, 'redis unreachable: notifications poll the store, the cache misses, leases count as lost');
    }
    if (now && outage) {
      outage = false;
      log.info({ redis: server }, 'redis reachable again');
    }
    if (now === up) return;
    up = now;
    for (const listener of listeners) listener(up);
  };

  command.on('ready', () => update(command, true));
  subscriber.on('ready', () => {
    subscriber.subscribe(...options.channels).then(() => update(subscriber, true), (error: unknown) => {
      update(subscriber, false, error);
      // Connected but not subscribed helps nobody: reconnect, and subscribe again on the next 'ready'.
      subscriber.disconnect(true);
    });
  });
  for (const client of [command, subscriber]) {
    client.on('close', () => update(client, false));
    // ioredis emits 'error' on every failed reconnect; without a listener each one would crash the process.
    client.on('error', (error: unknown) => update(client, false, error));
  }

  return {
    command,
    subscriber,
    isUp: () => up,
    onChange: (listener) => {
      listeners.push(listener);
    },
    async close() {
      closing = true;
      await Promise.all([command, subscriber].map(async (client) => {
        try {
          await client.quit();
        } catch {
          // Not connected: nothing to say goodbye to; stop the reconnect loop instead.
          client.disconnect();
        }
      }));
    },
  };
};
