// Head notifications over Redis pub/sub, with the store as the fallback: while Redis is unreachable each node
// polls the head itself, and on recovery it polls once more to cover messages lost while reconnecting.
import type { CoordinationLog, HeadNotifications } from './coordination.js';
import { createHeadFanOut } from './head-fan-out.js';
import type { RedisLink } from './redis-link.js';

export interface RedisNotificationsOptions {
  readonly link: RedisLink;
  /** Must be one of the link's channels. */
  readonly channel: string;
  readonly log: CoordinationLog;
  readonly headSource?: () => Promise<number>;
  readonly pollIntervalMs: number;
}

export interface RedisNotifications extends HeadNotifications {
  close(): void;
}

const HEAD = /^\d{1,15}$/;

export const createRedisNotifications = (options: RedisNotificationsOptions): RedisNotifications => {
  const { link, channel, log, headSource } = options;
  const heads = createHeadFanOut(log);
  let poller: NodeJS.Timeout | null = null;
  let closed = false;

  const pollOnce = (): void => {
    if (headSource === undefined || closed) return;
    // A failed poll (store closing) is retried on the next tick; the outage itself is logged by the link.
    headSource().then((head) => heads.emit(head), () => undefined);
  };
  const setPolling = (on: boolean): void => {
    if (on && poller === null && headSource !== undefined && !closed) {
      poller = setInterval(pollOnce, options.pollIntervalMs);
    }
    if (!on && poller !== null) {
      clearInterval(poller);
      poller = null;
    }
  };

  // Messages come from any node sharing the prefix: parse, never trust.
  link.subscriber.on('message', (from: string, message: string) => {
    if (from === channel && HEAD.test(message)) heads.emit(Number(message));
  });
  link.onChange((up) => {
    setPolling(!up);
    if (up) pollOnce();
  });
  // Until the first connection is ready, heads from other nodes can only be polled.
  setPolling(!link.isUp());

  return {
    publishHead(position) {
      heads.emit(position);
      // Publish whenever the command connection works, even if this node's own subscriber is down: the
      // other nodes may be up and not polling.
      if (link.command.status !== 'ready') return;
      link.command.publish(channel, String(position)).catch(() => {
        // Lost: the other nodes poll while Redis is down, and poll once when it comes back.
      });
    },
    onHead: (listener) => heads.onHead(listener),
    close() {
      closed = true;
      setPolling(false);
      heads.clear();
    },
  };
};
