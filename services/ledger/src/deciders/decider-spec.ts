// Test support: given(events).when(command).then(t, expected) for deciders, over an in-memory stand-in for
// the store's streams that links each event into its alsoIn streams the way every adapter does.
import type { Test } from 'tap';
import type { Command, DomainEvent, EventData, EventType, StoredEvent } from '@estafet/events';
import { DomainError, NotFoundError, RuleViolationError, ValidationError } from '../errors.js';
import { defaultRules } from '../rules.js';
import type { LedgerRules } from '../rules.js';
import type { DecideContext, Decision } from './decision.js';
import { ledgerDecider } from './ledger-decider.js';
import type { CorrectionTarget } from './ledger-decider.js';
import { createStreamStates, foldStreamLog } from './stream-log.js';
import { parseDomainEvent } from './recorded-event.js';
import { complaintStream, employeeStream, positionStream, programStream, unitStream } from './stream-ids.js';

type Assert = Test;

export interface Fact {
  readonly event: DomainEvent;
  readonly effectiveAt: string;
  readonly eventId?: string;
  readonly streamId?: string;
  readonly alsoIn?: readonly string[];
}

/** A recorded event for `given`; stream and alsoIn follow the ledger's layout unless given. */
export function fact<T extends EventType>(
  type: T, data: EventData<T>, effectiveAt: string, options: { id?: string; stream?: string; alsoIn?: readonly string[] } = {},
): Fact {
  const eventId = options.id ?? autoEventId();
  return { event: parseDomainEvent(type, data, eventId), effectiveAt, eventId, streamId: options.stream, alsoIn: options.alsoIn };
}

/** Deterministic, valid v4-shaped UUIDs for test events; tests name theirs with small numbers. */
export const testEventId = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

// Ids a test did not choose come from a range of their own, so they never collide with chosen ones.
let autoIds = 0;
const autoEventId = (): string => testEventId(100_000_000_000 + ++autoIds);

export const TEST_NOW = new Date('2025-01-02T03:00:00Z');

export interface MemoryLedger {
  readonly stored: StoredEvent[];
  record(fact: Fact): StoredEvent;
  decide(command: Command, options?: { now?: Date; rules?: LedgerRules }): Decision;
  /** Decides and records the decision, as the command handler would. */
  execute(command: Command, options?: { now?: Date; rules?: LedgerRules }): Decision;
  stream(streamId: string): StoredEvent[];
}

export function memoryLedger(facts: readonly Fact[] = []): MemoryLedger {
  const stored: StoredEvent[] = [];
  const streams = new Map<string, StoredEvent[]>();
  const stream = (id: string) => streams.get(id) ?? [];
  const record = (f: Fact): StoredEvent => {
    const defaults = f.streamId === undefined || f.alsoIn === undefined ? defaultStreamsOf(f.event) : null;
    const streamId = f.streamId ?? defaults?.streamId ?? '';
    const event: StoredEvent = {
      eventId: f.eventId ?? autoEventId(), type: f.event.type, schemaVersion: 1, data: f.event.data,
      effectiveAt: f.effectiveAt, legalBasis: null, actor: { id: 'test', role: 'hr' }, correlationId: 'test',
      causationId: null, alsoIn: [...(f.alsoIn ?? defaults?.alsoIn ?? [])], streamId, streamVersion: stream(streamId).length + 1,
      globalPosition: stored.length + 1, recordedAt: TEST_NOW.toISOString(), idempotencyKey: null,
      prevHash: '0'.repeat(64), hash: '0'.repeat(64),
    };
    stored.push(event);
    for (const id of [streamId, ...event.alsoIn]) streams.set(id, [...stream(id), event]);
    return event;
  };
  const decide = (input: Command, options: { now?: Date; rules?: LedgerRules } = {}): Decision => {
    const command = ledgerDecider.withGeneratedIds(input, autoEventId);
    const target = targetOf(command, stored);
    const read = () => createStreamStates([...loaded].map((id) => foldStreamLog(id, stream(id))));
    const loaded = new Set<string>();
    for (let round = 0; round < 5; round++) {
      const missing = ledgerDecider.streamsToRead(command, read(), target).filter((id) => !loaded.has(id));
      if (missing.length === 0) break;
      for (const id of missing) loaded.add(id);
    }
    const context: DecideContext = { now: options.now ?? TEST_NOW, rules: options.rules ?? defaultRules };
    return ledgerDecider.decide(command, read(), context);
  };
  for (const f of facts) record(f);
  return {
    stored,
    record,
    decide,
    execute(command, options) {
      const decision = decide(command, options);
      for (const e of decision.events) {
        record({ event: e.event, effectiveAt: e.effectiveAt, streamId: e.streamId, alsoIn: e.alsoIn });
      }
      return decision;
    },
    stream,
  };
}

function targetOf(command: Command, stored: readonly StoredEvent[]): CorrectionTarget | null {
  if (command.type !== 'CorrectEvent' && command.type !== 'RetractEvent') return null;
  return stored.find((e) => e.eventId === command.eventId) ?? null;
}

export interface ExpectedEvent {
  readonly streamId: string;
  readonly alsoIn?: readonly string[];
  readonly effectiveAt?: string;
  readonly type: EventType;
  readonly data: unknown;
}

export type ExpectedError =
  | { readonly kind: 'rule'; readonly rule: string; readonly mentions: readonly string[] }
  | { readonly kind: 'invalid'; readonly paths: readonly string[] }
  | { readonly kind: 'not-found'; readonly resource: string; readonly id: string };

