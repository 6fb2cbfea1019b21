// The write-back cache behind RowAccess: evolve reads and writes rows in memory; misses fall through to the
// read-model store; dirty rows leave in one commit per batch. A table rebuilt from empty is "complete": a
// miss means absent, so a rebuild reads the database only for rows it evicted to bound memory.
import type { Row, RowAccess, Table, TableLayout, Value } from '@estafet/projections';
import type { RowReads, TableWrites } from './read-model-store.js';

interface TableCache {
  readonly table: TableLayout;
  readonly lookupColumns: readonly (readonly [string, readonly string[]])[];
  /** null: known to be absent (deleted in this cache, or looked up and not found). */
  readonly rows: Map<string, Row | null>;
  readonly dirty: Set<string>;
  /** Keys read (got or found) since the last eviction: a clean row among them gets a second chance and stays. */
  readonly used: Set<string>;
  /** lookup name -> encoded values -> keys of cached rows with those values (small lists: arrays beat sets). */
  readonly lookups: Map<string, Map<string, string[]>>;
  /** `${lookup}\u0002${encoded values}` already read from the store. */
  readonly loaded: Set<string>;
  complete: boolean;
  /**
   * A complete table whose cold rows were evicted to the store: a get miss then reads the store, and a find
   * reads it for the lookup values evicted rows carried (lookup name -> encoded values); other misses are absences.
   */
  spilled: Map<string, Set<string>> | null;
}

// Lookup keys: a string stands for itself (no allocation on the hot path), a number gets a prefix no id starts
// with. null yields no key: like SQL `=`, a lookup never matches null, so rows with null there are not indexed.
const encode = (value: Value | undefined): string | null =>
  (typeof value === 'string' ? value : typeof value === 'number' ? `\u0000n${value}` : null);
const encodeAll = (values: readonly (Value | undefined)[]): string | null => {
  if (values.length === 1) return encode(values[0]);
  const parts: string[] = [];
  for (const value of values) {
    const part = encode(value);
    if (part === null) return null;
    parts.push(part.replaceAll('\u0001', '\u0001\u0001'));
  }
  return parts.join('\u0001');
};

export interface RowCache extends RowAccess {
  /** Registers a table with nothing cached (forgetting what was); `complete` when it is known to be empty in the store. */
  attach(table: TableLayout, complete: boolean): void;
  /** Registers a table holding exactly these rows (read whole from the store): complete, nothing dirty. */
  seed(table: TableLayout, rows: readonly Row[]): void;
  isComplete(table: string): boolean;
  /** The dirty rows of the given tables, to commit; call markClean after the commit succeeded. */
  writes(tables: readonly TableLayout[]): TableWrites[];
  markClean(tables: readonly TableLayout[]): void;
  /** Forgets everything cached for these tables (after a failed commit, or to bound memory). */
  forget(tables: readonly TableLayout[]): void;
  /**
   * After a commit, before markClean: drops every cached row neither written since the last markClean nor read
   * since the last eviction (they are all in the store now), bounding memory while the rows in use stay. A complete
   * table stays complete; it remembers which lookup values it evicted, so only misses that may concern an evicted
   * row read the store (through the lookup indexes, which must exist from then on). True when something was evicted.
   */
  evictClean(tables: readonly TableLayout[]): boolean;
  size(): number;
}

