// The employee-timeline projection: one person's ranks, leave, trainings and separation, folded from the
// employee stream; out-of-order events and corrections refold the person. (Positions held and acting roles are
// the org chart's holder intervals; the timeline query reads them there rather than keeping a second copy.)
import type { EventType } from '@estafet/events';
import { foldOrder } from '../corrections.js';
import { advanceClock, foldOpen, latestEffective, refoldAll, setClock } from '../entity-fold.js';
import { PERSON_RECORD_TYPES, employeeStream, entityStreamOf, isPersonRecordEvent, parseStreamId } from '../event-groups.js';
import { FOLDED } from '../projection-definition.js';
import type { EntityHistory, ProjectionDefinition } from '../projection-definition.js';
import type { ProjectedEvent } from '../projected-event.js';
import type { RowAccess } from '../read-model.js';
import { stepRecords } from '../record-facts.js';
import { personRecords, timelineClocks, timelinePeople, timelineRecords } from './timeline-tables.js';
import type { TimelinePersonRow } from './timeline-tables.js';

const EVENT_TYPES: readonly EventType[] = [...PERSON_RECORD_TYPES, 'EmployeeSeparated', 'EventCorrected', 'EventRetracted'];
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
  if (!isPersonRecordEvent(event) && event.type !== 'EmployeeSeparated') return FOLDED;
  const { nip } = event.data;
  if (!advanceClock(rows, timelineClocks, nip, e)) return [employeeStream(nip)];
  foldOpen(personRecords, rows, nip, e, stepRecords);
  const registered = registration(nip, [e]);
  if (registered !== null) rows.put(timelinePeople, registered);
  return FOLDED;
};

const refold = (history: EntityHistory, trigger: ProjectedEvent, rows: RowAccess): void => {
  const { kind, id: nip } = parseStreamId(history.streamId);
  if (kind !== 'employee') return;
  const own = foldOrder(history.events, history.corrections, trigger.position)
    .filter((e) => touchesRecords(e) && 'nip' in e.event.data && e.event.data.nip === nip);
  refoldAll(personRecords, rows, nip, own, stepRecords, trigger);
  setClock(rows, timelineClocks, nip, latestEffective(own));
  const registered = registration(nip, own);
  if (registered === null) rows.delete(timelinePeople, nip);
  else rows.put(timelinePeople, registered);
};

export const employeeTimelineProjection: ProjectionDefinition = {
  name: 'employee-timeline',
  version: 1,
  eventTypes: EVENT_TYPES,
  tables: [timelinePeople, timelineRecords, timelineClocks],
  apply,
  refold,
};
