// What the continuity query routes read: the continuity projection's rows, and a bounded wait until the read
// models have folded a position (so a client can read its own writes). The projection runner's reader fits.
import type { RowQuery } from '@estafet/projections';

export interface ContinuityReadModels extends RowQuery {
  /** Resolves true once the named projections have folded `position`, false after `timeoutMs`. */
  waitForPosition?(position: number, timeoutMs: number, projections?: readonly string[]): Promise<boolean>;
}

/** How long a request with ?minPosition= may wait for the read model before answering with what it has. */
export const MIN_POSITION_WAIT_MS = 2000;

export const waitForContinuity = async (readModels: ContinuityReadModels, minPosition: number | undefined): Promise<void> => {
  if (minPosition === undefined || readModels.waitForPosition === undefined) return;
  await readModels.waitForPosition(minPosition, MIN_POSITION_WAIT_MS, ['continuity']);
};
