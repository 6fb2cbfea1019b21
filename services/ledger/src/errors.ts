// Domain errors of the write side, each with a stable `code` and the HTTP status it maps to (STYLE.md):
// validation 400, not found 404, rule broken 409, version conflict 412 (the store port's own error).
import { InvalidAppendError, StreamVersionConflictError } from './store/event-store.js';

export { StreamVersionConflictError };

export interface ValidationIssue {
  /** Dotted path of the offending field in the command (`legalBasis`, `legalBasis.skDate`); '' for the whole. */
  readonly path: string;
  readonly message: string;
}

export abstract class DomainError extends Error {
  abstract readonly code: string;
  abstract readonly httpStatus: number;
}

/** The command is malformed or inconsistent in itself: the client must change it. */
export class ValidationError extends DomainError {
  readonly code = 'VALIDATION_FAILED';
  readonly httpStatus = 400;
  constructor(readonly issues: readonly ValidationIssue[]) {
    super(issues.map((i) => (i.path === '' ? i.message : `${i.path}: ${i.message}`)).join('; '));
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';
  readonly httpStatus = 404;
  constructor(readonly resource: 'unit' | 'position' | 'employee' | 'program' | 'complaint' | 'event', readonly id: string) {
    super(`${resource} ${id} is not recorded`);
  }
}

/** The command is well-formed but the ledger's history forbids it. */
export class RuleViolationError extends DomainError {
  readonly code = 'RULE_VIOLATION';
  readonly httpStatus = 409;
  constructor(
    readonly rule: string,
    message: string,
    /** The recorded event the command conflicts with, where there is one. */
    readonly conflictingEventId: string | null = null,
  ) {
    super(message);
  }
}

/** The HTTP status for any error the ledger throws on purpose; undefined for anything else (a 500). */
export function httpStatusOf(error: unknown): number | undefined {
  if (error instanceof DomainError) return error.httpStatus;
  if (error instanceof StreamVersionConflictError) return 412;
  if (error instanceof InvalidAppendError) return 400;
  return undefined;
}
