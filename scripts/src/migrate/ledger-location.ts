// Where a ledger lives, as the migrate command line names it: `sqlite:PATH` or a PostgreSQL URL whose
// `?schema=NAME` picks the schema (default estafet). Parsed once into a checked location.
import { resolve } from 'node:path';
import { z } from 'zod';
import { SchemaNameSchema } from '@estafet/ledger';

const SqliteLocationSchema = z.object({
  kind: z.literal('sqlite'),
  /** Absolute, resolved against the working directory when the arguments were parsed. */
  path: z.string().min(1),
});

const PostgresLocationSchema = z.object({
  kind: z.literal('postgres'),
  /** The URL without the `schema` parameter, as pg takes it. */
  connectionString: z.string().min(1),
  schema: SchemaNameSchema,
  /** host:port/database, without credentials: for messages and the summary. */
  server: z.string(),
});

export const LedgerLocationSchema = z.discriminatedUnion('kind', [SqliteLocationSchema, PostgresLocationSchema]);
export type LedgerLocation = z.infer<typeof LedgerLocationSchema>;

export const LOCATION_FORMS = 'sqlite:PATH or postgres://USER@HOST:PORT/DATABASE?schema=NAME';

/** Splits the text into a location's fields; the fields themselves are checked by LedgerLocationSchema. */
function locationFields(text: string, ctx: z.core.$RefinementCtx<string>): unknown {
  if (text.startsWith('sqlite:')) {
    // sqlite:///abs/file.db is accepted too, as URL-minded people write it.
    const path = text.slice('sqlite:'.length).replace(/^\/\//, '');
    if (path === '' || path === ':memory:') {
      ctx.addIssue({ code: 'custom', message: 'needs a file path after sqlite: (an in-memory database holds no ledger to migrate)' });
      return z.NEVER;
    }
    return { kind: 'sqlite', path: resolve(path) };
  }
  if (/^postgres(ql)?:\/\//.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      ctx.addIssue({ code: 'custom', message: `is not a valid URL: ${JSON.stringify(text)}` });
      return z.NEVER;
    }
    const schema = url.searchParams.get('schema') ?? 'estafet';
    // pg would pass an unknown parameter on to the server as a setting; the schema is ours, not the server's.
    url.searchParams.delete('schema');
    return {
      kind: 'postgres', connectionString: url.toString(), schema,
      server: `${url.hostname}:${url.port === '' ? '5432' : url.port}${url.pathname}`,
    };
  }
  ctx.addIssue({ code: 'custom', message: `must be ${LOCATION_FORMS}, got ${JSON.stringify(text)}` });
  return z.NEVER;
}

/** A command-line value naming a ledger. */
export const LocationArgSchema = z.string({ error: 'is required' }).min(1, 'is required')
  .transform(locationFields).pipe(LedgerLocationSchema);

export const describeLocation = (location: LedgerLocation): string =>
  (location.kind === 'sqlite' ? `sqlite ${location.path}` : `postgres ${location.server} schema ${location.schema}`);

export const sameLedger = (a: LedgerLocation, b: LedgerLocation): boolean => {
  if (a.kind === 'sqlite' && b.kind === 'sqlite') return a.path === b.path;
  if (a.kind === 'postgres' && b.kind === 'postgres') return a.server === b.server && a.schema === b.schema;
  return false;
};
