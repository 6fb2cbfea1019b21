// Several Estafet processes on one PostgreSQL and one Redis, as separate machines run them: API nodes
// (WORKER=external) and workers, each a child process with an environment of its own, over fresh schemas and
// a fresh Redis key prefix. Teardown kills every child first, then drops the schemas and deletes the keys.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { Redis } from 'ioredis';
import { TOKENS } from '../api/helper.js';
import { waitFor } from '../redis/redis-fixture.js';

const API = fileURLToPath(new URL('../../services/api/src/server.ts', import.meta.url));
const WORKER = fileURLToPath(new URL('../../services/worker/src/main.ts', import.meta.url));

export interface ClusterTest {
  teardown(fn: () => void | Promise<void>): void;
  testdir(): string;
  passing(): boolean;
}

/** One pino line of a child (time in epoch ms), or its raw text when it was not JSON. */
export interface LogLine {
  readonly msg: string;
  readonly level: number;
  readonly time: number;
  readonly fields: Readonly<Record<string, unknown>>;
}

export interface Child {
  readonly name: string;
  readonly pid: number;
  readonly logs: readonly LogLine[];
  /** Resolves once the process has exited, with its code (null when a signal ended it). */
  readonly exited: Promise<number | null>;
  running(): boolean;
  /** The first log line (so far or to come) whose msg matches. */
  log(msg: string, timeoutMs?: number): Promise<LogLine>;
  /** Sends the signal and waits for the exit. */
  stop(signal: 'SIGKILL' | 'SIGTERM'): Promise<number | null>;
  /** Sends a signal that does not end the process (SIGSTOP, SIGCONT). */
  signal(signal: 'SIGSTOP' | 'SIGCONT'): void;
  output(): string;
}

export interface ApiNode extends Child {
  readonly port: number;
  readonly url: string;
}

export interface Cluster {
  readonly ledgerSchema: string;
  readonly readSchema: string;
  readonly keyPrefix: string;
  /** A pool on the shared database for the test's own look at the ledger and the read models. */
  readonly db: pg.Pool;
  startApi(name: string): Promise<ApiNode>;
  /** Starts a worker and waits for 'worker running' (it holds the lease or stands by); `env` adds variables. */
  startWorker(name: string, env?: Readonly<Record<string, string>>): Promise<Child>;
}

export interface Servers {
  readonly databaseUrl: string;
  readonly redisUrl: string;
}

const toLogLine = (text: string): LogLine => {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && 'msg' in parsed && typeof parsed.msg === 'string') {
      const fields: Record<string, unknown> = { ...parsed };
      return { msg: parsed.msg, level: Number(fields['level'] ?? 0), time: Number(fields['time'] ?? 0), fields };
    }
  } catch {
    // Not JSON: a plain line such as the API's "Estafet API on ..." or a stack trace.
  }
  return { msg: text, level: 0, time: Date.now(), fields: {} };
};

const launch = (name: string, script: string, env: Record<string, string>): Child => {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const logs: LogLine[] = [];
  let output = '';
  let pending = '';
  const take = (chunk: Buffer): void => {
    const text = chunk.toString();
    output += text;
    pending += text;
    let cut = pending.indexOf('\n');
    while (cut >= 0) {
      const line = pending.slice(0, cut).trim();
      pending = pending.slice(cut + 1);
      if (line !== '') logs.push(toLogLine(line));
      cut = pending.indexOf('\n');
    }
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
  });
  let running = true;
  void exited.then(() => {
    running = false;
  });
  return {
    name,
    pid: child.pid ?? -1,
    logs,
    exited,
    running: () => running,
    async log(msg, timeoutMs = 30_000) {
      await waitFor(`${name} to log "${msg}"`, () => {
        if (!running && !logs.some((line) => line.msg === msg)) throw new Error(`${name} exited before logging "${msg}":\n${output}`);
        return logs.some((line) => line.msg === msg);
      }, timeoutMs);
      const found = logs.find((line) => line.msg === msg);
      if (found === undefined) throw new Error(`${name}: "${msg}" vanished`);
      return found;
    },
    async stop(signal) {
      if (running) child.kill(signal);
      return exited;
    },
    signal(signal) {
      if (running) child.kill(signal);
    },
    output: () => output,
  };
};

export function startCluster(t: ClusterTest, servers: Servers): Cluster {
  const id = randomBytes(5).toString('hex');
  const ledgerSchema = `mn_${id}_ledger`;
  const readSchema = `mn_${id}_read`;
  const keyPrefix = `mn${id}:`;
  const root = t.testdir();
  const children: Child[] = [];
  const db = new pg.Pool({ connectionString: servers.databaseUrl, max: 3 });
  db.on('error', () => undefined);

  // One teardown, in order: no child may write while its schemas and keys are removed.
  t.teardown(async () => {
    await Promise.all(children.map((child) => child.stop('SIGKILL')));
    if (!t.passing()) {
      for (const child of children) process.stderr.write(`\n----- ${child.name} (pid ${child.pid}) -----\n${child.output().slice(-6000)}`);
    }
    try {
      await db.query(`DROP SCHEMA IF EXISTS "${ledgerSchema}" CASCADE`);
      await db.query(`DROP SCHEMA IF EXISTS "${readSchema}" CASCADE`);
      // reference-fold.ts drops its own; this covers a test that died in the middle of one.
      await db.query(`DROP SCHEMA IF EXISTS "${readSchema}_reference" CASCADE`);
    } finally {
      await db.end();
    }
    const redis = new Redis(servers.redisUrl, { maxRetriesPerRequest: 1 });
    try {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${keyPrefix}*`, 'COUNT', 500);
        if (keys.length > 0) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    } finally {
      redis.disconnect();
    }
  });

  // The child's whole environment, built here: nothing of the test runner's (TAP=1 stops a worker) leaks in, and
  // no coverage (see migrate.test.ts: tsx-compiled lines merged over tap's would garble the report).
  const environment = async (name: string): Promise<Record<string, string>> => {
    const dataDir = join(root, name);
    await mkdir(dataDir, { recursive: true });
    return {
      PATH: process.env['PATH'] ?? '',
      _TAPJS_PROCESSINFO_COVERAGE_: '0',
      DATA_DIR: dataDir,
      EVENT_STORE: 'postgres',
      DATABASE_URL: servers.databaseUrl,
      DATABASE_SCHEMA: ledgerSchema,
      READ_MODEL_SCHEMA: readSchema,
      REDIS_URL: servers.redisUrl,
      REDIS_KEY_PREFIX: keyPrefix,
    };
  };
  const tokens = Object.entries(TOKENS).map(([role, token]) => `${role}:${token}`).join(',');

  return {
    ledgerSchema,
    readSchema,
    keyPrefix,
    db,
    async startApi(name) {
      const env = { ...await environment(name), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', WORKER: 'external', ESTAFET_API_TOKENS: tokens };
      const child = launch(name, API, env);
      children.push(child);
      const listening = /^Estafet API on (http:\/\/127\.0\.0\.1:(\d+))/;
      let match: RegExpExecArray | null = null;
      await waitFor(`${name} to listen`, () => {
        for (const entry of child.logs) match ??= listening.exec(entry.msg);
        if (match === null && !child.running()) throw new Error(`${name} exited before listening:\n${child.output()}`);
        return match !== null;
      }, 30_000);
      const [, url = '', port = ''] = match ?? [];
      return { ...child, url, port: Number(port) };
    },
    async startWorker(name, env = {}) {
      const child = launch(name, WORKER, { ...await environment(name), LOG_LEVEL: 'info', ...env });
      children.push(child);
      await child.log('worker running');
      return child;
    },
  };
}
