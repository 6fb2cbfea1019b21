// Where the ledger, the read models and the coordination live: the settings the API and the worker share. The
// embedded default needs none of them. A contradictory or missing combination stops start-up with a ConfigError
// naming the variable to fix, before anything connects anywhere.
import { z } from 'zod';

// An empty variable (`DATABASE_URL=`) counts as unset, as a shell user expects.
export const unsetIfEmpty = (value: unknown): unknown => (value === '' ? undefined : value);

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const schemaName = (fallback: string) => z.preprocess(unsetIfEmpty,
  z.string().regex(SCHEMA_NAME, 'must be a lower-case SQL identifier (a-z, 0-9, _)').default(fallback));
const url = (schemes: readonly string[]) => z.preprocess(unsetIfEmpty, z.string().refine((value) => {
  try {
    return schemes.includes(new URL(value).protocol);
  } catch {
    return false;
  }
}, `must be a URL starting with ${schemes.map((s) => `${s}//`).join(' or ')}`).optional());

export const EVENT_STORES = ['sqlite', 'postgres', 'eventstoredb'] as const;
export type EventStoreKind = (typeof EVENT_STORES)[number];

/** The zod fields of the shared variables; each config spreads them into its own schema. */
export const TopologyFields = {
  EVENT_STORE: z.preprocess(unsetIfEmpty, z.enum(EVENT_STORES).default('sqlite')),
  DATABASE_URL: url(['postgres:', 'postgresql:']),
  DATABASE_SCHEMA: schemaName('estafet'),
  READ_MODEL_URL: url(['postgres:', 'postgresql:']),
  READ_MODEL_SCHEMA: schemaName('estafet_read'),
  REDIS_URL: url(['redis:', 'rediss:']),
  REDIS_KEY_PREFIX: z.preprocess(unsetIfEmpty, z.string().regex(/^[A-Za-z0-9_:.-]{1,64}$/, 'must be 1-64 of A-Z a-z 0-9 _ : . -').optional()),
  ESDB_URL: z.preprocess(unsetIfEmpty, z.string().regex(/^(esdb|esdb\+discover|kurrentdb):\/\/\S+$/, 'must be an esdb:// connection string').optional()),
};

type TopologyEnv = z.output<z.ZodObject<typeof TopologyFields>>;

export type ReadModelLocation =
  | { readonly kind: 'sqlite' }
  | { readonly kind: 'postgres'; readonly url: string; readonly schema: string };

export interface Topology {
  readonly eventStore:
    | { readonly kind: 'sqlite' }
    | { readonly kind: 'postgres'; readonly url: string; readonly schema: string }
    | { readonly kind: 'eventstoredb'; readonly url: string };
  /** Read models and their checkpoints: beside the events in the SQLite file, or in a PostgreSQL schema. */
  readonly readModels: ReadModelLocation;
  /** null: coordination in process (one node). */
  readonly redis: { readonly url: string; readonly keyPrefix: string } | null;
}

export interface TopologyProblem {
  readonly variable: string;
  readonly message: string;
}

/** The contradictions and gaps a topology can have; empty when the settings make sense together. */
export const topologyProblems = (env: TopologyEnv): TopologyProblem[] => {
  const problems: TopologyProblem[] = [];
  const store = env.EVENT_STORE;
  if (store === 'postgres' && env.DATABASE_URL === undefined) {
    problems.push({ variable: 'DATABASE_URL', message: 'is required when EVENT_STORE=postgres' });
  }
  if (store === 'eventstoredb' && env.ESDB_URL === undefined) {
    problems.push({ variable: 'ESDB_URL', message: 'is required when EVENT_STORE=eventstoredb' });
  }
  if (store === 'eventstoredb' && env.READ_MODEL_URL === undefined) {
    problems.push({ variable: 'READ_MODEL_URL', message: 'is required when EVENT_STORE=eventstoredb: read models live in PostgreSQL' });
  }
  if (store !== 'eventstoredb' && env.ESDB_URL !== undefined) {
    problems.push({ variable: 'ESDB_URL', message: `is set but EVENT_STORE is ${store}; set EVENT_STORE=eventstoredb or unset ESDB_URL` });
  }
  if (store !== 'postgres' && env.DATABASE_URL !== undefined) {
    problems.push({
      variable: 'DATABASE_URL',
      message: `is set but EVENT_STORE is ${store}; set EVENT_STORE=postgres, or READ_MODEL_URL alone for read models in PostgreSQL`,
    });
  }
  const readModelUrl = env.READ_MODEL_URL ?? (store === 'postgres' ? env.DATABASE_URL : undefined);
  if (store === 'postgres' && readModelUrl === env.DATABASE_URL && env.READ_MODEL_SCHEMA === env.DATABASE_SCHEMA) {
    problems.push({ variable: 'READ_MODEL_SCHEMA', message: 'must differ from DATABASE_SCHEMA when read models share the ledger\'s database' });
  }
  if (env.REDIS_KEY_PREFIX !== undefined && env.REDIS_URL === undefined) {
    problems.push({ variable: 'REDIS_KEY_PREFIX', message: 'is set but REDIS_URL is not; set REDIS_URL or unset REDIS_KEY_PREFIX' });
  }
  return problems;
};

/** Adds the problems to a zod refinement, each on its variable's path so the ConfigError names it. */
export const refineTopology = (env: TopologyEnv, ctx: z.RefinementCtx): void => {
  for (const problem of topologyProblems(env)) ctx.addIssue({ code: 'custom', path: [problem.variable], message: problem.message });
};

/** The topology the settings describe; call only on settings refineTopology accepted. */
export const topologyOf = (env: TopologyEnv): Topology => {
  const eventStore: Topology['eventStore'] = env.EVENT_STORE === 'postgres'
    ? { kind: 'postgres', url: env.DATABASE_URL ?? '', schema: env.DATABASE_SCHEMA }
    : env.EVENT_STORE === 'eventstoredb' ? { kind: 'eventstoredb', url: env.ESDB_URL ?? '' } : { kind: 'sqlite' };
  // With the events in PostgreSQL, the read models go there too unless READ_MODEL_URL says otherwise.
  const readModelUrl = env.READ_MODEL_URL ?? (eventStore.kind === 'postgres' ? eventStore.url : undefined);
  return {
    eventStore,
    readModels: readModelUrl === undefined ? { kind: 'sqlite' } : { kind: 'postgres', url: readModelUrl, schema: env.READ_MODEL_SCHEMA },
    redis: env.REDIS_URL === undefined ? null : { url: env.REDIS_URL, keyPrefix: env.REDIS_KEY_PREFIX ?? 'estafet:' },
  };
};
