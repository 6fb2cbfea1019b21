// Shared setup for the Redis tests: the Redis to use (REDIS_URL, else a local one if it answers), a random key
// prefix per test whose keys are deleted afterwards, a log that records, and a private redis-server to kill.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import type { Coordination, CoordinationLog } from '../../services/worker/src/coordination/coordination.js';
import { createRedisCoordination } from '../../services/worker/src/coordination/redis-coordination.js';

export interface Teardown {
  teardown(fn: () => void | Promise<void>): void;
}

const LOCAL_URL = 'redis://127.0.0.1:6379';

/** REDIS_URL when set (an unreachable one fails the run); else the local server if it answers; else null. */
export async function redisUrl(): Promise<string | null> {
  const configured = process.env.REDIS_URL;
  if (configured !== undefined && configured !== '') return configured;
  const probe = new Redis(LOCAL_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    await probe.ping();
    return LOCAL_URL;
  } catch {
    return null;
  } finally {
    probe.disconnect();
  }
}

/** A fresh prefix; every key under it is deleted when the test ends. */
export function testPrefix(t: Teardown, url: string): string {
  const prefix = `estafet-test:${randomBytes(6).toString('hex')}:`;
  t.teardown(async () => {
    const admin = new Redis(url, { maxRetriesPerRequest: 1 });
    try {
      let cursor = '0';
      do {
        const [next, keys] = await admin.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
        if (keys.length > 0) await admin.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    } finally {
      admin.disconnect();
    }
  });
  return prefix;
}

export interface LogLine {
  readonly level: 'info' | 'warn' | 'error';
  readonly message: string;
  readonly details: object;
}

export function recordingLog(): { log: CoordinationLog; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const push = (level: LogLine['level']) => (details: object, message: string): void => {
    lines.push({ level, message, details });
  };
  return { log: { info: push('info'), warn: push('warn'), error: push('error') }, lines };
}

/** Polls `condition` until it holds; rejects naming `what` after timeoutMs. For conditions, never for time. */
export async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!await condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The next value `subscribe` hands its callback, or a rejection after timeoutMs. */
export function nextValue<T>(subscribe: (callback: (value: T) => void) => () => void, timeoutMs = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error('no value came'));
    }, timeoutMs);
    const off = subscribe((value) => {
      clearTimeout(timer);
      off();
      resolve(value);
    });
  });
}

/**
 * A free port below the ephemeral range (32768+ on Linux): while the server is killed, a port that listen(0) or
 * an outgoing connection could be handed (another test's app) might be taken before the restart.
 */
async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const server = createServer();
    const free = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => resolve(true));
    });
    if (free) {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      return port;
    }
  }
  throw new Error('no free port between 20000 and 32000');
}

/** Whether a redis-server binary is on PATH to start private servers with. */
export const hasRedisServer = (): boolean => spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;

export interface PrivateRedis {
  readonly url: string;
  /** Kills the server (SIGKILL: an outage, not a goodbye). */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty. */
  start(): Promise<void>;
}

/** A redis-server of this test's own on a free port, without persistence; killed at teardown. */
export async function privateRedis(t: Teardown): Promise<PrivateRedis> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  const start = async (): Promise<void> => {
    const started = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    child = started;
    await waitFor(`redis-server on ${port}`, async () => {
      if (started.exitCode !== null) throw new Error(`redis-server exited with ${started.exitCode}`);
      const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      probe.on('error', () => undefined);
      try {
        await probe.connect();
        return (await probe.ping()) === 'PONG';
      } catch {
        return false;
      } finally {
        probe.disconnect();
      }
    });
  };
  const stop = async (): Promise<void> => {
    const running = child;
    child = null;
    if (running === null || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  };
  t.teardown(stop);
  await start();
  return { url, stop, start };
}

/** A coordination object on the real Redis, as one node has it; closed in teardown, returned once Redis answers. */
export const redisNode = async (t: Teardown, redis: string, keyPrefix: string): Promise<Coordination> => {
  const coordination = createRedisCoordination({ redisUrl: redis, keyPrefix, log: recordingLog().log });
  t.teardown(() => coordination.close());
  await waitFor('redis up', () => coordination.isUp());
  return coordination;
};
