// server.ts for real, in a child process: a bad config value exits 1 naming the variable; the first start
// prints the generated tokens and a second start does not; SIGTERM closes gracefully.
import t from 'tap';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { tempDataDir } from './helper.js';

const SERVER = fileURLToPath(new URL('../../services/api/src/server.ts', import.meta.url));

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Starts the server; once it prints its URL, answers /healthz through the network and gets SIGTERM. */
const run = (env: Record<string, string>): Promise<Run & { health?: unknown }> => new Promise((resolve, reject) => {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER], {
    // Without coverage, as in migrate.test.ts: the child's lines, mapped through tsx's transform, would be merged
    // over the in-process runs' (compiled by tap's loader) and can drop the server's modules from the report.
    env: { PATH: process.env['PATH'] ?? '', PORT: '0', LOG_LEVEL: 'warn', _TAPJS_PROCESSINFO_COVERAGE_: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let health: unknown;
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    const url = /Estafet API on (http:\/\/\S+)/.exec(stdout)?.[1];
    if (url !== undefined && health === undefined) {
      health = null;
      fetch(`${url}/healthz`).then((response) => response.json()).then((body: unknown) => {
        health = body;
        child.kill('SIGTERM');
      }, reject);
    }
  });
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  child.on('error', reject);
  child.on('exit', (code) => resolve({ code, stdout, stderr, health }));
});

t.test('a bad configuration value exits 1 with a message naming the variable', async (t) => {
  const result = await run({ DATA_DIR: await tempDataDir(t), SQLITE_SYNCHRONOUS: 'OFF' });
  t.equal(result.code, 1);
  t.match(result.stderr, /SQLITE_SYNCHRONOUS/);
  t.notMatch(result.stderr, /at .*\.ts:\d+/, 'a message, not a stack trace');
});

t.test('first start prints the generated tokens once; the second start does not', async (t) => {
  const dataDir = await tempDataDir(t);
  const first = await run({ DATA_DIR: dataDir });
  t.equal(first.code, 0, `graceful close on SIGTERM: ${first.stderr}`);
  t.match(first.health, { status: 'ok', headPosition: 0, durability: { journalMode: 'wal', synchronous: /full|2/i } });
  t.match(first.stdout, /API tokens \(shown once/);
  const printed = [...first.stdout.matchAll(/^ {2}(hr|analyst|auditor|public) +(\S{43})$/gm)].map((m) => m[1]);
  t.same(printed, ['hr', 'analyst', 'auditor', 'public']);
  t.match(first.stdout, /rm .*api-tokens\.json/);

  const second = await run({ DATA_DIR: dataDir });
  t.equal(second.code, 0);
  t.notMatch(second.stdout, /API tokens/);
  t.match(second.stdout, /Estafet API on http:\/\//);
});
