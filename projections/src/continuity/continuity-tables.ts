// The continuity read models: programs with their current risk, every flag and clear (the risk history),
// handover checklists with a summary for list queries, their tasks, and the positions they belong to.
import { z } from 'zod';
import { CRITICALITY, PROGRAM_PHASES, RISK_CAUSES } from '@estafet/events';
import { defineTable } from '../read-model.js';

export const continuityPrograms = defineTable({
  name: 'continuity_programs',
  schema: z.object({
    programId: z.string(),
    name: z.string(),
    unitId: z.string(),
    leadingPositionId: z.string(),
    criticality: z.enum(CRITICALITY),
    phase: z.enum(PROGRAM_PHASES),
    status: z.enum(['ACTIVE', 'CLOSED']),
    /** Flags not yet cleared; > 0 means at risk. */
    openFlags: z.int(),
    highestSeverity: z.enum(CRITICALITY).nullable(),
    atRiskSince: z.string().nullable(),
  }),
  primaryKey: 'programId',
  lookups: {},
  indexes: { byUnit: ['unitId', 'programId'], byOpenFlags: ['openFlags'] },
});
export type ContinuityProgramRow = z.output<typeof continuityPrograms.schema>;

export const continuityRisks = defineTable({
  name: 'continuity_risks',
  schema: z.object({
    eventId: z.string(),
    programId: z.string(),
    positionId: z.string(),
    kind: z.enum(['FLAGGED', 'CLEARED']),
    cause: z.enum(RISK_CAUSES).nullable(),
    causeEventId: z.string().nullable(),
    severity: z.enum(CRITICALITY).nullable(),
    /** JSON array of strings (a flag's reasons); '[]' for a clear. */
    reasons: z.string(),
    resolution: z.string().nullable(),
    /** For a flag: the clear that settled it. */
    clearedByEventId: z.string().nullable(),
    effectiveAt: z.string(),
    recordedAt: z.string(),
    position: z.int(),
  }),
  primaryKey: 'eventId',
  lookups: { byProgram: ['programId'] },
});
export type ContinuityRiskRow = z.output<typeof continuityRisks.schema>;

export const continuityHandovers = defineTable({
  name: 'continuity_handovers',
  schema: z.object({
    checklistId: z.string(),
    positionId: z.string(),
    positionTitle: z.string().nullable(),
    unitId: z.string().nullable(),
    /** JSON array of program ids. */
    programIds: z.string(),
    outgoingNip: z.string().nullable(),
    incomingNip: z.string().nullable(),
    templateId: z.string(),
    dueBy: z.string(),
    status: z.enum(['OPEN', 'CLOSED']),
    escalated: z.int(),
    openedEventId: z.string(),
    openedAt: z.string(),
    closedAt: z.string().nullable(),
    tasksTotal: z.int(),
    tasksDone: z.int(),
    /** The earliest due date among required tasks not done; null when none is left. */
    nextRequiredDue: z.string().nullable(),
  }),
  primaryKey: 'checklistId',
  lookups: {},
  indexes: { byStatus: ['status', 'nextRequiredDue'], byUnit: ['unitId', 'status'] },
});
export type ContinuityHandoverRow = z.output<typeof continuityHandovers.schema>;

export const continuityHandoverTasks = defineTable({
  name: 'continuity_handover_tasks',
  schema: z.object({
    /** `${checklistId}|${taskId}` */
    id: z.string(),
    checklistId: z.string(),
    seq: z.int(),
    taskId: z.string(),
    title: z.string(),
    responsibleRole: z.string(),
    dueDate: z.string(),
    required: z.int(),
    completedEventId: z.string().nullable(),
    completedAt: z.string().nullable(),
    note: z.string().nullable(),
  }),
  primaryKey: 'id',
  lookups: { byChecklist: ['checklistId'] },
});
export type ContinuityHandoverTaskRow = z.output<typeof continuityHandoverTasks.schema>;

export const continuityPositions = defineTable({
  name: 'continuity_positions',
  schema: z.object({ positionId: z.string(), unitId: z.string(), title: z.string() }),
  primaryKey: 'positionId',
  lookups: {},
});
export type ContinuityPositionRow = z.output<typeof continuityPositions.schema>;
