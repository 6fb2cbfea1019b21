// Every change to who holds what, as one function each: it checks the ledger's rules against the simulated state
// (one definitive holder per position, one definitive position per person, Plt only into a vacancy, Plh only while
// the holder is on leave, nothing for separated people), emits the event on the right streams, and updates state.
import type { LEAVE_KINDS, READINESS, RankPromotionKind, SEPARATION_REASONS, TRANSFER_REASONS, ACTING_END_REASONS } from '@estafet/events';
import type { Agenda } from './agenda.js';
import type { Emitter } from './event-emitter.js';
import { SIGNERS } from './event-emitter.js';
import type { Profile } from './people-factory.js';
import { BUP_YEARS, golonganAt, isJpt } from './rank-rules.js';
import { firstOfMonthAfterBirthday, isoOf } from './sim-calendar.js';
import type { SimRandom } from './sim-random.js';
import { isAvailable, occupancyOf, positionOf } from './sim-state.js';
import type { Person, SimState } from './sim-state.js';

type TransferReason = (typeof TRANSFER_REASONS)[number];
type SeparationReason = (typeof SEPARATION_REASONS)[number];
type ActingEndReason = (typeof ACTING_END_REASONS)[number];
type LeaveKind = (typeof LEAVE_KINDS)[number];
type Readiness = (typeof READINESS)[number];

export interface SimContext {
  readonly state: SimState;
  readonly emitter: Emitter;
  readonly random: SimRandom;
  readonly agenda: Agenda;
  /** The simulated day being processed. */
  day: number;
  /** A staffed leadership position lost its definitive holder (set by the leadership process). */
  onLeaderVacated: (positionIdx: number, causeEventId: string) => void;
  /** A vacant position's Plt was withdrawn before a definitive holder came. */
  onCoverLost: (positionIdx: number, causeEventId: string) => void;
}

export const positionStream = (state: SimState, idx: number): string => `position-${positionOf(state, idx).positionId}`;

/** The generator was about to write history the ledger forbids: a bug in a process, never bad input. */
export class RuleBrokenError extends Error {
  readonly code = 'GENERATOR_RULE_BROKEN';
}

const check = (ok: boolean, message: () => string): void => {
  if (!ok) throw new RuleBrokenError(message());
};

/** Decrees for positions: the Governor for JPT and Administrator, the Sekda for Pengawas, BKD for staff. */
const signerFor = (ctx: SimContext, idx: number): string => {
  const kind = positionOf(ctx.state, idx).kind;
  if (isJpt(kind) || kind === 'ADMINISTRATOR') return SIGNERS.GOVERNOR;
  return kind === 'PENGAWAS' ? SIGNERS.SEKDA : SIGNERS.BKD;
};

/** SKs are usually signed days to weeks before the TMT; a few are signed after it (recorded retroactively). */
const skDay = (ctx: SimContext, before: readonly [number, number]): number => {
  if (ctx.random.chance(0.04)) return Math.min(ctx.agenda.lastDay, ctx.day + ctx.random.int(3, 30));
  return ctx.day - ctx.random.int(before[0], before[1]);
};

function occupy(ctx: SimContext, person: Person, idx: number): void {
  const occupancy = occupancyOf(ctx.state, idx);
  const position = positionOf(ctx.state, idx);
  occupancy.holder = person.idx;
  occupancy.epoch += 1;
  person.positionIdx = idx;
  person.appointedDay = ctx.day;
  if (position.staffClass !== null) ctx.state.vacantStaff[position.staffClass].remove(idx);
  else ctx.state.vacantLeaders.get(position.kind)?.remove(idx);
}

function vacate(ctx: SimContext, idx: number, causeEventId: string): void {
  const occupancy = occupancyOf(ctx.state, idx);
  const position = positionOf(ctx.state, idx);
  occupancy.holder = -1;
  occupancy.epoch += 1;
  if (position.staffClass !== null) {
    ctx.state.vacantStaff[position.staffClass].add(idx);
  } else if (occupancy.staffed) {
    ctx.state.vacantLeaders.get(position.kind)?.add(idx);
    ctx.onLeaderVacated(idx, causeEventId);
  }
}

