// Properties of both projections over random logs (transfers, acting, leave, trainings, separations, dates out
// of order, corrections and retractions): replaying twice gives the same rows, and the rows folded event by
// event equal those a full refold of each entity's corrected history gives.
import t from 'tap';
import fc from 'fast-check';
import type { DomainEvent } from '@estafet/events';
import { createLog, NIP_A, NIP_B, seedOrganisation } from './projection-test-kit.js';
import type { LogBuilder } from './projection-test-kit.js';
import { createMemoryRows, replayInMemory } from './memory-rows.js';
import { orgChartProjection } from './org-chart/org-chart-projection.js';
import { employeeTimelineProjection } from './employee-timeline/timeline-projection.js';
import type { ProjectedEvent } from './projected-event.js';
import type { ProjectionDefinition } from './projection-definition.js';
import type { Row } from './read-model.js';

const POSITIONS = ['kadis-a', 'sekdis-a', 'kabid-a'] as const;
const NIPS = [NIP_A, NIP_B] as const;

const opArb = fc.record({
  kind: fc.constantFrom('assign', 'transfer', 'acting', 'extend', 'endActing', 'leave', 'endLeave', 'training', 'promote', 'separate', 'correct', 'retract'),
  nip: fc.constantFrom(...NIPS),
  position: fc.constantFrom(...POSITIONS),
  other: fc.constantFrom(...POSITIONS),
  day: fc.integer({ min: 0, max: 1500 }),
  pick: fc.nat(),
});
type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

const date = (day: number): string => new Date(Date.UTC(2021, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);

const eventFor = (op: Op): DomainEvent | null => {
  const { nip, position, other } = op;
  switch (op.kind) {
    case 'assign': return { type: 'PositionAssigned', data: { nip, positionId: position } };
    case 'transfer': return { type: 'EmployeeTransferred', data: { nip, fromPositionId: other, toPositionId: position, reason: 'ROTATION' } };
    case 'acting': return { type: 'ActingAppointed', data: { nip, positionId: position, actingKind: op.pick % 2 === 0 ? 'PLT' : 'PLH', plannedEnd: date(op.day + 90) } };
    case 'extend': return { type: 'ActingExtended', data: { nip, positionId: position, plannedEnd: date(op.day + 180) } };
    case 'endActing': return { type: 'ActingEnded', data: { nip, positionId: position, reason: 'COMPLETED' } };
    case 'leave': return { type: 'LeaveStarted', data: { nip, leaveKind: 'BESAR', plannedEnd: null } };
    case 'endLeave': return { type: 'LeaveEnded', data: { nip } };
    case 'training': return { type: 'TrainingCompleted', data: { nip, courseCode: `K${op.pick % 7}`, courseTitle: 'Pelatihan Dasar', jpHours: 20, competenciesGranted: [] } };
    case 'promote': return { type: 'RankPromoted', data: { nip, fromGolongan: 'III/a', toGolongan: 'III/b', kind: 'REGULER' } };
    case 'separate': return { type: 'EmployeeSeparated', data: { nip, reason: 'RESIGNATION' } };
    default: return null;
  }
};

const build = (ops: readonly Op[]): LogBuilder => {
  const log = createLog();
  seedOrganisation(log);
  const people: ProjectedEvent[] = [];
  for (const op of ops) {
    const event = eventFor(op);
    if (event !== null) {
      people.push(log.add(event, date(op.day)));
      continue;
    }
    const target = people[op.pick % Math.max(1, people.length)];
    if (target === undefined) continue;
    if (op.kind === 'retract') log.retract(target);
    else if (target.event.type === 'PositionAssigned' || target.event.type === 'ActingAppointed') {
      log.correct(target, { ...target.event.data, positionId: op.other });
    }
  }
  return log;
};

const contentOf = (dump: Record<string, Row[]>, table: string): string[] =>
  (dump[table] ?? []).filter((row) => row.knownTo === null)
    .map(({ id: _id, versionPosition: _v, knownFrom: _f, knownTo: _t, openKey: _o, ...content }) => JSON.stringify(content)).sort();

const refoldEverything = (projection: ProjectionDefinition, log: LogBuilder): Record<string, Row[]> => {
  const rows = createMemoryRows();
  const last = log.events.at(-1);
  if (last === undefined) return rows.dump();
  const streams = new Set(log.events.map((e) => e.streamId));
  for (const streamId of streams) {
    const all = log.events.filter((e) => e.streamId === streamId || e.alsoIn.includes(streamId));
    const isCorrection = (e: ProjectedEvent) => e.event.type === 'EventCorrected' || e.event.type === 'EventRetracted';
    projection.refold({ streamId, events: all.filter((e) => !isCorrection(e)), corrections: all.filter(isCorrection) }, last, rows);
  }
  return rows.dump();
};

const projections = [orgChartProjection, employeeTimelineProjection];
const VERSIONED = ['org_units', 'org_positions', 'org_holders', 'timeline_records'];

t.test('replaying the same log twice gives the same rows', (t) => {
  fc.assert(fc.property(fc.array(opArb, { maxLength: 40 }), (ops) => {
    const log = build(ops);
    for (const projection of projections) {
      const first = createMemoryRows();
      replayInMemory(projection, log.events, first);
      const second = createMemoryRows();
      replayInMemory(projection, log.events, second);
      t.same(second.dump(), first.dump());
    }
  }), { numRuns: 60 });
  t.end();
});

t.test('folding event by event ends where a full refold of each entity ends', (t) => {
  fc.assert(fc.property(fc.array(opArb, { maxLength: 40 }), (ops) => {
    const log = build(ops);
    for (const projection of projections) {
      const incremental = createMemoryRows();
      replayInMemory(projection, log.events, incremental);
      const folded = incremental.dump();
      const refolded = refoldEverything(projection, log);
      for (const table of projection.tables.map((x) => x.name).filter((name) => VERSIONED.includes(name))) {
        t.same(contentOf(folded, table), contentOf(refolded, table), table);
      }
    }
  }), { numRuns: 60 });
  t.end();
});
