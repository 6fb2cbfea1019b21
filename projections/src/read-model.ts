// Dialect-neutral read-model tables: a projection declares its tables (columns from a zod shape, a primary
// key, equality lookups its evolve uses, query indexes) and reads/writes rows through RowAccess and RowQuery.
import { z } from 'zod';

export type Value = string | number | null;
export type ColumnType = 'text' | 'integer';

export interface ColumnSpec {
  readonly name: string;
  readonly type: ColumnType;
  readonly nullable: boolean;
}

type ScalarSchema = z.ZodString | z.ZodNumber | z.ZodEnum;
export type ColumnSchema = ScalarSchema | z.ZodNullable<ScalarSchema>;
export type TableShape = Record<string, ColumnSchema>;

/** A row is a flat record of scalars, so the same table maps onto SQLite and PostgreSQL alike. */
export type Row = Record<string, Value>;

export interface Table<T extends Row, L extends string = string> {
  readonly name: string;
  /** Validates rows read back from a database. */
  readonly schema: z.ZodType<T>;
  readonly columns: readonly ColumnSpec[];
  /** A single text column: composite identities are joined into one string by the projection. */
  readonly primaryKey: string;
  /** Equality lookups evolve uses through RowAccess.find; each is also an index. */
  readonly lookups: Readonly<Record<L, readonly string[]>>;
  /** Indexes only queries use (range scans such as validFrom <= asOf). */
  readonly indexes: Readonly<Record<string, readonly string[]>>;
}

export type RowOf<X> = X extends Table<infer R, string> ? R : never;

const columnOf = (name: string, schema: ColumnSchema): ColumnSpec => {
  const nullable = schema instanceof z.ZodNullable;
  const base = schema instanceof z.ZodNullable ? schema.unwrap() : schema;
  return { name, nullable, type: base instanceof z.ZodNumber ? 'integer' : 'text' };
};

const IDENTIFIER = /^[a-z][a-zA-Z0-9_]{0,62}$/;

export const defineTable = <T extends Row, L extends string>(spec: {
  readonly name: string;
  /** A z.object of string, number and enum columns, each possibly nullable. */
  readonly schema: z.ZodType<T> & { readonly shape: TableShape };
  readonly primaryKey: keyof T & string;
  /** Pass `{}` when evolve never finds rows by anything but their key. */
  readonly lookups: Readonly<Record<L, readonly (keyof T & string)[]>>;
  readonly indexes?: Readonly<Record<string, readonly (keyof T & string)[]>>;
}): Table<T, L> => {
  // Names end up inside SQL text, so they are checked here once rather than quoted everywhere.
  for (const name of [spec.name, ...Object.keys(spec.schema.shape)]) {
    if (!IDENTIFIER.test(name)) throw new Error(`read-model name ${name} must be a plain identifier`);
  }
  return {
    name: spec.name,
    schema: spec.schema,
    columns: Object.entries(spec.schema.shape).map(([name, schema]) => columnOf(name, schema)),
    primaryKey: spec.primaryKey,
    lookups: spec.lookups,
    indexes: spec.indexes ?? {},
  };
};

/**
 * The synchronous, keyed state handle evolve writes through. The runner backs it with a write-back cache that
 * it flushes in one transaction per batch; tests back it with plain maps.
 */
export interface RowAccess {
  get<T extends Row>(table: Table<T>, key: string): T | undefined;
  put<T extends Row>(table: Table<T>, row: T): void;
  delete<T extends Row>(table: Table<T>, key: string): void;
  /** Every row whose lookup columns equal `values`, in no particular order. */
  find<T extends Row, L extends string>(table: Table<T, L>, lookup: L, values: readonly Value[]): T[];
}

type Column<T> = keyof T & string;

/** A WHERE clause as data; a dialect turns it into SQL. Conditions in a list are ANDed. */
export type Condition<T> =
  | { readonly column: Column<T>; readonly op: 'eq' | 'lt' | 'lte' | 'gt' | 'gte'; readonly value: string | number }
  | { readonly column: Column<T>; readonly op: 'in'; readonly values: readonly (string | number)[] }
  | { readonly column: Column<T>; readonly op: 'isNull' | 'notNull' }
  | { readonly anyOf: readonly (readonly Condition<T>[])[] };

export interface SelectOptions<T, K extends Column<T> = Column<T>> {
  /**
   * Only these columns (rows come back with just these keys); every column when absent. Reading a few narrow
   * columns of many rows costs a fraction of `SELECT *`, which is what an org chart of thousands of rows needs.
   */
  readonly columns?: readonly K[];
  readonly orderBy?: readonly Column<T>[];
  readonly limit?: number;
}

/** The read side queries use: asynchronous, so a PostgreSQL pool can implement it as well as SQLite. */
export interface RowQuery {
  select<T extends Row, K extends Column<T> = Column<T>>(
    table: Table<T>, where: readonly Condition<T>[], options?: SelectOptions<T, K>,
  ): Promise<Pick<T, K>[]>;
}
