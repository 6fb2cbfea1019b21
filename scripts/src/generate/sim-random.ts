// Random draws the simulation needs beyond the seeded PRNG's basics: time-ordered UUIDs for event and correlation
// ids (so a seed fixes every id, hence the hash chain), Poisson counts, weighted picks and shuffles. All
// deterministic for a seed.
import { createSeededRandom } from '../seeded-random.js';
import type { SeededRandom } from '../seeded-random.js';

export interface SimRandom extends SeededRandom {
  /**
   * A UUIDv7 (RFC 9562) on the simulated clock, strictly increasing in the order drawn, as the API mints them
   * (services/ledger event-ids.ts): the ledger's event_id index then grows at its right edge, as in production.
   */
  uuid(): string;
  /** Moves the clock ids are minted on (milliseconds since the epoch); it never goes back. */
  clockTo(ms: number): void;
  /** A count with the given mean: Poisson for small means, rounded normal for large ones. */
  count(mean: number): number;
  weighted<T>(items: readonly T[], weight: (item: T) => number): T;
  shuffle<T>(items: T[]): T[];
  /** An integer day offset in [min, max]. */
  between(min: number, max: number): number;
}

const hex8 = (n: number): string => (n >>> 0).toString(16).padStart(8, '0');
const MAX_COUNTER = 0xfff;

export const createSimRandom = (seed: number): SimRandom => {
  const base = createSeededRandom(seed);
  const word = (): number => Math.floor(base.next() * 4294967296);
  const count = (mean: number): number => {
    if (mean <= 0) return 0;
    if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian()));
    const limit = Math.exp(-mean);
    let k = 0;
    let p = base.next();
    while (p > limit) {
      k += 1;
      p *= base.next();
    }
    return k;
  };
  const gaussian = (): number => {
    const u = Math.max(base.next(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * base.next());
  };
  // The same counter rule as the ledger's minter: within one millisecond a 12-bit counter orders ids, and past
  // 4,096 the time field moves on by one.
  let lastMs = 0;
  let counter = 0;
  return {
    ...base,
    uuid: () => {
      if (counter === MAX_COUNTER) {
        lastMs += 1;
        counter = 0;
      } else {
        counter += 1;
      }
      const time = lastMs.toString(16).padStart(12, '0');
      const c = hex8(word());
      const d = hex8(word());
      // The RFC variant in the top bits of the fourth group, so the id passes every UUID validator.
      const variant = ((parseInt(c.slice(0, 1), 16) & 0x3) | 0x8).toString(16);
      return `${time.slice(0, 8)}-${time.slice(8)}-7${counter.toString(16).padStart(3, '0')}-${variant}${c.slice(1, 4)}-${c.slice(4, 8)}${d}`;
    },
    clockTo: (ms) => {
      if (ms <= lastMs) return;
      lastMs = ms;
      counter = 0;
    },
    count,
    weighted: <T>(items: readonly T[], weight: (item: T) => number): T => {
      let total = 0;
      for (const item of items) total += weight(item);
      let r = base.next() * total;
      for (const item of items) {
        r -= weight(item);
        if (r < 0) return item;
      }
      return base.pick(items);
    },
    shuffle: <T>(items: T[]): T[] => {
      for (let i = items.length - 1; i > 0; i -= 1) {
        const j = base.int(0, i);
        const a = items[i];
        const b = items[j];
        if (a === undefined || b === undefined) continue;
        items[i] = b;
        items[j] = a;
      }
      return items;
    },
    between: (min: number, max: number) => base.int(min, max),
  };
};
