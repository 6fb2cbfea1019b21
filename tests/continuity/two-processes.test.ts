// Two continuity processes in two OS processes on one SQLite file, started together from position 0: each
// reaction (checklist, flags, then the time rules' flags and escalation) is stored exactly once between them.
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { createSqliteEventStore } from '@estafet/ledger';
import { seedRetiringKadis } from './raw-ledger-fixture.js';

const CHILD = fileURLToPath(new URL('./continuity-child-process.ts', import.meta.url));

const nextMessage = (child: ChildProcess): Promise<unknown> => new Promise((resolve, reject) => {
  child.once('message', resolve);
  child.once('exit', (code) => reject(new Error(`child exited with ${String(code)} before answering`)));
});

t.test('two OS processes on the same SQLite file record each reaction once', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'estafet-two-processes-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const path = join(dir, 'ledger.db');
  const store = createSqliteEventStore({ path, clock: () => new Date('2025-03-03T03:00:00.000Z') });
  t.teardown(() => store.close());
  await seedRetiringKadis(store);

  // 1 April: the checklist is overdue and the post has been uncovered for more than five working days.
  // No coverage from the children (see migrate.test.ts): their tsx-compiled lines would be merged over tap's.
  const children = [0, 1].map(() => fork(CHILD, [path, '2025-04-01T03:00:00.000Z'], {
    execArgv: ['--import', 'tsx'], stdio: 'inherit', env: { ...process.env, _TAPJS_PROCESSINFO_COVERAGE_: '0' },
  }));
  t.teardown(() => children.forEach((child) => child.kill()));
  await Promise.all(children.map(nextMessage));
  const reports = children.map(nextMessage);
  for (const child of children) child.send('go');
  const answers = await Promise.all(reports);

  const types = (await store.readAll({ actorId: 'system:continuity' })).map((e) => e.type).sort();
  t.same(types, [
    'HandoverChecklistOpened', 'HandoverEscalated',
    'ProgramFlaggedAtRisk', 'ProgramFlaggedAtRisk', 'ProgramFlaggedAtRisk', 'ProgramFlaggedAtRisk',
  ], 'one checklist, two HOLDER_LEFT and two VACANT_NO_ACTING flags, one escalation');
  const keys = (await store.readAll({ actorId: 'system:continuity' })).map((e) => e.idempotencyKey);
  t.equal(new Set(keys).size, keys.length, 'no key twice');
  t.equal(answers.length, 2);
});
