// The copy itself: the source's rows in position order, a batch per transaction on the target, each batch
// checked to continue exactly where the previous one ended.
import type { LedgerEndpoint, LedgerWriter } from './ledger-endpoint.js';

export interface CopyProgress {
  /** The last position copied, out of `toPosition`. */
  readonly position: number;
  readonly toPosition: number;
  readonly events: number;
}

export interface CopyOptions {
  readonly toPosition: number;
  readonly batchSize: number;
  /** A monotonic millisecond clock (performance.now in the CLI). */
  readonly now: () => number;
  readonly onProgress?: (progress: CopyProgress) => void;
}

export interface CopyResult {
  readonly events: number;
  readonly members: number;
  readonly keys: number;
  readonly headPosition: number;
  readonly seconds: number;
}

export async function copyLedger(source: LedgerEndpoint, writer: LedgerWriter, options: CopyOptions): Promise<CopyResult> {
  const started = options.now();
  let head = 0;
  let events = 0;
  let members = 0;
  let keys = 0;
  for await (const batch of source.scan(options.toPosition, options.batchSize)) {
    await writer.write(batch, head);
    head = batch.events.at(-1)?.global_position ?? head;
    events += batch.events.length;
    members += batch.members.length;
    keys += batch.keys.length;
    options.onProgress?.({ position: head, toPosition: options.toPosition, events });
  }
  await writer.finish();
  return { events, members, keys, headPosition: head, seconds: (options.now() - started) / 1000 };
}
