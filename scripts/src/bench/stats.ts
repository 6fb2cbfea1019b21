// Small measuring helpers shared by every bench: percentiles of latency samples, a wall-clock timer, and rates.

export interface Latency {
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly count: number;
}

/** Nearest-rank percentiles in milliseconds; zeros for no samples so that the JSON line stays numeric. */
export const latencyOf = (samples: readonly number[]): Latency => {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => {
    if (sorted.length === 0) return 0;
    const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
    return round(sorted[rank] ?? 0, 3);
  };
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), count: sorted.length };
};

export const round = (value: number, digits = 0): number => {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
};

/** The middle sample (the mean of the two middle ones for an even count); 0 for none. */
export const median = (samples: readonly number[]): number => {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return 0;
  return sorted.length % 2 === 1 ? sorted[mid] ?? 0 : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

/** Units per second; a zero-length interval counts as one microsecond rather than dividing by zero. */
export const rate = (units: number, ms: number): number => round(units / (Math.max(ms, 0.001) / 1000));

/** Runs `fn` once per item in turn and returns each call's latency in milliseconds plus the total. */
export const timeEach = async <T>(items: readonly T[], fn: (item: T, index: number) => Promise<unknown>): Promise<{ samples: number[]; totalMs: number }> => {
  const samples: number[] = [];
  const started = performance.now();
  for (const [index, item] of items.entries()) {
    const t0 = performance.now();
    await fn(item, index);
    samples.push(performance.now() - t0);
  }
  return { samples, totalMs: performance.now() - started };
};

/** Each measure run `rounds` times, the measures taking turns within a round; the median of each measure's rounds. */
export const interleavedMedians = async <K extends string>(
  rounds: number, measures: Record<K, () => number | Promise<number>>,
): Promise<Record<K, number>> => {
  const names = Object.keys(measures) as K[];
  const samples = new Map<K, number[]>(names.map((name) => [name, []]));
  for (let i = 0; i < Math.max(1, rounds); i += 1) {
    for (const name of names) samples.get(name)?.push(await measures[name]());
  }
  return Object.fromEntries(names.map((name) => [name, median(samples.get(name) ?? [])])) as Record<K, number>;
};
