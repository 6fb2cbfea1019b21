// npm run migrate end to end: SQLite -> PostgreSQL -> SQLite keeps every id, position, hash, stream version,
// link and idempotency key; a non-empty target and a tampered source are refused; bad arguments name themselves.
// The PostgreSQL parts skip only when DATABASE_URL is unset and nothing answers at 127.0.0.1:5432.
import t from 'tap';
import type { Test } from 'tap';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { createPostgresEventStore, createSqliteEventStore } from '@estafet/ledger';
import type { EventStore } from '@estafet/ledger';
import { databaseUrl } from '../store-contract/postgres-url.js';
import { streamOf, unitEstablished, unitRenamed } from '../store-contract/fixtures.js';
import { buildLedger, everyEvent, migrate, postgresLedger } from './migrate-fixture.js';

const url = await databaseUrl();
const noPostgres = url === null ? 'DATABASE_URL is unset and nothing answers at 127.0.0.1:5432' : false;
const admin = url === null ? null : new pg.Pool({ connectionString: url, max: 2 });
t.teardown(() => admin?.end());

/** A fresh schema name, dropped when the test ends (after the test has closed its stores). */
const freshSchema = (t: Test): string => {
  const schema = `estafet_migrate_${randomBytes(6).toString('hex')}`;
  t.teardown(async () => {
    await admin?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  });
  return schema;
};

/** A SQLite ledger of `rounds` * 5 events in the test's directory. */
async function sqliteLedger(path: string, rounds: number) {
  const store = createSqliteEventStore({ path });
  try {
    return await buildLedger(store, rounds);
  } finally {
    await store.close();
  }
}

