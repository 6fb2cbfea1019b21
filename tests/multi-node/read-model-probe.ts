// The test's own look into PostgreSQL, beside the API: the ledger's head and events, the projection
// checkpoints, the fence token recorded beside them, and a sampler that watches the last two over time.
import type pg from 'pg';
import { z } from 'zod';

const PositionRows = z.array(z.object({ name: z.string(), position: z.coerce.number() }));
const CountRow = z.array(z.object({ count: z.coerce.number() })).length(1);
const TokenRows = z.array(z.object({ token: z.coerce.number() }));
const SnapshotRows = z.array(z.object({ name: z.string(), position: z.coerce.number(), token: z.coerce.number() }));

export interface Probe {
  /** The store's head: the highest global position stored (0 when empty). */
  head(): Promise<number>;
  /** Each projection's checkpoint, by name. */
  checkpoints(): Promise<Record<string, number>>;
  /** The worker lease's token recorded beside the checkpoints; null before the first fenced commit. */
  fenceToken(): Promise<number | null>;
  /** The fence token and the checkpoints read in one statement, so from one snapshot. */
  fenceAndCheckpoints(): Promise<Omit<FenceSample, 'at'>>;
  count(sql: string): Promise<number>;
}

export const probe = (db: pg.Pool, ledgerSchema: string, readSchema: string): Probe => ({
  async head() {
    const { rows } = await db.query(`SELECT coalesce(max(global_position), 0) AS count FROM "${ledgerSchema}".events`);
    return CountRow.parse(rows)[0]?.count ?? 0;
  },
  async checkpoints() {
    const { rows } = await db.query(`SELECT name, position FROM "${readSchema}".estafet_projection_checkpoints ORDER BY name`);
    return Object.fromEntries(PositionRows.parse(rows).map((row) => [row.name, row.position]));
  },
  async fenceToken() {
    const { rows } = await db.query(`SELECT token FROM "${readSchema}".estafet_lease_fences WHERE lease = 'worker'`);
    const token = TokenRows.parse(rows)[0]?.token ?? 0;
    return token === 0 ? null : token;
  },
  async fenceAndCheckpoints() {
    const { rows } = await db.query(`SELECT c.name, c.position, coalesce(f.token, 0) AS token
      FROM "${readSchema}".estafet_projection_checkpoints c
      LEFT JOIN "${readSchema}".estafet_lease_fences f ON f.lease = 'worker' ORDER BY c.name`);
    const parsed = SnapshotRows.parse(rows);
    const token = parsed[0]?.token ?? 0;
    return { token: token === 0 ? null : token, checkpoints: Object.fromEntries(parsed.map((row) => [row.name, row.position])) };
  },
  async count(sql) {
    const { rows } = await db.query(sql.replaceAll('$ledger', `"${ledgerSchema}"`).replaceAll('$read', `"${readSchema}"`));
    return CountRow.parse(rows)[0]?.count ?? 0;
  },
});

/** Whether every projection has folded `head` (and there is at least one). */
export const caughtUpTo = (checkpoints: Record<string, number>, head: number): boolean =>
  Object.keys(checkpoints).length > 0 && Object.values(checkpoints).every((position) => position === head);

export interface FenceSample {
  readonly at: number;
  readonly token: number | null;
  readonly checkpoints: Record<string, number>;
}

export interface FenceWatch {
  readonly samples: readonly FenceSample[];
  stop(): Promise<void>;
}

/** Samples the fence token and the checkpoints every `everyMs` until stopped (nothing while the tables are missing). */
export const watchFence = (source: Probe, everyMs = 40): FenceWatch => {
  const samples: FenceSample[] = [];
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      try {
        samples.push({ ...await source.fenceAndCheckpoints(), at: Date.now() });
      } catch {
        // The worker has not created the read-model schema yet.
      }
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    samples,
    async stop() {
      stopped = true;
      await loop;
    },
  };
};

/** The first pair of samples in which `pick` went down, or null when it never did. */
export const firstDecrease = (samples: readonly FenceSample[], pick: (sample: FenceSample) => number): [FenceSample, FenceSample] | null => {
  for (let i = 1; i < samples.length; i += 1) {
    const before = samples[i - 1];
    const after = samples[i];
    if (before !== undefined && after !== undefined && pick(after) < pick(before)) return [before, after];
  }
  return null;
};
