// Random draws the simulation needs beyond the seeded PRNG's basics: UUIDs for event ids (so a seed fixes every
// id, hence the hash chain), Poisson counts, weighted picks and shuffles. All deterministic for a seed.
import { createSeededRandom } from '../seeded-random.js';
import type { SeededRandom } from '../seeded-random.js';

export interface SimRandom extends SeededRandom {
  uuid(): string;
  /** A count with the given mean: Poisson for small means, rounded normal for large ones. */
  count(mean: number): number;
  weighted<T>(items: readonly T[], weight: (item: T) => number): T;
  shuffle<T>(items: T[]): T[];
  /** An integer day offset in [min, max]. */
  between(min: number, max: number): number;
}

const hex8 = (n: number): string => (n >>> 0).toString(16).padStart(8, '0');

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
  return {
    ...base,
    uuid: () => {
      const a = hex8(word());
      const b = hex8(word());
      const c = hex8(word());
      const d = hex8(word());
      // Version 4 and the RFC 4122 variant, so the id passes every UUID validator.
      const variant = ((parseInt(c.slice(0, 1), 16) & 0x3) | 0x8).toString(16);
      return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4, 8)}${d}`;
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
