// The full write path and HTTP on a working copy of a data set: single commands one at a time through the
// command handler (validation, decider, hash chain, fsync), then autocannon against the real app on 127.0.0.1.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { buildApp, loadConfig } from '@estafet/api';
import { createCommandHandler, createEventIdMinter, createSqliteEventStore } from '@estafet/ledger';
import { queryOrgChart } from '@estafet/projections';
import { createSqliteProjections } from '@estafet/worker';
import orgChartRoutes from '../../../services/api/src/features/org-chart/routes.js';
import { createSeededRandom } from '../seeded-random.js';
import { holdersOf, planTransfers } from './command-plan.js';
import { latencyOf, rate, timeEach } from './stats.js';
import type { Latency } from './stats.js';

export interface WriteResults {
  readonly singleEps: number;
  readonly single: Latency;
  readonly orgChart: HttpResult;
  readonly transfer: HttpResult;
}

export interface HttpResult {
  readonly rps: number;
  readonly p99Ms: number;
  readonly non2xx: number;
}

const TOKEN = 'bench-hr-token-0123456789abcdef';
const SK = { skNumber: '800/BENCH/2025', skDate: '2025-01-01', signedBy: 'Kepala BKD' };

const cannon = (options: autocannon.Options): Promise<autocannon.Result> => new Promise((resolve, reject) => {
  autocannon(options, (error, result) => (error === null || error === undefined ? resolve(result) : reject(error instanceof Error ? error : new Error('autocannon failed', { cause: error }))));
});

const httpResult = (r: autocannon.Result): HttpResult => ({ rps: Math.round(r.requests.average), p99Ms: r.latency.p99, non2xx: r.non2xx + r.errors });

export const benchWrites = async (
  dataSet: string, workDir: string, sizes: { commands: number; seconds: number; connections: number }, endDate: string,
): Promise<WriteResults> => {
  const path = join(workDir, 'ledger.db');
  copyFileSync(dataSet, path);
  const store = createSqliteEventStore({ path, synchronous: 'FULL' });
  const runner = createSqliteProjections({ store });
  try {
    await runner.catchUp();
    const chart = await queryOrgChart(runner.reader, { asOf: endDate, knownAt: null, unit: null, depth: null });
    const random = createSeededRandom(11);
    const people = holdersOf(chart);
    if (people.length === 0) throw new Error('nobody holds a position at the end of the data set');

    const handler = createCommandHandler({ store, clock: () => new Date(), newId: createEventIdMinter() });
    const actor = { id: 'bench', role: 'hr' } as const;
    const single = await timeEach(Array.from({ length: sizes.commands }, () => random.pick(people)), (nip, i) => handler.execute({
      type: 'RecordTraining', nip, courseCode: `BENCH-${i}`, courseTitle: 'Bench training', jpHours: 8, competenciesGranted: [],
      effectiveAt: endDate,
    }, { actor, correlationId: `bench-${i}` }));

    const config = loadConfig({ DATA_DIR: workDir, ESTAFET_API_TOKENS: `hr:${TOKEN}` });
    // Our runner's reader, so the app starts no second projection runner on the same file.
    const app = await buildApp({ config, store, logger: false, readModel: runner.reader });
    // The org chart route is mounted by the embedded server; buildApp alone may not have it yet.
    if (!app.hasRoute({ method: 'GET', url: '/org-chart' })) await app.register(orgChartRoutes, { readModel: runner.reader });
    try {
      await app.listen({ host: '127.0.0.1', port: 0 });
      const address = app.server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      const base = `http://127.0.0.1:${port}`;
      const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
      const dinas = chart.units.find((u) => u.kind === 'DINAS')?.unitId ?? chart.units[0]?.unitId ?? '';
      const orgChart = await cannon({
        url: `${base}/org-chart?unit=${dinas}&asOf=2020-06-30`, connections: sizes.connections, duration: sizes.seconds, headers,
      });
      const plan = planTransfers(chart, 200_000);
      let next = 0;
      const effectiveAt = new Date(Date.parse(endDate) + 86_400_000).toISOString().slice(0, 10);
      const transfer = await cannon({
        url: base, connections: sizes.connections, duration: sizes.seconds, headers,
        requests: [{
          method: 'POST',
          setupRequest: (request) => {
            const move = plan[next % Math.max(plan.length, 1)];
            next += 1;
            if (move === undefined) return request;
            return {
              ...request, path: `/employees/${move.nip}/transfers`,
              body: JSON.stringify({ toPositionId: move.toPositionId, reason: 'ROTATION', effectiveAt, legalBasis: SK }),
            };
          },
        }],
      });
      return { singleEps: rate(sizes.commands, single.totalMs), single: latencyOf(single.samples), orgChart: httpResult(orgChart), transfer: httpResult(transfer) };
    } finally {
      await app.close();
    }
  } finally {
    await runner.stop();
    await store.close();
  }
};
