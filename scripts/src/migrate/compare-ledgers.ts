// The check after a copy: the target's own chain verification, its head against the source's, then every
// row of both ledgers side by side, page by page, raw and as the stores read them back.
import { EVENT_COLUMNS } from '@estafet/ledger';
import type { EventRow, EventStore } from '@estafet/ledger';
import type { StoredEvent } from '@estafet/events';
import type { KeyRow, LedgerBatch, LedgerEndpoint, LedgerTotals, MemberRow } from './ledger-endpoint.js';

const MAX_PROBLEMS = 20;

/** Envelope fields compared one by one for a readable message; the whole event is compared as well. */
const ENVELOPE_FIELDS = ['eventId', 'globalPosition', 'streamId', 'streamVersion', 'hash', 'prevHash', 'recordedAt', 'idempotencyKey'] as const;

export interface CompareOptions {
  readonly batchSize: number;
  /** A monotonic millisecond clock. */
  readonly now: () => number;
  readonly onProgress?: (progress: { readonly position: number; readonly toPosition: number }) => void;
}

export interface Comparison {
  /** Rows compared on both sides. */
  readonly counted: LedgerTotals;
  readonly seconds: number;
  /** Empty when the copy is identical; otherwise the first differences found (at most MAX_PROBLEMS, then a count). */
  readonly problems: readonly string[];
}

/** The source's head as it was when the copy started: what the target must now hold exactly. */
export interface ExpectedHead {
  readonly position: number;
  readonly hash: string;
}

export async function compareLedgers(source: LedgerEndpoint, target: LedgerEndpoint, expected: ExpectedHead,
  options: CompareOptions): Promise<Comparison> {
  const started = options.now();
  const problems = problemList();

  const chain = await target.store.verifyChain();
  if (!chain.ok) problems.add(`the target's hash chain does not verify at position ${chain.position}: ${chain.reason}`);
  else if (chain.headPosition !== expected.position || chain.headHash !== expected.hash) {
    problems.add(`the target's chain ends at ${chain.headPosition} with hash ${chain.headHash}; the source's at ${expected.position} with ${expected.hash}`);
  }
  const [sourceHead, targetHead] = await Promise.all([source.store.headPosition(), target.store.headPosition()]);
  if (targetHead !== expected.position) problems.add(`the target's head is at ${targetHead}, the source's at ${expected.position}`);
  if (sourceHead !== expected.position) {
    problems.add(`the source's head moved from ${expected.position} to ${sourceHead} during the run: the events appended `
      + 'meanwhile were not copied; stop its writers and migrate again into an empty target');
  }

  const counted = { events: 0, members: 0, keys: 0 };
  const sourcePages = source.scan(expected.position, options.batchSize)[Symbol.asyncIterator]();
  const targetPages = target.scan(expected.position, options.batchSize)[Symbol.asyncIterator]();
  let complete = false;
  try {
    let after = 0;
    while (!problems.full()) {
      const [fromSource, fromTarget] = await Promise.all([sourcePages.next(), targetPages.next()]);
      if (fromSource.done === true || fromTarget.done === true) {
        if (fromSource.done !== true) problems.add(`the target ends at ${after}; the source goes on to ${expected.position}`);
        else if (fromTarget.done !== true) problems.add(`the target holds events after ${after}, where the source ends`);
        complete = fromSource.done === true && fromTarget.done === true;
        break;
      }
      compareRows(fromSource.value, fromTarget.value, problems);
      const last = fromSource.value.events.at(-1)?.global_position ?? after;
      await compareReadBack(source.store, target.store, after, last, fromSource.value.events.length, problems);
      counted.events += fromSource.value.events.length;
      counted.members += fromSource.value.members.length;
      counted.keys += fromSource.value.keys.length;
      after = last;
      options.onProgress?.({ position: after, toPosition: expected.position });
    }
  } finally {
    await Promise.all([sourcePages.return?.(), targetPages.return?.()]);
  }

  if (complete) {
    // Rows the scans cannot see (a membership or key beyond the head, with no event of its own) show up here.
    const totals = await target.totals();
    for (const table of ['events', 'members', 'keys'] as const) {
      if (totals[table] !== counted[table]) problems.add(`the target holds ${totals[table]} ${table} rows, the source ${counted[table]}`);
    }
  }
  return { counted, seconds: (options.now() - started) / 1000, problems: problems.list() };
}