export function register(ctx: SimContext, profile: Profile, recruited: boolean): Person {
  const person: Person = {
    idx: ctx.state.people.length, nip: profile.nip, stream: `employee-${profile.nip}`, birthDate: profile.birthDate,
    gender: profile.gender, education: profile.education, tmtCpnsDay: profile.tmtCpnsDay, gol: profile.gol,
    lastPromotionDay: profile.lastPromotionDay, positionIdx: -1, actingIdx: -1, leaveUntil: -1, separated: false,
    appointedDay: ctx.day, retireDay: firstOfMonthAfterBirthday(profile.birthDate, BUP_YEARS), leadershipCourses: 0,
  };
  ctx.state.people.push(person);
  ctx.state.active.add(person.idx);
  ctx.emitter.emit('EmployeeRegistered', {
    nip: person.nip, name: profile.name, birthDate: person.birthDate, gender: person.gender, tmtCpns: isoOf(person.tmtCpnsDay),
    education: person.education, golongan: golonganAt(person.gol),
  }, person.stream, { legalBasis: recruited ? ctx.emitter.sk('CPNS', ctx.day - ctx.random.int(20, 60), SIGNERS.GOVERNOR) : null });
  return person;
}

export function assign(ctx: SimContext, person: Person, idx: number): string {
  const occupancy = occupancyOf(ctx.state, idx);
  const position = positionOf(ctx.state, idx);
  check(!person.separated && person.positionIdx < 0, () => `${person.nip} cannot be assigned: separated or already placed`);
  check(occupancy.holder < 0, () => `${position.positionId} already has a holder`);
  check(person.gol >= position.minGol, () => `${person.nip} is below the minimum rank of ${position.positionId}`);
  const correlationId = ctx.random.uuid();
  if (occupancy.acting >= 0) endActing(ctx, idx, 'DEFINITIVE_APPOINTED', correlationId);
  const eventId = ctx.emitter.emit('PositionAssigned', { nip: person.nip, positionId: position.positionId }, person.stream, {
    alsoIn: [positionStream(ctx.state, idx)], legalBasis: ctx.emitter.sk(position.isLeadership ? 'LEADERSHIP' : 'ASSIGN', skDay(ctx, [3, 30]), signerFor(ctx, idx)),
    correlationId,
  });
  occupy(ctx, person, idx);
  return eventId;
}

export function transfer(ctx: SimContext, person: Person, toIdx: number, reason: TransferReason): string {
  const from = person.positionIdx;
  const target = occupancyOf(ctx.state, toIdx);
  const position = positionOf(ctx.state, toIdx);
  check(!person.separated && from >= 0 && from !== toIdx, () => `${person.nip} cannot move to ${position.positionId}`);
  check(person.leaveUntil < 0, () => `${person.nip} is on leave and cannot move`);
  check(target.holder < 0, () => `${position.positionId} already has a holder`);
  check(person.gol >= position.minGol, () => `${person.nip} is below the minimum rank of ${position.positionId}`);
  const correlationId = ctx.random.uuid();
  // Whoever covered the target steps down as the definitive holder arrives; an acting post elsewhere is withdrawn.
  if (target.acting >= 0) endActing(ctx, toIdx, 'DEFINITIVE_APPOINTED', correlationId);
  if (person.actingIdx >= 0) withdrawActing(ctx, person, correlationId);
  const eventId = ctx.emitter.emit('EmployeeTransferred', {
    nip: person.nip, fromPositionId: positionOf(ctx.state, from).positionId, toPositionId: position.positionId, reason,
  }, person.stream, {
    alsoIn: [positionStream(ctx.state, from), positionStream(ctx.state, toIdx)],
    legalBasis: ctx.emitter.sk(position.isLeadership ? 'LEADERSHIP' : 'TRANSFER', skDay(ctx, [5, 45]), signerFor(ctx, toIdx)),
    correlationId,
  });
  occupy(ctx, person, toIdx);
  vacate(ctx, from, eventId);
  return eventId;
}

