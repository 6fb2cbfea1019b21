// What a projection is: a name and version, the event types it folds, its tables, and a pure evolve over
// keyed rows. A runner (services/worker) feeds it events in global order and stores its rows.
import type { EventType } from '@estafet/events';
import type { ProjectedEvent } from './projected-event.js';
import type { ColumnSpec, RowAccess } from './read-model.js';

/** The parts of a table a runner needs to create, drop and index it. */
export interface TableLayout {
  readonly name: string;
  readonly columns: readonly ColumnSpec[];
  readonly primaryKey: string;
  readonly lookups: Readonly<Record<string, readonly string[]>>;
  readonly indexes: Readonly<Record<string, readonly string[]>>;
}

/** An entity's events up to the triggering event, and every correction of them recorded up to it. */
export interface EntityHistory {
  readonly streamId: string;
  readonly events: readonly ProjectedEvent[];
  readonly corrections: readonly ProjectedEvent[];
}

export interface ProjectionDefinition {
  readonly name: string;
  /** Bump when tables or evolve change meaning: the runner then drops the read model and replays it. */
  readonly version: number;
  readonly eventTypes: readonly EventType[];
  readonly tables: readonly TableLayout[];
  /**
   * Folds one event. Returns the streams whose entities must be recomputed from their history instead
   * (a correction, or an event whose effective date lies before what the entity has already folded);
   * the runner then loads each history and calls refold. Empty when the event was folded in place.
   */
  apply(event: ProjectedEvent, rows: RowAccess): readonly string[];
  /** Recomputes the entity held in `history.streamId` and replaces its rows, versioned at `trigger`. */
  refold(history: EntityHistory, trigger: ProjectedEvent, rows: RowAccess): void;
}

/** apply's answer when nothing needs recomputing. */
export const FOLDED: readonly string[] = Object.freeze([]);
