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
