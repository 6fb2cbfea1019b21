// Derives a command route's HTTP schemas from the command's zod schema: path parameters are plain fields of
// the command, the body is the rest (without `type`), and the command headers (idempotency, If-Match).
import { z } from 'zod';
import { COMMAND_SCHEMAS, StoredEventSchema } from '@estafet/events';
import type { CommandType } from '@estafet/events';

type CommandObject = z.ZodObject;
type CommandSchema = (typeof COMMAND_SCHEMAS)[number];

/** The object schemas a command schema is made of: itself, or the options of a union on a sub-kind. */
const objectsOf = (schema: CommandSchema): readonly CommandObject[] =>
  schema instanceof z.ZodDiscriminatedUnion ? schema.options : [schema];

const typeOf = (object: CommandObject): unknown => {
  const literal: unknown = object.shape['type'];
  return literal instanceof z.ZodLiteral ? literal.value : undefined;
};

const schemaFor = (type: CommandType): CommandSchema => {
  const schema = COMMAND_SCHEMAS.find((candidate) => objectsOf(candidate).some((object) => typeOf(object) === type));
  if (schema === undefined) throw new Error(`no schema for command ${type}`);
  return schema;
};

const without = (object: CommandObject, fields: ReadonlySet<string>): CommandObject =>
  z.object(Object.fromEntries(Object.entries(object.shape).filter(([field]) => !fields.has(field))));

/** `:nip` and `:positionId` of "/positions/:positionId/acting-appointments/:nip/end". */
export const pathFieldsOf = (url: string): string[] =>
  url.split('/').filter((part) => part.startsWith(':')).map((part) => part.slice(1));

export interface CommandHttpSchemas {
  readonly params: z.ZodObject | undefined;
  readonly body: z.ZodType;
}

/**
 * The body drops `type` and the path fields. Refinements across fields (periodEnd after periodStart) are
 * not carried over: the handler re-parses the assembled command with the full schema, which applies them.
 */
export const commandHttpSchemas = (type: CommandType, url: string): CommandHttpSchemas => {
  const schema = schemaFor(type);
  const objects = objectsOf(schema);
  const pathFields = pathFieldsOf(url);
  const dropped = new Set(['type', ...pathFields]);
  const params = pathFields.length === 0 ? undefined : z.object(Object.fromEntries(pathFields.map((field) => {
    const fieldSchema: unknown = objects[0]?.shape[field];
    if (!(fieldSchema instanceof z.ZodType)) throw new Error(`${url}: command ${type} has no field ${field}`);
    return [field, fieldSchema];
  })));
  const [first, ...rest] = objects.map((object) => without(object, dropped));
  if (first === undefined) throw new Error(`command ${type} has no object schema`);
  const body = schema instanceof z.ZodDiscriminatedUnion
    ? z.discriminatedUnion(schema.def.discriminator, [first, ...rest])
    : first;
  return { params, body };
};

export const CommandHeadersSchema = z.looseObject({
  'idempotency-key': z.string().min(1).max(200).optional()
    .describe('Retrying with the same key stores nothing twice and answers 200 with the original events'),
  'if-match': z.string().optional()
    .describe('The stream version the decision was read at, as returned in ETag, e.g. "3"; 412 when it moved on'),
  'x-correlation-id': z.string().min(1).max(120).optional()
    .describe('Groups the events of one business process; generated when absent'),
});

export const CommandResultSchema = z.object({
  events: z.array(StoredEventSchema).describe('The stored events, envelopes included'),
  position: z.number().int().describe('The global position of the last event: read models are current once past it'),
  warnings: z.array(z.string()).describe('Rules set to warn that the command broke; the events were recorded anyway'),
});
