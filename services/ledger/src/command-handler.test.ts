// The command handler end to end on the real SQLite store (in memory): envelopes, links, versions,
// idempotent retries, and nothing stored when a command is refused.
import t from 'tap';
import type { Test } from 'tap';
import { randomUUID } from 'node:crypto';
import type { Command } from '@estafet/events';
import { createCommandHandler } from './command-handler.js';
import type { CommandContext } from './command-handler.js';
import { NotFoundError, RuleViolationError, StreamVersionConflictError, ValidationError, httpStatusOf } from './errors.js';
import { defaultRules } from './rules.js';
import { nip, sk } from './deciders/decider-fixtures.js';
import { createSqliteEventStore } from './store/sqlite-event-store.js';

const now = new Date('2025-01-02T03:00:00Z');
const hr: CommandContext = { actor: { id: 'hr-1', role: 'hr' }, correlationId: 'req-1' };

const setup: Command[] = [
  { type: 'EstablishUnit', unitId: 'dinas-pendidikan', name: 'Dinas Pendidikan', kind: 'DINAS', parentUnitId: null, effectiveAt: '2000-01-01' },
  ...(['kadis', 'kabid', 'staf-1'] as const).map((positionId): Command => ({
    type: 'EstablishPosition', positionId, unitId: 'dinas-pendidikan', title: `Jabatan ${positionId}`, kind: 'ADMINISTRATOR',
    isLeadership: positionId === 'kadis', minimumGolongan: positionId === 'kadis' ? 'IV/c' : null, requiredCompetencies: [],
    effectiveAt: '2000-01-01',
  })),
  { type: 'RegisterEmployee', nip: nip.ani, name: 'Ani Lestari', birthDate: '1975-04-12', gender: 'F', tmtCpns: '2000-03-01', education: 'S2', golongan: 'IV/c', effectiveAt: '2000-03-01' },
  { type: 'RegisterEmployee', nip: nip.budi, name: 'Budi Santoso', birthDate: '1978-09-30', gender: 'M', tmtCpns: '2003-01-01', education: 'S1', effectiveAt: '2003-01-01' },
];

async function ledger(t: Test, rules = defaultRules) {
  const store = createSqliteEventStore({ path: ':memory:', clock: () => now });
  t.teardown(() => store.close());
  const handler = createCommandHandler({ store, clock: () => now, newId: randomUUID, rules });
  for (const command of setup) await handler.execute(command, hr);
  return { store, handler };
}

const assign = (who: string, positionId: string, effectiveAt = '2024-02-01') =>
  ({ type: 'AssignPosition', nip: who, positionId, effectiveAt, legalBasis: sk }) as const;

t.test('a command is stored with its envelope and linked into the position', async (t) => {
  const { store, handler } = await ledger(t);
  const result = await handler.execute({ ...assign(nip.ani, 'kadis'), actor: { id: 'forged', role: 'system' } },
    { ...hr, causationId: 'cause-1' });
  t.equal(result.duplicate, false);
  t.same(result.warnings, []);
  t.equal(result.events.length, 1);
  t.match(result.events[0], {
    type: 'PositionAssigned', streamId: `employee-${nip.ani}`, alsoIn: ['position-kadis'], effectiveAt: '2024-02-01',
    legalBasis: sk, actor: hr.actor, correlationId: 'req-1', causationId: 'cause-1', recordedAt: now.toISOString(),
    data: { nip: nip.ani, positionId: 'kadis' },
  });
  const positionStream = await store.readStream('position-kadis');
  t.same(positionStream.map((e) => e.type), ['PositionEstablished', 'PositionAssigned'], 'the position stream shows its holder');
});

t.test('a transfer reads its origin from the ledger and is linked into both positions', async (t) => {
  const { store, handler } = await ledger(t);
  await handler.execute(assign(nip.ani, 'kabid', '2020-01-01'), hr);
  const { events } = await handler.execute(
    { type: 'TransferEmployee', nip: nip.ani, toPositionId: 'kadis', reason: 'PROMOTION', effectiveAt: '2024-02-01', legalBasis: sk }, hr);
  t.match(events[0], { data: { fromPositionId: 'kabid', toPositionId: 'kadis' }, alsoIn: ['position-kabid', 'position-kadis'] });
  t.equal((await store.readStream('position-kabid')).at(-1)?.eventId, events[0]?.eventId);
  t.equal((await store.readStream('position-kadis')).at(-1)?.eventId, events[0]?.eventId);
});

t.test('If-Match: a stale expected version of the primary stream is a 412 and stores nothing', async (t) => {
  const { store, handler } = await ledger(t);
  const head = await store.headPosition();
  const error = await handler.execute(assign(nip.ani, 'kadis'), { ...hr, expectedVersion: 5 }).catch((e: unknown) => e);
  t.ok(error instanceof StreamVersionConflictError);
  t.equal(httpStatusOf(error), 412);
  t.equal(await store.headPosition(), head);
  const ok = await handler.execute(assign(nip.ani, 'kadis'), { ...hr, expectedVersion: 1 });
  t.equal(ok.events.length, 1, 'the version the client read (the registration only) is accepted');
});

t.test('two racing commands on one position: the loser gets a version conflict, not a second holder', async (t) => {
  const { store, handler } = await ledger(t);
  const outcomes = await Promise.allSettled([
    handler.execute(assign(nip.ani, 'kabid'), hr), handler.execute(assign(nip.budi, 'kabid'), hr),
  ]);
  t.equal(outcomes.filter((o) => o.status === 'fulfilled').length, 1);
  const rejected = outcomes.find((o) => o.status === 'rejected');
  t.ok(rejected?.status === 'rejected' && rejected.reason instanceof StreamVersionConflictError);
  t.equal((await store.readStream('position-kabid')).filter((e) => e.type === 'PositionAssigned').length, 1);
});

