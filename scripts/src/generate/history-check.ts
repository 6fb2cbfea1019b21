// An independent fold over generated history that lists every place it breaks the ledger's rules: two definitive
// holders at once, two positions for one person, Plt into a held post, Plh without the holder on leave, events for
// the separated, rank going down, missing or extra legal bases, leave/separation not linked to the held positions.
import { DomainEventSchema, compareGolongan, eventDefinition, isEventType } from '@estafet/events';
import type { DomainEvent, Golongan, StoredEvent } from '@estafet/events';

interface Fold {
  readonly holder: Map<string, string>;
  readonly positionOf: Map<string, string>;
  readonly acting: Map<string, { nip: string; kind: 'PLT' | 'PLH' }>;
  readonly actingOf: Map<string, Set<string>>;
  readonly onLeave: Set<string>;
  readonly separated: Set<string>;
  readonly rank: Map<string, Golongan>;
  readonly positions: Set<string>;
  readonly abolished: Set<string>;
}

/** Effective-time order; the same date keeps recording order (as the ledger's deciders read it). */
const byEffectiveTime = (a: StoredEvent, b: StoredEvent): number =>
  a.effectiveAt === b.effectiveAt ? a.globalPosition - b.globalPosition : a.effectiveAt < b.effectiveAt ? -1 : 1;

/** Every rule broken by `events` (any order), described; empty when the history is valid. */
export function checkHistory(events: readonly StoredEvent[]): string[] {
  const problems: string[] = [];
  const fold: Fold = {
    holder: new Map(), positionOf: new Map(), acting: new Map(), actingOf: new Map(), onLeave: new Set(), separated: new Set(),
    rank: new Map(), positions: new Set(), abolished: new Set(),
  };
  problems.push(...streamOrderProblems(events));
  for (const stored of [...events].sort(byEffectiveTime)) {
    const where = `${stored.type} #${stored.globalPosition} (${stored.effectiveAt})`;
    if (!isEventType(stored.type)) {
      problems.push(`${where}: unknown event type`);
      continue;
    }
    const rule = eventDefinition(stored.type).legalBasis;
    if (rule === 'required' && stored.legalBasis === null) problems.push(`${where}: legal basis missing`);
    if (rule === 'none' && stored.legalBasis !== null) problems.push(`${where}: carries a legal basis it may not have`);
    const parsed = DomainEventSchema.safeParse({ type: stored.type, data: stored.data });
    if (!parsed.success) {
      problems.push(`${where}: data does not match the catalogue: ${parsed.error.issues[0]?.message ?? ''}`);
      continue;
    }
    const problem = apply(fold, parsed.data, stored);
    if (problem !== null) problems.push(`${where}: ${problem}`);
  }
  return problems;
}

/** Within every stream (own or linked), events must follow in effective-date order. */
function streamOrderProblems(events: readonly StoredEvent[]): string[] {
  const last = new Map<string, string>();
  const problems: string[] = [];
  for (const event of [...events].sort((a, b) => a.globalPosition - b.globalPosition)) {
    for (const stream of [event.streamId, ...event.alsoIn]) {
      const previous = last.get(stream);
      if (previous !== undefined && previous > event.effectiveAt) {
        problems.push(`${stream}: #${event.globalPosition} effective ${event.effectiveAt} follows an event effective ${previous}`);
      }
      last.set(stream, event.effectiveAt);
    }
  }
  return problems;
}

const held = (fold: Fold, nip: string): string[] => {
  const positions = [...(fold.actingOf.get(nip) ?? [])];
  const own = fold.positionOf.get(nip);
  if (own !== undefined) positions.push(own);
  return positions.map((id) => `position-${id}`).sort();
};

const sameStreams = (a: readonly string[], b: readonly string[]): boolean => [...a].sort().join() === [...b].sort().join();

