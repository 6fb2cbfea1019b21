// The event catalogue v1: every event type in one discriminated union, plus a registry to look
// definitions up by type name (schema version, legal-basis rule).
import { z } from 'zod';
import type { EventDefinition } from './define-event.js';
import { organisationEvents } from './catalogue/organisation.js';
import { peopleEvents } from './catalogue/people.js';
import { developmentEvents } from './catalogue/development.js';
import { programEvents } from './catalogue/programs.js';
import { continuityEvents } from './catalogue/continuity.js';
import { publicEvents } from './catalogue/public.js';
import { correctionEvents } from './catalogue/corrections.js';

export const EVENT_DEFINITIONS = [
  ...organisationEvents, ...peopleEvents, ...developmentEvents, ...programEvents,
  ...continuityEvents, ...publicEvents, ...correctionEvents,
] as const;

type AnyDefinition = (typeof EVENT_DEFINITIONS)[number];

export const DomainEventSchema = z.discriminatedUnion('type', [
  organisationEvents[0].schema, ...EVENT_DEFINITIONS.slice(1).map((d) => d.schema),
] as unknown as [AnyDefinition['schema'], ...AnyDefinition['schema'][]]);

/** `{ type, data }` for every event type; narrow with `switch (event.type)`. */
export type DomainEvent = z.infer<AnyDefinition['schema']>;
export type EventType = DomainEvent['type'];
export type EventOfType<T extends EventType> = Extract<DomainEvent, { type: T }>;
export type EventData<T extends EventType> = EventOfType<T>['data'];

export const EVENT_TYPES = EVENT_DEFINITIONS.map((d) => d.type) as readonly EventType[];

const byType = new Map<string, EventDefinition<string, z.ZodType>>(EVENT_DEFINITIONS.map((d) => [d.type, d]));

export const isEventType = (type: string): type is EventType => byType.has(type);

export const eventDefinition = (type: EventType): EventDefinition<EventType, z.ZodType> => {
  const definition = byType.get(type);
  if (!definition) throw new Error(`unknown event type ${type}`);
  return definition as EventDefinition<EventType, z.ZodType>;
};
