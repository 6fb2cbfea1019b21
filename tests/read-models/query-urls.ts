// Every GET route that answers from read models, with the ids of everything the log records (and ids it does
// not), at dates and "as known" instants that cut through the history: the questions both databases must answer
// alike. Only these routes read read models; /events, /healthz and /openapi.json read the log or nothing.
import { makeNip } from '@estafet/events';
import type { StoredEvent } from '@estafet/events';
import { DEMO_TMT, DEMO_TODAY, dataOf } from './demo-ledger.js';
import type { LaterChanges } from './demo-ledger.js';

/** The read-model GET routes of tests/api/openapi.test.ts EXPECTED_ROUTES; the test checks each is asked. */
export const READ_MODEL_ROUTES = [
  '/org-chart', '/org-chart/diff', '/employees/{nip}/timeline', '/positions/{positionId}/history', '/units/{unitId}/history',
  '/programs', '/programs/{programId}', '/handovers', '/handovers/{checklistId}',
] as const;

const AS_OF = ['2017-01-01', '2017-01-02', '2020-12-31', '2021-01-04', '2021-06-03', '2022-03-01', '2023-08-15', '2024-07-01',
  '2024-12-31', '2025-05-15', DEMO_TODAY, DEMO_TMT, '2025-10-01'];
const DIFFS = [['2017-01-02', '2021-01-04'], ['2021-01-04', '2021-12-31'], ['2021-01-04', DEMO_TODAY], ['2022-01-01', '2023-06-30'],
  ['2023-06-30', '2025-07-01'], ['2024-01-01', '2025-07-01'], ['2025-06-01', DEMO_TMT]];
const AGENCIES = ['disdik', 'dishub', 'bappeda', 'dlh', 'diskominfotik'];

const unique = (values: readonly string[]): string[] => [...new Set(values)];
const field = (events: readonly StoredEvent[], type: string, name: string): string[] =>
  unique(events.filter((e) => e.type === type).map((e) => dataOf(e)[name]).filter((v): v is string => typeof v === 'string'));

export interface QueryPlan {
  readonly urls: readonly string[];
  /** Which READ_MODEL_ROUTES entry each URL asks. */
  readonly routeOf: ReadonlyMap<string, string>;
}

/** The questions, from the log: `knownAt` instants are recordedAt values, so "as known" falls between events. */
export const queryPlan = (events: readonly StoredEvent[], later: LaterChanges): QueryPlan => {
  const routeOf = new Map<string, string>();
  const ask = (route: (typeof READ_MODEL_ROUTES)[number], url: string): void => {
    routeOf.set(url, route);
  };
  const instants = [events[Math.floor(events.length / 3)]?.recordedAt, events[Math.floor((2 * events.length) / 3)]?.recordedAt, later.knownBefore]
    .filter((v): v is string => v !== undefined);
  const knownAt = instants.map((instant) => `knownAt=${encodeURIComponent(instant)}`);

  for (const asOf of AS_OF) ask('/org-chart', `/org-chart?asOf=${asOf}`);
  for (const known of knownAt) for (const asOf of [DEMO_TODAY, '2024-07-01']) ask('/org-chart', `/org-chart?asOf=${asOf}&${known}`);
  for (const unit of AGENCIES) {
    ask('/org-chart', `/org-chart?asOf=${DEMO_TMT}&unit=${unit}`);
    ask('/org-chart', `/org-chart?asOf=${DEMO_TODAY}&unit=${unit}&depth=1`);
    ask('/org-chart', `/org-chart?asOf=2023-08-15&unit=${unit}&depth=0&${knownAt[0] ?? ''}`);
  }
  ask('/org-chart', '/org-chart');
  ask('/org-chart', '/org-chart?asOf=2024-07-01&unit=no-such-unit');
  ask('/org-chart', `/org-chart?asOf=${DEMO_TODAY}&minPosition=${events.at(-1)?.globalPosition ?? 0}`);

  for (const [from, to] of DIFFS) {
    ask('/org-chart/diff', `/org-chart/diff?from=${from}&to=${to}`);
    for (const unit of AGENCIES.slice(0, 2)) ask('/org-chart/diff', `/org-chart/diff?from=${from}&to=${to}&unit=${unit}`);
  }

  const nips = field(events, 'EmployeeRegistered', 'nip');
  const unknownNip = makeNip({ birthDate: '1999-12-31', tmtCpns: '2024-03', gender: 'F', serial: 999 });
  for (const nip of [...nips, unknownNip]) ask('/employees/{nip}/timeline', `/employees/${nip}/timeline`);
  const positions = field(events, 'PositionEstablished', 'positionId');
  for (const id of [...positions, 'no-such-position']) ask('/positions/{positionId}/history', `/positions/${id}/history`);
  const units = field(events, 'UnitEstablished', 'unitId');
  for (const id of [...units, 'no-such-unit']) ask('/units/{unitId}/history', `/units/${id}/history`);
  // "As known" before the later changes, for every tenth entity and for those the changes touched.
  const sample = (ids: readonly string[], touched: string): string[] => unique([...ids.filter((_, i) => i % 10 === 0), touched]);
  for (const known of knownAt) {
    for (const nip of sample(nips, later.correctedNip)) ask('/employees/{nip}/timeline', `/employees/${nip}/timeline?${known}`);
    for (const id of sample(positions, 'dishub-kepala')) ask('/positions/{positionId}/history', `/positions/${id}/history?${known}`);
    for (const id of sample(units, later.correctedUnitId)) ask('/units/{unitId}/history', `/units/${id}/history?${known}`);
  }

  const programs = field(events, 'ProgramRegistered', 'programId');
  for (const query of ['', '?atRisk=true', '?atRisk=false', ...AGENCIES.map((u) => `?unit=${u}`), '?unit=disdik&atRisk=true']) {
    ask('/programs', `/programs${query}`);
  }
  for (const id of [...programs, 'no-such-program']) ask('/programs/{programId}', `/programs/${id}`);

  for (const query of ['', '?status=open', '?status=overdue', '?status=closed', ...AGENCIES.map((u) => `?unit=${u}`), '?status=open&unit=disdik']) {
    ask('/handovers', `/handovers${query}`);
  }
  for (const id of [...field(events, 'HandoverChecklistOpened', 'checklistId'), 'ho-00000000000000000000']) {
    ask('/handovers/{checklistId}', `/handovers/${id}`);
  }
  return { urls: [...routeOf.keys()], routeOf };
};
