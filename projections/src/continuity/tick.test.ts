// given(history).tickOn(date).then(reactions) for tick(): the vacancy rule, the Plt/Plh limit with its one
// extension, escalation of overdue handovers, and the clears when each is resolved.
import t from 'tap';
import { DEFAULT_CONTINUITY_RULES } from './continuity-rules.js';
import { NIP, dinasPendidikan, scenario } from './continuity-test-kit.js';
import type { Scenario } from './continuity-test-kit.js';
import type { ContinuityOutput, Reaction } from './reaction.js';

type Out<T extends ContinuityOutput['type']> = Extract<ContinuityOutput, { type: T }>;
const ofType = <T extends ContinuityOutput['type']>(reactions: readonly Reaction[], type: T): Out<T>[] =>
  reactions.map((r) => r.event).filter((e): e is Out<T> => e.type === type);

// Monday 3 March 2025: five working days later is Monday 10 March; flagged from Tuesday 11 March.
const TMT = '2025-03-03';
const vacated = (s: Scenario = dinasPendidikan()): { s: Scenario; moveId: string } => {
  const { event, reactions } = s.when({ type: 'EmployeeSeparated', data: { nip: NIP.kadis, reason: 'RETIREMENT' } }, { effectiveAt: TMT, recordedAt: '2025-02-20T03:00:00Z' });
  s.settle(reactions, '2025-02-20');
  return { s, moveId: event.meta.eventId };
};

t.test('a leadership post uncovered for more than five working days is flagged VACANT_NO_ACTING', (t) => {
  const { s, moveId } = vacated();
  t.same(ofType(s.tickOn('2025-03-10'), 'ProgramFlaggedAtRisk'), [], 'five working days have not yet passed');
  const reactions = s.tickOn('2025-03-11');
  const flags = ofType(reactions, 'ProgramFlaggedAtRisk');
  t.same(flags.map((f) => [f.data.programId, f.data.cause, f.data.causeEventId]), [
    ['kjp-plus', 'VACANT_NO_ACTING', moveId], ['literasi', 'VACANT_NO_ACTING', moveId],
  ]);
  t.equal(flags[0]?.data.severity, 'CRITICAL');
  t.match(flags[0]?.data.reasons[0], /uncovered since 2025-03-03, no Plt or Plh named by 2025-03-10/);
  const vacancy = reactions.filter((r) => r.event.type === 'ProgramFlaggedAtRisk');
  t.same(vacancy.map((r) => r.idempotencyKey), [`continuity:vacant:${moveId}:kjp-plus`, `continuity:vacant:${moveId}:literasi`]);
  t.ok(vacancy.every((r) => r.causationId === moveId && r.effectiveAt === '2025-03-11'));

  s.settle(reactions, '2025-03-11');
  t.same(ofType(s.tickOn('2025-03-12'), 'ProgramFlaggedAtRisk'), [], 'flagged once');
  t.end();
});

t.test('public holidays from the rules do not count as working days', (t) => {
  const rules = { ...DEFAULT_CONTINUITY_RULES, publicHolidays: ['2025-03-04', '2025-03-05'] };
  const { s } = vacated(dinasPendidikan(scenario(rules)));
  t.same(ofType(s.tickOn('2025-03-12'), 'ProgramFlaggedAtRisk'), []);
  t.equal(ofType(s.tickOn('2025-03-13'), 'ProgramFlaggedAtRisk').length, 2);
  t.end();
});

t.test('naming a Plt clears the vacancy flag but not the open handover', (t) => {
  const { s } = vacated();
  s.settle(s.tickOn('2025-03-11'), '2025-03-11');
  const appointed = s.run({ type: 'ActingAppointed', data: { nip: NIP.plt, positionId: 'kadis-pendidikan', actingKind: 'PLT', plannedEnd: '2025-06-12' } }, { effectiveAt: '2025-03-12' });
  t.same(ofType(appointed, 'ProgramRiskCleared'), [], 'HOLDER_LEFT still open: its checklist is not closed');
  t.same(s.state.programs.get('kjp-plus')?.openFlags.map((f) => f.cause), ['HOLDER_LEFT', 'VACANT_NO_ACTING']);
  t.same(ofType(s.tickOn('2025-03-13'), 'ProgramFlaggedAtRisk'), [], 'covered now: no new vacancy flag');
  t.end();
});

t.test('a vacancy cleared by a Plt once the handover is done', (t) => {
  const { s } = vacated();
  s.settle(s.tickOn('2025-03-11'), '2025-03-11');
  const [checklist] = s.state.checklists.values();
  if (checklist === undefined) throw new Error('no checklist');
  for (const task of checklist.tasks.filter((x) => x.required)) {
    s.run({ type: 'HandoverTaskCompleted', data: { checklistId: checklist.checklistId, taskId: task.taskId, note: 'done' } }, { effectiveAt: '2025-03-11' });
  }
  const appointed = s.run({ type: 'ActingAppointed', data: { nip: NIP.plt, positionId: 'kadis-pendidikan', actingKind: 'PLT', plannedEnd: '2025-06-12' } }, { effectiveAt: '2025-03-12' });
  const clears = ofType(appointed, 'ProgramRiskCleared');
  t.same(clears.map((c) => c.data.programId), ['kjp-plus', 'literasi']);
  t.match(clears[0]?.data.resolution, /position held by PLT .*closed; position covered by PLT/);
  t.end();
});

const withPlt = (): Scenario => {
  const { s } = vacated();
  s.run({ type: 'ActingAppointed', data: { nip: NIP.plt, positionId: 'kadis-pendidikan', actingKind: 'PLT', plannedEnd: '2025-06-03' } }, { effectiveAt: TMT });
  return s;
};

