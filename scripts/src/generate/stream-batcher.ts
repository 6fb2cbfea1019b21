// Groups simulated events into large appends. One append names each stream once, so a stream's events sit together;
// entries are ordered so that every stream (own or alsoIn) still sees its events in simulation order. When that is
// impossible within one append (a cycle), the batch is sealed and a new one begins.
import type { NewEvent } from '@estafet/events';
import type { AppendStream, EventStore } from '@estafet/ledger';

interface Entry {
  readonly streamId: string;
  readonly events: NewEvent[];
  readonly order: number;
  /** Entries whose events must be written before this one's. */
  preds: Set<Entry> | null;
  succs: Entry[] | null;
}

export interface StreamBatcher {
  add(streamId: string, event: NewEvent): void;
  /** Events added but not yet written. */
  readonly pending: number;
  /** Writes every sealed batch; with `all`, also the batch being filled. Versions are tracked in memory. */
  drain(all: boolean): Promise<void>;
  readonly appends: number;
  readonly written: number;
}

export function createStreamBatcher(store: EventStore, options: { maxEvents: number; onWritten?: (written: number) => void }): StreamBatcher {
  let entries: Entry[] = [];
  let byStream = new Map<string, Entry>();
  let lastToucher = new Map<string, Entry>();
  let count = 0;
  let pending = 0;
  let appends = 0;
  let written = 0;
  const sealed: Entry[][] = [];
  // The version every stream has reached in the store, so each append carries an exact expectedVersion.
  const versions = new Map<string, number>();

  const seal = (): void => {
    if (entries.length > 0) sealed.push(topologicalOrder(entries));
    entries = [];
    byStream = new Map();
    lastToucher = new Map();
    count = 0;
  };

  const add = (streamId: string, event: NewEvent): void => {
    const existing = byStream.get(streamId);
    const touched = event.alsoIn === undefined || event.alsoIn.length === 0 ? [streamId] : [streamId, ...event.alsoIn];
    let preds = predecessors(touched, existing);
    let entry = existing;
    if (existing !== undefined && preds.some((p) => reaches(existing, p))) {
      seal();
      entry = undefined;
      preds = [];
    }
    if (entry === undefined) {
      entry = { streamId, events: [], order: entries.length, preds: null, succs: null };
      entries.push(entry);
      byStream.set(streamId, entry);
    }
    for (const p of preds) {
      entry.preds ??= new Set();
      if (entry.preds.has(p)) continue;
      entry.preds.add(p);
      (p.succs ??= []).push(entry);
    }
    entry.events.push(event);
    for (const stream of touched) lastToucher.set(stream, entry);
    count += 1;
    pending += 1;
    if (count >= options.maxEvents) seal();
  };

  const predecessors = (touched: readonly string[], self: Entry | undefined): Entry[] => {
    const found: Entry[] = [];
    for (const stream of touched) {
      const last = lastToucher.get(stream);
      if (last !== undefined && last !== self && !found.includes(last)) found.push(last);
    }
    return found;
  };

  const write = async (batch: readonly Entry[]): Promise<void> => {
    const streams: AppendStream[] = batch.map((e) => ({ streamId: e.streamId, expectedVersion: versions.get(e.streamId) ?? 0, events: e.events }));
    await store.append(streams);
    let n = 0;
    for (const e of batch) {
      for (const event of e.events) {
        versions.set(e.streamId, (versions.get(e.streamId) ?? 0) + 1);
        for (const linked of event.alsoIn ?? []) versions.set(linked, (versions.get(linked) ?? 0) + 1);
        n += 1;
      }
    }
    appends += 1;
    written += n;
    pending -= n;
    options.onWritten?.(written);
  };

  return {
    add,
    get pending() {
      return pending;
    },
    async drain(all) {
      if (all) seal();
      while (sealed.length > 0) {
        const batch = sealed.shift();
        if (batch) await write(batch);
      }
    },
    get appends() {
      return appends;
    },
    get written() {
      return written;
    },
  };
}

/** True when `to` can be reached from `from` along successor edges (adding to → from would close a cycle). */
function reaches(from: Entry, to: Entry): boolean {
  const stack: Entry[] = [from];
  const seen = new Set<Entry>();
  while (stack.length > 0) {
    const at = stack.pop();
    if (at === undefined) break;
    if (at === to) return true;
    if (seen.has(at)) continue;
    seen.add(at);
    for (const next of at.succs ?? []) stack.push(next);
  }
  return false;
}

/** Every entry after its predecessors; otherwise in the order streams first appeared. */
function topologicalOrder(entries: readonly Entry[]): Entry[] {
  const out: Entry[] = [];
  const done = new Set<Entry>();
  for (const start of entries) {
    if (done.has(start)) continue;
    // Iterative depth-first walk over predecessors: emit an entry once all of its predecessors are out.
    const stack: { entry: Entry; preds: Entry[]; next: number }[] = [{ entry: start, preds: sortedPreds(start), next: 0 }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (top === undefined) break;
      const pred = top.preds[top.next];
      if (pred !== undefined) {
        top.next += 1;
        if (!done.has(pred)) stack.push({ entry: pred, preds: sortedPreds(pred), next: 0 });
        continue;
      }
      stack.pop();
      if (!done.has(top.entry)) {
        done.add(top.entry);
        out.push(top.entry);
      }
    }
  }
  return out;
}

const sortedPreds = (entry: Entry): Entry[] => (entry.preds === null ? [] : [...entry.preds].sort((a, b) => a.order - b.order));
