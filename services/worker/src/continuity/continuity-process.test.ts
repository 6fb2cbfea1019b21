// The continuity process against the real SQLite store: it reacts once to a leader's move, and a replay from
// position 0, a restart from its checkpoint or a second process on the same file appends nothing twice.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import t from 'tap';
import { eventDefinition } from '@estafet/events';
import type { DomainEvent } from '@estafet/events';
import { createSqliteEventStore } from '@estafet/ledger';
import type { EventStore, SqliteEventStore } from '@estafet/ledger';
import { createSqliteCheckpoints } from './continuity-checkpoints.js';
import { startContinuityProcess } from './continuity-process.js';
import type { ContinuityProcess } from './continuity-process.js';

const KADIS = '197001012000031001';
const PLT = '197502022001042002';
const quiet = { info: () => undefined, error: () => undefined };
const clock = (): Date => new Date('2025-03-03T03:00:00.000Z');

interface Teardown { teardown(fn: () => unknown): void }

const openStore = async (t: Teardown, path?: string): Promise<{ store: SqliteEventStore; path: string }> => {
  const file = path ?? join(await mkdtemp(join(tmpdir(), 'estafet-continuity-')), 'ledger.db');
  if (path === undefined) t.teardown(() => rm(join(file, '..'), { recursive: true, force: true }));
  const store = createSqliteEventStore({ path: file, clock, pollIntervalMs: 5 });
  t.teardown(() => store.close());
  return { store, path: file };
};

const record = async (store: EventStore, streamId: string, event: DomainEvent, effectiveAt: string): Promise<number> => {
  const { events } = await store.append([{ streamId, expectedVersion: 'any', events: [{
    eventId: randomUUID(), type: event.type, schemaVersion: eventDefinition(event.type).schemaVersion, data: event.data,
    effectiveAt, legalBasis: { skNumber: '800/1/2025', skDate: '2025-02-20', signedBy: 'Gubernur' },
    actor: { id: 'hr:test', role: 'hr' }, correlationId: `corr-${streamId}`, causationId: null,
  }] }]);
  return events[0]?.globalPosition ?? 0;
};

const seed = async (store: EventStore): Promise<void> => {
  await record(store, 'position-kadis', { type: 'PositionEstablished', data: {
    positionId: 'kadis', unitId: 'dinas-pendidikan', title: 'Kepala Dinas Pendidikan', kind: 'JPT_PRATAMA', eselon: 'II.a',
    isLeadership: true, minimumGolongan: null, requiredCompetencies: [],
  } }, '2024-01-02');
  await record(store, `employee-${KADIS}`, { type: 'PositionAssigned', data: { nip: KADIS, positionId: 'kadis' } }, '2024-01-02');
  for (const [programId, criticality] of [['kjp-plus', 'CRITICAL'], ['literasi', 'LOW']] as const) {
    await record(store, `program-${programId}`, { type: 'ProgramRegistered', data: {
      programId, name: programId, unitId: 'dinas-pendidikan', leadingPositionId: 'kadis', criticality, phase: 'IMPLEMENTATION',
      periodStart: '2024-01-02', periodEnd: null,
    } }, '2024-01-02');
  }
};

const transfer = (store: EventStore): Promise<number> => record(store, `employee-${KADIS}`, { type: 'EmployeeSeparated', data: {
  nip: KADIS, reason: 'RETIREMENT',
} }, '2025-03-17');

/** Waits until every process has folded the head and the head stops moving (their reactions are in). */
const settled = async (store: EventStore, ...processes: ContinuityProcess[]): Promise<void> => {
  for (;;) {
    const head = await store.headPosition();
    await Promise.all(processes.map((p) => p.reached(head)));
    if (await store.headPosition() === head) return;
  }
};

const continuityEvents = async (store: EventStore): Promise<string[]> =>
  (await store.readAll({ actorId: 'system:continuity' })).map((e) => e.type);

t.test('reacts once to a move, and a replay from position 0 appends nothing', async (t) => {
  const { store } = await openStore(t);
  await seed(store);
  const first = await startContinuityProcess({ store, clock, logger: quiet, tickIntervalMs: 0 });
  await first.caughtUp;
  const moved = await transfer(store);
  await settled(store, first);
  t.same(await continuityEvents(store), ['HandoverChecklistOpened', 'ProgramFlaggedAtRisk', 'ProgramFlaggedAtRisk']);
  const flag = (await store.readAll({ types: ['ProgramFlaggedAtRisk'] }))[0];
  const move = (await store.readAll({ fromPosition: moved - 1, toPosition: moved }))[0];
  t.equal(flag?.causationId, move?.eventId, 'caused by the move');
  t.equal(flag?.correlationId, move?.correlationId);
  t.same(flag?.actor, { id: 'system:continuity', role: 'system' });
  t.match(flag?.idempotencyKey, /^continuity:flag:/);
  await first.stop();

  const head = await store.headPosition();
  const replay = await startContinuityProcess({ store, clock, logger: quiet, tickIntervalMs: 0 });
  await replay.caughtUp;
  await settled(store, replay);
  t.equal(await store.headPosition(), head, 'a replay from 0 re-decides everything and stores nothing');
  t.equal(await replay.tick(), 0, 'nothing is due yet');
  await replay.stop();
});

