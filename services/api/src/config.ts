// The API's configuration: every environment variable it reads, parsed once by one zod schema at start-up.
// A bad value stops start-up with a ConfigError whose message names the variable.
import { z } from 'zod';
import { TopologyFields, refineTopology, topologyOf, unsetIfEmpty } from '@estafet/worker';

export const API_ROLES = ['hr', 'analyst', 'auditor', 'public'] as const;
export const ApiRoleSchema = z.enum(API_ROLES);
export type ApiRole = z.infer<typeof ApiRoleSchema>;

/** Shorter tokens are guessable; generated ones are 43 characters (32 random bytes, base64url). */
const MIN_TOKEN_LENGTH = 16;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code = 'CONFIG_INVALID';
  constructor(readonly variable: string, detail: string) {
    super(`${variable}: ${detail}`);
  }
}

const TokenEntrySchema = z.object({ role: ApiRoleSchema, token: z.string().min(MIN_TOKEN_LENGTH) });
export type ConfiguredToken = z.infer<typeof TokenEntrySchema>;

// "role:token,role:token". Messages never repeat a token: they end up in logs and terminals.
const ApiTokensSchema = z.string().transform((value, ctx): ConfiguredToken[] => {
  const entries: ConfiguredToken[] = [];
  const parts = value.split(',').map((part) => part.trim()).filter((part) => part.length > 0);
  parts.forEach((part, index) => {
    const colon = part.indexOf(':');
    const parsed = TokenEntrySchema.safeParse({ role: part.slice(0, colon), token: part.slice(colon + 1) });
    if (colon < 1 || !parsed.success) {
      ctx.addIssue({
        code: 'custom',
        message: `entry ${index + 1} must be role:token with role one of ${API_ROLES.join('|')} `
          + `and a token of at least ${MIN_TOKEN_LENGTH} characters`,
      });
      return;
    }
    if (entries.some((entry) => entry.token === parsed.data.token)) {
      ctx.addIssue({ code: 'custom', message: `entry ${index + 1} repeats a token already given` });
      return;
    }
    entries.push(parsed.data);
  });
  if (parts.length === 0) ctx.addIssue({ code: 'custom', message: 'is set but lists no role:token entry' });
  return entries;
});

const EnvSchema = z.object({
  PORT: z.preprocess(unsetIfEmpty, z.string().regex(/^\d{1,5}$/, 'must be a port number from 0 to 65535')
    .transform(Number).pipe(z.number().max(65535, 'must be a port number from 0 to 65535')).default(3000)),
  HOST: z.preprocess(unsetIfEmpty, z.string().default('127.0.0.1')),
  DATA_DIR: z.preprocess(unsetIfEmpty, z.string().default('./data')),
  LOG_LEVEL: z.preprocess(unsetIfEmpty,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
  ESTAFET_API_TOKENS: z.preprocess(unsetIfEmpty, ApiTokensSchema.optional()),
  MIN_GOLONGAN_POLICY: z.preprocess(unsetIfEmpty, z.enum(['refuse', 'warn']).default('refuse')),
  SQLITE_SYNCHRONOUS: z.preprocess(unsetIfEmpty, z.enum(['FULL', 'NORMAL']).default('FULL')),
  WORKER: z.preprocess(unsetIfEmpty, z.enum(['embedded', 'external']).default('embedded')),
  CONTINUITY_TICK_MS: z.preprocess(unsetIfEmpty, z.string().regex(/^\d{1,9}$/, 'must be a whole number of milliseconds')
    .transform(Number).pipe(z.number().min(1000, 'must be at least 1000 ms')).default(60_000)),
  ...TopologyFields,
});

/** Every environment variable the API reads (the compose file test checks against it). */
export const API_ENVIRONMENT: readonly string[] = Object.keys(EnvSchema.shape);

// The names the rest of the API uses; env names stay at this edge.
const ConfigSchema = EnvSchema.superRefine(refineTopology).transform((env) => ({
  port: env.PORT,
  host: env.HOST,
  dataDir: env.DATA_DIR,
  logLevel: env.LOG_LEVEL,
  /** Tokens given in ESTAFET_API_TOKENS; null means "generate them and keep their hashes under dataDir". */
  apiTokens: env.ESTAFET_API_TOKENS ?? null,
  /** Whether an appointment below a position's minimum golongan is refused or recorded with a warning. */
  minGolonganPolicy: env.MIN_GOLONGAN_POLICY,
  sqliteSynchronous: env.SQLITE_SYNCHRONOUS,
  /** embedded: this process also runs the projection runner and the continuity process; external: `npm run worker` does. */
  worker: env.WORKER,
  /** How often the continuity process checks its time rules (vacancies, Plt limits, overdue tasks). */
  continuityTickMs: env.CONTINUITY_TICK_MS,
  /** Where events, read models and coordination live (sqlite file under dataDir by default). */
  topology: topologyOf(env),
}));

export type ApiConfig = z.output<typeof ConfigSchema>;

/** Parses the environment (process.env in server.ts, a plain object in tests). Throws ConfigError. */
export const loadConfig = (env: Readonly<Record<string, string | undefined>>): ApiConfig => {
  const result = ConfigSchema.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0];
    const variable = typeof issue?.path[0] === 'string' ? issue.path[0] : 'environment';
    throw new ConfigError(variable, issue?.message ?? 'invalid');
  }
  return result.data;
};
