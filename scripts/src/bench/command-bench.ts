// Single commands through the command handler (validation, stream read, fold, decide, hash chain, fsync) on a
// store holding a generated ledger (a working copy of a SQLite data set, or the same ledger in PostgreSQL), measured
// two ways: one at a time (one commit each) and with several in flight, as HTTP clients send them, so that the
// store's group commit lets one fsync serve every command queued in a tick.
import { createCommandHandler, createEventIdMinter } from '@estafet/ledger';
import type { CommandHandler, EventStore } from '@estafet/ledger';
import { createSeededRandom } from '../seeded-random.js';
import { distinctInFlight } from './command-plan.js';
import { latencyOf, rate, timeEach } from './stats.js';
import type { Latency } from './stats.js';
import { openWorkingCopy } from './working-copy.js';

export interface CommandRate {
  readonly cps: number;
  readonly latency: Latency;
  /** Process CPU time per command (all threads), which says how much of the time was spent waiting on fsync. */
  readonly cpuMs: number;
  readonly inFlight: number;
}

export interface CommandRates {
  readonly sequential: CommandRate;
  /** One closed-loop run per level of commands in flight, in the order asked: throughput against latency. */
  readonly concurrent: readonly CommandRate[];
}

const cpuMsSince = (start: NodeJS.CpuUsage, count: number): number => {
  const used = process.cpuUsage(start);
  return Math.round((used.user + used.system) / count) / 1000;
};

const ACTOR = { id: 'bench', role: 'hr' } as const;

const training = (handler: CommandHandler, nip: string, tag: string, effectiveAt: string) => handler.execute({
  type: 'RecordTraining', nip, courseCode: `BENCH-${tag}`, courseTitle: 'Bench training', jpHours: 8, competenciesGranted: [],
  effectiveAt,
}, { actor: ACTOR, correlationId: `bench-${tag}` });

export interface CommandSizes {
  readonly commands: number;
  readonly inFlight: readonly number[];
  readonly newId?: () => string;
}

/**
 * `commands` RecordTraining commands awaited one at a time, then, for each level in `inFlight`, `commands` more with
 * that many outstanding at any moment (a closed loop: each finished command starts the next). Commands in flight
 * together name different people, so they do not conflict on a stream version; latency is per command, from issue
 * to durable answer. Event ids come from the ledger's time-ordered minter unless `newId` is given.
 */
export const measureCommands = async (store: EventStore, people: readonly string[], sizes: CommandSizes, endDate: string): Promise<CommandRates> => {
  const random = createSeededRandom(11);
  const handler = createCommandHandler({ store, clock: () => new Date(), newId: sizes.newId ?? createEventIdMinter() });

  const sequentialCpu = process.cpuUsage();
  const sequential = await timeEach(Array.from({ length: sizes.commands }, () => random.pick(people)),
    (nip, i) => training(handler, nip, `s${i}`, endDate));
  const sequentialCpuMs = cpuMsSince(sequentialCpu, sizes.commands);

  const concurrent: CommandRate[] = [];
  for (const level of sizes.inFlight) {
    // A small data set has few people in post: fewer in flight then, so that no two name the same person.
    const inFlight = Math.max(1, Math.min(level, Math.floor(new Set(people).size / 2)));
    concurrent.push(await closedLoop(handler, distinctInFlight(people, sizes.commands, inFlight, random), inFlight, `c${level}`, endDate));
  }
  return {
    sequential: { cps: rate(sizes.commands, sequential.totalMs), latency: latencyOf(sequential.samples), cpuMs: sequentialCpuMs, inFlight: 1 },
    concurrent,
  };
};

/**
 * The command measures on a working copy of a SQLite data set; also returns the people in post at its end (whom
 * the commands name), for the same measures on another store holding the same generated ledger.
 */
export const benchCommands = async (
  dataSet: string, workDir: string, sizes: CommandSizes, endDate: string,
): Promise<CommandRates & { readonly people: readonly string[] }> => {
  const copy = await openWorkingCopy(dataSet, workDir, 'commands.db', endDate);
  try {
    // The runner is not needed while commands run: its catching up would share the CPU with what is measured.
    await copy.runner.stop();
    return { ...await measureCommands(copy.store, copy.people, sizes, endDate), people: copy.people };
  } finally {
    await copy.close();
  }
};

/** Every NIP of `order` trained, `inFlight` commands outstanding at any moment. */
const closedLoop = async (handler: CommandHandler, order: readonly string[], inFlight: number, tag: string, endDate: string): Promise<CommandRate> => {
  const samples: number[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < order.length; i = next++) {
      const t0 = performance.now();
      await training(handler, order[i] ?? '', `${tag}-${i}`, endDate);
      samples.push(performance.now() - t0);
    }
  };
  const started = performance.now();
  const cpu = process.cpuUsage();
  await Promise.all(Array.from({ length: inFlight }, worker));
  const ms = performance.now() - started;
  return { cps: rate(order.length, ms), latency: latencyOf(samples), cpuMs: cpuMsSince(cpu, order.length), inFlight };
};
