// HTTP on a working copy of a data set: autocannon against the real app on 127.0.0.1, reading org charts and
// posting transfers (single commands without HTTP are command-bench.ts's).
import autocannon from 'autocannon';
import { buildApp, loadConfig } from '@estafet/api';
import orgChartRoutes from '../../../services/api/src/features/org-chart/routes.js';
import { planTransfers } from './command-plan.js';
import { openWorkingCopy } from './working-copy.js';

export interface WriteResults {
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
  dataSet: string, workDir: string, sizes: { seconds: number; connections: number }, endDate: string,
): Promise<WriteResults> => {
  const copy = await openWorkingCopy(dataSet, workDir, 'ledger.db', endDate);
  const { store, runner, chart } = copy;
  try {
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
      return { orgChart: httpResult(orgChart), transfer: httpResult(transfer) };
    } finally {
      await app.close();
    }
  } finally {
    await copy.close();
  }
};
