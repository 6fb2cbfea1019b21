// The continuity read-model projection: programs and their risk history, handover checklists and their
// tasks, folded in recording order. A correction of a program's or a position's own events refolds it.
import type { DomainEvent, EventOfType, EventType } from '@estafet/events';
import { foldOrder } from '../corrections.js';
import { parseStreamId } from '../event-groups.js';
import { FOLDED } from '../projection-definition.js';
import type { EntityHistory, ProjectionDefinition } from '../projection-definition.js';
import type { ProjectedEvent } from '../projected-event.js';
import type { RowAccess } from '../read-model.js';
import { atLeast } from './handover-templates.js';
import type { Criticality } from './handover-templates.js';
import {
  continuityHandoverTasks, continuityHandovers, continuityPositions, continuityPrograms, continuityRisks,
} from './continuity-tables.js';
import type { ContinuityProgramRow } from './continuity-tables.js';

const METADATA_TYPES = ['PositionEstablished', 'PositionReclassified', 'ProgramRegistered', 'ProgramPhaseChanged', 'ProgramClosed'] as const;
const CONTINUITY_TYPES = [
  'ProgramFlaggedAtRisk', 'ProgramRiskCleared', 'HandoverChecklistOpened', 'HandoverTaskCompleted', 'HandoverChecklistClosed',
  'HandoverEscalated',
] as const;
const EVENT_TYPES: readonly EventType[] = [...METADATA_TYPES, ...CONTINUITY_TYPES, 'EventCorrected', 'EventRetracted'];

const guard = <T extends EventType>(types: readonly T[]) => {
  const set = new Set<string>(types);
  return (event: DomainEvent): event is EventOfType<T> => set.has(event.type);
};
const isMetadata = guard(METADATA_TYPES);
const isContinuity = guard(CONTINUITY_TYPES);
type Metadata = EventOfType<(typeof METADATA_TYPES)[number]>;
type Continuity = EventOfType<(typeof CONTINUITY_TYPES)[number]>;

/** Open flags, highest severity and since when, recomputed from the program's risk rows. */
const refreshRisk = (rows: RowAccess, programId: string): void => {
  const program = rows.get(continuityPrograms, programId);
  if (program === undefined) return;
  const open = rows.find(continuityRisks, 'byProgram', [programId]).filter((r) => r.kind === 'FLAGGED' && r.clearedByEventId === null);
  const highestSeverity = open.reduce<Criticality | null>((top, r) =>
    (r.severity !== null && (top === null || atLeast(r.severity, top)) ? r.severity : top), null);
  const atRiskSince = open.reduce<string | null>((first, r) => (first === null || r.recordedAt < first ? r.recordedAt : first), null);
  rows.put(continuityPrograms, { ...program, openFlags: open.length, highestSeverity, atRiskSince });
};

const refreshHandover = (rows: RowAccess, checklistId: string): void => {
  const handover = rows.get(continuityHandovers, checklistId);
  if (handover === undefined) return;
  const tasks = rows.find(continuityHandoverTasks, 'byChecklist', [checklistId]);
  const pending = tasks.filter((t) => t.required === 1 && t.completedEventId === null).map((t) => t.dueDate).sort();
  rows.put(continuityHandovers, {
    ...handover, tasksTotal: tasks.length, tasksDone: tasks.filter((t) => t.completedEventId !== null).length,
    nextRequiredDue: pending[0] ?? null,
  });
};

/** Program and position metadata: the same step serves the in-order fold and the refold after a correction. */
const stepMetadata = (event: Metadata, rows: RowAccess): void => {
  switch (event.type) {
    case 'PositionEstablished': {
      const { positionId, unitId, title } = event.data;
      rows.put(continuityPositions, { positionId, unitId, title });
      return;
    }
    case 'PositionReclassified': {
      const position = rows.get(continuityPositions, event.data.positionId);
      if (position && event.data.title !== undefined) rows.put(continuityPositions, { ...position, title: event.data.title });
      return;
    }
    case 'ProgramRegistered': {
      const { programId, name, unitId, leadingPositionId, criticality, phase } = event.data;
      const old = rows.get(continuityPrograms, programId);
      const row: ContinuityProgramRow = {
        programId, name, unitId, leadingPositionId, criticality, phase, status: 'ACTIVE',
        openFlags: old?.openFlags ?? 0, highestSeverity: old?.highestSeverity ?? null, atRiskSince: old?.atRiskSince ?? null,
      };
      rows.put(continuityPrograms, row);
      return;
    }
    case 'ProgramPhaseChanged': {
      const program = rows.get(continuityPrograms, event.data.programId);
      if (program) rows.put(continuityPrograms, { ...program, phase: event.data.phase });
      return;
    }
    case 'ProgramClosed': {
      const program = rows.get(continuityPrograms, event.data.programId);
      if (program) rows.put(continuityPrograms, { ...program, status: 'CLOSED' });
      return;
    }
  }
};