export function promoteRank(ctx: SimContext, person: Person, kind: RankPromotionKind): void {
  check(!person.separated, () => `${person.nip} is separated`);
  const to = person.gol + 1;
  const signer = to >= 14 ? SIGNERS.PRESIDENT : to >= 12 ? SIGNERS.GOVERNOR : SIGNERS.BKD;
  ctx.emitter.emit('RankPromoted', { nip: person.nip, fromGolongan: golonganAt(person.gol), toGolongan: golonganAt(to), kind }, person.stream, {
    legalBasis: ctx.emitter.sk('RANK', skDay(ctx, [20, 75]), signer),
  });
  person.gol = to;
  person.lastPromotionDay = ctx.day;
}

export function separate(ctx: SimContext, person: Person, reason: SeparationReason): void {
  check(!person.separated, () => `${person.nip} is already separated`);
  const correlationId = ctx.random.uuid();
  if (person.actingIdx >= 0) withdrawActing(ctx, person, correlationId);
  if (person.leaveUntil >= 0) endLeave(ctx, person, correlationId, 'COMPLETED');
  const own = person.positionIdx;
  const eventId = ctx.emitter.emit('EmployeeSeparated', { nip: person.nip, reason }, person.stream, {
    alsoIn: own >= 0 ? [positionStream(ctx.state, own)] : [],
    legalBasis: ctx.emitter.sk(reason === 'RETIREMENT' ? 'PENSION' : 'SEPARATION', skDay(ctx, reason === 'RETIREMENT' ? [60, 120] : [5, 30]),
      reason === 'RETIREMENT' ? SIGNERS.BKN : SIGNERS.GOVERNOR),
    correlationId,
  });
  person.separated = true;
  person.positionIdx = -1;
  ctx.state.active.remove(person.idx);
  if (own >= 0) vacate(ctx, own, eventId);
}

export function appointActing(ctx: SimContext, person: Person, idx: number, kind: 'PLT' | 'PLH', plannedEnd: number, causationId: string | null): string {
  const occupancy = occupancyOf(ctx.state, idx);
  const position = positionOf(ctx.state, idx);
  check(isAvailable(person) && person.positionIdx >= 0 && person.positionIdx !== idx, () => `${person.nip} cannot act in ${position.positionId}`);
  check(occupancy.acting < 0, () => `${position.positionId} already has an acting official`);
  check(person.gol >= position.minGol, () => `${person.nip} is below the minimum rank of ${position.positionId}`);
  if (kind === 'PLT') check(occupancy.holder < 0, () => `a Plt needs a vacancy; ${position.positionId} is held`);
  else check(occupancy.holder >= 0 && (ctx.state.people[occupancy.holder]?.leaveUntil ?? -1) >= 0, () => `a Plh needs the holder of ${position.positionId} on leave`);
  const eventId = ctx.emitter.emit('ActingAppointed', { nip: person.nip, positionId: position.positionId, actingKind: kind, plannedEnd: isoOf(plannedEnd) }, person.stream, {
    alsoIn: [positionStream(ctx.state, idx)], legalBasis: ctx.emitter.sk('ACTING', ctx.day - ctx.random.int(0, 3), isJpt(position.kind) ? SIGNERS.GOVERNOR : SIGNERS.SEKDA),
    causationId,
  });
  occupancy.acting = person.idx;
  occupancy.actingKind = kind;
  occupancy.actingExtended = false;
  person.actingIdx = idx;
  return eventId;
}