function compareRows(source: LedgerBatch, target: LedgerBatch, problems: ProblemList): void {
  const length = Math.max(source.events.length, target.events.length);
  for (let i = 0; i < length && !problems.full(); i++) {
    const a = source.events[i];
    const b = target.events[i];
    if (a === undefined || b === undefined || a.global_position !== b.global_position) {
      problems.add(`the events differ from position ${positionOf(a) ?? positionOf(b) ?? '?'}: source has ${positionOf(a) ?? 'none'}, target ${positionOf(b) ?? 'none'}`);
      return;
    }
    const differing = EVENT_COLUMNS.filter((column) => a[column] !== b[column]);
    if (differing.length > 0) problems.add(`position ${a.global_position}: ${differing.join(', ')} differ${differing.length === 1 ? 's' : ''}`);
  }
  compareKeyed('stream membership', source.members.map(membership), target.members.map(membership), problems);
  compareKeyed('idempotency key', source.keys.map(keyEntry), target.keys.map(keyEntry), problems);
}

const positionOf = (row: EventRow | undefined): number | undefined => row?.global_position;

type Entry = readonly [identity: string, value: string];
const membership = (m: MemberRow): Entry => [`of position ${m.global_position} in ${m.stream_id}`, `version ${m.version}`];
// An append's positions are its own (no two appends share an event), so they identify its key row.
const keyEntry = (k: KeyRow): Entry => [`of positions ${k.first_position}..${k.last_position}`, JSON.stringify(k.key)];

/** Rows matched by identity, so one changed row is reported as itself rather than shifting everything after it. */
function compareKeyed(what: string, source: readonly Entry[], target: readonly Entry[], problems: ProblemList): void {
  const there = new Map(target);
  const here = new Map(source);
  const identities = [...new Set([...here.keys(), ...there.keys()])].sort();
  for (const identity of identities) {
    const [a, b] = [here.get(identity), there.get(identity)];
    if (a === b) continue;
    problems.add(`${what} ${identity}: source ${a ?? 'has none'}, target ${b ?? 'has none'}`);
    return;
  }
}

/** The same page through each store's readAll: what every reader of the ledger will see. */
async function compareReadBack(source: EventStore, target: EventStore, after: number, last: number, count: number,
  problems: ProblemList): Promise<void> {
  const filter = { fromPosition: after, toPosition: last, limit: count };
  const [a, b] = await Promise.all([source.readAll(filter), target.readAll(filter)]);
  if (a.length !== b.length) {
    problems.add(`readAll after ${after}: the source returns ${a.length} events, the target ${b.length}`);
    return;
  }
  a.forEach((event, i) => {
    const other = b[i];
    if (other === undefined || problems.full()) return;
    const differing: string[] = ENVELOPE_FIELDS.filter((field) => event[field] !== other[field]);
    if (JSON.stringify(event.alsoIn) !== JSON.stringify(other.alsoIn)) differing.push('alsoIn');
    if (differing.length === 0 && !sameEvent(event, other)) differing.push('content');
    if (differing.length > 0) problems.add(`event at position ${event.globalPosition} as read back: ${differing.join(', ')} differ${differing.length === 1 ? 's' : ''}`);
  });
}

// Both stores map rows with the same function, so equal events serialise identically, key order included.
const sameEvent = (a: StoredEvent, b: StoredEvent): boolean => JSON.stringify(a) === JSON.stringify(b);

interface ProblemList {
  add(problem: string): void;
  full(): boolean;
  list(): string[];
}

function problemList(): ProblemList {
  const problems: string[] = [];
  let dropped = 0;
  return {
    add(problem) {
      if (problems.length < MAX_PROBLEMS) problems.push(problem);
      else dropped += 1;
    },
    full: () => problems.length >= MAX_PROBLEMS,
    list: () => (dropped === 0 ? [...problems] : [...problems, `... and ${dropped} more`]),
  };
}
