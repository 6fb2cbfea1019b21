// The pure continuity code this package uses, in one place.
export { DEFAULT_CONTINUITY_RULES } from '@estafet/projections';
export type { ContinuityRules } from '@estafet/projections';
export { decodeForContinuity } from '@estafet/projections';
export { createContinuityState } from '@estafet/projections';
export type { ContinuityState } from '@estafet/projections';
export { evolveContinuity } from '@estafet/projections';
export { react } from '@estafet/projections';
export { tick } from '@estafet/projections';
export type { Reaction } from '@estafet/projections';
export { deterministicUuid } from '@estafet/projections';
