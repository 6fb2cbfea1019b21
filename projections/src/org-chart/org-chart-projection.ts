// The org-chart projection: folds unit, position and occupancy events into bitemporal intervals so an
// as-of (and as-known-at) org chart is an indexed lookup. Corrections refold the entity they touch.
import type { EventType } from '@estafet/events';
import { foldOrder } from '../corrections.js';
import { foldAll, foldInOrder, latestEffective, refoldsFor } from '../entity-fold.js';
import {
  HOLDING_EVENT_TYPES, POSITION_EVENT_TYPES, UNIT_EVENT_TYPES, employeeStream, entityStreamOf, isHoldingEvent,
  isPositionEvent, isUnitEvent, parseStreamId, positionStream, unitStream,
} from '../event-groups.js';
import { stepHoldings } from '../holding-facts.js';
import { stepPosition, stepUnit } from '../org-structure-facts.js';
import { FOLDED } from '../projection-definition.js';
import type { EntityHistory, ProjectionDefinition } from '../projection-definition.js';
import type { ProjectedEvent } from '../projected-event.js';
import type { RowAccess } from '../read-model.js';
import {
  holderIntervals, orgHolders, orgPeople, orgPositions, orgUnits, positionVersions, unitVersions,
} from './org-chart-tables.js';
import type { OrgPersonRow } from './org-chart-tables.js';

const EVENT_TYPES: readonly EventType[] = [
  ...UNIT_EVENT_TYPES, ...POSITION_EVENT_TYPES, ...HOLDING_EVENT_TYPES, 'EmployeeRegistered', 'EventCorrected', 'EventRetracted',
];
const handled = new Set<string>(EVENT_TYPES);

const setPerson = (rows: RowAccess, next: OrgPersonRow): void => {
  const old = rows.get(orgPeople, next.nip);
  if (old?.name !== next.name || old.clock !== next.clock) rows.put(orgPeople, next);
};

const person = (rows: RowAccess, nip: string): OrgPersonRow => rows.get(orgPeople, nip) ?? { nip, name: null, clock: '' };

const apply = (e: ProjectedEvent, rows: RowAccess): readonly string[] => {
  const event = e.event;
  if (event.type === 'EventCorrected' || event.type === 'EventRetracted') {
    const target = e.target?.event;
    if (target === undefined || !handled.has(target.type)) return FOLDED;
    const stream = entityStreamOf(target);
    return stream === null ? FOLDED : [stream];
  }
  if (isUnitEvent(event)) {
    const outcome = foldInOrder(unitVersions, rows, event.data.unitId, e, stepUnit);
    return refoldsFor(outcome, unitStream(event.data.unitId));
  }
  if (isPositionEvent(event)) {
    const outcome = foldInOrder(positionVersions, rows, event.data.positionId, e, stepPosition);
    return refoldsFor(outcome, positionStream(event.data.positionId));
  }
  if (isHoldingEvent(event)) {
    const { nip } = event.data;
    const before = person(rows, nip);
    const outcome = foldInOrder(holderIntervals, rows, nip, e, stepHoldings, before.clock);
    if (outcome === 'untraced') setPerson(rows, { ...before, clock: e.effectiveAt });
    return refoldsFor(outcome, employeeStream(nip));
  }
  if (event.type === 'EmployeeRegistered') {
    setPerson(rows, { ...person(rows, event.data.nip), name: event.data.name });
  }
  return FOLDED;
};

const refold = (history: EntityHistory, trigger: ProjectedEvent, rows: RowAccess): void => {
  const { kind, id } = parseStreamId(history.streamId);
  const events = foldOrder(history.events, history.corrections, trigger.position);
  if (kind === 'unit') {
    const own = events.filter((e) => isUnitEvent(e.event) && e.event.data.unitId === id);
    unitVersions.sync(rows, id, foldAll(own, stepUnit), trigger);
  } else if (kind === 'position') {
    const own = events.filter((e) => isPositionEvent(e.event) && e.event.data.positionId === id);
    positionVersions.sync(rows, id, foldAll(own, stepPosition), trigger);
  } else if (kind === 'employee') {
    // A correction that moved an event to another NIP takes it out of this person's history.
    const own = events.filter((e) => isHoldingEvent(e.event) && e.event.data.nip === id);
    holderIntervals.sync(rows, id, foldAll(own, stepHoldings), trigger);
    let name: string | null = null;
    for (const e of events) if (e.event.type === 'EmployeeRegistered' && e.event.data.nip === id) name = e.event.data.name;
    setPerson(rows, { nip: id, name, clock: latestEffective(own) });
  }
};

export const orgChartProjection: ProjectionDefinition = {
  name: 'org-chart',
  version: 1,
  eventTypes: EVENT_TYPES,
  tables: [orgUnits, orgPositions, orgHolders, orgPeople],
  apply,
  refold,
};
