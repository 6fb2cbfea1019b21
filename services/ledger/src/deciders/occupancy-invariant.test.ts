// Property: whatever sequence of occupancy commands is tried, in whatever effective-date order, the history
// the deciders accept never has two holders (or two acting officials) of a position at once, every
// employee's timeline is consistent, and each position's stream tells the same story as the employees'.
import t from 'tap';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Command } from '@estafet/events';
import { DomainError } from '../errors.js';
import { defaultRules } from '../rules.js';
import { addMonths } from './calendar.js';
import { nip, organisation, sk } from './decider-fixtures.js';
import { memoryLedger } from './decider-spec.js';
import { historyProblems } from './history-consistency.js';
import { OCCUPANCY_EVENTS, positionTimeline, walkTimeline } from './occupancy-timeline.js';
import type { OccupancyEvent, Tenure } from './occupancy-timeline.js';
import { isOneOf } from './recorded-event.js';
import { foldStreamLog } from './stream-log.js';

const people = Object.values(nip);
const positions = ['kadis', 'kabid', 'staf-1', 'staf-2'];
const who = fc.constantFrom(...people);
const where = fc.constantFrom(...positions);
const date = fc.constantFrom('2019-01-01', '2020-01-01', '2020-06-01', '2021-01-01', '2022-01-01', '2022-06-01', '2023-01-01', '2024-01-01');

const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(who, where, date).map(([n, p, d]): Command => ({ type: 'AssignPosition', nip: n, positionId: p, effectiveAt: d, legalBasis: sk })) },
  { weight: 4, arbitrary: fc.tuple(who, where, date).map(([n, p, d]): Command => ({
    type: 'TransferEmployee', nip: n, toPositionId: p, reason: 'ROTATION', effectiveAt: d, legalBasis: sk,
  })) },
  { weight: 1, arbitrary: fc.tuple(who, date).map(([n, d]): Command => ({ type: 'SeparateEmployee', nip: n, reason: 'RETIREMENT', effectiveAt: d, legalBasis: sk })) },
  { weight: 2, arbitrary: fc.tuple(who, date).map(([n, d]): Command => ({ type: 'StartLeave', nip: n, leaveKind: 'SAKIT', plannedEnd: null, effectiveAt: d })) },
  { weight: 1, arbitrary: fc.tuple(who, date).map(([n, d]): Command => ({ type: 'EndLeave', nip: n, effectiveAt: d })) },
  { weight: 2, arbitrary: fc.tuple(who, where, date, fc.constantFrom('PLT' as const, 'PLH' as const)).map(([n, p, d, k]): Command => ({
    type: 'AppointActing', positionId: p, nip: n, actingKind: k, plannedEnd: addMonths(d, 2), effectiveAt: d, legalBasis: sk,
  })) },
  { weight: 1, arbitrary: fc.tuple(who, where, date).map(([n, p, d]): Command => ({
    type: 'EndActing', positionId: p, nip: n, reason: 'COMPLETED', effectiveAt: d,
  })) },
);

const key = (term: Tenure) => `${term.nip} ${term.positionId} ${term.from} ${term.to ?? '…'}`;

t.test('accepted occupancy commands never yield overlapping holders or inconsistent timelines', (t) => {
  let accepted = 0;
  fc.assert(fc.property(fc.array(command, { minLength: 10, maxLength: 40 }), (commands) => {
    const ledger = memoryLedger(organisation);
    for (const c of commands) {
      try {
        // Rank minimums are another rule's business; warn so more occupancy commands get through.
        ledger.execute(c, { rules: { ...defaultRules, minimumGolonganPolicy: 'warn' } });
        accepted += 1;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
      }
    }
    const employeeTerms = new Map<string, string[]>();
    for (const person of people) {
      const log = foldStreamLog(`employee-${person}`, ledger.stream(`employee-${person}`));
      assert.deepEqual(historyProblems(log).map((p) => p.message), [], `employee ${person}`);
      const timeline = walkTimeline(log.events.filter((e): e is OccupancyEvent => isOneOf(e, OCCUPANCY_EVENTS)));
      for (const term of [...timeline.tenures, ...timeline.actings]) {
        employeeTerms.set(term.positionId, [...(employeeTerms.get(term.positionId) ?? []), key(term)]);
      }
    }
    for (const positionId of positions) {
      const log = foldStreamLog(`position-${positionId}`, ledger.stream(`position-${positionId}`));
      assert.deepEqual(historyProblems(log).map((p) => p.message), [], `position ${positionId}`);
      const occupancy = log.events.filter((e): e is OccupancyEvent => isOneOf(e, OCCUPANCY_EVENTS));
      const { tenures, actings } = positionTimeline(occupancy, positionId);
      assert.deepEqual([...tenures, ...actings].map(key).sort(), (employeeTerms.get(positionId) ?? []).sort(),
        `position ${positionId} and its holders agree`);
    }
  }), { numRuns: 150, seed: 20240201 });
  t.pass('150 random histories keep every invariant');
  t.ok(accepted > 300, `the generator exercises acceptance too (${accepted} commands accepted)`);
  t.end();
});
