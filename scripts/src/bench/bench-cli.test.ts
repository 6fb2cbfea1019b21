// The bench's command line refuses what it cannot measure before measuring anything: one line naming the flag and
// the usage, exit code 2, nothing generated.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import t from 'tap';

const BENCH = fileURLToPath(new URL('../bench.ts', import.meta.url));

const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', BENCH, ...args], { encoding: 'utf8', timeout: 60_000 });

for (const [args, said] of [
  [['--years', '5,x'], /--years takes whole years from 1 to 60, not x/],
  [['--years', '0'], /--years takes whole years from 1 to 60, not 0/],
  [['--events', '5q'], /not a size: 5q/],
  [['--sizes', '100k,lots'], /not a size: lots/],
  [['--bogus'], /Unknown option '--bogus'/],
] as const) {
  t.test(`${args.join(' ')} is refused`, (t) => {
    const result = run(...args);
    t.equal(result.status, 2);
    t.match(result.stderr, said);
    t.match(result.stderr, /usage: npm run bench --/);
    t.notMatch(result.stderr, /\n\s+at /, 'no stack trace');
    t.equal(result.stdout, '', 'nothing measured');
    t.end();
  });
}
