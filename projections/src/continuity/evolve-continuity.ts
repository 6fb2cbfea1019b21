// The continuity fold: one event at a time, in global order, into the state react() and tick() read.
import type { LoggedEvent } from './continuity-event.js';
import type { ContinuityRules } from './continuity-rules.js';
import type { ContinuityState } from './continuity-state.js';
import { evolvePeople } from './evolve-people.js';
import { evolvePrograms } from './evolve-programs.js';

/** Folds `event` into `state` (mutated in place and returned; see createContinuityState). */
export const evolveContinuity = (
  state: ContinuityState, event: LoggedEvent, rules: Pick<ContinuityRules, 'longLeaveKinds'>,
): ContinuityState => {
  evolvePeople(state, event, rules);
  evolvePrograms(state, event);
  state.position = Math.max(state.position, event.meta.globalPosition);
  return state;
};