t.test('a retried command with the same idempotency key stores nothing twice', async (t) => {
  const { store, handler } = await ledger(t);
  const first = await handler.execute(assign(nip.ani, 'kadis'), { ...hr, idempotencyKey: 'key-1' });
  const head = await store.headPosition();
  const retry = await handler.execute(assign(nip.ani, 'kadis'), { ...hr, idempotencyKey: 'key-1' });
  t.equal(retry.duplicate, true);
  t.same(retry.events.map((e) => e.eventId), first.events.map((e) => e.eventId));
  t.equal(await store.headPosition(), head);
  const training = { type: 'RecordTraining', nip: nip.budi, courseCode: 'PKA-01', courseTitle: 'Pelatihan Kepemimpinan',
    jpHours: 40, competenciesGranted: ['kepemimpinan'], effectiveAt: '2024-03-01' } as const;
  const once = await handler.execute(training, { ...hr, idempotencyKey: 'key-2' });
  const twice = await handler.execute(training, { ...hr, idempotencyKey: 'key-2' });
  t.same(twice.events.map((e) => e.eventId), once.events.map((e) => e.eventId), 'even where deciding again would succeed');
  t.equal(await store.headPosition(), head + 1);
});

t.test('a refused or invalid command stores nothing', async (t) => {
  const { store, handler } = await ledger(t);
  await handler.execute(assign(nip.ani, 'kadis'), hr);
  const head = await store.headPosition();
  const occupied = await handler.execute(assign(nip.budi, 'kadis'), hr).catch((e: unknown) => e);
  t.ok(occupied instanceof RuleViolationError);
  t.match(occupied, { rule: 'position-occupied', httpStatus: 409 });
  const noSk = await handler.execute({ ...assign(nip.budi, 'kabid'), legalBasis: null }, hr).catch((e: unknown) => e);
  t.ok(noSk instanceof ValidationError);
  t.same(noSk instanceof ValidationError ? noSk.issues.map((i) => i.path) : [], ['legalBasis']);
  const malformed = await handler.execute({ type: 'AssignPosition', nip: '42', positionId: 'kabid' }, hr).catch((e: unknown) => e);
  t.same(malformed instanceof ValidationError ? malformed.issues.map((i) => i.path) : [], ['effectiveAt', 'nip']);
  t.ok(await handler.execute(assign(nip.budi, 'nowhere'), hr).catch((e: unknown) => e) instanceof NotFoundError);
  t.equal(await store.headPosition(), head);
});

t.test('warnings of rules set to warn come back with the stored events', async (t) => {
  const { handler } = await ledger(t, { ...defaultRules, minimumGolonganPolicy: 'warn' });
  const result = await handler.execute(assign(nip.budi, 'kadis'), hr);
  t.equal(result.events.length, 1);
  t.match(result.warnings, [/below the minimum IV\/c/]);
});

t.test('a complaint gets a generated id and the WIB date of its receipt as TMT', async (t) => {
  const { handler } = await ledger(t);
  const { events } = await handler.execute({
    type: 'ReceiveComplaint', unitId: 'dinas-pendidikan', channel: 'JAKI', category: 'fasilitas sekolah',
    receivedAt: '2024-02-01T20:30:00Z', summary: 'Atap kelas bocor',
  }, { actor: { id: 'citizen-app', role: 'public' }, correlationId: 'req-9' });
  t.match(events[0], { effectiveAt: '2024-02-02', legalBasis: null, streamId: /^complaint-[0-9a-f-]{36}$/ });
});

t.test('a retraction is stored beside its target, linked where the target is, and then honoured', async (t) => {
  const { store, handler } = await ledger(t);
  const [assignment] = (await handler.execute(assign(nip.ani, 'kadis'), hr)).events;
  t.ok(assignment);
  const { events } = await handler.execute({ type: 'RetractEvent', eventId: assignment?.eventId ?? '', reason: 'SK dibatalkan' }, hr);
  t.match(events[0], { streamId: `employee-${nip.ani}`, alsoIn: ['position-kadis'], effectiveAt: '2024-02-01' });
  t.equal((await store.readStream('position-kadis')).at(-1)?.type, 'EventRetracted');
  const again = await handler.execute(assign(nip.budi, 'kadis'), hr).catch((e: unknown) => e);
  t.match(again, { rule: 'minimum-golongan' }, 'the position is vacant again; only the rank stands in the way');
  const unknown = await handler.execute({ type: 'RetractEvent', eventId: randomUUID(), reason: 'tidak ada' }, hr).catch((e: unknown) => e);
  t.ok(unknown instanceof NotFoundError);
});

t.test('a stream folded by an earlier command still sees what was appended since, by any writer', async (t) => {
  const { store, handler } = await ledger(t);
  await handler.execute(assign(nip.ani, 'kadis'), hr);
  const other = createCommandHandler({ store, clock: () => now, newId: randomUUID });
  await other.execute({ type: 'SeparateEmployee', nip: nip.ani, reason: 'RETIREMENT', effectiveAt: '2024-06-01', legalBasis: sk }, hr);
  const training = { type: 'RecordTraining', nip: nip.ani, courseCode: 'PKA-02', courseTitle: 'Pelatihan',
    jpHours: 8, competenciesGranted: [], effectiveAt: '2024-07-01' } as const;
  const refused = await handler.execute(training, hr).catch((e: unknown) => e);
  t.ok(refused instanceof RuleViolationError, 'the separation written by another handler is folded in');
});
