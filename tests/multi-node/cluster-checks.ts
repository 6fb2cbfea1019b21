// What the multi-node tests check and wait on, over the cluster's processes, its HTTP nodes and its database:
// heads on an event stream, each person's records on a node, the read models folding the head, fence samples.
import type { Test } from 'tap';
import { bearer } from '../api/helper.js';
import { waitFor } from '../redis/redis-fixture.js';
import { openStream } from '../redis/sse-client.js';
import type { SseClient } from '../redis/sse-client.js';
import type { Child } from './cluster.js';
import { command, commandsFor, orgChart, seatedNips, staff, timeline } from './ledger-client.js';
import type { Node, Staff } from './ledger-client.js';
import { caughtUpTo, firstDecrease } from './read-model-probe.js';
import type { FenceSample, Probe } from './read-model-probe.js';

/** Whether the stream sends a head at or past `position` within the time. */
export const hearsHead = async (client: SseClient, position: number, timeoutMs = 10_000): Promise<boolean> => {
  const isHead = (data: unknown): boolean =>
    typeof data === 'object' && data !== null && 'position' in data && typeof data.position === 'number' && data.position >= position;
  return client.until((frame) => frame.event === 'head' && isHead(frame.data), timeoutMs).then(() => true, () => false);
};

export const stream = async (t: Test, node: { port: number }, role: 'hr' | 'analyst'): Promise<SseClient> => {
  const client = await openStream(node.port, bearer(role));
  t.teardown(() => client.close());
  return client;
};

/** Records each person's four commands in order, on one node; returns the last position. */
export const record = async (node: Node, people: readonly Staff[], done: { count: number }): Promise<number> => {
  let position = 0;
  for (const person of people) {
    for (const step of commandsFor(person)) {
      position = await command(node, step);
      done.count += 1;
    }
  }
  return position;
};

/** Polls until every projection's checkpoint is the store's head; returns that head. */
export const settle = async (db: Probe, timeoutMs = 30_000): Promise<number> => {
  let head = -1;
  await waitFor('the read models to fold the head', async () => {
    head = await db.head();
    return caughtUpTo(await db.checkpoints(), head);
  }, timeoutMs);
  return head;
};

/** Everything each person's records should show on `node`, as a list of what is wrong (empty when right). */
export const wrongOn = async (node: Node, people: readonly Staff[], head: number): Promise<string[]> => {
  const problems: string[] = [];
  const chart = await orgChart(node, head);
  if (chart.body === null) return [`${node.name} org chart answered ${chart.status}: ${chart.text}`];
  const seated = seatedNips(chart.body).sort();
  const expected = people.map((p) => p.nip).sort();
  if (JSON.stringify(seated) !== JSON.stringify(expected)) problems.push(`${node.name} seats ${seated.length} NIPs, expected ${expected.length} each once`);
  for (let from = 0; from < people.length; from += 8) {
    const answers = await Promise.all(people.slice(from, from + 8).map(async (person) => ({ person, answer: await timeline(node, person.nip, head) })));
    for (const { person, answer } of answers) {
      const body = answer.body;
      if (body === null) {
        problems.push(`${node.name} timeline ${person.nip} answered ${answer.status}: ${answer.text}`);
        continue;
      }
      const seen = JSON.stringify([body.positions.map((p) => p.positionId), body.trainings.map((x) => x.courseCode), body.ranks.length]);
      const want = JSON.stringify([[person.positionId], [person.courseCode], 1]);
      if (seen !== want) problems.push(`${node.name} timeline ${person.nip}: ${seen}, expected ${want}`);
    }
  }
  return problems;
};

/** The fence token and every checkpoint only ever went up while sampled. */
export const onlyAdvanced = (t: Test, samples: readonly FenceSample[]): void => {
  t.ok(samples.length > 20, `the fence and checkpoints were watched throughout (${samples.length} samples)`);
  t.same(firstDecrease(samples, (s) => s.token ?? 0), null, 'the fence token never went down');
  for (const name of Object.keys(samples.at(-1)?.checkpoints ?? {})) {
    t.same(firstDecrease(samples, (s) => s.checkpoints[name] ?? 0), null, `the ${name} checkpoint only advanced`);
  }
};

export const tokenOf = async (child: Child): Promise<number> => Number((await child.log('lease acquired')).fields['token']);

export const errorLines = (children: readonly Child[]): string[] =>
  children.flatMap((child) => child.logs.filter((line) => line.level >= 50).map((line) => `${child.name}: ${line.msg}`));

export interface Writer {
  /** Commands answered so far. */
  readonly done: { count: number };
  /** Everyone recorded whole so far. */
  readonly people: readonly Staff[];
  /** Finishes the person being recorded, then stops; rejects if a command was refused. */
  stop(): Promise<void>;
}

/** Records one person after another on `node`, from staff(first), with a short pause between people. */
export const keepWriting = (node: Node, first: number, pauseMs = 100): Writer => {
  const people: Staff[] = [];
  const done = { count: 0 };
  let stopping = false;
  const running = (async () => {
    for (let index = first; !stopping; index += 1) {
      const person = staff(index);
      await record(node, [person], done);
      people.push(person);
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  })();
  // Reported by stop(); without this a refusal before then would be an unhandled rejection.
  running.catch(() => undefined);
  return {
    done,
    people,
    async stop() {
      stopping = true;
      await running;
    },
  };
};
