// The org-chart projection: folds unit, position and occupancy events into bitemporal intervals so an
// as-of (and as-known-at) org chart is an indexed lookup. Corrections refold the entity they touch. Holder rows
// are copied, with names and units, into the table charts read (chart-holder-rows.ts).
import type { EventType } from '@estafet/events';
import { foldOrder } from '../corrections.js';
import { advanceClock, foldOpen, latestEffective, refoldAll, setClock } from '../entity-fold.js';
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
  holderIntervals, orgChartHolders, orgClocks, orgHolders, orgPeople, orgPositionUnits, orgPositions, orgUnits, positionVersions,
  unitVersions,
} from './org-chart-tables.js';
import { copyingHolders, placePosition, setName } from './chart-holder-rows.js';

const EVENT_TYPES: readonly EventType[] = [
  ...UNIT_EVENT_TYPES, ...POSITION_EVENT_TYPES, ...HOLDING_EVENT_TYPES, 'EmployeeRegistered', 'EventCorrected', 'EventRetracted',
];
const handled = new Set<string>(EVENT_TYPES);

const apply = (e: ProjectedEvent, rows: RowAccess): readonly string[] => {
  const event = e.event;
  if (event.type === 'EventCorrected' || event.type === 'EventRetracted') {
    const target = e.target?.event;
    if (target === undefined || !handled.has(target.type)) return FOLDED;
    const stream = entityStreamOf(target);
    return stream === null ? FOLDED : [stream];
  }
  if (isUnitEvent(event)) {
    const { unitId } = event.data;
    if (!advanceClock(rows, orgClocks, `unit:${unitId}`, e)) return [unitStream(unitId)];
    foldOpen(unitVersions, rows, unitId, e, stepUnit);
  } else if (isPositionEvent(event)) {
    const { positionId } = event.data;
    if (!advanceClock(rows, orgClocks, `position:${positionId}`, e)) return [positionStream(positionId)];
    foldOpen(positionVersions, rows, positionId, e, stepPosition);
    placePosition(rows, positionId);
  } else if (isHoldingEvent(event)) {
    const { nip } = event.data;
    if (!advanceClock(rows, orgClocks, `person:${nip}`, e)) return [employeeStream(nip)];
    foldOpen(holderIntervals, copyingHolders(rows, nip), nip, e, stepHoldings);
  } else if (event.type === 'EmployeeRegistered') {
    setName(rows, event.data.nip, event.data.name);
  }
  return FOLDED;
};

const refold = (history: EntityHistory, trigger: ProjectedEvent, rows: RowAccess): void => {
  const { kind, id } = parseStreamId(history.streamId);
  const events = foldOrder(history.events, history.corrections, trigger.position);
  if (kind === 'unit') {
    const own = events.filter((e) => isUnitEvent(e.event) && e.event.data.unitId === id);
    refoldAll(unitVersions, rows, id, own, stepUnit, trigger);
    setClock(rows, orgClocks, `unit:${id}`, latestEffective(own));
  } else if (kind === 'position') {
    const own = events.filter((e) => isPositionEvent(e.event) && e.event.data.positionId === id);
    refoldAll(positionVersions, rows, id, own, stepPosition, trigger);
    setClock(rows, orgClocks, `position:${id}`, latestEffective(own));
    placePosition(rows, id);
  } else if (kind === 'employee') {
    let name: string | null = null;
    for (const e of events) if (e.event.type === 'EmployeeRegistered' && e.event.data.nip === id) name = e.event.data.name;
    setName(rows, id, name);
    // A correction that moved an event to another NIP takes it out of this person's history.
    const own = events.filter((e) => isHoldingEvent(e.event) && e.event.data.nip === id);
    refoldAll(holderIntervals, copyingHolders(rows, id), id, own, stepHoldings, trigger);
    setClock(rows, orgClocks, `person:${id}`, latestEffective(own));
  }
};

export const orgChartProjection: ProjectionDefinition = {
  name: 'org-chart',
  version: 2,
  eventTypes: EVENT_TYPES,
  tables: [orgUnits, orgPositions, orgHolders, orgPeople, orgClocks, orgChartHolders, orgPositionUnits],
  apply,
  refold,
};
