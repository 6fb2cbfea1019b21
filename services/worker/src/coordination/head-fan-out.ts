// Local delivery of heads to this node's listeners, shared by both coordination implementations: strictly
// increasing, so a head arriving twice (own publish echoed by Redis, then a poll) reaches listeners once.
import type { CoordinationLog, HeadListener } from './coordination.js';

export interface HeadFanOut {
  /** Delivers `position` when it is above every head delivered so far. */
  emit(position: number): void;
  onHead(listener: HeadListener): () => void;
  latest(): number;
  clear(): void;
}

export const createHeadFanOut = (log: CoordinationLog): HeadFanOut => {
  const listeners = new Set<HeadListener>();
  let latest = 0;
  return {
    emit(position) {
      if (!Number.isSafeInteger(position) || position <= latest) return;
      latest = position;
      for (const listener of [...listeners]) {
        try {
          listener(position);
        } catch (error) {
          // One broken listener (a closed SSE connection) must not keep the head from the others.
          log.error({ err: error, position }, 'head listener failed');
        }
      }
    },
    onHead(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    latest: () => latest,
    clear: () => listeners.clear(),
  };
};
