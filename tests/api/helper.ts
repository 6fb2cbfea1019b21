// Test helper for the API (fastify/demo style): build(t) makes a temporary DATA_DIR, known tokens via
// config, the real SQLite store and command handler, and removes it all in t.teardown.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp, loadConfig } from '@estafet/api';
import type { ApiRole } from '@estafet/api';

export const TOKENS: Readonly<Record<ApiRole, string>> = {
  hr: 'test-hr-token-0123456789',
  analyst: 'test-analyst-token-0123456789',
  auditor: 'test-auditor-token-0123456789',
  public: 'test-public-token-0123456789',
};

/** The one clock of every API test: recordedAt is deterministic and "today" is 2024-06-03 in Jakarta. */
export const FIXED_NOW = new Date('2024-06-03T03:00:00.000Z');

export interface Teardown {
  teardown(fn: () => void | Promise<void>): void;
}

export interface BuildOverrides {
  /** Extra environment for loadConfig (DATA_DIR and tokens are set unless given here). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Use an existing data directory (left in place) instead of a fresh temporary one. */
  readonly dataDir?: string;
  readonly clock?: () => Date;
  /** Collects log lines (JSON) instead of discarding them. */
  readonly logger?: { write(line: string): void };
}

export interface Built {
  readonly app: FastifyInstance;
  readonly dataDir: string;
}

export async function tempDataDir(t: Teardown): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), 'estafet-api-'));
  t.teardown(() => rm(dataDir, { recursive: true, force: true }));
  return dataDir;
}

export async function buildWithDir(t: Teardown, overrides: BuildOverrides = {}): Promise<Built> {
  const dataDir = overrides.dataDir ?? await tempDataDir(t);
  const tokens = Object.entries(TOKENS).map(([role, token]) => `${role}:${token}`).join(',');
  // WORKER=external: these tests look at the command side, and a continuity process appending its own events
  // would blur "nothing was stored". tests/api/embedded.test.ts covers the embedded worker.
  const config = loadConfig({ DATA_DIR: dataDir, ESTAFET_API_TOKENS: tokens, WORKER: 'external', ...overrides.env });
  const app = await buildApp({ config, clock: overrides.clock ?? (() => FIXED_NOW), logger: overrides.logger ?? false });
  // Registered after the directory's teardown, so it runs first: close the store, then remove its file.
  t.teardown(() => app.close());
  await app.ready();
  return { app, dataDir };
}

export async function build(t: Teardown, overrides: BuildOverrides = {}): Promise<FastifyInstance> {
  return (await buildWithDir(t, overrides)).app;
}

export const bearer = (role: ApiRole): Record<string, string> => ({ authorization: `Bearer ${TOKENS[role]}` });

/** A command as HR (or `role`), with optional extra headers. */
export const send = (
  app: FastifyInstance, url: string, body: unknown,
  options: { role?: ApiRole; headers?: Record<string, string> } = {},
): Promise<LightMyRequestResponse> => {
  const request: InjectOptions = {
    method: 'POST', url, headers: { ...bearer(options.role ?? 'hr'), ...options.headers },
  };
  return app.inject(body === undefined ? request : { ...request, payload: JSON.stringify(body), headers: { ...request.headers, 'content-type': 'application/json' } });
};

export const get = (app: FastifyInstance, url: string, role: ApiRole = 'auditor'): Promise<LightMyRequestResponse> =>
  app.inject({ method: 'GET', url, headers: bearer(role) });

/** The store's head position through the public health endpoint: proves "nothing was stored". */
export async function headPosition(app: FastifyInstance): Promise<number> {
  const response = await app.inject({ method: 'GET', url: '/healthz' });
  const body: unknown = response.json();
  if (typeof body !== 'object' || body === null || !('headPosition' in body) || typeof body.headPosition !== 'number') {
    throw new Error(`unexpected /healthz answer ${response.body}`);
  }
  return body.headPosition;
}

/** A stored event as the API sends it. */
export interface EventJson {
  eventId: string;
  type: string;
  schemaVersion: number;
  data: Record<string, unknown>;
  streamId: string;
  streamVersion: number;
  globalPosition: number;
  alsoIn: string[];
  effectiveAt: string;
  recordedAt: string;
  legalBasis: { skNumber: string; skDate: string; signedBy: string } | null;
  actor: { id: string; role: string };
  correlationId: string;
  causationId: string | null;
  idempotencyKey: string | null;
}

export interface CommandAnswer {
  events: EventJson[];
  position: number;
  warnings: string[];
}

export interface ErrorAnswer {
  error: string;
  message: string;
  issues?: { path: string; message: string }[];
  rule?: string;
  streamId?: string;
  expected?: number | 'any';
  actual?: number;
}

export const answerOf = (response: LightMyRequestResponse): CommandAnswer => response.json<CommandAnswer>();
export const refusalOf = (response: LightMyRequestResponse): ErrorAnswer => response.json<ErrorAnswer>();

/** The first event of a command's answer; throws when there is none. */
export const firstEvent = (response: LightMyRequestResponse): EventJson => {
  const [event] = answerOf(response).events;
  if (event === undefined) throw new Error(`no event in ${response.body}`);
  return event;
};
