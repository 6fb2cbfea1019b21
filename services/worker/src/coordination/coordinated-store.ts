// The event store as writers should use it when coordination is on: after each append it records the cache
// invalidation (awaited, so the writer's next read already misses) and publishes the new head.
import type { AppendOptions, AppendStream, EventStore } from '@estafet/ledger';
import type { Coordination } from './coordination.js';
import { invalidatesAnswers } from './answer-cache-policy.js';

export interface CoordinatedStoreOptions {
  /** The ledger's zone for "recorded before it took effect"; 420 (Jakarta) by default. */
  readonly utcOffsetMinutes?: number;
}

export const coordinatedStore = (
  store: EventStore, coordination: Pick<Coordination, 'notifications' | 'cache'>, options: CoordinatedStoreOptions = {},
): EventStore => ({
  async append(streams: readonly AppendStream[], appendOptions?: AppendOptions) {
    const result = await store.append(streams, appendOptions);
    // A retry stored nothing: everything it returns was announced the first time.
    if (result.duplicate || result.events.length === 0) return result;
    const positions = result.events.map((event) => event.globalPosition);
    const invalidating = result.events.filter((event) => invalidatesAnswers(event, options.utcOffsetMinutes));
    if (invalidating.length > 0) await coordination.cache.invalidate(Math.max(...invalidating.map((e) => e.globalPosition)));
    coordination.notifications.publishHead(Math.max(...positions));
    return result;
  },
  readStream: (streamId, readOptions) => store.readStream(streamId, readOptions),
  streamVersion: (streamId) => store.streamVersion(streamId),
  readAll: (filter) => store.readAll(filter),
  getEvent: (eventId) => store.getEvent(eventId),
  headPosition: () => store.headPosition(),
  subscribe: (subscribeOptions, handler) => store.subscribe(subscribeOptions, handler),
  verifyChain: (verifyOptions) => store.verifyChain(verifyOptions),
  close: () => store.close(),
});
