// The employee-timeline projection: one person's positions, acting roles, ranks, leave, trainings and
// separation, folded from the employee stream; out-of-order events and corrections refold the person.
import type { EventType } from '@estafet/events';
import { foldOrder } from '../corrections.js';
import { foldAll, latestEffective } from '../entity-fold.js';
import {
  HOLDING_EVENT_TYPES, PERSON_RECORD_TYPES, employeeStream, entityStreamOf, isHoldingEvent, isPersonRecordEvent, parseStreamId,
} from '../event-groups.js';
import { stepHoldings } from '../holding-facts.js';
import { FOLDED } from '../projection-definition.js';
import type { EntityHistory, ProjectionDefinition } from '../projection-definition.js';
import type { ProjectedEvent } from '../projected-event.js';
import type { Row, RowAccess } from '../read-model.js';
import { stepRecords } from '../record-facts.js';
import { lastEffectiveDate } from '../versioned-facts.js';
import { personHoldings, personRecords, timelineHoldings, timelinePeople, timelineRecords } from './timeline-tables.js';
import type { TimelinePersonRow } from './timeline-tables.js';

const EVENT_TYPES: readonly EventType[] = [...HOLDING_EVENT_TYPES, ...PERSON_RECORD_TYPES, 'EventCorrected', 'EventRetracted'];
const handled = new Set<string>(EVENT_TYPES);

const blank = (nip: string): TimelinePersonRow => ({
  nip, name: null, birthDate: null, gender: null, education: null, tmtCpns: null, registeredAt: null, clock: '',
});

const withRegistration = (person: TimelinePersonRow, e: ProjectedEvent): TimelinePersonRow => {
  if (e.event.type !== 'EmployeeRegistered') return person;
  const { name, birthDate, gender, education, tmtCpns } = e.event.data;
  return { ...person, name, birthDate, gender, education, tmtCpns, registeredAt: e.effectiveAt };
};

const setPerson = (rows: RowAccess, old: TimelinePersonRow | undefined, next: TimelinePersonRow): void => {
  const before: Row | undefined = old;
  const after: Row = next;
  if (before === undefined || Object.keys(after).some((k) => after[k] !== before[k])) rows.put(timelinePeople, next);
};

const same = <T>(a: readonly T[], b: readonly T[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

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
  const stored = rows.get(timelinePeople, nip);
  const person = stored ?? blank(nip);
  const holdings = personHoldings.current(rows, nip);
  const records = personRecords.current(rows, nip);
  const last = [person.clock, lastEffectiveDate(holdings), lastEffectiveDate(records)].reduce((a, b) => (a > b ? a : b));
  if (e.effectiveAt < last) return [employeeStream(nip)];
  const nextHoldings = stepHoldings(holdings, e);
  const nextRecords = stepRecords(records, e);
  const traced = !same(nextHoldings, holdings) || !same(nextRecords, records);
  if (traced) {
    personHoldings.sync(rows, nip, nextHoldings, e, holdings);
    personRecords.sync(rows, nip, nextRecords, e, records);
  }
  setPerson(rows, stored, withRegistration(traced ? person : { ...person, clock: e.effectiveAt }, e));
  return FOLDED;
};

const refold = (history: EntityHistory, trigger: ProjectedEvent, rows: RowAccess): void => {
  const { kind, id: nip } = parseStreamId(history.streamId);
  if (kind !== 'employee') return;
  const own = foldOrder(history.events, history.corrections, trigger.position)
    .filter((e) => (isHoldingEvent(e.event) || isPersonRecordEvent(e.event)) && e.event.data.nip === nip);
  personHoldings.sync(rows, nip, foldAll(own, stepHoldings), trigger);
  personRecords.sync(rows, nip, foldAll(own, stepRecords), trigger);
  const person = own.reduce(withRegistration, blank(nip));
  setPerson(rows, rows.get(timelinePeople, nip), { ...person, clock: latestEffective(own) });
};

export const employeeTimelineProjection: ProjectionDefinition = {
  name: 'employee-timeline',
  version: 1,
  eventTypes: EVENT_TYPES,
  tables: [timelinePeople, timelineHoldings, timelineRecords],
  apply,
  refold,
};
