// Valid commands to send again and again: transfers that each move one staff member into a vacant position of
// the same title (whose old seat then takes the next one), and trainings for people in post.
import type { OrgChart } from '@estafet/projections';

export interface TransferPlan {
  readonly nip: string;
  readonly toPositionId: string;
}

/** Same title, kind and eselon: the same minimum rank, so the move passes the rank rule. */
const classOf = (p: { title: string; kind: string; eselon: string }): string => `${p.kind}|${p.eselon}|${p.title}`;

export const planTransfers = (chart: OrgChart, max: number): TransferPlan[] => {
  const vacant = new Map<string, string[]>();
  const holders = new Map<string, { nip: string; positionId: string }[]>();
  for (const unit of chart.units) {
    for (const p of unit.positions) {
      if (p.isLeadership || p.acting.length > 0) continue;
      const key = classOf(p);
      if (p.holder === null) vacant.set(key, [...(vacant.get(key) ?? []), p.positionId]);
      else holders.set(key, [...(holders.get(key) ?? []), { nip: p.holder.nip, positionId: p.positionId }]);
    }
  }
  const plan: TransferPlan[] = [];
  // Round robin over classes, so a seat freed by one move is taken many requests later, never while in flight.
  for (let progressed = true; progressed && plan.length < max;) {
    progressed = false;
    for (const [key, queue] of holders) {
      const seats = vacant.get(key);
      const to = seats?.shift();
      const from = queue.shift();
      if (seats === undefined || to === undefined || from === undefined) continue;
      plan.push({ nip: from.nip, toPositionId: to });
      seats.push(from.positionId);
      progressed = true;
      if (plan.length >= max) break;
    }
  }
  return plan;
};

export const holdersOf = (chart: OrgChart): string[] =>
  chart.units.flatMap((u) => u.positions.flatMap((p) => (p.holder === null ? [] : [p.holder.nip])));

/**
 * `count` people in a shuffled round robin: a person comes back only after every other one has had a turn, so
 * commands issued with `inFlight` outstanding (at most half the people) do not name one person twice at once, which
 * would be a stream version conflict rather than a measurement.
 */
export const distinctInFlight = (people: readonly string[], count: number, inFlight: number, random: { int(min: number, max: number): number }): string[] => {
  const distinct = [...new Set(people)];
  if (distinct.length < inFlight * 2) throw new Error(`${distinct.length} people are too few for ${inFlight} commands in flight`);
  for (let i = distinct.length - 1; i > 0; i -= 1) {
    const j = random.int(0, i);
    [distinct[i], distinct[j]] = [distinct[j] ?? '', distinct[i] ?? ''];
  }
  return Array.from({ length: count }, (_, i) => distinct[i % distinct.length] ?? '');
};
