// Who holds which position over effective time: definitive holdings (one at a time per person) and acting
// roles (Plt for a vacant post, Plh for an absent holder), folded from one employee's events.
import { z } from 'zod';
import type { ProjectedEvent } from './projected-event.js';
import { isHoldingEvent, skDateOf, skNumberOf } from './event-groups.js';
import { closedBy, intervalShape, openedBy } from './versioned-facts.js';
import type { IntervalFields } from './versioned-facts.js';

export const HOLDING_ROLES = ['DEFINITIVE', 'PLT', 'PLH'] as const;

export const holdingFactShape = {
  nip: z.string(),
  positionId: z.string(),
  role: z.enum(HOLDING_ROLES),
  ...intervalShape,
  /** For Plt/Plh: the end the decree foresees, moved by each extension. */
  plannedEnd: z.string().nullable(),
  openType: z.string(),
  /** Why a transfer brought the holder here (PROMOTION, ROTATION, ...). */
  openReason: z.string().nullable(),
  skNumber: z.string().nullable(),
  skDate: z.string().nullable(),
  closeType: z.string().nullable(),
  closeReason: z.string().nullable(),
  closeSkNumber: z.string().nullable(),
};
export type HoldingFact = z.output<z.ZodObject<typeof holdingFactShape>>;
export type HoldingRole = HoldingFact['role'];

/** Columns a closing event sets on a holding besides the interval's end. */
export const HOLDING_CLOSE_COLUMNS = ['closeType', 'closeReason', 'closeSkNumber'] as const;

/** The one constructor of holding facts (see unitFact for why). */
export const holdingFact = (h: Omit<HoldingFact, keyof IntervalFields>, i: IntervalFields): HoldingFact => ({
  nip: h.nip, positionId: h.positionId, role: h.role, validFrom: i.validFrom, validTo: i.validTo, openEventId: i.openEventId,
  openedRecordedAt: i.openedRecordedAt, closeEventId: i.closeEventId, closedRecordedAt: i.closedRecordedAt, plannedEnd: h.plannedEnd,
  openType: h.openType, openReason: h.openReason, skNumber: h.skNumber, skDate: h.skDate, closeType: h.closeType,
  closeReason: h.closeReason, closeSkNumber: h.closeSkNumber,
});

const openHolding = (
  e: ProjectedEvent, nip: string, positionId: string, role: HoldingRole,
  extra: { plannedEnd?: string | null; openReason?: string | null } = {},
): HoldingFact => holdingFact({
  nip, positionId, role, plannedEnd: extra.plannedEnd ?? null, openType: e.event.type, openReason: extra.openReason ?? null,
  skNumber: skNumberOf(e.legalBasis), skDate: skDateOf(e.legalBasis), closeType: null, closeReason: null, closeSkNumber: null,
}, openedBy(e));

const closeWith = (fact: HoldingFact, e: ProjectedEvent, reason: string | null): HoldingFact => holdingFact({
  ...fact, closeType: e.event.type, closeReason: reason, closeSkNumber: skNumberOf(e.legalBasis),
}, closedBy(fact, e));

const closeWhere = (
  facts: readonly HoldingFact[], e: ProjectedEvent, reason: string | null, which: (fact: HoldingFact) => boolean,
): HoldingFact[] => facts.map((fact) => (fact.closeEventId === null && which(fact) ? closeWith(fact, e, reason) : fact));

const isDefinitive = (fact: HoldingFact): boolean => fact.role === 'DEFINITIVE';
const isActingAt = (positionId: string) => (fact: HoldingFact): boolean => fact.role !== 'DEFINITIVE' && fact.positionId === positionId;

/** One step of a person's holdings; unchanged facts come back as the same objects. */
export const stepHoldings = (facts: readonly HoldingFact[], e: ProjectedEvent): HoldingFact[] => {
  const event = e.event;
  if (!isHoldingEvent(event)) return [...facts];
  switch (event.type) {
    case 'PositionAssigned': {
      // A person holds one definitive position: a new assignment ends whatever the record still shows open.
      const { nip, positionId } = event.data;
      return [...closeWhere(facts, e, 'REASSIGNED', isDefinitive), openHolding(e, nip, positionId, 'DEFINITIVE')];
    }
    case 'EmployeeTransferred': {
      const { nip, toPositionId, reason } = event.data;
      return [...closeWhere(facts, e, reason, isDefinitive), openHolding(e, nip, toPositionId, 'DEFINITIVE', { openReason: reason })];
    }
    case 'ActingAppointed': {
      const { nip, positionId, actingKind, plannedEnd } = event.data;
      return [
        ...closeWhere(facts, e, 'REAPPOINTED', isActingAt(positionId)),
        openHolding(e, nip, positionId, actingKind, { plannedEnd }),
      ];
    }
    case 'ActingExtended': {
      const { positionId, plannedEnd } = event.data;
      const acting = isActingAt(positionId);
      return facts.map((fact) => (fact.closeEventId === null && acting(fact) ? holdingFact({ ...fact, plannedEnd }, fact) : fact));
    }
    case 'ActingEnded':
      return closeWhere(facts, e, event.data.reason, isActingAt(event.data.positionId));
    case 'EmployeeSeparated':
      return closeWhere(facts, e, event.data.reason, () => true);
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
};