export function extendActing(ctx: SimContext, idx: number, plannedEnd: number): void {
  const occupancy = occupancyOf(ctx.state, idx);
  const person = ctx.state.people[occupancy.acting];
  check(person !== undefined && !occupancy.actingExtended, () => `no acting term to extend in ${positionOf(ctx.state, idx).positionId}`);
  if (person === undefined) return;
  const position = positionOf(ctx.state, idx);
  ctx.emitter.emit('ActingExtended', { nip: person.nip, positionId: position.positionId, plannedEnd: isoOf(plannedEnd) }, person.stream, {
    alsoIn: [positionStream(ctx.state, idx)], legalBasis: ctx.emitter.sk('ACTING', ctx.day - ctx.random.int(0, 5), isJpt(position.kind) ? SIGNERS.GOVERNOR : SIGNERS.SEKDA),
  });
  occupancy.actingExtended = true;
}

export function endActing(ctx: SimContext, idx: number, reason: ActingEndReason, correlationId?: string): string {
  const occupancy = occupancyOf(ctx.state, idx);
  const person = ctx.state.people[occupancy.acting];
  if (person === undefined) throw new RuleBrokenError(`no acting official in ${positionOf(ctx.state, idx).positionId}`);
  const eventId = ctx.emitter.emit('ActingEnded', { nip: person.nip, positionId: positionOf(ctx.state, idx).positionId, reason }, person.stream, {
    alsoIn: [positionStream(ctx.state, idx)], ...(correlationId === undefined ? {} : { correlationId }),
  });
  occupancy.acting = -1;
  occupancy.actingKind = null;
  person.actingIdx = -1;
  return eventId;
}

/** The acting official moves on or leaves: the acting decree is revoked and the position may need new cover. */
function withdrawActing(ctx: SimContext, person: Person, correlationId: string): void {
  const idx = person.actingIdx;
  const wasPlt = occupancyOf(ctx.state, idx).actingKind === 'PLT';
  const eventId = endActing(ctx, idx, 'REVOKED', correlationId);
  if (wasPlt) ctx.onCoverLost(idx, eventId);
}

const leaveStreams = (ctx: SimContext, person: Person): string[] => {
  const streams: string[] = [];
  if (person.positionIdx >= 0) streams.push(positionStream(ctx.state, person.positionIdx));
  if (person.actingIdx >= 0) streams.push(positionStream(ctx.state, person.actingIdx));
  return streams;
};

export function startLeave(ctx: SimContext, person: Person, kind: LeaveKind, until: number): string {
  check(!person.separated && person.leaveUntil < 0, () => `${person.nip} cannot start leave`);
  const eventId = ctx.emitter.emit('LeaveStarted', { nip: person.nip, leaveKind: kind, plannedEnd: isoOf(until) }, person.stream, {
    alsoIn: leaveStreams(ctx, person), legalBasis: ctx.emitter.sk('LEAVE', ctx.day - ctx.random.int(3, 20), SIGNERS.BKD),
  });
  person.leaveUntil = until;
  return eventId;
}

/** Ends a leave; a Plh covering the returning holder steps down first, so no Plh outlives the leave. */
export function endLeave(ctx: SimContext, person: Person, correlationId?: string, plhEnd: ActingEndReason = 'HOLDER_RETURNED'): void {
  check(person.leaveUntil >= 0, () => `${person.nip} is not on leave`);
  const own = person.positionIdx >= 0 ? occupancyOf(ctx.state, person.positionIdx) : undefined;
  if (own !== undefined && own.actingKind === 'PLH') endActing(ctx, person.positionIdx, plhEnd, correlationId);
  ctx.emitter.emit('LeaveEnded', { nip: person.nip }, person.stream, {
    alsoIn: leaveStreams(ctx, person), ...(correlationId === undefined ? {} : { correlationId }),
  });
  person.leaveUntil = -1;
}

export function nominate(ctx: SimContext, idx: number, person: Person, readiness: Readiness, talentBox: number): void {
  check(!person.separated, () => `${person.nip} is separated and cannot be nominated`);
  ctx.emitter.emit('SuccessorNominated', { positionId: positionOf(ctx.state, idx).positionId, nip: person.nip, readiness, talentBox },
    positionStream(ctx.state, idx), { alsoIn: [person.stream] });
}
