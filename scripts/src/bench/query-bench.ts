// Read-side latencies over a rebuilt data set: the org chart as of random dates for one Dinas and for the whole
// province, employee timelines, and filtered event-log queries; p50/p95/p99 of sequential calls.
import { queryEmployeeTimeline, queryOrgChart } from '@estafet/projections';
import type { OrgChart, RowQuery } from '@estafet/projections';
import type { EventStore } from '@estafet/ledger';
import { createSeededRandom } from '../seeded-random.js';
import { latencyOf, timeEach } from './stats.js';
import type { Latency } from './stats.js';

export interface QueryResults {
  readonly asOfUnit: Latency;
  readonly asOfProvince: Latency;
  readonly timeline: Latency;
  readonly eventsQuery: Latency;
}

export interface QuerySizes {
  readonly unitQueries: number;
  readonly provinceQueries: number;
  readonly timelineQueries: number;
  readonly eventQueries: number;
}

const field = (data: unknown, key: string): string | null => {
  if (typeof data !== 'object' || data === null || !(key in data)) return null;
  const value: unknown = Reflect.get(data, key);
  return typeof value === 'string' ? value : null;
};

/** Unit ids of every Dinas and a sample of NIPs, read from the ledger itself. */
export const sampleSubjects = async (store: EventStore): Promise<{ dinas: string[]; nips: string[] }> => {
  const units = await store.readAll({ types: ['UnitEstablished'], limit: 10_000 });
  const dinas = units.filter((e) => field(e.data, 'kind') === 'DINAS').flatMap((e) => field(e.data, 'unitId') ?? []);
  const people = await store.readAll({ types: ['EmployeeRegistered'], limit: 10_000 });
  const nips = people.flatMap((e) => field(e.data, 'nip') ?? []);
  return { dinas, nips };
};

const DAY = 86_400_000;
const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export const benchQueries = async (
  store: EventStore, reader: RowQuery, range: { from: string; to: string }, sizes: QuerySizes,
): Promise<QueryResults> => {
  const random = createSeededRandom(7);
  const from = Date.parse(range.from);
  const span = Date.parse(range.to) - from;
  const randomDate = (): string => isoDay(from + Math.floor(random.next() * span / DAY) * DAY);
  const { dinas, nips } = await sampleSubjects(store);
  if (dinas.length === 0 || nips.length === 0) throw new Error('the data set has no Dinas or no employees');
  const nonEmpty = (chart: OrgChart): void => {
    if (chart.units.length === 0) throw new Error(`empty org chart as of ${chart.asOf}`);
  };

  const unit = await timeEach(Array.from({ length: sizes.unitQueries }, () => ({ asOf: randomDate(), unit: random.pick(dinas) })),
    async (q) => nonEmpty(await queryOrgChart(reader, { asOf: q.asOf, knownAt: null, unit: q.unit, depth: null })));
  const province = await timeEach(Array.from({ length: sizes.provinceQueries }, () => randomDate()),
    async (asOf) => nonEmpty(await queryOrgChart(reader, { asOf, knownAt: null, unit: null, depth: null })));
  const timeline = await timeEach(Array.from({ length: sizes.timelineQueries }, () => random.pick(nips)),
    (nip) => queryEmployeeTimeline(reader, { nip, knownAt: null }));
  // An auditor's question: every transfer effective in a quarter, first page.
  const events = await timeEach(Array.from({ length: sizes.eventQueries }, () => randomDate()), (day) => store.readAll({
    types: ['EmployeeTransferred'], effectiveFrom: day, effectiveTo: isoDay(Date.parse(day) + 91 * DAY), limit: 100,
  }));
  return {
    asOfUnit: latencyOf(unit.samples), asOfProvince: latencyOf(province.samples),
    timeline: latencyOf(timeline.samples), eventsQuery: latencyOf(events.samples),
  };
};