const stepContinuity = (event: Continuity, e: ProjectedEvent, rows: RowAccess): void => {
  const common = { effectiveAt: e.effectiveAt, recordedAt: e.recordedAt, position: e.position };
  switch (event.type) {
    case 'ProgramFlaggedAtRisk': {
      const { programId, positionId, cause, causeEventId, severity, reasons } = event.data;
      rows.put(continuityRisks, {
        eventId: e.eventId, programId, positionId, kind: 'FLAGGED', cause, causeEventId, severity,
        reasons: JSON.stringify(reasons), resolution: null, clearedByEventId: null, ...common,
      });
      refreshRisk(rows, programId);
      return;
    }
    case 'ProgramRiskCleared': {
      const { programId, positionId, resolution } = event.data;
      for (const flag of rows.find(continuityRisks, 'byProgram', [programId])) {
        if (flag.kind === 'FLAGGED' && flag.positionId === positionId && flag.clearedByEventId === null) {
          rows.put(continuityRisks, { ...flag, clearedByEventId: e.eventId });
        }
      }
      rows.put(continuityRisks, {
        eventId: e.eventId, programId, positionId, kind: 'CLEARED', cause: null, causeEventId: null, severity: null,
        reasons: '[]', resolution, clearedByEventId: null, ...common,
      });
      refreshRisk(rows, programId);
      return;
    }
    case 'HandoverChecklistOpened': {
      const { checklistId, positionId, programIds, outgoingNip, incomingNip, templateId, dueBy, tasks } = event.data;
      const position = rows.get(continuityPositions, positionId);
      tasks.forEach((task, seq) => rows.put(continuityHandoverTasks, {
        id: `${checklistId}|${task.taskId}`, checklistId, seq, taskId: task.taskId, title: task.title,
        responsibleRole: task.responsibleRole, dueDate: task.dueDate, required: task.required ? 1 : 0,
        completedEventId: null, completedAt: null, note: null,
      }));
      rows.put(continuityHandovers, {
        checklistId, positionId, positionTitle: position?.title ?? null, unitId: position?.unitId ?? null,
        programIds: JSON.stringify(programIds), outgoingNip, incomingNip, templateId, dueBy, status: 'OPEN', escalated: 0,
        openedEventId: e.eventId, openedAt: e.recordedAt, closedAt: null, tasksTotal: 0, tasksDone: 0, nextRequiredDue: null,
      });
      refreshHandover(rows, checklistId);
      return;
    }
    case 'HandoverTaskCompleted': {
      const task = rows.get(continuityHandoverTasks, `${event.data.checklistId}|${event.data.taskId}`);
      if (task === undefined || task.completedEventId !== null) return;
      rows.put(continuityHandoverTasks, { ...task, completedEventId: e.eventId, completedAt: e.recordedAt, note: event.data.note });
      refreshHandover(rows, event.data.checklistId);
      return;
    }
    case 'HandoverChecklistClosed': {
      const handover = rows.get(continuityHandovers, event.data.checklistId);
      if (handover) rows.put(continuityHandovers, { ...handover, status: 'CLOSED', closedAt: e.recordedAt });
      return;
    }
    case 'HandoverEscalated': {
      const handover = rows.get(continuityHandovers, event.data.checklistId);
      if (handover) rows.put(continuityHandovers, { ...handover, escalated: 1 });
      return;
    }
  }
};

const apply = (e: ProjectedEvent, rows: RowAccess): readonly string[] => {
  const event = e.event;
  if (event.type === 'EventCorrected' || event.type === 'EventRetracted') {
    const target = e.target;
    // Continuity events are the process's own and never corrected; program and position metadata can be.
    return target && isMetadata(target.event) ? [target.streamId] : FOLDED;
  }
  if (isMetadata(event)) stepMetadata(event, rows);
  else if (isContinuity(event)) stepContinuity(event, e, rows);
  return FOLDED;
};

/** Refolds a program's or a position's metadata from its corrected history; its risk rows stay as they are. */
const refold = (history: EntityHistory, trigger: ProjectedEvent, rows: RowAccess): void => {
  const { kind, id } = parseStreamId(history.streamId);
  if (kind === 'program') rows.delete(continuityPrograms, id);
  if (kind === 'position') rows.delete(continuityPositions, id);
  for (const e of foldOrder(history.events, history.corrections, trigger.position)) {
    if (isMetadata(e.event)) stepMetadata(e.event, rows);
  }
  if (kind === 'program') refreshRisk(rows, id);
};

export const continuityProjection: ProjectionDefinition = {
  name: 'continuity',
  version: 1,
  eventTypes: EVENT_TYPES,
  tables: [continuityPrograms, continuityRisks, continuityHandovers, continuityHandoverTasks, continuityPositions],
  apply,
  refold,
};
