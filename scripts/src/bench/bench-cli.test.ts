// The bench's command line refuses what it cannot measure before measuring anything: a bad flag or size is one
// line with the usage (exit 2), a DATABASE_URL where nothing answers one line (exit 1); never a stack trace.
import t from 'tap';
import { FULL_SIZES, QUICK_SIZES } from './measure.js';
import { SetupError, UsageError, failureReport, parseBenchArgs, reachPostgres } from './bench-cli.js';

t.test('the flags become the run\'s options', (t) => {
  t.same(parseBenchArgs([], {}), { sizes: FULL_SIZES, events: 500_000, series: [], years: [], databaseUrl: null });
  t.same(parseBenchArgs(['--quick', '--events', '2.5k', '--sizes', '100k,1M,2.5k', '--years', '5,40'], { DATABASE_URL: 'postgres://db/x' }),
    { sizes: QUICK_SIZES, events: 2_500, series: [100_000, 1_000_000], years: [5, 40], databaseUrl: 'postgres://db/x' },
    'sizes scale by k and M; the main size is not repeated in the series');
  t.equal(parseBenchArgs([], { DATABASE_URL: '' }).databaseUrl, null, 'an empty DATABASE_URL is unset');
  t.end();
});

for (const [args, said] of [
  [['--years', '5,x'], /--years takes whole years from 1 to 60, not x/],
  [['--years', '0'], /--years takes whole years from 1 to 60, not 0/],
  [['--years', '61'], /not 61/],
  [['--events', '5q'], /not a size: 5q/],
  [['--sizes', '100k,lots'], /not a size: lots/],
  [['--bogus'], /Unknown option '--bogus'/],
] as const) {
  t.test(`${args.join(' ')} is refused in one line with the usage, exit 2`, (t) => {
    const error = t.throws(() => parseBenchArgs(args, {}));
    t.type(error, UsageError);
    const report = failureReport(error);
    t.equal(report?.exitCode, 2);
    t.match(report?.text, said);
    t.match(report?.text, /^bench: .*\nusage: npm run bench -- /);
    t.end();
  });
}

t.test('a DATABASE_URL where nothing answers is a setup failure said in one line, exit 1', async (t) => {
  // Port 1 on the loopback: refused at once.
  const error: unknown = await reachPostgres('postgres://postgres@127.0.0.1:1/test').then(() => null, (e: unknown) => e);
  t.type(error, SetupError);
  const report = failureReport(error);
  t.equal(report?.exitCode, 1);
  t.match(report?.text, /^bench: DATABASE_URL is set but PostgreSQL does not answer there: .*ECONNREFUSED.*\n$/);
  t.equal(failureReport(new Error('a bug')), null, 'anything else is a bug, left to throw with its stack');
});