/** `reads` null: every table must be complete (attached empty or seeded whole); a miss is then an absence. */
export const createRowCache = (reads: RowReads | null): RowCache => {
  const caches = new Map<string, TableCache>();
  let cachedRows = 0;

  const cacheOf = (table: { readonly name: string }): TableCache => {
    const cache = caches.get(table.name);
    if (cache === undefined) throw new Error(`read-model table ${table.name} is not attached to the runner`);
    return cache;
  };

  const lookupValue = (row: Row, columns: readonly string[]): string | null =>
    (columns.length === 1 ? encode(row[columns[0] ?? '']) : encodeAll(columns.map((c) => row[c])));

  const index = (cache: TableCache, key: string, row: Row, add: boolean): void => {
    for (const [name, columns] of cache.lookupColumns) {
      const encoded = lookupValue(row, columns);
      if (encoded === null) continue;
      let byValue = cache.lookups.get(name);
      if (byValue === undefined) cache.lookups.set(name, (byValue = new Map<string, string[]>()));
      const keys = byValue.get(encoded);
      if (add) {
        if (keys === undefined) byValue.set(encoded, [key]);
        else keys.push(key);
      } else if (keys !== undefined) {
        const at = keys.indexOf(key);
        if (at >= 0) keys.splice(at, 1);
        if (keys.length === 0) byValue.delete(encoded);
      }
    }
  };

  const sameLookups = (cache: TableCache, a: Row, b: Row): boolean => {
    for (const [, columns] of cache.lookupColumns) for (const c of columns) if (a[c] !== b[c]) return false;
    return true;
  };

  const remember = (cache: TableCache, key: string, row: Row | null): void => {
    const old = cache.rows.get(key);
    cache.rows.set(key, row);
    // Most writes replace a row with a version of itself: its lookup entries stay where they are.
    if (old !== undefined && old !== null && row !== null && sameLookups(cache, old, row)) return;
    if (old === undefined) cachedRows += 1;
    else if (old !== null) index(cache, key, old, false);
    if (row !== null) index(cache, key, row, true);
  };

  const keyOf = (cache: TableCache, row: Row): string => {
    const key = row[cache.table.primaryKey];
    if (typeof key !== 'string') throw new TypeError(`${cache.table.name}: primary key ${cache.table.primaryKey} must be text`);
    return key;
  };

  const storeReads = (table: { readonly name: string }): RowReads => {
    if (reads === null) throw new Error(`read-model table ${table.name} is not held whole in memory and the store cannot read synchronously`);
    return reads;
  };

  // Every row in a table's cache was put through that table's typed put or parsed by its schema on a miss,
  // so handing it back as the table's row type is sound; this is the one place the type is re-attached.
  const typed = <T extends Row>(_table: Table<T>, row: Row): T => row as T;

  const attach = (table: TableLayout, complete: boolean): TableCache => {
    const existing = caches.get(table.name);
    if (existing !== undefined) cachedRows -= existing.rows.size;
    const cache: TableCache = {
      table, lookupColumns: Object.entries(table.lookups), rows: new Map(), dirty: new Set(), used: new Set(), lookups: new Map(), loaded: new Set(), complete,
      spilled: null,
    };
    caches.set(table.name, cache);
    return cache;
  };

  return {
    attach(table, complete) {
      attach(table, complete);
    },
    seed(table, rows) {
      const cache = attach(table, true);
      for (const row of rows) remember(cache, keyOf(cache, row), row);
    },
    isComplete: (name) => cacheOf({ name }).complete,

    get(table, key) {
      const cache = cacheOf(table);
      const cached = cache.rows.get(key);
      if (cached !== undefined) {
        cache.used.add(key);
        return cached === null ? undefined : typed(table, cached);
      }
      if (cache.complete && cache.spilled === null) return undefined;
      cache.used.add(key);
      const found = storeReads(table).getRow(table, key);
      remember(cache, key, found ?? null);
      return found;
    },

    put(table, row) {
      const cache = cacheOf(table);
      const key = keyOf(cache, row);
      remember(cache, key, row);
      cache.dirty.add(key);
    },

    delete(table, key) {
      const cache = cacheOf(table);
      remember(cache, key, null);
      cache.dirty.add(key);
    },

    find<T extends Row, L extends string>(table: Table<T, L>, lookup: L, values: readonly Value[]): T[] {
      const cache = cacheOf(table);
      const encoded = encodeAll(values);
      const columns = cache.table.lookups[lookup];
      if (columns === undefined) throw new Error(`${table.name} has no lookup ${lookup}`);
      if (encoded === null) return [];
      const marker = `${lookup}\u0002${encoded}`;
      const unknown = !cache.complete || cache.spilled?.get(lookup)?.has(encoded) === true;
      if (unknown && !cache.loaded.has(marker)) {
        // Rows already cached win: they may hold writes the store has not seen yet.
        for (const row of storeReads(table).findRows(table, columns, values)) {
          const key = keyOf(cache, row);
          if (!cache.rows.has(key)) remember(cache, key, row);
        }
        cache.loaded.add(marker);
      }
      const keys = cache.lookups.get(lookup)?.get(encoded);
      const found: T[] = [];
      if (keys !== undefined) {
        for (const key of keys) {
          const row = cache.rows.get(key);
          if (row !== null && row !== undefined) {
            cache.used.add(key);
            found.push(typed(table, row));
          }
        }
      }
      return found;
    },

    writes(tables) {
      return tables.map((table) => {
        const cache = cacheOf(table);
        const upserts: Row[] = [];
        const deletes: string[] = [];
        for (const key of cache.dirty) {
          const row = cache.rows.get(key);
          if (row === null || row === undefined) deletes.push(key);
          else upserts.push(row);
        }
        return { table, upserts, deletes };
      }).filter((w) => w.upserts.length > 0 || w.deletes.length > 0);
    },

    markClean(tables) {
      for (const table of tables) cacheOf(table).dirty.clear();
    },

    forget(tables) {
      for (const table of tables) {
        const cache = cacheOf(table);
        cachedRows -= cache.rows.size;
        cache.rows.clear();
        cache.dirty.clear();
        cache.used.clear();
        cache.lookups.clear();
        cache.loaded.clear();
        cache.complete = false;
        cache.spilled = null;
      }
    },

    evictClean(tables) {
      let evicted = false;
      for (const table of tables) {
        const cache = cacheOf(table);
        const before = cache.rows.size;
        for (const [key, row] of cache.rows) {
          if (cache.dirty.has(key) || cache.used.has(key)) continue;
          cache.rows.delete(key);
          if (row === null || !cache.complete) continue;
          // A complete table with no lookups spills too: its get misses read the store from now on.
          cache.spilled ??= new Map();
          for (const [name, columns] of cache.lookupColumns) {
            const encoded = lookupValue(row, columns);
            if (encoded === null) continue;
            let values = cache.spilled.get(name);
            if (values === undefined) cache.spilled.set(name, (values = new Set()));
            values.add(encoded);
          }
        }
        cache.used.clear();
        if (cache.rows.size === before) continue;
        evicted = true;
        cachedRows -= before - cache.rows.size;
        // Rows read back after an earlier eviction may have left again: what was loaded must be loadable again.
        cache.loaded.clear();
        // Most rows left: indexing the few that stay costs less than unindexing the many that went.
        cache.lookups.clear();
        for (const [key, row] of cache.rows) if (row !== null) index(cache, key, row, true);
      }
      return evicted;
    },

    size: () => cachedRows,
  };
};
