// The `generate` command line: flags (and DATABASE_URL) parsed once into a checked configuration, with the
// usage text. The only place the generator reads arguments or the environment.
import { parseArgs } from 'node:util';
import { IsoDateSchema } from '@estafet/events';

export interface GenerateCliConfig {
  readonly employees: number;
  readonly years: number;
  readonly seed: number;
  readonly endDate: string;
  readonly store: 'sqlite' | 'postgres';
  readonly out: string;
  readonly databaseUrl: string | null;
  readonly schema: string;
  readonly force: boolean;
  readonly batchSize: number;
}

export const USAGE = `Usage: npm run generate -- [options]

Generates a synthetic DKI Jakarta (organisation, people, 20 years of mobility) into an event store.

  --employees N        head count at the opening of the ledger (default 70000)
  --years Y            years of history (default 20)
  --seed S             random seed; the same seed and end date give the same history (default 1)
  --end-date DATE      last simulated day, YYYY-MM-DD (default: today in Jakarta)
  --store KIND         sqlite (default) or postgres
  --out PATH           SQLite file (default ./data/jakarta.db)
  --database-url URL   PostgreSQL connection string (default: $DATABASE_URL)
  --schema NAME        PostgreSQL schema (default estafet)
  --batch-size N       events per append (default 5000)
  --force              replace a store that already holds events
  --help               show this text`;

/** A usage mistake: the message is for the person at the terminal, followed by the usage text. */
export class UsageError extends Error {
  readonly code = 'USAGE';
}

const integer = (raw: string | undefined, name: string, fallback: number, min: number, max: number): number => {
  if (raw === undefined) return fallback;
  if (!/^-?\d+$/.test(raw)) throw new UsageError(`--${name} must be a whole number, got ${JSON.stringify(raw)}`);
  const value = Number(raw);
  if (value < min || value > max) throw new UsageError(`--${name} must be between ${min} and ${max}, got ${value}`);
  return value;
};

/** Today's date in Jakarta (UTC+7), the default last day of the history. */
export const jakartaToday = (now: Date): string => new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);

const parseFlags = (argv: readonly string[]) => {
  try {
    return parseArgs({
      args: [...argv],
      options: {
        employees: { type: 'string' }, years: { type: 'string' }, seed: { type: 'string' }, 'end-date': { type: 'string' },
        store: { type: 'string' }, out: { type: 'string' }, 'database-url': { type: 'string' }, schema: { type: 'string' },
        'batch-size': { type: 'string' }, force: { type: 'boolean' }, help: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
};

/** Returns null when --help was asked for. */
export function loadGenerateConfig(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, now: Date): GenerateCliConfig | null {
  const { values } = parseFlags(argv);
  if (values.help === true) return null;
  const store = values.store ?? 'sqlite';
  if (store !== 'sqlite' && store !== 'postgres') throw new UsageError(`--store must be sqlite or postgres, got ${JSON.stringify(store)}`);
  const endDate = values['end-date'] ?? jakartaToday(now);
  if (!IsoDateSchema.safeParse(endDate).success) throw new UsageError(`--end-date must be a real date written YYYY-MM-DD, got ${JSON.stringify(endDate)}`);
  const databaseUrl = values['database-url'] ?? env.DATABASE_URL ?? null;
  if (store === 'postgres' && (databaseUrl === null || databaseUrl === '')) {
    throw new UsageError('--store postgres needs --database-url or DATABASE_URL');
  }
  const schema = values.schema ?? 'estafet';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new UsageError(`--schema must be a lower-case SQL identifier, got ${JSON.stringify(schema)}`);
  return {
    employees: integer(values.employees, 'employees', 70_000, 50, 2_000_000),
    years: integer(values.years, 'years', 20, 1, 60),
    seed: integer(values.seed, 'seed', 1, -2_147_483_648, 4_294_967_295),
    endDate, store, out: values.out ?? './data/jakarta.db', databaseUrl, schema, force: values.force === true,
    batchSize: integer(values['batch-size'], 'batch-size', 5_000, 100, 100_000),
  };
}
