// The pure continuity code this package uses, in one place. It imports projections/src/continuity by path
// until @estafet/projections exports it; then only this file changes.
export { DEFAULT_CONTINUITY_RULES } from '../../../../projections/src/continuity/continuity-rules.js';
export type { ContinuityRules } from '../../../../projections/src/continuity/continuity-rules.js';
export { decodeForContinuity } from '../../../../projections/src/continuity/continuity-event.js';
export { createContinuityState } from '../../../../projections/src/continuity/continuity-state.js';
export type { ContinuityState } from '../../../../projections/src/continuity/continuity-state.js';
export { evolveContinuity } from '../../../../projections/src/continuity/evolve-continuity.js';
export { react } from '../../../../projections/src/continuity/react.js';
export { tick } from '../../../../projections/src/continuity/tick.js';
export type { Reaction } from '../../../../projections/src/continuity/reaction.js';
export { deterministicUuid } from '../../../../projections/src/continuity/deterministic-id.js';
