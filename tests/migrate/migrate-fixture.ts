// A ledger worth migrating, built through store.append: multi-stream appends linked (alsoIn) into shared
// streams, under idempotency keys, some crossing the CLI's batch boundaries; plus running the CLI in process.
import { randomUUID } from 'node:crypto';
import type { StoredEvent } from '@estafet/events';
import type { EventStore } from '@estafet/ledger';
import { runMigrateCli } from '../../scripts/src/migrate/migrate-cli.js';
import { positionEstablished, streamOf, unitEstablished, unitRenamed } from '../store-contract/fixtures.js';

export interface BuiltLedger {
  /** Every unit's stream and the registry they are all linked into. */
  readonly streams: readonly string[];
  /** Idempotency key -> the events first stored under it. */
  readonly keyed: ReadonlyMap<string, readonly StoredEvent[]>;
}

/** Five events per round: 3 in one keyed two-stream append, 2 more in a plain one. 80 rounds give 400. */
export async function buildLedger(store: EventStore, rounds = 80): Promise<BuiltLedger> {
  const registry = streamOf('registry');
  const streams = [registry];
  const keyed = new Map<string, readonly StoredEvent[]>();
  for (let i = 0; i < rounds; i++) {
    const unit = streamOf('unit');
    const position = streamOf('position');
    streams.push(unit, position);
    const correlationId = randomUUID();
    const key = `establish-${i}`;
    const first = await store.append([
      { streamId: unit, expectedVersion: 0, events: [
        unitEstablished(`dinas-${i}`, { alsoIn: [registry], correlationId }),
        unitRenamed(`dinas-${i}`, `Dinas ${i} (baru)`, { correlationId, legalBasis: null }),
      ] },
      { streamId: position, expectedVersion: 0, events: [
        positionEstablished(`kadis-${i}`, `dinas-${i}`, { alsoIn: [unit, registry], correlationId }),
      ] },
    ], { idempotencyKey: key });
    keyed.set(key, first.events);
    const cause = first.events[0]?.eventId ?? null;
    await store.append([{ streamId: unit, expectedVersion: 3, events: [
      unitRenamed(`dinas-${i}`, `Dinas ${i} — Jakarta "Pusat"`, { causationId: cause }),
      unitRenamed(`dinas-${i}`, `Dinas ${i}\nbaris kedua ✓`, { alsoIn: [registry] }),
    ] }]);
  }
  return { streams, keyed };
}

/** Every event of a store, paged through readAll. */
export async function everyEvent(store: EventStore): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for (;;) {
    const page = await store.readAll({ fromPosition: events.at(-1)?.globalPosition ?? 0, limit: 1000 });
    if (page.length === 0) return events;
    events.push(...page);
  }
}

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The migrate CLI in this process, its output captured. */
export async function migrate(...argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runMigrateCli(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { code, stdout, stderr };
}

/** A PostgreSQL ledger location on the test server, in the given schema. */
export const postgresLedger = (url: string, schema: string): string => {
  const location = new URL(url);
  location.searchParams.set('schema', schema);
  return location.toString();
};
