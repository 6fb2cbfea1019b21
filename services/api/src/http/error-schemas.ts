// The shapes of every error answer, as zod schemas: the error handler sends exactly these, and routes list
// the ones they can produce so OpenAPI documents them (fastify serialises error answers through them too).
import { z } from 'zod';

export const IssueSchema = z.object({
  path: z.string().describe('The bad field: "nip", "legalBasis.skDate", or a header name such as "if-match"'),
  message: z.string(),
});

const errorBody = <E extends string>(error: E, extra: z.ZodRawShape = {}) =>
  z.object({ error: z.literal(error), message: z.string(), ...extra });

export const ERROR_SCHEMAS = {
  400: z.union([
    errorBody('validation', { issues: z.array(IssueSchema) }),
    errorBody('bad-request'),
  ]).describe('The request is malformed; `issues` names each bad field'),
  401: errorBody('unauthorized').describe('No bearer token, or an unknown one'),
  403: errorBody('forbidden').describe('The token\'s role may not do this'),
  404: errorBody('not-found').describe('The unit, position, employee, program, complaint or event is not recorded'),
  409: errorBody('rule-violation', { rule: z.string() }).describe('Well-formed, but the ledger\'s history forbids it'),
  412: errorBody('version-conflict', {
    streamId: z.string(),
    expected: z.union([z.number().int(), z.literal('any')]),
    actual: z.number().int(),
  }).describe('If-Match named another version than the stream\'s current one'),
} as const;

export type ErrorStatus = keyof typeof ERROR_SCHEMAS;

/** The error answers a route can give, for its `schema.response`. */
export const errorResponses = <S extends ErrorStatus>(...statuses: readonly S[]): Pick<typeof ERROR_SCHEMAS, S> => {
  const picked: Partial<Record<ErrorStatus, z.ZodType>> = {};
  for (const status of statuses) picked[status] = ERROR_SCHEMAS[status];
  return picked as Pick<typeof ERROR_SCHEMAS, S>;
};
