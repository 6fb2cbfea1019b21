// The generate command line: defaults, checked flags, and postgres needing a connection string.
import t from 'tap';
import { jakartaToday, loadGenerateConfig } from './cli-options.js';

const now = new Date('2026-11-29T20:00:00Z');

t.test('defaults: 70,000 employees, 20 years, seed 1, ./data/jakarta.db, ending today in Jakarta', (t) => {
  t.match(loadGenerateConfig([], {}, now), {
    employees: 70_000, years: 20, seed: 1, store: 'sqlite', out: './data/jakarta.db', force: false, batchSize: 5_000,
    endDate: '2026-11-30',
  });
  t.equal(jakartaToday(now), '2026-11-30', 'Jakarta is already in the next day at 20:00 UTC');
  t.end();
});

t.test('flags are parsed and checked', (t) => {
  t.match(loadGenerateConfig(['--employees', '600', '--years', '3', '--seed', '42', '--out', 'x.db', '--force', '--end-date', '2025-12-31'], {}, now), {
    employees: 600, years: 3, seed: 42, out: 'x.db', force: true, endDate: '2025-12-31',
  });
  t.equal(loadGenerateConfig(['--help'], {}, now), null);
  t.throws(() => loadGenerateConfig(['--employees', 'many'], {}, now), { code: 'USAGE' });
  t.throws(() => loadGenerateConfig(['--years', '0'], {}, now), { code: 'USAGE' });
  t.throws(() => loadGenerateConfig(['--end-date', '2025-02-30'], {}, now), { code: 'USAGE' });
  t.throws(() => loadGenerateConfig(['--store', 'mysql'], {}, now), { code: 'USAGE' });
  t.throws(() => loadGenerateConfig(['--unknown'], {}, now), { code: 'USAGE' });
  t.end();
});

t.test('postgres takes --database-url or DATABASE_URL', (t) => {
  t.throws(() => loadGenerateConfig(['--store', 'postgres'], {}, now), /DATABASE_URL/);
  t.match(loadGenerateConfig(['--store', 'postgres'], { DATABASE_URL: 'postgres://db/x' }, now), { databaseUrl: 'postgres://db/x', schema: 'estafet' });
  t.match(loadGenerateConfig(['--store', 'postgres', '--database-url', 'postgres://other/y', '--schema', 'demo'], { DATABASE_URL: 'postgres://db/x' }, now),
    { databaseUrl: 'postgres://other/y', schema: 'demo' });
  t.throws(() => loadGenerateConfig(['--store', 'postgres', '--schema', 'Bad-Name'], { DATABASE_URL: 'postgres://db/x' }, now), { code: 'USAGE' });
  t.end();
});