/** The store with its append calls counted: a duplicate append is still a call (and a write transaction). */
const counting = (store: EventStore): { store: EventStore; calls: () => number } => {
  let calls = 0;
  return { store: { ...store, append: (...args) => { calls += 1; return store.append(...args); } }, calls: () => calls };
};

t.test('a restart resumes from its checkpoint', async (t) => {
  const { store } = await openStore(t);
  const checkpoints = createSqliteCheckpoints(store.db);
  await seed(store);
  const first = await startContinuityProcess({ store, clock, logger: quiet, tickIntervalMs: 0, checkpoints });
  await transfer(store);
  await settled(store, first);
  await first.stop();
  t.equal(await checkpoints.load('continuity'), await store.headPosition(), 'the checkpoint is the head when stopped');

  // While it is down: a Plt is appointed and revoked, leaving the post with nobody, a second departure.
  await record(store, `employee-${PLT}`, { type: 'ActingAppointed', data: {
    nip: PLT, positionId: 'kadis', actingKind: 'PLT', plannedEnd: '2025-06-17',
  } }, '2025-03-17');
  await record(store, `employee-${PLT}`, { type: 'ActingEnded', data: { nip: PLT, positionId: 'kadis', reason: 'REVOKED' } }, '2025-03-20');

  const resumed = counting(store);
  const restarted = await startContinuityProcess({ store: resumed.store, clock, logger: quiet, tickIntervalMs: 0, checkpoints });
  await settled(store, restarted);
  t.equal(resumed.calls(), 3, 'only the new departure is reacted to: one checklist, two flags');
  t.equal((await continuityEvents(store)).length, 6);
  await restarted.stop();

  const fromZero = counting(store);
  const replay = await startContinuityProcess({ store: fromZero.store, clock, logger: quiet, tickIntervalMs: 0 });
  await settled(store, replay);
  t.equal(fromZero.calls(), 6, 'without the checkpoint every reaction is tried again...');
  t.equal((await continuityEvents(store)).length, 6, '...and the idempotency keys store none of them twice');
  await replay.stop();
});

t.test('two processes on the same SQLite file at once record each reaction once', async (t) => {
  const { store, path } = await openStore(t);
  const { store: other } = await openStore(t, path);
  await seed(store);
  const [a, b] = await Promise.all([
    startContinuityProcess({ store, clock, logger: quiet, tickIntervalMs: 0 }),
    startContinuityProcess({ store: other, clock, logger: quiet, tickIntervalMs: 0, name: 'second' }),
  ]);
  await transfer(store);
  await settled(store, a, b);
  await settled(other, a, b);
  t.same(await continuityEvents(store), ['HandoverChecklistOpened', 'ProgramFlaggedAtRisk', 'ProgramFlaggedAtRisk']);

  const later = new Date('2025-04-01T03:00:00.000Z');
  const [ticked1, ticked2] = await Promise.all([
    startContinuityProcess({ store, clock: () => later, logger: quiet, tickIntervalMs: 0 }),
    startContinuityProcess({ store: other, clock: () => later, logger: quiet, tickIntervalMs: 0 }),
  ]);
  await Promise.all([ticked1.caughtUp, ticked2.caughtUp]);
  const stored = await Promise.all([ticked1.tick(), ticked2.tick()]);
  t.equal(stored[0] + stored[1], 3, 'the vacancy flags and the escalation are stored once between them');
  const types = await continuityEvents(store);
  t.equal(types.filter((type) => type === 'HandoverEscalated').length, 1);
  t.equal(types.filter((type) => type === 'ProgramFlaggedAtRisk').length, 4);
  await Promise.all([a.stop(), b.stop(), ticked1.stop(), ticked2.stop()]);
});

t.test('the timer runs the time rules with the injected clock, once caught up', async (t) => {
  const { store } = await openStore(t);
  await seed(store);
  await transfer(store);
  // 1 April: more than five working days after the TMT of 17 March, and nobody covers the post.
  const continuity = await startContinuityProcess({ store, clock: () => new Date('2025-04-01T03:00:00.000Z'), logger: quiet, tickIntervalMs: 5 });
  t.teardown(() => continuity.stop());
  const vacancyFlags = new Promise<void>((resolve) => {
    let seen = 0;
    const watch = store.subscribe({ fromPosition: 0, types: ['ProgramFlaggedAtRisk'] }, (event) => {
      if (typeof event.idempotencyKey === 'string' && event.idempotencyKey.startsWith('continuity:vacant:') && ++seen === 2) {
        resolve();
        void watch.close();
      }
    });
  });
  await vacancyFlags;
  t.pass('two VACANT_NO_ACTING flags appended by the timer');
});

t.test('a failure stops the process visibly: done rejects, waiters are released', async (t) => {
  const { store } = await openStore(t);
  await seed(store);
  const broken: EventStore = { ...store, append: () => Promise.reject(new Error('disk full')) };
  const errors: unknown[] = [];
  const continuity = await startContinuityProcess({
    store: broken, clock, tickIntervalMs: 0, logger: { info: () => undefined, error: (details) => errors.push(details) },
  });
  const waiting = continuity.reached(Number.MAX_SAFE_INTEGER);
  await transfer(store);
  await t.rejects(continuity.done, { message: 'disk full' });
  await t.rejects(waiting, { message: /failed at/ });
  t.equal(errors.length, 1, 'logged under err');
  await continuity.stop();
});
