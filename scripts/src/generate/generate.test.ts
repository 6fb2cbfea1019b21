// A small generated Jakarta (600 employees, 3 years) in a temporary SQLite store: deterministic for a seed, built
// on the real kelurahan, with valid NIPs, decrees where the catalogue requires them, a valid hash chain, and an
// occupancy history that breaks none of the ledger's rules when folded independently.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { checkNipConsistency, parseNip } from '@estafet/events';
import type { StoredEvent } from '@estafet/events';
import { createSqliteEventStore } from '@estafet/ledger';
import type { ChainVerification, EventStore } from '@estafet/ledger';
import { generateJakarta } from './generate-jakarta.js';
import type { GenerateSummary } from './generate-jakarta.js';
import { checkHistory } from './history-check.js';
import { loadJakartaAreas } from './jakarta-areas.js';

const END = '2026-06-30';
// recordedAt is part of every hash: a fixed clock makes the head hash a function of the seed alone.
const clock = (): Date => new Date('2026-07-01T01:00:00Z');

interface Run {
  readonly summary: GenerateSummary;
  readonly verification: ChainVerification;
  readonly events: StoredEvent[];
}

async function readEverything(store: EventStore): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for (;;) {
    const page = await store.readAll({ fromPosition: events.length, limit: 10_000 });
    if (page.length === 0) return events;
    events.push(...page);
  }
}

