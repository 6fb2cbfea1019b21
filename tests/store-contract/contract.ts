// The one event-store contract every adapter runs unchanged (SQLite, PostgreSQL, EventStoreDB):
// what passes here on one adapter must pass on all. Each test gets a fresh, empty store from the factory.
import type { Test } from 'tap';
import { appendContract } from './contract-append.js';
import { readContract } from './contract-read.js';
import { subscribeContract } from './contract-subscribe.js';
import type { StoreFactory } from './fixtures.js';

export type { StoreFactory, StoreUnderTest } from './fixtures.js';

export function runStoreContract(t: Test, name: string, factory: StoreFactory): Promise<void> {
  return t.test(`event store contract: ${name}`, (t) => {
    for (const [part, define] of [['append', appendContract], ['read', readContract], ['subscribe', subscribeContract]] as const) {
      t.test(part, (t) => {
        define(t, factory);
        t.end();
      });
    }
    t.end();
  }).then(() => undefined);
}
