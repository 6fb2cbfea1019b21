// The bench's command line refuses what it cannot measure before measuring anything: one line naming the flag and
// the usage, exit code 2, nothing generated.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import t from 'tap';

const BENCH = fileURLToPath(new URL('../bench.ts', import.meta.url));

const run = (args: readonly string[], env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: '' }) =>
  spawnSync(process.execPath, ['--import', 'tsx', BENCH, ...args], { encoding: 'utf8', timeout: 60_000, env });

for (const [args, said] of [
  [['--years', '5,x'], /--years takes whole years from 1 to 60, not x/],
  [['--years', '0'], /--years takes whole years from 1 to 60, not 0/],
  [['--events', '5q'], /not a size: 5q/],
  [['--sizes', '100k,lots'], /not a size: lots/],
  [['--bogus'], /Unknown option '--bogus'/],
] as const) {
  t.test(`${args.join(' ')} is refused`, (t) => {
    const result = run(args);
    t.equal(result.status, 2);
    t.match(result.stderr, said);
    t.match(result.stderr, /usage: npm run bench --/);
    t.notMatch(result.stderr, /\n\s+at /, 'no stack trace');
    t.equal(result.stdout, '', 'nothing measured');
    t.end();
  });
}

t.test('a DATABASE_URL where nothing answers stops the run at the start, in one line', (t) => {
  // Port 1 on the loopback: refused at once.
  const result = run(['--quick'], { ...process.env, DATABASE_URL: 'postgres://postgres@127.0.0.1:1/test' });
  t.equal(result.status, 1);
  t.match(result.stderr, /bench: DATABASE_URL is set but PostgreSQL does not answer there: .*ECONNREFUSED/);
  t.notMatch(result.stderr, /generating|rebuild/, 'nothing was generated or measured first');
  t.notMatch(result.stderr, /\n\s+at /, 'no stack trace');
  t.end();
});
