// The shape every catalogue entry takes: its type name, schema version, data schema and
// whether it must carry a legal basis (an SK). The registry in catalogue.ts collects them.
import { z } from 'zod';

export type LegalBasisRule = 'required' | 'optional' | 'none';

export interface EventDefinition<T extends string, S extends z.ZodType> {
  readonly type: T;
  readonly schemaVersion: number;
  readonly data: S;
  readonly legalBasis: LegalBasisRule;
  /** The schema of the event as it travels: `{ type, data }`. */
  readonly schema: z.ZodObject<{ type: z.ZodLiteral<T>; data: S }>;
}

export const defineEvent = <T extends string, S extends z.ZodType>(
  type: T,
  data: S,
  options: { legalBasis: LegalBasisRule; schemaVersion?: number },
): EventDefinition<T, S> => ({
  type,
  schemaVersion: options.schemaVersion ?? 1,
  data,
  legalBasis: options.legalBasis,
  schema: z.object({ type: z.literal(type), data }),
});
