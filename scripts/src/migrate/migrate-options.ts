// The `migrate` command line: flags checked by one zod schema into a configuration, and the usage text.
// The only place the migration reads its arguments; every mistake names the flag it is about.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { LOCATION_FORMS, LocationArgSchema, sameLedger } from './ledger-location.js';

export const DEFAULT_BATCH_SIZE = 5_000;

export const USAGE = `Usage: npm run migrate -- --from LEDGER --to LEDGER [options]

Copies an Estafet ledger between SQLite and PostgreSQL row for row: event ids, global positions, stream
versions, links (alsoIn), idempotency keys, recordedAt and hashes stay exactly as they were. Then checks the
copy: the target's hash chain, its head, and every event compared with the source.

  --from LEDGER          the ledger to copy; it is only read
  --to LEDGER            where to copy it; must be empty (a new file, or a schema holding no rows)
  --no-verify-source     skip checking the source's hash chain before copying (a broken chain is then
                         copied as it is, and the check after the copy fails)
  --batch-size N         events per transaction, 100..10000 (default ${DEFAULT_BATCH_SIZE})
  --help                 show this text

LEDGER is ${LOCATION_FORMS}
(the schema defaults to estafet), e.g.
  npm run migrate -- --from sqlite:./data/ledger.db --to 'postgres://postgres@127.0.0.1:5432/test?schema=estafet'

Copied: the ledger's own tables (events, stream memberships, idempotency keys). Not copied: read models and
projection or process checkpoints; the worker rebuilds them from the events on the target when it starts there.
With PostgreSQL they live in a schema of their own (READ_MODEL_SCHEMA, default estafet_read), which this
command does not look at: drop one left by another ledger, so that its checkpoints are not taken for this one's.
Stop writers of the source first: events appended during the run are not copied, and the check then fails.

Exit codes: 0 copied and verified; 1 the check after the copy found a difference, or the run failed;
2 bad arguments, or refused before writing anything (source missing, empty or not verifying; target not empty).`;

/** A usage mistake: the message names the flag and is followed by the usage text. */
export class UsageError extends Error {
  readonly code = 'USAGE';
}

const BatchSizeSchema = z.string().regex(/^\d+$/, 'must be a whole number').transform(Number)
  .pipe(z.number().int().min(100, 'must be at least 100').max(10_000, 'must be at most 10000'))
  .default(DEFAULT_BATCH_SIZE);

// Keys are the flags' own names, so an issue's path is the flag to name in the message.
const ArgsSchema = z.object({
  from: LocationArgSchema,
  to: LocationArgSchema,
  'no-verify-source': z.boolean().default(false),
  'batch-size': BatchSizeSchema,
}).refine((args) => !sameLedger(args.from, args.to), { path: ['to'], message: 'names the same ledger as --from' })
  .transform((args) => ({
    from: args.from,
    to: args.to,
    verifySource: !args['no-verify-source'],
    batchSize: args['batch-size'],
  }));

export type MigrateConfig = z.output<typeof ArgsSchema>;

const tokenize = (argv: readonly string[]) => {
  // `npm run migrate -- ...` passes the separator on when run through tsx directly; it is not an argument.
  const args = argv[0] === '--' ? argv.slice(1) : [...argv];
  try {
    return parseArgs({
      args,
      options: {
        from: { type: 'string' }, to: { type: 'string' }, 'no-verify-source': { type: 'boolean' },
        'batch-size': { type: 'string' }, help: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
};

/** Returns null when --help was asked for; throws UsageError naming the first bad flag. */
export function parseMigrateArgs(argv: readonly string[]): MigrateConfig | null {
  const { help, ...values } = tokenize(argv);
  if (help === true) return null;
  const parsed = ArgsSchema.safeParse(values);
  if (!parsed.success) {
    throw new UsageError(parsed.error.issues.map((issue) => {
      const [flag, ...rest] = issue.path.map(String);
      const detail = rest.length > 0 ? ` (${rest.join('.')})` : '';
      return `--${flag ?? '?'}${detail}: ${issue.message}`;
    }).join('\n'));
  }
  return parsed.data;
}
