// What react() and tick() return: an event for the process to append, with the stream it goes to, the
// idempotency key that makes it happen once, and the causation that lets an auditor walk back to its cause.
import type { DomainEvent } from '@estafet/events';

export type ContinuityOutputType =
  | 'ProgramFlaggedAtRisk' | 'ProgramRiskCleared' | 'HandoverChecklistOpened'
  | 'HandoverChecklistClosed' | 'HandoverEscalated';

export type ContinuityOutput = Extract<DomainEvent, { type: ContinuityOutputType }>;

export interface Reaction {
  /** Deterministic, derived from the cause: the same cause never yields two appends. */
  readonly idempotencyKey: string;
  readonly streamId: string;
  readonly event: ContinuityOutput;
  readonly effectiveAt: string;
  readonly causationId: string | null;
  readonly correlationId: string;
}

export const programStream = (programId: string): string => `program-${programId}`;
export const handoverStream = (checklistId: string): string => `handover-${checklistId}`;

export const continuityKeys = {
  flag: (causeEventId: string, programId: string) => `continuity:flag:${causeEventId}:${programId}`,
  checklist: (causeEventId: string, positionId: string) => `continuity:checklist:${causeEventId}:${positionId}`,
  vacant: (causeEventId: string, programId: string) => `continuity:vacant:${causeEventId}:${programId}`,
  actingLimit: (actingEventId: string, extensions: number, programId: string) =>
    `continuity:acting-limit:${actingEventId}:${extensions}:${programId}`,
  clear: (programId: string, latestFlagEventId: string) => `continuity:clear:${programId}:${latestFlagEventId}`,
  close: (checklistId: string) => `continuity:close:${checklistId}`,
  escalate: (checklistId: string) => `continuity:escalate:${checklistId}`,
} as const;
