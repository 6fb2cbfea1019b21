// Several nodes for real: two API processes and a worker process on one PostgreSQL and one Redis. A write on
// one node is read on the other (minPosition); SSE clients on both hear it; a worker killed mid-stream is
// replaced with nothing lost or doubled; two workers started together never fold at the same time.
import t from 'tap';
import type { Test } from 'tap';
import { bearer } from '../api/helper.js';
import { redisUrl, waitFor } from '../redis/redis-fixture.js';
import { openStream } from '../redis/sse-client.js';
import type { SseClient } from '../redis/sse-client.js';
import { databaseUrl } from '../store-contract/postgres-url.js';
import { startCluster } from './cluster.js';
import type { Child, Servers } from './cluster.js';
import { command, commandsFor, orgChart, seatedNips, staff, timeline, unitCommand } from './ledger-client.js';
import type { Node, Staff } from './ledger-client.js';
import { caughtUpTo, firstDecrease, probe, watchFence } from './read-model-probe.js';
import type { FenceSample, Probe } from './read-model-probe.js';
import { differencesFromReference } from './reference-fold.js';

const [database, redis] = await Promise.all([databaseUrl(), redisUrl()]);

const HELD = 'worker lease held';
const STANDING_BY = 'another worker holds the lease; standing by';

/** Whether the stream sends a head at or past `position` within the time. */
const hearsHead = async (client: SseClient, position: number, timeoutMs = 10_000): Promise<boolean> => {
  const isHead = (data: unknown): boolean =>
    typeof data === 'object' && data !== null && 'position' in data && typeof data.position === 'number' && data.position >= position;
  return client.until((frame) => frame.event === 'head' && isHead(frame.data), timeoutMs).then(() => true, () => false);
};

const stream = async (t: Test, node: { port: number }, role: 'hr' | 'analyst'): Promise<SseClient> => {
  const client = await openStream(node.port, bearer(role));
  t.teardown(() => client.close());
  return client;
};

