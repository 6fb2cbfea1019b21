// The continuity process takes the limits it shares with the ledger (Plt/Plh terms, long leave, the vacancy
// grace, local time) from the ledger's rules, so one deployment has one value for each.
import type { LedgerRules } from '@estafet/ledger';
import { DEFAULT_CONTINUITY_RULES } from './continuity-core.js';
import type { ContinuityRules } from './continuity-core.js';

export const continuityRulesFrom = (ledger: LedgerRules, base: ContinuityRules = DEFAULT_CONTINUITY_RULES): ContinuityRules => ({
  ...base,
  utcOffsetMinutes: ledger.utcOffsetMinutes,
  longLeaveKinds: ledger.longLeaveKinds,
  actingLimits: ledger.actingLimits,
  vacancyWorkingDays: [{ from: '1900-01-01', value: ledger.vacancyGraceWorkingDays, source: 'ledger rules: vacancyGraceWorkingDays' }],
});
