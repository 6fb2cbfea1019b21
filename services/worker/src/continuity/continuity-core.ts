// The pure continuity code this package uses, in one place.
export {
  DEFAULT_CONTINUITY_RULES, decodeForContinuity, createContinuityState, evolveContinuity, react, tick, deterministicUuid,
} from '@estafet/projections';
export type { ContinuityRules, ContinuityState, Reaction } from '@estafet/projections';
