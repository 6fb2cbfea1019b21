// The simulation's diary: work scheduled for a day and a phase of that day. Days run in order and, within a day,
// departures come before moves, moves before acting cover, cover before routine work (training, complaints).
export const PHASE = { EXIT: 0, MOVE: 1, COVER: 2, ROUTINE: 3 } as const;
export type Phase = (typeof PHASE)[keyof typeof PHASE];
const PHASES = 4;

export type Task = () => void;

export interface Agenda {
  /** Schedules work; anything after the last day is dropped (it lies in the future of the generated history). */
  at(day: number, phase: Phase, task: Task): void;
  /** Runs the day's work, including work the day's tasks schedule for the same day. */
  run(day: number): void;
  readonly firstDay: number;
  readonly lastDay: number;
}

export function createAgenda(firstDay: number, lastDay: number): Agenda {
  const buckets: (Task[] | undefined)[][] = [];
  let currentDay = firstDay - 1;
  let currentPhase = 0;
  return {
    firstDay,
    lastDay,
    at(day, phase, task) {
      if (day > lastDay) return;
      if (day < currentDay || (day === currentDay && currentPhase >= PHASES)) {
        throw new RangeError(`cannot schedule work on day ${day}: the simulation is at ${currentDay}`);
      }
      // Work for an earlier phase of today runs in the current phase: later than it asked, never skipped.
      const p = day === currentDay ? Math.max(phase, currentPhase) : phase;
      const offset = day - firstDay;
      const phases = (buckets[offset] ??= []);
      (phases[p] ??= []).push(task);
    },
    run(day) {
      currentDay = day;
      for (currentPhase = 0; currentPhase < PHASES; currentPhase += 1) {
        const tasks = buckets[day - firstDay]?.[currentPhase];
        if (!tasks) continue;
        for (let i = 0; i < tasks.length; i += 1) tasks[i]?.();
      }
      buckets[day - firstDay] = [];
    },
  };
}
