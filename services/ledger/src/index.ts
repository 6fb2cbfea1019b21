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


// -- postgres adapter --
export { createPostgresEventStore } from './store/postgres-event-store.js';
export type { PostgresEventStore, PostgresEventStoreOptions } from './store/postgres-event-store.js';
