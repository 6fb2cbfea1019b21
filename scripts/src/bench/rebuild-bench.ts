// Starts rebuild-child.ts in a fresh Node process per measurement and reads its JSON line: a clean peak RSS,
// and no cache or JIT warmed by the bench's other work.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { WORKER_HEAP_FLAG } from '@estafet/worker';

const MeasureSchema = z.object({ events: z.number(), ms: z.number(), maxRssMb: z.number(), heapLimitMb: z.number() });
export type RebuildMeasure = z.infer<typeof MeasureSchema>;

const CHILD = fileURLToPath(new URL('./rebuild-child.ts', import.meta.url));

export const runRebuildChild = (args: readonly string[]): Promise<RebuildMeasure> => new Promise((resolve, reject) => {
  // With the worker's heap budget, as `npm run rebuild` and the worker run: the peak RSS is theirs.
  const child = spawn(process.execPath, [WORKER_HEAP_FLAG, '--import', 'tsx', CHILD, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => { out += chunk.toString(); });
  child.stderr.on('data', (chunk: Buffer) => { err += chunk.toString(); });
  child.on('error', reject);
  child.on('close', (code) => {
    const line = out.trim().split('\n').at(-1) ?? '';
    if (code !== 0) {
      reject(new Error(`rebuild child ${args.join(' ')} exited ${String(code)}: ${err.slice(-2000)}`));
      return;
    }
    try {
      resolve(MeasureSchema.parse(JSON.parse(line)));
    } catch (error) {
      reject(new Error(`rebuild child ${args.join(' ')} printed ${line}`, { cause: error }));
    }
  });
});
