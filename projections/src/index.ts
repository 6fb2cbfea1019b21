// Pure projections: read-model table definitions, the projection contract, the org-chart and employee-timeline
// projections, and the queries that read their rows. No I/O here: the worker stores rows, the API serves them.
export { defineTable } from './read-model.js';
export type {
  Value, ColumnType, ColumnSpec, ColumnSchema, TableShape, Row, Table, RowOf, RowAccess, Condition, SelectOptions, RowQuery,
} from './read-model.js';
export { FOLDED } from './projection-definition.js';
export type { TableLayout, EntityHistory, ProjectionDefinition } from './projection-definition.js';
export {
  CORRECTION_TYPES, isCorrection, UndecodableEventError, normaliseInstant, decodeDomainEvent, decodeStoredEvent,
} from './projected-event.js';
export type { ProjectedEvent } from './projected-event.js';
export { applyCorrections, byEffectiveDate, foldOrder } from './corrections.js';
export { createMemoryRows, replayInMemory } from './memory-rows.js';
export type { MemoryRows } from './memory-rows.js';
export { closeKnownAt } from './versioned-facts.js';
export { orgChartProjection } from './org-chart/org-chart-projection.js';
export { orgUnits, orgPositions, orgHolders, orgPeople } from './org-chart/org-chart-tables.js';
export type { OrgUnitRow, OrgPositionRow, OrgHolderRow, OrgPersonRow } from './org-chart/org-chart-tables.js';
export { employeeTimelineProjection } from './employee-timeline/timeline-projection.js';
export { timelinePeople, timelineRecords } from './employee-timeline/timeline-tables.js';
export type { TimelinePersonRow, TimelineRecordRow } from './employee-timeline/timeline-tables.js';
export { knownAtConditions, validOnConditions, selectIn } from './bitemporal-conditions.js';
export { queryOrgChart, unitTree, OrgChartSchema, OrgChartUnitSchema, OrgChartPositionSchema } from './org-chart/org-chart-query.js';
export type { OrgChart, OrgChartParams } from './org-chart/org-chart-query.js';
export { queryOrgChartDiff, OrgChartDiffSchema } from './org-chart/org-chart-diff.js';
export type { OrgChartDiff } from './org-chart/org-chart-diff.js';
export { queryPositionHistory, PositionHistorySchema } from './org-chart/position-history.js';
export type { PositionHistory } from './org-chart/position-history.js';
export { queryUnitHistory, UnitHistorySchema } from './org-chart/unit-history.js';
export type { UnitHistory } from './org-chart/unit-history.js';
export { queryEmployeeTimeline, EmployeeTimelineSchema } from './employee-timeline/timeline-query.js';
export type { EmployeeTimeline } from './employee-timeline/timeline-query.js';
// -- continuity: the pure state, reactions and time rules of the continuity process, and its read model --
export { DEFAULT_CONTINUITY_RULES } from './continuity/continuity-rules.js';
export type { ContinuityRules } from './continuity/continuity-rules.js';
export { decodeForContinuity } from './continuity/continuity-event.js';
export { createContinuityState } from './continuity/continuity-state.js';
export type { ContinuityState } from './continuity/continuity-state.js';
export { evolveContinuity } from './continuity/evolve-continuity.js';
export { react } from './continuity/react.js';
export { tick } from './continuity/tick.js';
export { handoverStream } from './continuity/reaction.js';
export type { Reaction } from './continuity/reaction.js';
export { deterministicUuid } from './continuity/deterministic-id.js';
export { dateAtOffset } from './continuity/calendar-days.js';
export { continuityProjection } from './continuity/continuity-projection.js';
export { listPrograms, programWithRiskHistory, listHandovers, handoverWithTasks } from './continuity/continuity-queries.js';
export type { ProgramSummary, RiskEntry, HandoverStatusFilter, HandoverSummary, HandoverTaskView } from './continuity/continuity-queries.js';
export { HANDOVER_TEMPLATES, chooseTemplate } from './continuity/handover-templates.js';
export type { HandoverTemplate, TemplateTask } from './continuity/handover-templates.js';
