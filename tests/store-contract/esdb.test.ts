// Runs the store contract, unchanged, on the EventStoreDB adapter, each test on its own fresh ledger stream (so tests
// on one server never see each other). The server: ESDB_URL when set (an unreachable one fails the run), else an
// eventstore/eventstore:24.10 container when testcontainers finds a container runtime, else the suite reports that it
// was skipped and why. The adapter's logic also runs without a server in services/ledger/src/store/esdb-*.test.ts.
import t from 'tap';
import { randomBytes } from 'node:crypto';
import { createEventStoreDbEventStore } from '@estafet/ledger';
import { runStoreContract } from './contract.js';
import { streamOf, unitEstablished } from './fixtures.js';

const IMAGE = 'eventstore/eventstore:24.10';
/** Finding a runtime is local (a socket, an env variable); one that takes longer than this is not usable here. */
const PROBE_TIMEOUT_MS = 3000;

type Server = { readonly url: string; stop(): Promise<void> } | { readonly skipped: string };

async function esdbServer(): Promise<Server> {
  const configured = process.env.ESDB_URL;
  if (configured !== undefined && configured !== '') return { url: configured, stop: () => Promise.resolve() };
  // Loaded only here: a process given ESDB_URL never needs the container library.
  const { GenericContainer, Wait, getContainerRuntimeClient } = await import('testcontainers');
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      getContainerRuntimeClient(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
      }),
    ]);
  } catch (error) {
    return { skipped: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
  // A runtime was found: from here a failure is a failure, not a skip. The first run pulls the image.
  t.setTimeout(10 * 60_000);
  const container = await new GenericContainer(IMAGE)
    .withEnvironment({ EVENTSTORE_INSECURE: 'true', EVENTSTORE_MEM_DB: 'true', EVENTSTORE_RUN_PROJECTIONS: 'None', EVENTSTORE_CLUSTER_SIZE: '1' })
    .withExposedPorts(2113)
    .withWaitStrategy(Wait.forHttp('/health/live', 2113).forStatusCode(204))
    .withStartupTimeout(120_000)
    .start();
  return {
    url: `esdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`,
    stop: async () => {
      await container.stop();
    },
  };
}

const server = await esdbServer();
if ('skipped' in server) {
  t.plan(0, `EventStoreDB contract skipped: ESDB_URL is unset and no container runtime was found (${server.skipped})`);
} else {
  t.teardown(() => server.stop());
  void runStoreContract(t, `eventstoredb (fresh ledger stream per test, ${IMAGE} or ESDB_URL)`, async () => {
    const store = await createEventStoreDbEventStore({
      connectionString: server.url, ledgerStream: `estafet-test-${randomBytes(8).toString('hex')}`, pollIntervalMs: 50,
    });
    return { store, cleanup: () => store.close() };
  });

  t.test('eventstoredb: two store objects (two processes) on one ledger stream keep one order and one chain', async (t) => {
    const ledgerStream = `estafet-test-${randomBytes(8).toString('hex')}`;
    const [a, b] = await Promise.all([1, 2].map(() => createEventStoreDbEventStore({ connectionString: server.url, ledgerStream })));
    if (a === undefined || b === undefined) throw new Error('two stores expected');
    t.teardown(async () => {
      await Promise.all([a.close(), b.close()]);
    });
    const appendMany = (store: typeof a, n: number) => Promise.all(Array.from({ length: n }, (_, i) =>
      store.append([{ streamId: streamOf('unit'), expectedVersion: 0, events: [unitEstablished(`dinas-${i}`)] }])));
    await Promise.all([appendMany(a, 20), appendMany(b, 20)]);
    t.equal(await a.headPosition(), 40);
    t.equal(await b.headPosition(), 40);
    t.match(await a.verifyChain(), { ok: true, checked: 40 });
    t.strictSame(await a.readAll(), await b.readAll(), 'both see the same log');
  });
}
