// The worker's configuration: every environment variable it reads, parsed once by one zod schema. A bad value
// stops start-up with a ConfigError naming the variable; with nothing set, the ledger is ./data/ledger.db.
import { z } from 'zod';
import { TopologyFields, refineTopology, topologyOf, unsetIfEmpty } from './topology-config.js';

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly variable: string, detail: string) {
    super(`${variable}: ${detail}`);
  }
}

const positiveInt = (max: number) => z.string().regex(/^\d+$/, 'must be a whole number').transform(Number)
  .pipe(z.number().int().min(1).max(max));

const EnvSchema = z.object({
  DATA_DIR: z.preprocess(unsetIfEmpty, z.string().default('./data')),
  LOG_LEVEL: z.preprocess(unsetIfEmpty, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
  SQLITE_SYNCHRONOUS: z.preprocess(unsetIfEmpty, z.enum(['FULL', 'NORMAL']).default('FULL')),
  PROJECTION_BATCH_SIZE: z.preprocess(unsetIfEmpty, positiveInt(100_000).default(5000)),
  PROJECTION_REBUILD_BATCH_SIZE: z.preprocess(unsetIfEmpty, positiveInt(1_000_000).default(50_000)),
  CONTINUITY_TICK_MS: z.preprocess(unsetIfEmpty, positiveInt(86_400_000).pipe(z.number().min(1000, 'must be at least 1000 ms')).default(60_000)),
  WORKER_HEALTH_PORT: z.preprocess(unsetIfEmpty, z.string().regex(/^\d+$/, 'must be a port number').transform(Number)
    .pipe(z.number().int().max(65_535, 'must be a port number (0-65535)')).optional()),
  ...TopologyFields,
});

/** Every environment variable the worker reads (the compose file test checks against it). */
export const WORKER_ENVIRONMENT: readonly string[] = Object.keys(EnvSchema.shape);

const ConfigSchema = EnvSchema.superRefine(refineTopology).transform((env) => ({
  dataDir: env.DATA_DIR,
  logLevel: env.LOG_LEVEL,
  sqliteSynchronous: env.SQLITE_SYNCHRONOUS,
  /** Positions per read-model transaction while following. */
  batchSize: env.PROJECTION_BATCH_SIZE,
  /** Positions per transaction while a read model is rebuilt from empty. */
  rebuildBatchSize: env.PROJECTION_REBUILD_BATCH_SIZE,
  /** How often the continuity process checks its time rules (vacancies, Plt limits, overdue tasks). */
  continuityTickMs: env.CONTINUITY_TICK_MS,
  /** Where GET /healthz answers (0: any free port); null: no health listener. */
  healthPort: env.WORKER_HEALTH_PORT ?? null,
  topology: topologyOf(env),
}));

export type WorkerConfig = z.output<typeof ConfigSchema>;

/** The ledger file under DATA_DIR, the same one the API opens. */
export const LEDGER_FILE_NAME = 'ledger.db';

/** Parses the environment (process.env in main.ts, a plain object in tests). Throws ConfigError. */
export const loadConfig = (env: Readonly<Record<string, string | undefined>>): WorkerConfig => {
  const result = ConfigSchema.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0];
    const variable = typeof issue?.path[0] === 'string' ? issue.path[0] : 'environment';
    throw new ConfigError(variable, issue?.message ?? 'invalid');
  }
  return result.data;
};