function apply(fold: Fold, event: DomainEvent, stored: StoredEvent): string | null {
  const nip = 'nip' in event.data ? event.data.nip : null;
  if (nip !== null && fold.separated.has(nip)) return `${nip} was already separated`;
  switch (event.type) {
    case 'PositionEstablished':
      fold.positions.add(event.data.positionId);
      return null;
    case 'PositionAbolished':
      fold.abolished.add(event.data.positionId);
      return null;
    case 'EmployeeRegistered':
      fold.rank.set(event.data.nip, event.data.golongan);
      return null;
    case 'RankPromoted': {
      const rank = fold.rank.get(event.data.nip);
      if (rank !== event.data.fromGolongan) return `promotion from ${event.data.fromGolongan} but the rank is ${String(rank)}`;
      if (compareGolongan(event.data.toGolongan, event.data.fromGolongan) <= 0) return 'rank goes down';
      fold.rank.set(event.data.nip, event.data.toGolongan);
      return null;
    }
    case 'PositionAssigned':
    case 'EmployeeTransferred': {
      const to = event.type === 'PositionAssigned' ? event.data.positionId : event.data.toPositionId;
      const from = fold.positionOf.get(event.data.nip);
      if (!fold.positions.has(to) || fold.abolished.has(to)) return `position ${to} is not open`;
      if (fold.holder.has(to)) return `position ${to} already held by ${String(fold.holder.get(to))}`;
      if (event.type === 'PositionAssigned' && from !== undefined) return `${event.data.nip} already holds ${from}`;
      if (event.type === 'EmployeeTransferred' && from !== event.data.fromPositionId) return `${event.data.nip} does not hold ${event.data.fromPositionId}`;
      if (fold.actingOf.get(event.data.nip)?.has(to)) return `${event.data.nip} still acts in ${to}`;
      if (from !== undefined) fold.holder.delete(from);
      fold.holder.set(to, event.data.nip);
      fold.positionOf.set(event.data.nip, to);
      return null;
    }
    case 'ActingAppointed': {
      const { positionId, actingKind } = event.data;
      const holder = fold.holder.get(positionId);
      if (fold.acting.has(positionId)) return `${positionId} already has an acting official`;
      if (actingKind === 'PLT' && holder !== undefined) return `Plt into ${positionId}, held by ${holder}`;
      if (actingKind === 'PLH' && (holder === undefined || !fold.onLeave.has(holder))) return `Plh in ${positionId} without its holder on leave`;
      if (fold.positionOf.get(event.data.nip) === undefined || fold.positionOf.get(event.data.nip) === positionId) return 'acting official holds no other position';
      fold.acting.set(positionId, { nip: event.data.nip, kind: actingKind });
      fold.actingOf.set(event.data.nip, new Set([...(fold.actingOf.get(event.data.nip) ?? []), positionId]));
      return null;
    }
    case 'ActingExtended':
    case 'ActingEnded': {
      if (fold.acting.get(event.data.positionId)?.nip !== event.data.nip) return `${event.data.nip} does not act in ${event.data.positionId}`;
      if (event.type === 'ActingEnded') {
        fold.acting.delete(event.data.positionId);
        fold.actingOf.get(event.data.nip)?.delete(event.data.positionId);
      }
      return null;
    }
    case 'LeaveStarted':
    case 'LeaveEnded':
    case 'EmployeeSeparated': {
      if (!sameStreams(stored.alsoIn, held(fold, event.data.nip))) return `linked to [${stored.alsoIn.join(', ')}], holds [${held(fold, event.data.nip).join(', ')}]`;
      return leaveOrSeparation(fold, event);
    }
    default:
      return null;
  }
}

function leaveOrSeparation(fold: Fold, event: Extract<DomainEvent, { type: 'LeaveStarted' | 'LeaveEnded' | 'EmployeeSeparated' }>): string | null {
  const { nip } = event.data;
  const own = fold.positionOf.get(nip);
  const plh = own === undefined ? undefined : fold.acting.get(own);
  switch (event.type) {
    case 'LeaveStarted':
      if (fold.onLeave.has(nip)) return `${nip} is already on leave`;
      fold.onLeave.add(nip);
      return null;
    case 'LeaveEnded':
      if (!fold.onLeave.has(nip)) return `${nip} is not on leave`;
      if (plh?.kind === 'PLH') return `a Plh outlives the leave of ${nip}`;
      fold.onLeave.delete(nip);
      return null;
    case 'EmployeeSeparated':
      if (plh?.kind === 'PLH') return `a Plh outlives the service of ${nip}`;
      if (own !== undefined) fold.holder.delete(own);
      for (const positionId of fold.actingOf.get(nip) ?? []) fold.acting.delete(positionId);
      fold.positionOf.delete(nip);
      fold.actingOf.delete(nip);
      fold.onLeave.delete(nip);
      fold.separated.add(nip);
      return null;
  }
}