async function generate(dir: string, name: string, seed: number): Promise<Run> {
  const store = createSqliteEventStore({ path: join(dir, name), clock, synchronous: 'NORMAL' });
  try {
    const summary = await generateJakarta({ store, employees: 600, years: 3, seed, endDate: END, batchSize: 2_000 });
    return { summary, verification: await store.verifyChain(), events: await readEverything(store) };
  } finally {
    await store.close();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'estafet-generate-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

const first = generate(dir, 'a.db', 42);

t.test('the same seed gives the same history, down to the head hash', async (t) => {
  const a = await first;
  const b = await generate(dir, 'b.db', 42);
  t.equal(b.summary.events, a.summary.events);
  t.same(b.summary.eventsByType, a.summary.eventsByType);
  t.ok(a.verification.ok && b.verification.ok);
  if (a.verification.ok && b.verification.ok) t.equal(b.verification.headHash, a.verification.headHash);
  const c = await generate(dir, 'c.db', 43);
  t.ok(c.verification.ok);
  if (a.verification.ok && c.verification.ok) t.not(c.verification.headHash, a.verification.headHash, 'another seed, another history');
});

t.test('the hash chain verifies and the summary counts what was stored', async (t) => {
  const { summary, verification, events } = await first;
  t.match(verification, { ok: true, checked: summary.events });
  t.equal(events.length, summary.events);
  const counts: Record<string, number> = {};
  for (const event of events) counts[event.type] = (counts[event.type] ?? 0) + 1;
  t.same(counts, summary.eventsByType);
  t.ok(summary.appends > 1, 'written in several batched appends');
  t.ok(events.every((e) => e.actor.id === 'system:generator' && e.actor.role === 'system'));
});

t.test('the organisation uses the 267 real kelurahan and 44 kecamatan of DKI Jakarta', async (t) => {
  const { events } = await first;
  const areas = loadJakartaAreas();
  const established = events.flatMap((e) => (e.type === 'UnitEstablished' && isUnit(e.data) ? [e.data] : []));
  const kelurahan = established.filter((u) => u.kind === 'KELURAHAN').map((u) => u.name.replace(/^Kelurahan /, '')).sort();
  t.equal(kelurahan.length, 267);
  t.same(kelurahan, areas.villages.map((v) => v.name).sort());
  t.equal(established.filter((u) => u.kind === 'KECAMATAN').length, 44);
  t.equal(established.filter((u) => u.kind === 'KOTA_ADMINISTRASI').length, 5);
  t.equal(established.filter((u) => u.kind === 'KABUPATEN_ADMINISTRASI').length, 1);
  for (const kind of ['SETDA', 'ASISTEN', 'BIRO', 'DINAS', 'BADAN', 'INSPEKTORAT', 'SATPOL_PP', 'SUKU_DINAS', 'UPT', 'BIDANG', 'SEKSI']) {
    t.ok(established.some((u) => u.kind === kind), `has a ${kind}`);
  }
});

t.test('every NIP is valid, unique and agrees with its record', async (t) => {
  const { events } = await first;
  const registered = events.flatMap((e) => (e.type === 'EmployeeRegistered' && isRegistration(e.data) ? [e.data] : []));
  t.ok(registered.length >= 600);
  t.equal(new Set(registered.map((p) => p.nip)).size, registered.length, 'unique');
  const bad = registered.filter((p) => !parseNip(p.nip).ok || checkNipConsistency(p.nip, p, END).length > 0);
  t.same(bad, []);
});

t.test('folded independently, the history breaks none of the ledger rules', async (t) => {
  const { events } = await first;
  const problems = checkHistory(events);
  t.same(problems.slice(0, 10), [], `${problems.length} problems`);
  const types = new Set(events.map((e) => e.type));
  for (const type of ['RankPromoted', 'EmployeeTransferred', 'ActingAppointed', 'ActingEnded', 'LeaveStarted', 'EmployeeSeparated',
    'TrainingCompleted', 'ProgramPhaseChanged', 'ComplaintResolved']) t.ok(types.has(type), `has ${type}`);
  t.notOk(types.has('ProgramFlaggedAtRisk') || types.has('HandoverChecklistOpened'), 'no continuity events');
});

t.test('the head count stays roughly stable through retirement and recruitment', async (t) => {
  const { summary } = await first;
  t.ok(summary.employees.separated > 0 && summary.employees.registered > 600);
  t.ok(Math.abs(summary.employees.active - 600) <= 60, `active at the end: ${summary.employees.active}`);
});

t.test('the checker itself catches a second definitive holder', async (t) => {
  const { events } = await first;
  const assigned = events.find((e) => e.type === 'PositionAssigned');
  const assignment = assigned?.data;
  const other = events.find((e) => e.type === 'EmployeeRegistered' && hasNip(e.data) && hasNip(assignment) && e.data.nip !== assignment.nip);
  if (!assigned || !isAssignment(assignment) || !other || !hasNip(other.data)) throw new Error('fixture events missing');
  // Recorded right after the real assignment, on the same date: the position would have two holders.
  const intruder: StoredEvent = {
    ...assigned, eventId: '00000000-0000-4000-8000-000000000001', globalPosition: assigned.globalPosition + 0.5,
    data: { nip: other.data.nip, positionId: assignment.positionId },
  };
  t.same(checkHistory(events), []);
  t.match(checkHistory([...events, intruder]).join('\n'), /already held by|already holds/);
});

// Narrowing for data read back from the store, which the envelope types as unknown.
function isUnit(data: unknown): data is { name: string; kind: string } {
  return typeof data === 'object' && data !== null && 'name' in data && 'kind' in data && typeof data.name === 'string' && typeof data.kind === 'string';
}

function hasNip(data: unknown): data is { nip: string } {
  return typeof data === 'object' && data !== null && 'nip' in data && typeof data.nip === 'string';
}

function isRegistration(data: unknown): data is { nip: string; birthDate: string; gender: 'M' | 'F'; tmtCpns: string } {
  return hasNip(data) && 'birthDate' in data && typeof data.birthDate === 'string' && 'tmtCpns' in data
    && typeof data.tmtCpns === 'string' && 'gender' in data && (data.gender === 'M' || data.gender === 'F');
}

function isAssignment(data: unknown): data is { nip: string; positionId: string } {
  return hasNip(data) && 'positionId' in data && typeof data.positionId === 'string';
}
