// The read models Estafet keeps, in the order a runner folds them.
import { employeeTimelineProjection, orgChartProjection } from '@estafet/projections';
import type { ProjectionDefinition } from '@estafet/projections';

export const DEFAULT_PROJECTIONS: readonly ProjectionDefinition[] = [orgChartProjection, employeeTimelineProjection];

export const ORG_CHART = orgChartProjection.name;
export const EMPLOYEE_TIMELINE = employeeTimelineProjection.name;
