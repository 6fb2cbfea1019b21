// Fields every command carries: the TMT (effective date) and the decree (SK) it rests on. Whether an SK is
// required is decided from the event definition by the ledger, which names `legalBasis` when one is missing.
import { z } from 'zod';
import { LegalBasisSchema } from '../envelope.js';
import { IsoDateSchema } from '../value/ids.js';

export const CommandBaseSchema = z.object({
  effectiveAt: IsoDateSchema,
  legalBasis: LegalBasisSchema.nullable().optional(),
});
