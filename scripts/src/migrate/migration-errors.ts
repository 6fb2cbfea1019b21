// The ways a migration stops, each with a code; the CLI maps them to exit codes (refused: 2, the rest: 1).

/** How a refusal of a non-empty target ends: what to do instead. */
export const NEW_TARGET = 'migrate into a new file or schema';

/** Refused before anything was written: bad source, non-empty target. */
export class MigrationRefusedError extends Error {
  readonly code = 'MIGRATION_REFUSED';
}

/** Something else wrote to the target while the copy ran. */
export class TargetChangedError extends Error {
  readonly code = 'TARGET_CHANGED';
}

/** The copy stopped part way: the target holds a partial ledger that must be removed before a new attempt. */
export class CopyFailedError extends Error {
  readonly code = 'COPY_FAILED';
}
