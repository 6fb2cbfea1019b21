// The yardstick for "nothing lost, nothing doubled": the cluster's ledger folded once more, in this process,
// from position 0 into a schema of its own without interruption, compared row for row with what the workers
// left in the cluster's read-model schema.
import { createPostgresEventStore } from '@estafet/ledger';
import { continuityProjection } from '@estafet/projections';
import type { Row } from '@estafet/projections';
import { DEFAULT_PROJECTIONS, createPostgresReadModelStore, createProjectionRunner } from '@estafet/worker';
import type { ReadModelStore } from '@estafet/worker';

const PROJECTIONS = [...DEFAULT_PROJECTIONS, continuityProjection];

export interface ReadModelDifference {
  readonly table: string;
  readonly live: number;
  readonly reference: number;
  /** Primary keys of the first rows that are missing, extra or different in the live schema. */
  readonly keys: readonly string[];
}

const dump = async (readModel: ReadModelStore): Promise<Map<string, Map<string, string>>> => {
  const tables = new Map<string, Map<string, string>>();
  for (const table of PROJECTIONS.flatMap((p) => p.tables)) {
    const rows = new Map<string, string>();
    for (const row of await readModel.scanTable(table)) rows.set(String(row[table.primaryKey]), canonical(row));
    tables.set(table.name, rows);
  }
  return tables;
};

const canonical = (row: Row): string => JSON.stringify(Object.keys(row).sort().map((key) => [key, row[key]]));

/** Tables whose rows differ between the live read models and an uninterrupted fold of the same ledger. */
export async function differencesFromReference(
  connectionString: string, ledgerSchema: string, liveSchema: string,
): Promise<{ differences: ReadModelDifference[]; rows: number }> {
  const store = await createPostgresEventStore({ connectionString, schema: ledgerSchema });
  const live = await createPostgresReadModelStore({ connectionString, schema: liveSchema, maxConnections: 1 });
  const reference = await createPostgresReadModelStore({ connectionString, schema: `${liveSchema}_reference`, maxConnections: 1 });
  try {
    await createProjectionRunner({ store, readModel: reference, projections: PROJECTIONS }).catchUp();
    const [liveRows, referenceRows] = await Promise.all([dump(live), dump(reference)]);
    const differences: ReadModelDifference[] = [];
    let rows = 0;
    for (const [table, expected] of referenceRows) {
      const actual = liveRows.get(table) ?? new Map<string, string>();
      rows += expected.size;
      const keys = [...new Set([...expected.keys(), ...actual.keys()])].filter((key) => expected.get(key) !== actual.get(key));
      if (keys.length > 0) differences.push({ table, live: actual.size, reference: expected.size, keys: keys.slice(0, 5) });
    }
    return { differences, rows };
  } finally {
    await reference.dropSchema().catch(() => undefined);
    await Promise.all([reference.close(), live.close(), store.close()]);
  }
}
