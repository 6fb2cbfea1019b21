// One continuity process in its own OS process, on the SQLite file named in argv, for the "two processes at
// once" test: it opens the store, says ready, and on "go" reacts to the whole log, ticks, and reports.
// Run without arguments (as a test runner given the whole folder does) it does nothing.
import { createSqliteEventStore } from '@estafet/ledger';
import { startContinuityProcess } from '../../services/worker/src/continuity/continuity-process.js';

const run = async (path: string, now: string): Promise<void> => {
  const clock = (): Date => new Date(now);
  const store = createSqliteEventStore({ path, clock, pollIntervalMs: 5 });
  const go = new Promise<void>((resolve) => process.once('message', () => resolve()));
  process.send?.('ready');
  await go;

  const continuity = await startContinuityProcess({ store, clock, logger: { info: () => undefined, error: () => undefined }, tickIntervalMs: 0 });
  const settle = async (): Promise<void> => {
    for (;;) {
      const head = await store.headPosition();
      await continuity.reached(head);
      if (await store.headPosition() === head) return;
    }
  };
  await settle();
  const ticked = await continuity.tick();
  await settle();
  await continuity.stop();
  await store.close();
  process.send?.({ ticked });
  process.disconnect();
};

const [path, now] = process.argv.slice(2);
if (path !== undefined && now !== undefined) await run(path, now);
