// The write side of Estafet: event store port and adapters, deciders, the command handler.
export { StreamVersionConflictError, InvalidAppendError } from './store/event-store.js';
export type {
  EventStore, AppendStream, AppendOptions, AppendResult, ExpectedVersion, ReadAllFilter, SubscribeOptions,
  Subscription, EventHandler, ChainVerification,
} from './store/event-store.js';
// -- store adapters (sqlite, hash chain) --
export { InvalidQueryError, StoreClosedError, SubscriptionClosedError } from './store/event-store.js';
export { createSqliteEventStore } from './store/sqlite-event-store.js';
export type { SqliteEventStore, SqliteEventStoreOptions } from './store/sqlite-event-store.js';
export { DurabilityError, SchemaVersionError } from './store/sqlite-schema.js';
export type { Durability } from './store/sqlite-schema.js';
export { CorruptRowError } from './store/sqlite-rows.js';
export { CanonicalJsonError, canonicalJson, computeEventHash, verifyEvents } from './store/hash-chain.js';
export type { ChainAnchor, ChainCheck } from './store/hash-chain.js';

// -- deciders, rules and the command handler --
export { DomainError, ValidationError, NotFoundError, RuleViolationError, httpStatusOf } from './errors.js';
export type { ValidationIssue } from './errors.js';
export { defaultRules, inForce } from './rules.js';
export type { LedgerRules, Dated, ActingLimits, LeaveKind } from './rules.js';
export { createCommandHandler } from './command-handler.js';
export { createEventIdMinter } from './event-ids.js';
export type { CommandHandler, CommandHandlerDeps, CommandContext, CommandResult } from './command-handler.js';
export { ledgerDecider, decide, streamsToRead, primaryStreamOf, withGeneratedIds } from './deciders/ledger-decider.js';
export type { CorrectionTarget } from './deciders/ledger-decider.js';
export type { DecideContext, Decision, PlannedEvent } from './deciders/decision.js';
export {
  initialStreamLog, evolveStreamLog, applyToStreamLog, foldStreamLog, createStreamStates,
} from './deciders/stream-log.js';
export type { StreamLog, StreamStates } from './deciders/stream-log.js';
export { toRecorded, foldEvents, UnreadableEventError } from './deciders/recorded-event.js';
export type { Recorded, RecordedOf, Aggregate } from './deciders/recorded-event.js';
export { unitStream, positionStream, employeeStream, programStream, complaintStream } from './deciders/stream-ids.js';
export { unitAggregate } from './deciders/unit-decider.js';
export type { UnitState } from './deciders/unit-decider.js';
export { positionAggregate } from './deciders/position-decider.js';
export type { PositionState, PositionAttributes } from './deciders/position-decider.js';
export { employeeAggregate } from './deciders/employee-decider.js';
export type { EmployeeState } from './deciders/employee-decider.js';
export { programAggregate } from './deciders/program-decider.js';
export type { ProgramState } from './deciders/program-decider.js';
export { complaintAggregate } from './deciders/complaint-decider.js';
export type { ComplaintState } from './deciders/complaint-decider.js';
export { OCCUPANCY_EVENTS, walkTimeline, positionTimeline, termAt, positionsHeldAt } from './deciders/occupancy-timeline.js';
export type { OccupancyEvent, Tenure, ActingTerm, LeaveTerm, Timeline, TimelineProblem } from './deciders/occupancy-timeline.js';
export { historyProblems } from './deciders/history-consistency.js';
export type { HistoryProblem } from './deciders/history-consistency.js';

// -- postgres adapter --
export { createPostgresEventStore } from './store/postgres-event-store.js';
export type { PostgresEventStore, PostgresEventStoreOptions } from './store/postgres-event-store.js';

// -- migration --
export { EVENT_COLUMNS } from './store/sqlite-rows.js';
export type { EventRow } from './store/sqlite-rows.js';
export { parseEventRows } from './store/postgres-queries.js';
export { SchemaNameSchema, advisoryLockKey } from './store/postgres-schema.js';

// -- eventstoredb adapter --
export { createEventStoreDbEventStore } from './store/esdb-event-store.js';
export type { EventStoreDbEventStore, EventStoreDbEventStoreOptions } from './store/esdb-event-store.js';
export { LedgerContentionError } from './store/esdb-log.js';