/** Records each person's four commands in order, on one node; returns the last position. */
const record = async (node: Node, people: readonly Staff[], done: { count: number }): Promise<number> => {
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
const settle = async (db: Probe, timeoutMs = 30_000): Promise<number> => {
  let head = -1;
  await waitFor('the read models to fold the head', async () => {
    head = await db.head();
    return caughtUpTo(await db.checkpoints(), head);
  }, timeoutMs);
  return head;
};

/** Everything each person's records should show on `node`, as a list of what is wrong (empty when right). */
const wrongOn = async (node: Node, people: readonly Staff[], head: number): Promise<string[]> => {
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
const onlyAdvanced = (t: Test, samples: readonly FenceSample[]): void => {
  t.ok(samples.length > 20, `the fence and checkpoints were watched throughout (${samples.length} samples)`);
  t.same(firstDecrease(samples, (s) => s.token ?? 0), null, 'the fence token never went down');
  for (const name of Object.keys(samples.at(-1)?.checkpoints ?? {})) {
    t.same(firstDecrease(samples, (s) => s.checkpoints[name] ?? 0), null, `the ${name} checkpoint only advanced`);
  }
};

const tokenOf = async (child: Child): Promise<number> => Number((await child.log('lease acquired')).fields['token']);

const errorLines = (children: readonly Child[]): string[] =>
  children.flatMap((child) => child.logs.filter((line) => line.level >= 50).map((line) => `${child.name}: ${line.msg}`));

const multiNode = (t: Test, servers: Servers): void => {
  t.test('two API nodes and a worker: read-your-writes across nodes, SSE on both, a killed worker replaced', async (t) => {
    const cluster = startCluster(t, servers);
    const db = probe(cluster.db, cluster.ledgerSchema, cluster.readSchema);
    const [a, b] = await Promise.all([cluster.startApi('api-a'), cluster.startApi('api-b')]);
    const watch = watchFence(db);
    t.teardown(() => watch.stop());
    const first = await cluster.startWorker('worker-1');
    const firstToken = await tokenOf(first);
    const [sseA, sseB] = await Promise.all([stream(t, a, 'analyst'), stream(t, b, 'hr')]);
    t.same([sseA.status, sseB.status], [200, 200], 'an event stream is open on each node');

    // 1. Written on A, read on B as soon as the read models have the write.
    const pioneer = staff(0);
    let written = await command(a, unitCommand);
    for (const step of commandsFor(pioneer)) written = await command(a, step);
    const onB = await timeline(b, pioneer.nip, written);
    t.equal(onB.status, 200, `node B answers the timeline with minPosition=${written} written on A: ${onB.text.slice(0, 200)}`);
    t.same(onB.body?.positions.map((p) => p.positionId), [pioneer.positionId], 'B shows the appointment made on A');
    t.same(onB.body?.trainings.map((x) => x.courseCode), [pioneer.courseCode], 'B shows the training recorded on A');
    const chartB = await orgChart(b, written);
    t.same(chartB.body === null ? chartB.status : seatedNips(chartB.body), [pioneer.nip], 'B\'s org chart seats the person appointed on A');

    // 2. Both nodes' streams hear the head of a write made on one of them.
    t.ok(await hearsHead(sseA, written), `the stream on A hears a head >= ${written}`);
    t.ok(await hearsHead(sseB, written), `the stream on B hears a head >= ${written} (through Redis)`);

    // 3. Writes through both nodes; the worker is killed a third of the way in and another one started.
    const people = Array.from({ length: 40 }, (_, i) => staff(i + 1));
    const total = people.length * 4;
    const done = { count: 0 };
    const started = Date.now();
    const lanes = Promise.all([
      record(a, people.filter((_, i) => i % 2 === 0), done),
      record(b, people.filter((_, i) => i % 2 === 1), done),
    ]);
    let killedAt = { done: 0, checkpoint: 0, head: 0 };
    const replaced = (async () => {
      await waitFor('a third of the writes, folded in part', async () =>
        done.count >= total / 3 && Math.min(...Object.values(await db.checkpoints())) > written, 60_000);
      killedAt = { done: done.count, checkpoint: Math.min(...Object.values(await db.checkpoints())), head: await db.head() };
      await first.stop('SIGKILL');
      return cluster.startWorker('worker-2');
    })();
    const [, second] = await Promise.all([lanes, replaced]);
    t.comment(`${total} writes in ${Date.now() - started} ms; worker-1 killed after ${killedAt.done} with its checkpoint at ${killedAt.checkpoint} of head ${killedAt.head}`);
    t.ok(killedAt.done < total, `the worker was killed while writes were still coming (${killedAt.done} of ${total} done)`);
    t.ok(killedAt.checkpoint > written && killedAt.checkpoint <= killedAt.head, 'it had folded part of the stream when it died');

    const takeover = Date.now();
    const head = await settle(db);
    t.comment(`worker-2 caught up to ${head} ${Date.now() - takeover} ms after the writes ended`);
    const secondToken = await tokenOf(second);
    t.ok(secondToken > firstToken, `worker-2 took the lease over with a higher token (${secondToken} > ${firstToken})`);
    t.equal(await db.fenceToken(), secondToken, 'its token is the one recorded beside the checkpoints');
    t.ok(caughtUpTo(await db.checkpoints(), head), `every projection's checkpoint equals the head ${head}`);
    t.equal(head, 1 + 4 * (people.length + 1), 'the ledger holds each command\'s event, nothing more');
    t.equal(await db.count('SELECT count(*) FROM (SELECT idempotency_key FROM $ledger.events WHERE idempotency_key IS NOT NULL GROUP BY 1 HAVING count(*) > 1) d'),
      0, 'no idempotency key twice in the ledger');

    const everyone = [pioneer, ...people];
    t.same(await wrongOn(a, everyone, head), [], `node A shows each of the ${everyone.length} people exactly once, each record once`);
    t.same(await wrongOn(b, everyone, head), [], `node B shows each of the ${everyone.length} people exactly once, each record once`);
    // A batch folded twice would show as a second current version of one fact: the same event opening two rows.
    for (const table of ['org_holders', 'timeline_records', 'org_positions']) {
      t.equal(await db.count(`SELECT count(*) FROM (SELECT "openEventId" FROM $read.${table} WHERE "knownTo" IS NULL GROUP BY 1 HAVING count(*) > 1) d`),
        0, `no event opens two current rows in ${table}`);
    }
    t.equal(await db.count('SELECT count(*) FROM $read.org_holders WHERE "knownTo" IS NULL'), everyone.length, 'one current holding per person');
    t.equal(await db.count('SELECT count(*) FROM $read.timeline_records WHERE "knownTo" IS NULL'), 2 * everyone.length,
      'two current timeline records per person: the initial rank and the training');
    t.ok(await hearsHead(sseA, head) && await hearsHead(sseB, head), `both streams hear the final head ${head}`);
    const reference = await differencesFromReference(servers.databaseUrl, cluster.ledgerSchema, cluster.readSchema);
    t.same(reference.differences, [], `the read models equal an uninterrupted fold of the same ledger, row for row (${reference.rows} rows)`);
    await watch.stop();
    onlyAdvanced(t, watch.samples);
    t.same(errorLines([second]), [], 'worker-2 logged no error');
  });

  t.test('two workers started together: one folds, the other stands by and takes over when it stops', async (t) => {
    const cluster = startCluster(t, servers);
    const db = probe(cluster.db, cluster.ledgerSchema, cluster.readSchema);
    const api = await cluster.startApi('api');
    const watch = watchFence(db);
    t.teardown(() => watch.stop());
    const workers = await Promise.all([cluster.startWorker('worker-1'), cluster.startWorker('worker-2')]);
    const said = (child: Child): string | undefined => child.logs.find((line) => line.msg === HELD || line.msg === STANDING_BY)?.msg;
    t.same(workers.map(said).sort(), [STANDING_BY, HELD], 'exactly one worker holds the lease at start; the other stands by');
    const holder = workers.find((w) => said(w) === HELD) ?? workers[0];
    const standby = workers.find((w) => w !== holder) ?? workers[1];
    if (holder === undefined || standby === undefined) throw new Error('two workers expected');
    const firstToken = await tokenOf(holder);

    const before = Array.from({ length: 8 }, (_, i) => staff(i));
    await command(api, unitCommand);
    let written = await record(api, before, { count: 0 });
    t.equal((await timeline(api, before[7]?.nip ?? '', written)).status, 200, 'the holder folds the writes');
    await settle(db);
    t.equal(await db.fenceToken(), firstToken, `the fence records the holder's token ${firstToken}`);
    t.notOk(standby.logs.some((line) => line.msg === 'lease acquired'), 'the standby never held the lease while the holder ran');

    t.equal(await holder.stop('SIGTERM'), 0, 'the holder closes cleanly on SIGTERM');
    const closedAt = holder.logs.find((line) => line.msg === 'closing')?.time ?? Infinity;
    const takeover = await standby.log('lease acquired', 20_000);
    const secondToken = Number(takeover.fields['token']);
    t.ok(takeover.time >= closedAt, 'the standby acquired the lease only after the holder had begun closing');
    t.ok(secondToken > firstToken, `the new token ${secondToken} is above the old ${firstToken}`);

    const after = Array.from({ length: 8 }, (_, i) => staff(i + 8));
    written = await record(api, after, { count: 0 });
    const last = await timeline(api, after[7]?.nip ?? '', written);
    t.equal(last.status, 200, 'the new holder folds writes made after the takeover');
    t.same(last.body?.trainings.map((x) => x.courseCode), [after[7]?.courseCode], 'with their data');
    const head = await settle(db);
    t.equal(await db.fenceToken(), secondToken, 'the fence now records the new holder\'s token');
    t.same(await wrongOn(api, [...before, ...after], head), [], 'every person folded once, across the takeover');
    const reference = await differencesFromReference(servers.databaseUrl, cluster.ledgerSchema, cluster.readSchema);
    t.same(reference.differences, [], `the read models equal an uninterrupted fold, row for row (${reference.rows} rows)`);

    await watch.stop();
    onlyAdvanced(t, watch.samples);
    t.same([...new Set(watch.samples.map((s) => s.token).filter((token) => token !== null))], [firstToken, secondToken],
      'commits were fenced by the first holder\'s token, then by the second\'s, and no other');
    t.same(errorLines(workers), [], 'no worker logged an error');
  });
};

if (database === null || redis === null) {
  t.plan(0, `multi-node tests skipped: ${database === null ? 'no PostgreSQL (DATABASE_URL unset, nothing at 127.0.0.1:5432)' : 'no Redis (REDIS_URL unset, nothing at 127.0.0.1:6379)'}`);
} else {
  multiNode(t, { databaseUrl: database, redisUrl: redis });
}