export const violates = (rule: string, ...mentions: string[]): ExpectedError => ({ kind: 'rule', rule, mentions });
export const invalid = (...paths: string[]): ExpectedError => ({ kind: 'invalid', paths });
export const notFound = (resource: string, id: string): ExpectedError => ({ kind: 'not-found', resource, id });

export function given(facts: readonly Fact[]) {
  return {
    when(command: Command, options: { now?: Date; rules?: LedgerRules } = {}) {
      const run = (): Decision | DomainError => {
        try {
          return memoryLedger(facts).decide(command, options);
        } catch (error) {
          if (error instanceof DomainError) return error;
          throw error;
        }
      };
      return {
        /** Asserts the decision (or the refusal) and ends the test. Warnings must match `warnings`, substring-wise. */
        then(t: Assert, expected: readonly ExpectedEvent[] | ExpectedError, warnings: readonly string[] = []): void {
          const outcome = run();
          if ('kind' in expected) thenError(t, outcome, expected);
          else thenEvents(t, outcome, expected, warnings);
          t.end();
        },
      };
    },
  };
}

function thenEvents(t: Assert, outcome: Decision | DomainError, expected: readonly ExpectedEvent[], warnings: readonly string[]): void {
  if (outcome instanceof DomainError) {
    t.fail(`expected events, got ${outcome.code}: ${outcome.message}`);
    return;
  }
  t.same(outcome.events.map((e, i) => ({
    streamId: e.streamId, alsoIn: e.alsoIn, type: e.event.type, data: e.event.data,
    ...(expected[i]?.effectiveAt === undefined ? {} : { effectiveAt: e.effectiveAt }),
  })), expected.map((e) => ({ ...e, alsoIn: e.alsoIn ?? [] })), 'decided events');
  t.same(outcome.warnings.length, warnings.length, `warnings: ${outcome.warnings.join(' | ')}`);
  warnings.forEach((w, i) => t.match(outcome.warnings[i], w));
}

function thenError(t: Assert, outcome: Decision | DomainError, expected: ExpectedError): void {
  if (!(outcome instanceof DomainError)) {
    t.fail(`expected a refusal, got events ${outcome.events.map((e) => e.event.type).join(', ')}`);
    return;
  }
  switch (expected.kind) {
    case 'rule':
      t.ok(outcome instanceof RuleViolationError, `a rule violation (got ${outcome.code}: ${outcome.message})`);
      t.match(outcome, { rule: expected.rule, httpStatus: 409 });
      for (const m of expected.mentions) t.match(outcome.message, m, `message mentions ${m}`);
      break;
    case 'invalid':
      t.ok(outcome instanceof ValidationError, `a validation error (got ${outcome.code}: ${outcome.message})`);
      t.same(outcome instanceof ValidationError ? outcome.issues.map((i) => i.path) : [], expected.paths);
      t.same(outcome.httpStatus, 400);
      break;
    case 'not-found':
      t.ok(outcome instanceof NotFoundError, `not found (got ${outcome.code}: ${outcome.message})`);
      t.match(outcome, { resource: expected.resource, id: expected.id, httpStatus: 404 });
      break;
    default: {
      const unhandled: never = expected;
      throw new Error(`unknown expectation ${JSON.stringify(unhandled)}`);
    }
  }
}

/** The ledger's stream layout for a recorded fact; leave, separation and corrections need theirs given. */
function defaultStreamsOf(event: DomainEvent): { streamId: string; alsoIn: readonly string[] } {
  switch (event.type) {
    case 'UnitEstablished': case 'UnitRenamed': case 'UnitRestructured': case 'UnitDissolved':
      return { streamId: unitStream(event.data.unitId), alsoIn: [] };
    case 'PositionEstablished': case 'PositionReclassified': case 'PositionAbolished':
      return { streamId: positionStream(event.data.positionId), alsoIn: [] };
    case 'SuccessorNominated':
      return { streamId: positionStream(event.data.positionId), alsoIn: [employeeStream(event.data.nip)] };
    case 'PositionAssigned': case 'ActingAppointed': case 'ActingExtended': case 'ActingEnded':
      return { streamId: employeeStream(event.data.nip), alsoIn: [positionStream(event.data.positionId)] };
    case 'EmployeeTransferred':
      return {
        streamId: employeeStream(event.data.nip),
        alsoIn: [positionStream(event.data.fromPositionId), positionStream(event.data.toPositionId)],
      };
    case 'EmployeeRegistered': case 'RankPromoted': case 'TrainingCompleted': case 'CompetencyAssessed':
    case 'LeaveStarted': case 'LeaveEnded': case 'EmployeeSeparated':
      return { streamId: employeeStream(event.data.nip), alsoIn: [] };
    case 'MentorAssigned': case 'MentorshipEnded':
      return { streamId: employeeStream(event.data.menteeNip), alsoIn: [employeeStream(event.data.mentorNip)] };
    case 'ProgramRegistered': case 'ProgramPhaseChanged': case 'ProgramClosed':
      return { streamId: programStream(event.data.programId), alsoIn: [] };
    case 'ComplaintReceived': case 'ComplaintResolved':
      return { streamId: complaintStream(event.data.complaintId), alsoIn: [] };
    case 'ProgramFlaggedAtRisk': case 'ProgramRiskCleared': case 'HandoverChecklistOpened': case 'HandoverTaskCompleted':
    case 'HandoverChecklistClosed': case 'HandoverEscalated': case 'EventCorrected': case 'EventRetracted':
      throw new Error(`give the stream of a ${event.type} fact explicitly`);
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}
