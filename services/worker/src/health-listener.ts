// The worker's one HTTP route, GET /healthz on WORKER_HEALTH_PORT: 200 with the health as JSON while the worker
// is healthy, 503 with the same and the problem while it is not. node:http alone: the worker serves nothing else.
import { createServer } from 'node:http';
import type { HealthReport } from './worker-health.js';

export interface HealthListenerLog {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface HealthListenerOptions {
  /** 0 takes any free port (tests); the one taken is `port` of the result. */
  readonly port: number;
  /** Default: every interface, so a probe from outside the container (an orchestrator) reaches it too. */
  readonly host?: string;
  readonly check: () => Promise<HealthReport>;
  readonly log: HealthListenerLog;
}

export interface HealthListener {
  readonly port: number;
  close(): Promise<void>;
}

export const HEALTH_PATH = '/healthz';

export const startHealthListener = async (options: HealthListenerOptions): Promise<HealthListener> => {
  const { check, log } = options;
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://worker').pathname;
    const answer = (status: number, body: unknown): void => {
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      response.end(request.method === 'HEAD' ? undefined : JSON.stringify(body));
    };
    if (path !== HEALTH_PATH) return answer(404, { error: 'not found' });
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('allow', 'GET, HEAD');
      return answer(405, { error: 'method not allowed' });
    }
    check().then(({ healthy, health }) => answer(healthy ? 200 : 503, health), (error: unknown) => {
      log.error({ err: error }, 'health check failed');
      answer(503, { error: 'health check failed' });
    });
  });
  // Keep-alive sockets of a probe would otherwise hold close() until they time out.
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error(`health listener bound to ${String(address)}, not a TCP port`);
  const { port } = address;
  log.info({ port, path: HEALTH_PATH }, 'health listener on');
  return {
    port,
    // Idempotent: the shutdown path and a test's teardown may both close it.
    close: () => new Promise<void>((resolve, reject) => {
      if (!server.listening) return resolve();
      server.close((error) => (error === undefined ? resolve() : reject(error)));
      server.closeAllConnections();
    }),
  };
};
