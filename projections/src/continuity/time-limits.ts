// The two time limits of the continuity rules: how long a leadership post may stay uncovered, and how long
// a Plt/Plh may act. Each reads the rule in force on the date its clock started.
import { addMonths, addWorkingDays } from './calendar-days.js';
import { ruleAt } from './continuity-rules.js';
import type { ContinuityRules } from './continuity-rules.js';
import type { ActingTenure, Uncovered } from './continuity-state.js';

/** The last day a post may stay uncovered; flagged the day after. */
export const vacancyDeadline = (uncovered: Uncovered, rules: ContinuityRules): string =>
  addWorkingDays(uncovered.since, ruleAt(rules.vacancyWorkingDays, uncovered.since), new Set(rules.publicHolidays));

/** The last day an acting appointment may run, counting the extensions the rule allows and no more. */
export const actingLimitDate = (tenure: ActingTenure, rules: ContinuityRules): string => {
  const limit = ruleAt(rules.actingLimits, tenure.from);
  const months = limit.maxMonths + Math.min(tenure.extensions, limit.maxExtensions) * limit.extensionMonths;
  return addMonths(tenure.from, months);
};

export const isActingOverLimit = (tenure: ActingTenure, today: string, rules: ContinuityRules): boolean =>
  today > actingLimitDate(tenure, rules);
