// Test support for the pure continuity code: a scenario that folds events as the process would, and
// feeds the process's own reactions back in, so tests read given(events).when(event).then(reactions).
import type { DomainEvent } from '@estafet/events';
import type { ContinuityInputType, EventMeta, LoggedEvent } from './continuity-event.js';
import { DEFAULT_CONTINUITY_RULES } from './continuity-rules.js';
import type { ContinuityRules } from './continuity-rules.js';
import { createContinuityState } from './continuity-state.js';
import type { ContinuityState } from './continuity-state.js';
import { deterministicUuid } from './deterministic-id.js';
import { evolveContinuity } from './evolve-continuity.js';
import { react } from './react.js';
import type { Reaction } from './reaction.js';
import { tick } from './tick.js';

export type InputEvent = Extract<DomainEvent, { type: ContinuityInputType }>;

export interface At {
  readonly effectiveAt: string;
  /** Defaults to noon (Jakarta) of the effective date. */
  readonly recordedAt?: string;
  readonly eventId?: string;
  readonly correlationId?: string;
}

export const NIP = {
  kadis: '197001012000031001',
  plt: '197502022001042002',
  successor: '198003032005031003',
  other: '198504042010012004',
} as const;

export interface Scenario {
  readonly state: ContinuityState;
  readonly rules: ContinuityRules;
  /** Every event folded so far, inputs and the process's own, in log order. */
  readonly history: readonly LoggedEvent[];
  /** Folds events without reacting (history the process had already handled). */
  given(...events: readonly (readonly [InputEvent, At])[]): Scenario;
  /** Folds one event and returns the reactions to it. */
  when(event: InputEvent, at: At): { event: LoggedEvent; reactions: Reaction[] };
  /** Runs the time rules on a date (noon in Jakarta). */
  tickOn(date: string): Reaction[];
  /** Folds reactions as the process would once they are stored; returns their reactions in turn. */
  settle(reactions: readonly Reaction[], recordedOn?: string): Reaction[];
  /** Folds and reacts until nothing more happens; returns everything appended. */
  run(event: InputEvent, at: At): Reaction[];
}

const noon = (date: string): string => `${date}T05:00:00.000Z`;

export const scenario = (rules: ContinuityRules = DEFAULT_CONTINUITY_RULES): Scenario => {
  const state = createContinuityState();
  const appended = new Set<string>();
  const history: LoggedEvent[] = [];
  let position = 0;
  const log = (event: InputEvent, meta: Omit<EventMeta, 'globalPosition'>): LoggedEvent => {
    position += 1;
    const logged = { ...event, meta: { ...meta, globalPosition: position } };
    history.push(logged);
    return logged;
  };
  const fromAt = (event: InputEvent, at: At): LoggedEvent => log(event, {
    eventId: at.eventId ?? deterministicUuid(`test:${position + 1}`),
    streamId: 'test-stream',
    effectiveAt: at.effectiveAt,
    recordedAt: at.recordedAt ?? noon(at.effectiveAt),
    correlationId: at.correlationId ?? `corr-${position + 1}`,
    causationId: null,
    actor: { id: 'hr:test', role: 'hr' },
  });
  const fromReaction = (reaction: Reaction, index: number, recordedOn: string | undefined): LoggedEvent => log(reaction.event, {
    eventId: deterministicUuid(`${reaction.idempotencyKey}#${index}`),
    streamId: reaction.streamId,
    effectiveAt: reaction.effectiveAt,
    recordedAt: noon(recordedOn ?? reaction.effectiveAt),
    correlationId: reaction.correlationId,
    causationId: reaction.causationId,
    actor: { id: 'system:continuity', role: 'system' },
  });
  const self: Scenario = {
    state,
    rules,
    history,
    given(...events) {
      for (const [event, at] of events) evolveContinuity(state, fromAt(event, at), rules);
      return self;
    },
    when(event, at) {
      const logged = fromAt(event, at);
      evolveContinuity(state, logged, rules);
      return { event: logged, reactions: react(state, logged, rules) };
    },
    tickOn: (date) => tick(state, new Date(noon(date)), rules),
    settle(reactions, recordedOn) {
      const next: Reaction[] = [];
      for (const reaction of reactions) {
        // The store's idempotency: a key already appended stores nothing.
        if (appended.has(reaction.idempotencyKey)) continue;
        appended.add(reaction.idempotencyKey);
        const logged = fromReaction(reaction, 0, recordedOn);
        evolveContinuity(state, logged, rules);
        next.push(...react(state, logged, rules));
      }
      return next;
    },
    run(event, at) {
      const all: Reaction[] = [];
      let pending = self.when(event, at).reactions;
      for (let round = 0; pending.length > 0 && round < 10; round += 1) {
        const fresh = pending.filter((r) => !appended.has(r.idempotencyKey));
        all.push(...fresh);
        pending = self.settle(fresh, at.recordedAt?.slice(0, 10) ?? at.effectiveAt);
      }
      return all;
    },
  };
  return self;
};

export const ORG_DATE = '2024-01-02';

/**
 * Dinas Pendidikan: a Kepala Dinas (JPT Pratama) leading KJP Plus (CRITICAL, implementation) and a LOW
 * program in planning, a Kepala Bidang (Administrator) and a staff position.
 */
export const dinasPendidikan = (s: Scenario = scenario()): Scenario => s.given(
  [{ type: 'PositionEstablished', data: {
    positionId: 'kadis-pendidikan', unitId: 'dinas-pendidikan', title: 'Kepala Dinas Pendidikan', kind: 'JPT_PRATAMA',
    eselon: 'II.a', isLeadership: true, minimumGolongan: 'IV/c', requiredCompetencies: ['kepemimpinan-strategis', 'manajemen-anggaran'],
  } }, { effectiveAt: ORG_DATE }],
  [{ type: 'PositionEstablished', data: {
    positionId: 'kabid-sd', unitId: 'dinas-pendidikan', title: 'Kepala Bidang Sekolah Dasar', kind: 'ADMINISTRATOR',
    eselon: 'III.a', isLeadership: true, minimumGolongan: 'IV/a', requiredCompetencies: [],
  } }, { effectiveAt: ORG_DATE }],
  [{ type: 'PositionEstablished', data: {
    positionId: 'staf-sd', unitId: 'dinas-pendidikan', title: 'Pengelola Data', kind: 'PELAKSANA',
    eselon: 'NON_ESELON', isLeadership: false, minimumGolongan: null, requiredCompetencies: [],
  } }, { effectiveAt: ORG_DATE }],
  [{ type: 'PositionAssigned', data: { nip: NIP.kadis, positionId: 'kadis-pendidikan' } }, { effectiveAt: ORG_DATE }],
  [{ type: 'PositionAssigned', data: { nip: NIP.other, positionId: 'kabid-sd' } }, { effectiveAt: ORG_DATE }],
  [{ type: 'ProgramRegistered', data: {
    programId: 'kjp-plus', name: 'KJP Plus', unitId: 'dinas-pendidikan', leadingPositionId: 'kadis-pendidikan',
    criticality: 'CRITICAL', phase: 'IMPLEMENTATION', periodStart: '2024-01-02', periodEnd: null,
  } }, { effectiveAt: ORG_DATE }],
  [{ type: 'ProgramRegistered', data: {
    programId: 'literasi', name: 'Gerakan Literasi', unitId: 'dinas-pendidikan', leadingPositionId: 'kadis-pendidikan',
    criticality: 'LOW', phase: 'PLANNING', periodStart: '2024-01-02', periodEnd: null,
  } }, { effectiveAt: ORG_DATE }],
);
