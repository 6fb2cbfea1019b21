// The write side of Estafet: event store port and adapters, deciders, the command handler.
export { StreamVersionConflictError, InvalidAppendError } from './store/event-store.js';
export type {
  EventStore, AppendStream, AppendOptions, AppendResult, ExpectedVersion, ReadAllFilter, SubscribeOptions,
  Subscription, EventHandler, ChainVerification,
} from './store/event-store.js';
// -- store adapters (sqlite, hash chain) --

// -- deciders, rules and the command handler --