t.test('a Plt past three months is flagged ACTING_OVER_LIMIT; the one extension clears it', (t) => {
  const s = withPlt();
  const acting = s.state.positions.get('kadis-pendidikan')?.acting[0];
  t.same(ofType(s.tickOn('2025-06-03'), 'ProgramFlaggedAtRisk').filter((f) => f.data.cause === 'ACTING_OVER_LIMIT'), [], 'on the limit day');
  const over = s.tickOn('2025-06-04').filter((r) => r.event.type === 'ProgramFlaggedAtRisk' && r.event.data.cause === 'ACTING_OVER_LIMIT');
  t.equal(over.length, 2);
  t.equal(over[0]?.idempotencyKey, `continuity:acting-limit:${acting?.eventId ?? ''}:0:kjp-plus`);
  t.equal(over[0]?.causationId, acting?.eventId, 'caused by the appointment');
  const flag = ofType(over, 'ProgramFlaggedAtRisk')[0];
  t.match(flag?.data.reasons[0], /PLT .* acting since 2025-03-03, past the limit/);
  t.ok(flag?.data.reasons.some((r) => r.includes(`Plt ${NIP.plt} lacks required competencies`)), 'the Plt is assessed as the incoming');
  s.settle(over, '2025-06-04');

  const extended = s.run({ type: 'ActingExtended', data: { nip: NIP.plt, positionId: 'kadis-pendidikan', plannedEnd: '2025-09-03' } }, { effectiveAt: '2025-06-05' });
  const cleared = ofType(extended, 'ProgramRiskCleared');
  t.same(cleared.map((c) => c.data.programId), [], 'KJP still has its open handover flag, so nothing clears yet');
  t.same(s.state.programs.get('kjp-plus')?.openFlags.map((f) => f.cause).sort(), ['ACTING_OVER_LIMIT', 'HOLDER_LEFT']);
  t.end();
});

t.test('after the one extension, the limit is six months and a second extension does not move it', (t) => {
  const s = withPlt();
  s.given(
    [{ type: 'ActingExtended', data: { nip: NIP.plt, positionId: 'kadis-pendidikan', plannedEnd: '2025-09-03' } }, { effectiveAt: '2025-06-01' }],
    [{ type: 'ActingExtended', data: { nip: NIP.plt, positionId: 'kadis-pendidikan', plannedEnd: '2025-12-03' } }, { effectiveAt: '2025-09-01' }],
  );
  t.same(ofType(s.tickOn('2025-09-03'), 'ProgramFlaggedAtRisk').filter((f) => f.data.cause === 'ACTING_OVER_LIMIT'), []);
  const over = s.tickOn('2025-09-04').filter((r) => r.event.type === 'ProgramFlaggedAtRisk' && r.event.data.cause === 'ACTING_OVER_LIMIT');
  t.equal(over.length, 2);
  t.match(over[0]?.idempotencyKey, /:2:kjp-plus$/, 'a new key per extension count');
  t.match(ofType(over, 'ProgramFlaggedAtRisk')[0]?.data.reasons[0], /after 2 extension\(s\)/);
  t.end();
});

t.test('an ACTING_OVER_LIMIT flag alone clears when the Plt is extended', (t) => {
  const s = dinasPendidikan().given(
    [{ type: 'ActingAppointed', data: { nip: NIP.plt, positionId: 'kadis-pendidikan', actingKind: 'PLH', plannedEnd: '2025-04-01' } }, { effectiveAt: '2025-01-01' }],
  );
  const over = s.tickOn('2025-04-02').filter((r) => r.event.type === 'ProgramFlaggedAtRisk');
  t.equal(over.length, 2, 'a Plh beside a present holder is still over its limit');
  s.settle(over, '2025-04-02');
  const extended = s.run({ type: 'ActingExtended', data: { nip: NIP.plt, positionId: 'kadis-pendidikan', plannedEnd: '2025-07-01' } }, { effectiveAt: '2025-04-03' });
  t.same(ofType(extended, 'ProgramRiskCleared').map((c) => [c.data.programId, c.data.resolution]), [
    ['kjp-plus', 'the acting appointment is within its limit again'], ['literasi', 'the acting appointment is within its limit again'],
  ]);
  t.end();
});

t.test('an overdue required task escalates the checklist once', (t) => {
  const { s } = vacated();
  const [checklist] = s.state.checklists.values();
  if (checklist === undefined) throw new Error('no checklist');
  s.run({ type: 'HandoverTaskCompleted', data: { checklistId: checklist.checklistId, taskId: 'memorandum', note: null } }, { effectiveAt: '2025-02-25' });
  t.same(ofType(s.tickOn('2025-02-28'), 'HandoverEscalated'), [], 'program-status is due on 2025-02-28 itself');
  const reactions = s.tickOn('2025-03-01');
  const [escalated] = ofType(reactions, 'HandoverEscalated');
  t.same(escalated?.data, { checklistId: checklist.checklistId, overdueTaskIds: ['program-status', 'budget-status'], escalatedToRole: 'hr' });
  const reaction = reactions.find((r) => r.event.type === 'HandoverEscalated');
  t.equal(reaction?.idempotencyKey, `continuity:escalate:${checklist.checklistId}`);
  t.equal(reaction?.causationId, checklist.openedEventId);
  s.settle(reactions, '2025-03-01');
  t.same(ofType(s.tickOn('2025-03-20'), 'HandoverEscalated'), [], 'once per checklist');
  t.end();
});

t.test('tick repeats nothing already done', (t) => {
  const { s } = vacated();
  const first = s.tickOn('2025-04-01');
  t.ok(first.length > 0);
  s.settle(first, '2025-04-01');
  t.same(s.tickOn('2025-04-01'), []);
  t.end();
});
