// Public complaints: state folded from `complaint-{id}`; a complaint belongs to a unit that exists then.
import type { CommandOfType } from '@estafet/events';
import { NotFoundError, ValidationError } from '../errors.js';
import { conflictWith, planned } from './decision.js';
import type { Decision } from './decision.js';
import type { Aggregate, RecordedOf } from './recorded-event.js';
import type { StreamStates } from './stream-log.js';
import { complaintStream } from './stream-ids.js';
import { requireLiveUnit } from './unit-decider.js';

export interface ComplaintState {
  readonly received: RecordedOf<'ComplaintReceived'> | null;
  readonly resolved: RecordedOf<'ComplaintResolved'> | null;
}

const COMPLAINT_EVENTS = ['ComplaintReceived', 'ComplaintResolved'] as const;

export const complaintAggregate: Aggregate<ComplaintState, (typeof COMPLAINT_EVENTS)[number]> = {
  eventTypes: COMPLAINT_EVENTS,
  initialState: { received: null, resolved: null },
  evolve(state, event) {
    switch (event.type) {
      case 'ComplaintReceived': return { ...state, received: state.received ?? event };
      case 'ComplaintResolved': return { ...state, resolved: state.resolved ?? event };
      default: {
        const unhandled: never = event;
        return unhandled;
      }
    }
  },
};

/** Complaint commands with their id and effective date settled (see ledger-decider's prepareCommand). */
export type ComplaintCommand =
  | (CommandOfType<'ReceiveComplaint'> & { complaintId: string; effectiveAt: string })
  | (CommandOfType<'ResolveComplaint'> & { effectiveAt: string });

export function decideComplaintCommand(command: ComplaintCommand, states: StreamStates): Decision {
  switch (command.type) {
    case 'ReceiveComplaint': {
      const { complaintId, unitId, channel, category, receivedAt, summary, effectiveAt } = command;
      const existing = states.fold(complaintAggregate, complaintStream(complaintId)).received;
      if (existing) throw conflictWith('already-exists', `complaint ${complaintId} is already recorded`, existing);
      requireLiveUnit(states, unitId, effectiveAt);
      return planned(complaintStream(complaintId), {
        type: 'ComplaintReceived', data: { complaintId, unitId, channel, category, receivedAt, summary },
      }, effectiveAt);
    }
    case 'ResolveComplaint': {
      const { complaintId, resolvedAt, outcome, effectiveAt } = command;
      const { received, resolved } = states.fold(complaintAggregate, complaintStream(complaintId));
      if (!received) throw new NotFoundError('complaint', complaintId);
      if (resolved) throw conflictWith('complaint-resolved', `complaint ${complaintId} is already resolved`, resolved);
      if (Date.parse(resolvedAt) < Date.parse(received.data.receivedAt)) {
        throw new ValidationError([{ path: 'resolvedAt', message: `resolvedAt is before the complaint was received (${received.data.receivedAt})` }]);
      }
      return planned(complaintStream(complaintId), { type: 'ComplaintResolved', data: { complaintId, resolvedAt, outcome } }, effectiveAt);
    }
    default: {
      const unhandled: never = command;
      return unhandled;
    }
  }
}
