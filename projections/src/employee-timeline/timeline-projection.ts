// The employee-timeline projection: one person's positions, acting roles, ranks, leave, trainings and
// separation, folded from the employee stream; out-of-order events and corrections refold the person.
import type { EventType } from '@estafet/events';
import { foldOrder } from '../corrections.js';
import { advanceClock, foldOpen, latestEffective, refoldAll, setClock } from '../entity-fold.js';
import {
  HOLDING_EVENT_TYPES, PERSON_RECORD_TYPES, employeeStream, entityStreamOf, isHoldingEvent, isPersonRecordEvent, parseStreamId,
} from '../event-groups.js';
import { stepHoldings } from '../holding-facts.js';
import { FOLDED } from '../projection-definition.js';
import type { EntityHistory, ProjectionDefinition } from '../projection-definition.js';
import type { ProjectedEvent } from '../projected-event.js';
import type { RowAccess } from '../read-model.js';
import { stepRecords } from '../record-facts.js';
import {
  personHoldings, personRecords, timelineClocks, timelineHoldings, timelinePeople, timelineRecords,
} from './timeline-tables.js';
import type { TimelinePersonRow } from './timeline-tables.js';

const EVENT_TYPES: readonly EventType[] = [...HOLDING_EVENT_TYPES, ...PERSON_RECORD_TYPES, 'EventCorrected', 'EventRetracted'];
const handled = new Set<string>(EVENT_TYPES);

const registration = (nip: string, events: readonly ProjectedEvent[]): TimelinePersonRow | null => {
  let person: TimelinePersonRow | null = null;
  for (const e of events) {
    if (e.event.type !== 'EmployeeRegistered') continue;
    const { name, birthDate, gender, education, tmtCpns } = e.event.data;
    person = { nip, name, birthDate, gender, education, tmtCpns, registeredAt: e.effectiveAt };
  }
  return person;
};

const touchesRecords = (e: ProjectedEvent): boolean => isPersonRecordEvent(e.event) || e.event.type === 'EmployeeSeparated';

const apply = (e: ProjectedEvent, rows: RowAccess): readonly string[] => {
  const event = e.event;
  if (event.type === 'EventCorrected' || event.type === 'EventRetracted') {
    const target = e.target?.event;
    if (target === undefined || !handled.has(target.type)) return FOLDED;
    const stream = entityStreamOf(target);
    return stream === null ? FOLDED : [stream];
  }
  if (!isHoldingEvent(event) && !isPersonRecordEvent(event)) return FOLDED;
  const { nip } = event.data;
  if (!advanceClock(rows, timelineClocks, nip, e)) return [employeeStream(nip)];
  if (isHoldingEvent(event)) foldOpen(personHoldings, rows, nip, e, stepHoldings);
  if (touchesRecords(e)) foldOpen(personRecords, rows, nip, e, stepRecords);
  const registered = registration(nip, [e]);
  if (registered !== null) rows.put(timelinePeople, registered);
  return FOLDED;
};

const refold = (history: EntityHistory, trigger: ProjectedEvent, rows: RowAccess): void => {
  const { kind, id: nip } = parseStreamId(history.streamId);
  if (kind !== 'employee') return;
  const own = foldOrder(history.events, history.corrections, trigger.position)
    .filter((e) => (isHoldingEvent(e.event) || isPersonRecordEvent(e.event)) && e.event.data.nip === nip);
  refoldAll(personHoldings, rows, nip, own.filter((e) => isHoldingEvent(e.event)), stepHoldings, trigger);
  refoldAll(personRecords, rows, nip, own.filter(touchesRecords), stepRecords, trigger);
  setClock(rows, timelineClocks, nip, latestEffective(own));
  const registered = registration(nip, own);
  if (registered === null) rows.delete(timelinePeople, nip);
  else rows.put(timelinePeople, registered);
};

export const employeeTimelineProjection: ProjectionDefinition = {
  name: 'employee-timeline',
  version: 1,
  eventTypes: EVENT_TYPES,
  tables: [timelinePeople, timelineHoldings, timelineRecords, timelineClocks],
  apply,
  refold,
};
