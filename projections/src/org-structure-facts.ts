// Units and positions over effective time: each version of a unit (name, kind, parent) or a position (unit,
// title, kind, eselon, leadership) is an interval opened and closed by the events of that entity.
import { z } from 'zod';
import type { ProjectedEvent } from './projected-event.js';
import { isPositionEvent, isUnitEvent, skNumberOf } from './event-groups.js';
import { intervalShape } from './versioned-facts.js';
import type { IntervalFact } from './versioned-facts.js';

export const unitFactShape = {
  unitId: z.string(),
  ...intervalShape,
  name: z.string(),
  kind: z.string(),
  parentUnitId: z.string().nullable(),
  skNumber: z.string().nullable(),
  /** DISSOLVED, MERGED or SPLIT once the unit ends; a rename or move closes a version with null. */
  endReason: z.string().nullable(),
  /** Comma-separated ids of the units that carry on its work. */
  successorUnitIds: z.string().nullable(),
  closeSkNumber: z.string().nullable(),
};
export type UnitFact = z.output<z.ZodObject<typeof unitFactShape>>;

export const positionFactShape = {
  positionId: z.string(),
  ...intervalShape,
  unitId: z.string(),
  title: z.string(),
  kind: z.string(),
  eselon: z.string(),
  /** 1 when the position heads its unit. */
  isLeadership: z.int(),
  minimumGolongan: z.string().nullable(),
  skNumber: z.string().nullable(),
  endReason: z.string().nullable(),
  closeSkNumber: z.string().nullable(),
};
export type PositionFact = z.output<z.ZodObject<typeof positionFactShape>>;

/** Closes an interval at the event's effective date (never before it opened) and notes which event did. */
export const closeAt = <F extends IntervalFact>(fact: F, e: ProjectedEvent): F => ({
  ...fact,
  validTo: e.effectiveAt < fact.validFrom ? fact.validFrom : e.effectiveAt,
  closeEventId: e.eventId,
  closedRecordedAt: e.recordedAt,
  changedAt: e.effectiveAt,
});

export const opened = (e: ProjectedEvent) => ({
  validFrom: e.effectiveAt, validTo: null, openEventId: e.eventId, openedRecordedAt: e.recordedAt,
  closeEventId: null, closedRecordedAt: null, changedAt: e.effectiveAt,
});

const isOpen = (fact: IntervalFact): boolean => fact.closeEventId === null;

/** Closes the open version and opens its successor with `change` applied. */
const succeed = <F extends IntervalFact>(
  facts: readonly F[], e: ProjectedEvent, closing: (fact: F) => F, next: ((open: F) => F) | null,
): F[] => {
  const open = facts.find(isOpen);
  if (open === undefined) return [...facts];
  const result = facts.map((fact) => (fact === open ? closing(closeAt(fact, e)) : fact));
  if (next !== null) result.push(next(open));
  return result;
};

export const stepUnit = (facts: readonly UnitFact[], e: ProjectedEvent): UnitFact[] => {
  const event = e.event;
  if (!isUnitEvent(event)) return [...facts];
  const sk = skNumberOf(e.legalBasis);
  const ending = (endReason: string | null, successors: readonly string[] | null) => (fact: UnitFact): UnitFact => ({
    ...fact, endReason, successorUnitIds: successors === null ? null : successors.join(','), closeSkNumber: sk,
  });
  const version = (open: UnitFact, change: Partial<Pick<UnitFact, 'name' | 'parentUnitId'>>): UnitFact => ({
    ...open, ...opened(e), ...change, skNumber: sk, endReason: null, successorUnitIds: null, closeSkNumber: null,
  });
  switch (event.type) {
    case 'UnitEstablished': {
      const { unitId, name, kind, parentUnitId } = event.data;
      const established: UnitFact = {
        unitId, ...opened(e), name, kind, parentUnitId, skNumber: sk, endReason: null, successorUnitIds: null, closeSkNumber: null,
      };
      return [...succeed(facts, e, ending(null, null), null), established];
    }
    case 'UnitRenamed':
      return succeed(facts, e, ending(null, null), (open) => version(open, { name: event.data.name }));
    case 'UnitRestructured': {
      const data = event.data;
      switch (data.change) {
        case 'MOVED':
          return succeed(facts, e, ending(null, null), (open) => version(open, { parentUnitId: data.newParentUnitId }));
        case 'MERGED':
          return succeed(facts, e, ending('MERGED', [data.intoUnitId]), null);
        case 'SPLIT':
          return succeed(facts, e, ending('SPLIT', data.intoUnitIds), null);
        default: {
          const unreachable: never = data;
          return unreachable;
        }
      }
    }
    case 'UnitDissolved': {
      const successor = event.data.successorUnitId;
      return succeed(facts, e, ending('DISSOLVED', successor === null ? null : [successor]), null);
    }
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
};

export const stepPosition = (facts: readonly PositionFact[], e: ProjectedEvent): PositionFact[] => {
  const event = e.event;
  if (!isPositionEvent(event)) return [...facts];
  const sk = skNumberOf(e.legalBasis);
  const ending = (endReason: string | null) => (fact: PositionFact): PositionFact => ({ ...fact, endReason, closeSkNumber: sk });
  switch (event.type) {
    case 'PositionEstablished': {
      const d = event.data;
      const established: PositionFact = {
        positionId: d.positionId, ...opened(e), unitId: d.unitId, title: d.title, kind: d.kind, eselon: d.eselon,
        isLeadership: d.isLeadership ? 1 : 0, minimumGolongan: d.minimumGolongan, skNumber: sk, endReason: null, closeSkNumber: null,
      };
      return [...succeed(facts, e, ending(null), null), established];
    }
    case 'PositionReclassified': {
      const d = event.data;
      return succeed(facts, e, ending(null), (open) => ({
        ...open, ...opened(e),
        title: d.title ?? open.title,
        kind: d.kind ?? open.kind,
        eselon: d.eselon ?? open.eselon,
        isLeadership: d.isLeadership === undefined ? open.isLeadership : d.isLeadership ? 1 : 0,
        minimumGolongan: d.minimumGolongan === undefined ? open.minimumGolongan : d.minimumGolongan,
        skNumber: sk, endReason: null, closeSkNumber: null,
      }));
    }
    case 'PositionAbolished':
      return succeed(facts, e, ending('ABOLISHED'), null);
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
};
