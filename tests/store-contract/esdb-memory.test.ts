// The EventStoreDB adapter's whole store logic (index, planning, hash chain, subscriptions) under the unchanged
// contract suite, over an in-memory stream that keeps the server's rules (exact expected revisions, one stream).
// Only the thin client module is left for tests/store-contract/esdb.test.ts against a live server.
import t from 'tap';
import { defaultUpcasters } from '@estafet/events';
import { createLedgerEventStore } from '../../services/ledger/src/store/esdb-ledger-store.js';
import { createMemoryLedgerLog } from '../../services/ledger/src/store/esdb-memory-log.js';
import { runStoreContract } from './contract.js';

void runStoreContract(t, 'eventstoredb store logic on an in-memory ledger stream', async () => {
  const store = await createLedgerEventStore(createMemoryLedgerLog(), { upcasters: defaultUpcasters, clock: () => new Date(), pollIntervalMs: 10 });
  return { store, cleanup: () => store.close() };
});