async function withStore<T>(store: EventStore, use: (store: EventStore) => Promise<T>): Promise<T> {
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

t.test('SQLite -> PostgreSQL -> SQLite keeps ids, positions, hashes, versions, links and keys', { skip: noPostgres }, async (t) => {
  if (url === null) return;
  const dir = t.testdir();
  const sourcePath = join(dir, 'source.db');
  const backPath = join(dir, 'copy', 'back.db');
  const schema = freshSchema(t);
  const built = await sqliteLedger(sourcePath, 80);

  // Batches of 100 events: keyed appends of 3 straddle the batch boundaries (positions 100, 200, ...).
  const there = await migrate('--from', `sqlite:${sourcePath}`, '--to', postgresLedger(url, schema), '--batch-size', '100');
  t.equal(there.code, 0, 'to PostgreSQL', { stderr: there.stderr });
  t.match(there.stdout, /events copied\s+400 \(\d+ stream memberships, 80 idempotency keys\)/, 'the summary counts what was copied');
  t.match(there.stdout, /\d+ events\/s/, 'and the rate');
  const back = await migrate('--from', postgresLedger(url, schema), '--to', `sqlite:${backPath}`, '--batch-size', '100');
  t.equal(back.code, 0, 'back to SQLite', { stderr: back.stderr });

  const source = createSqliteEventStore({ path: sourcePath });
  const onPostgres = await createPostgresEventStore({ connectionString: url, schema });
  const copy = createSqliteEventStore({ path: backPath });
  t.teardown(async () => {
    await Promise.all([source.close(), onPostgres.close(), copy.close()]);
  });

  const original = await everyEvent(source);
  t.equal(original.length, 400);
  // Whole events: eventId, positions, streamVersion, alsoIn, idempotencyKey, recordedAt, prevHash, hash, data.
  t.strictSame(await everyEvent(onPostgres), original, 'PostgreSQL holds exactly the source events');
  t.strictSame(await everyEvent(copy), original, 'so does the SQLite file copied back');

  for (const streamId of built.streams.slice(0, 7)) {
    const expected = (await source.readStream(streamId)).map((e) => e.eventId);
    t.strictSame((await onPostgres.readStream(streamId)).map((e) => e.eventId), expected, `${streamId} reads the same on PostgreSQL`);
    t.strictSame((await copy.readStream(streamId)).map((e) => e.eventId), expected, `${streamId} reads the same copied back`);
    t.equal(await copy.streamVersion(streamId), await source.streamVersion(streamId), `${streamId} keeps its version`);
  }
  const registry = built.streams[0] ?? '';
  t.equal(await onPostgres.streamVersion(registry), 80 * 3, 'links (alsoIn) count in the registry stream on PostgreSQL');

  const sourceChain = await source.verifyChain();
  for (const [name, store] of [['PostgreSQL', onPostgres], ['SQLite copy', copy]] as const) {
    const chain = await store.verifyChain();
    t.ok(chain.ok, `the ${name} chain verifies`);
    if (chain.ok && sourceChain.ok) t.equal(chain.headHash, sourceChain.headHash, `the ${name} head hash is the source's`);
  }

  // Idempotency survives: a retry under a key stored before the migration is recognised on both targets.
  for (const [name, store] of [['PostgreSQL', onPostgres], ['SQLite copy', copy]] as const) {
    const retry = await store.append([{ streamId: streamOf('unit'), expectedVersion: 0, events: [unitEstablished('dinas-retry')] }],
      { idempotencyKey: 'establish-41' });
    t.equal(retry.duplicate, true, `${name}: a retried key is a duplicate`);
    t.strictSame(retry.events.map((e) => e.eventId), built.keyed.get('establish-41')?.map((e) => e.eventId), `${name}: with the original events`);
  }

  // The copies are live ledgers: a new append continues the chain from the copied head.
  const next = await onPostgres.append([{ streamId: registry, expectedVersion: 240, events: [unitRenamed('dinas-0', 'Dinas sesudah migrasi')] }]);
  t.equal(next.events[0]?.globalPosition, 401, 'the next position follows the copied head');
  t.equal(next.events[0]?.prevHash, original.at(-1)?.hash, 'and chains onto its hash');
  t.ok((await onPostgres.verifyChain()).ok, 'the chain still verifies after a new append');
});

t.test('a non-empty target is refused with exit code 2 and left as it was', async (t) => {
  const dir = t.testdir();
  const sourcePath = join(dir, 'source.db');
  await sqliteLedger(sourcePath, 2);

  const occupiedPath = join(dir, 'occupied.db');
  await withStore(createSqliteEventStore({ path: occupiedPath }), (store) =>
    store.append([{ streamId: streamOf('unit'), expectedVersion: 0, events: [unitEstablished('dinas-lain')] }]));
  const refused = await migrate('--from', `sqlite:${sourcePath}`, '--to', `sqlite:${occupiedPath}`);
  t.equal(refused.code, 2);
  t.match(refused.stderr, /refused: --to: sqlite .*occupied\.db is not empty \(rows in events\)/);
  await withStore(createSqliteEventStore({ path: occupiedPath }), async (store) => {
    t.equal(await store.headPosition(), 1, 'the target keeps its one event and nothing more');
  });

  // Read models or checkpoints of some other ledger would be stale against the copied events: refused too.
  const readModelsOnly = join(dir, 'read-models.db');
  const withReadModels = createSqliteEventStore({ path: readModelsOnly });
  withReadModels.db.exec(`CREATE TABLE estafet_projection_checkpoints (name TEXT PRIMARY KEY, position INTEGER);
    INSERT INTO estafet_projection_checkpoints VALUES ('org-chart', 9)`);
  await withReadModels.close();
  const stale = await migrate('--from', `sqlite:${sourcePath}`, '--to', `sqlite:${readModelsOnly}`);
  t.equal(stale.code, 2);
  t.match(stale.stderr, /not empty \(rows in estafet_projection_checkpoints\)/);

  const notALedger = join(dir, 'other.db');
  const other = new Database(notALedger);
  other.exec('CREATE TABLE notes (body TEXT)');
  other.close();
  const foreign = await migrate('--from', `sqlite:${sourcePath}`, '--to', `sqlite:${notALedger}`);
  t.equal(foreign.code, 2);
  t.match(foreign.stderr, /--to: .* is a SQLite file but not an Estafet ledger/);
});

t.test('a non-empty PostgreSQL schema is refused', { skip: noPostgres }, async (t) => {
  if (url === null) return;
  const dir = t.testdir();
  const sourcePath = join(dir, 'source.db');
  await sqliteLedger(sourcePath, 2);
  const schema = freshSchema(t);
  await withStore(await createPostgresEventStore({ connectionString: url, schema }), (store) =>
    store.append([{ streamId: streamOf('unit'), expectedVersion: 0, events: [unitEstablished('dinas-lain')] }]));
  const refused = await migrate('--from', `sqlite:${sourcePath}`, '--to', postgresLedger(url, schema));
  t.equal(refused.code, 2);
  t.match(refused.stderr, new RegExp(`--to: postgres .* schema ${schema} is not empty \\(rows in events\\)`));
});

t.test('a copy that fails part way says so, and how to clean up', { skip: noPostgres }, async (t) => {
  if (url === null) return;
  const dir = t.testdir();
  const sourcePath = join(dir, 'source.db');
  // SQLite stores a NUL character in text; PostgreSQL cannot. The append lands after the first batch of 100.
  await withStore(createSqliteEventStore({ path: sourcePath }), async (store) => {
    await buildLedger(store, 25);
    await store.append([{ streamId: streamOf('unit'), expectedVersion: 0, events: [unitEstablished('dinas-nul')] }],
      { idempotencyKey: 'retry\u0000key' });
  });
  const schema = freshSchema(t);
  const failed = await migrate('--from', `sqlite:${sourcePath}`, '--to', postgresLedger(url, schema), '--batch-size', '100');
  t.equal(failed.code, 1);
  t.match(failed.stderr, /migrate failed: the copy stopped after position 100 of 126: .*unicode/i);
  t.match(failed.stderr, new RegExp(`The target holds a partial ledger: remove it \\(DROP SCHEMA "${schema}" CASCADE\\)`));
  await withStore(await createPostgresEventStore({ connectionString: url, schema }), async (store) => {
    t.equal(await store.headPosition(), 100, 'the batches before the failure are there, whole');
    t.ok((await store.verifyChain()).ok, 'and form a valid, shorter chain: hence the warning');
  });
});

t.test('a tampered source is refused; --no-verify-source copies it and the check fails', async (t) => {
  const dir = t.testdir();
  const sourcePath = join(dir, 'source.db');
  await sqliteLedger(sourcePath, 4);
  const raw = new Database(sourcePath);
  raw.prepare("UPDATE events SET data = replace(data, 'Dinas', 'Dinaz') WHERE global_position = 7").run();
  raw.close();

  const targetPath = join(dir, 'target.db');
  const refused = await migrate('--from', `sqlite:${sourcePath}`, '--to', `sqlite:${targetPath}`);
  t.equal(refused.code, 2);
  t.match(refused.stderr, /refused: --from: the source's hash chain does not verify at position 7: hash mismatch/);
  t.notOk(existsSync(targetPath), 'the target was not even created');

  const forced = await migrate('--from', `sqlite:${sourcePath}`, '--to', `sqlite:${targetPath}`, '--no-verify-source');
  t.equal(forced.code, 1, 'copied as it is, and the check after the copy fails');
  t.match(forced.stderr, /the target's hash chain does not verify at position 7/);
  t.match(forced.stdout, /Copied, but the check FAILED/);
  t.match(forced.stdout, /not verified \(--no-verify-source\)/);
});

t.test('a missing, empty or foreign source is refused', async (t) => {
  const dir = t.testdir();
  const missing = await migrate('--from', `sqlite:${join(dir, 'nothing.db')}`, '--to', `sqlite:${join(dir, 'target.db')}`);
  t.equal(missing.code, 2);
  t.match(missing.stderr, /--from: .*nothing\.db does not exist/);
  t.notOk(existsSync(join(dir, 'nothing.db')), 'a missing source is not created by looking at it');

  const emptyPath = join(dir, 'empty.db');
  await createSqliteEventStore({ path: emptyPath }).close();
  const empty = await migrate('--from', `sqlite:${emptyPath}`, '--to', `sqlite:${join(dir, 'target.db')}`);
  t.equal(empty.code, 2);
  t.match(empty.stderr, /--from: .*empty\.db holds no events/);

  const notes = join(dir, 'notes.db');
  const other = new Database(notes);
  other.exec('CREATE TABLE notes (body TEXT)');
  other.close();
  const foreign = await migrate('--from', `sqlite:${notes}`, '--to', `sqlite:${join(dir, 'target.db')}`);
  t.equal(foreign.code, 2);
  t.match(foreign.stderr, /--from: .*notes\.db is not an Estafet ledger/);
});

t.test('a PostgreSQL source schema without a ledger is refused, not created', { skip: noPostgres }, async (t) => {
  if (url === null || admin === null) return;
  const schema = freshSchema(t);
  const refused = await migrate('--from', postgresLedger(url, schema), '--to', `sqlite:${join(t.testdir(), 'target.db')}`);
  t.equal(refused.code, 2);
  t.match(refused.stderr, new RegExp(`--from: postgres .* schema ${schema} holds no Estafet ledger`));
  const { rows } = await admin.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
  t.equal(rows.length, 0, 'the schema was not created');
});

t.test('argument errors name the argument and exit with 2', async (t) => {
  const cases: [string[], RegExp][] = [
    [[], /--from: is required\n--to: is required/],
    [['--from', 'mysql://db/ledger', '--to', 'sqlite:x.db'], /--from: must be sqlite:PATH or postgres:\/\//],
    [['--from', 'sqlite:', '--to', 'sqlite:x.db'], /--from: needs a file path after sqlite:/],
    [['--from', 'sqlite:a.db', '--to', 'postgres://u@h/db?schema=Not-An-Identifier'], /--to \(schema\): schema must be a lower-case SQL identifier/],
    [['--from', 'sqlite:a.db', '--to', 'sqlite:./a.db'], /--to: names the same ledger as --from/],
    [['--from', 'sqlite:a.db', '--to', 'sqlite:b.db', '--batch-size', 'ten'], /--batch-size: must be a whole number/],
    [['--from', 'sqlite:a.db', '--to', 'sqlite:b.db', '--batch-size', '50'], /--batch-size: must be at least 100/],
    [['--from', 'sqlite:a.db', '--to', 'sqlite:b.db', '--frm', 'x'], /Unknown option '--frm'/],
    [['--from'], /Option '--from <value>' argument missing/],
    [['--from', 'sqlite:a.db', '--to', 'sqlite:b.db', 'extra'], /Unexpected argument 'extra'/],
  ];
  for (const [argv, message] of cases) {
    const run = await migrate(...argv);
    t.equal(run.code, 2, `${argv.join(' ') || '(none)'}: exit 2`);
    t.match(run.stderr, message, `${argv.join(' ') || '(none)'}: names the argument`);
  }
  const help = await migrate('--help');
  t.equal(help.code, 0);
  t.match(help.stdout, /Not copied: read models and\s+projection or process checkpoints/, '--help says what is not copied');
});

t.test('the npm run migrate entry runs the same CLI in its own process', async (t) => {
  const root = resolve(import.meta.dirname, '../..');
  // Without TAP=1, under which the entry does nothing (so that tap loading it as a file migrates nothing). And
  // without coverage: tap's hooks would merge the child's lines, mapped through tsx's transform, over the
  // in-process runs' and report the migration's modules as largely unexecuted.
  const env = { PATH: process.env.PATH ?? '', _TAPJS_PROCESSINFO_COVERAGE_: '0' };
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/src/migrate.ts', '--', '--to', 'sqlite:x.db'], { cwd: root, env });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const code = await new Promise<number | null>((done) => child.on('close', done));
  t.equal(code, 2, 'exit 2', { stderr });
  t.match(stderr, /--from: is required/);
});
