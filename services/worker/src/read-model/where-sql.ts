// Compiles a read-model Condition list (WHERE as data) into SQL text with positional `?` parameters.
// Shared by dialects that use `?`; a PostgreSQL dialect renumbers them as $1, $2, ...
import type { Condition, SelectOptions } from '@estafet/projections';

const OPERATORS = { eq: '=', lt: '<', lte: '<=', gt: '>', gte: '>=' } as const;
const PADDED_IN_MAX = 1024;

export interface CompiledWhere {
  readonly sql: string;
  readonly params: (string | number)[];
}

export const compileWhere = <T>(conditions: readonly Condition<T>[], quote: (name: string) => string): CompiledWhere => {
  const params: (string | number)[] = [];
  const one = (c: Condition<T>): string => {
    if ('anyOf' in c) {
      const groups = c.anyOf.map((group) => (group.length === 0 ? 'TRUE' : `(${group.map(one).join(' AND ')})`));
      return groups.length === 0 ? 'FALSE' : `(${groups.join(' OR ')})`;
    }
    const column = quote(c.column);
    switch (c.op) {
      case 'isNull': return `${column} IS NULL`;
      case 'notNull': return `${column} IS NOT NULL`;
      case 'in': {
        if (c.values.length === 0) return 'FALSE';
        // Short lists are padded (with their last value) to a power of two: a handful of SQL texts per query shape
        // rather than one per list length, so prepared statements are reused and their cache stays small. Long
        // ones are left as they are, never pushed past a parameter limit.
        const size = c.values.length > PADDED_IN_MAX ? c.values.length : 2 ** Math.ceil(Math.log2(c.values.length));
        const last = c.values[c.values.length - 1] ?? c.values[0] ?? '';
        for (let i = 0; i < size; i += 1) params.push(c.values[i] ?? last);
        return `${column} IN (${Array(size).fill('?').join(', ')})`;
      }
      case 'eq': case 'lt': case 'lte': case 'gt': case 'gte':
        params.push(c.value);
        return `${column} ${OPERATORS[c.op]} ?`;
      default: {
        const unreachable: never = c;
        return unreachable;
      }
    }
  };
  return { sql: conditions.map(one).join(' AND '), params };
};

/** The SELECT list: the chosen columns, or every column. */
export const selectList = <T>(options: SelectOptions<T>, quote: (name: string) => string): string =>
  (options.columns === undefined ? '*' : options.columns.map(quote).join(', '));

export const orderAndLimit = <T>(options: SelectOptions<T>, quote: (name: string) => string): string => {
  const order = options.orderBy === undefined || options.orderBy.length === 0 ? '' : ` ORDER BY ${options.orderBy.map(quote).join(', ')}`;
  const limit = options.limit === undefined ? '' : ` LIMIT ${Math.max(0, Math.floor(options.limit))}`;
  return order + limit;
};
