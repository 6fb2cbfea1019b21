// Units and positions over effective time: each version of a unit (name, kind, parent) or a position (unit,
// title, kind, eselon, leadership) is an interval opened and closed by the events of that entity.
import { z } from 'zod';
import type { ProjectedEvent } from './projected-event.js';
import { isPositionEvent, isUnitEvent, skNumberOf } from './event-groups.js';
import { closedBy, intervalShape, openedBy } from './versioned-facts.js';
import type { IntervalFact, IntervalFields } from './versioned-facts.js';

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

// Facts are always built by these constructors, one object literal per kind, so every fact of a kind has the
// same hidden class: spreads and property reads on them stay monomorphic, which the rebuild speed relies on.
export const unitFact = (u: Omit<UnitFact, keyof IntervalFields>, i: IntervalFields): UnitFact => ({
  unitId: u.unitId, validFrom: i.validFrom, validTo: i.validTo, openEventId: i.openEventId, openedRecordedAt: i.openedRecordedAt,
  closeEventId: i.closeEventId, closedRecordedAt: i.closedRecordedAt, name: u.name, kind: u.kind, parentUnitId: u.parentUnitId,
  skNumber: u.skNumber, endReason: u.endReason, successorUnitIds: u.successorUnitIds, closeSkNumber: u.closeSkNumber,
});

export const positionFact = (p: Omit<PositionFact, keyof IntervalFields>, i: IntervalFields): PositionFact => ({
  positionId: p.positionId, validFrom: i.validFrom, validTo: i.validTo, openEventId: i.openEventId,
  openedRecordedAt: i.openedRecordedAt, closeEventId: i.closeEventId, closedRecordedAt: i.closedRecordedAt, unitId: p.unitId,
  title: p.title, kind: p.kind, eselon: p.eselon, isLeadership: p.isLeadership, minimumGolongan: p.minimumGolongan,
  skNumber: p.skNumber, endReason: p.endReason, closeSkNumber: p.closeSkNumber,
});

const isOpen = (fact: IntervalFact): boolean => fact.closeEventId === null;

/** Closes the open version (with `closing` applied) and opens its successor from it, if `next` says how. */
const succeed = <F extends IntervalFact>(
  facts: readonly F[], closing: (open: F) => F, next: ((open: F) => F) | null,
): F[] => {
  const open = facts.find(isOpen);
  if (open === undefined) return [...facts];
  const result = facts.map((fact) => (fact === open ? closing(fact) : fact));
  if (next !== null) result.push(next(open));
  return result;
};

export const stepUnit = (facts: readonly UnitFact[], e: ProjectedEvent): UnitFact[] => {
  const event = e.event;
  if (!isUnitEvent(event)) return [...facts];
  const sk = skNumberOf(e.legalBasis);
  const ending = (endReason: string | null, successors: readonly string[] | null) => (open: UnitFact): UnitFact => unitFact({
    ...open, endReason, successorUnitIds: successors === null ? null : successors.join(','), closeSkNumber: sk,
  }, closedBy(open, e));
  const version = (change: { name?: string; parentUnitId?: string | null }) => (open: UnitFact): UnitFact => unitFact({
    unitId: open.unitId, name: change.name ?? open.name, kind: open.kind,
    parentUnitId: change.parentUnitId === undefined ? open.parentUnitId : change.parentUnitId,
    skNumber: sk, endReason: null, successorUnitIds: null, closeSkNumber: null,
  }, openedBy(e));
  switch (event.type) {
    case 'UnitEstablished': {
      const { unitId, name, kind, parentUnitId } = event.data;
      const established = unitFact({
        unitId, name, kind, parentUnitId, skNumber: sk, endReason: null, successorUnitIds: null, closeSkNumber: null,
      }, openedBy(e));
      return [...succeed(facts, ending(null, null), null), established];
    }
    case 'UnitRenamed':
      return succeed(facts, ending(null, null), version({ name: event.data.name }));
    case 'UnitRestructured': {
      const data = event.data;
      switch (data.change) {
        case 'MOVED':
          return succeed(facts, ending(null, null), version({ parentUnitId: data.newParentUnitId }));
        case 'MERGED':
          return succeed(facts, ending('MERGED', [data.intoUnitId]), null);
        case 'SPLIT':
          return succeed(facts, ending('SPLIT', data.intoUnitIds), null);
        default: {
          const unreachable: never = data;
          return unreachable;
        }
      }
    }
    case 'UnitDissolved': {
      const successor = event.data.successorUnitId;
      return succeed(facts, ending('DISSOLVED', successor === null ? null : [successor]), null);
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
  const ending = (endReason: string | null) => (open: PositionFact): PositionFact =>
    positionFact({ ...open, endReason, closeSkNumber: sk }, closedBy(open, e));
  switch (event.type) {
    case 'PositionEstablished': {
      const d = event.data;
      const established = positionFact({
        positionId: d.positionId, unitId: d.unitId, title: d.title, kind: d.kind, eselon: d.eselon,
        isLeadership: d.isLeadership ? 1 : 0, minimumGolongan: d.minimumGolongan, skNumber: sk, endReason: null, closeSkNumber: null,
      }, openedBy(e));
      return [...succeed(facts, ending(null), null), established];
    }
    case 'PositionReclassified': {
      const d = event.data;
      return succeed(facts, ending(null), (open) => positionFact({
        positionId: open.positionId, unitId: open.unitId,
        title: d.title ?? open.title,
        kind: d.kind ?? open.kind,
        eselon: d.eselon ?? open.eselon,
        isLeadership: d.isLeadership === undefined ? open.isLeadership : d.isLeadership ? 1 : 0,
        minimumGolongan: d.minimumGolongan === undefined ? open.minimumGolongan : d.minimumGolongan,
        skNumber: sk, endReason: null, closeSkNumber: null,
      }, openedBy(e)));
    }
    case 'PositionAbolished':
      return succeed(facts, ending('ABOLISHED'), null);
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
};
