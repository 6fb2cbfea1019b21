// Several nodes for real: API processes and worker processes on one PostgreSQL and one Redis. A write on one
// node is read on the other (minPosition); SSE clients on both hear it; a worker killed mid-stream is replaced
// with nothing lost or doubled; of two workers only one folds at a time, handing over on SIGTERM; one paused
// past its lease (SIGSTOP) starts no batch when it wakes, and the read models come out as if never interrupted.
import t from 'tap';
import type { Test } from 'tap';
import { redisUrl, waitFor } from '../redis/redis-fixture.js';
import { databaseUrl } from '../store-contract/postgres-url.js';
import { startCluster } from './cluster.js';
import type { Child, Servers } from './cluster.js';
import { errorLines, hearsHead, keepWriting, onlyAdvanced, record, settle, stream, tokenOf, wrongOn } from './cluster-checks.js';
import { command, commandsFor, orgChart, seatedNips, staff, timeline, unitCommand } from './ledger-client.js';
import { caughtUpTo, probe, watchFence } from './read-model-probe.js';
import type { FenceSample } from './read-model-probe.js';
import { differencesFromReference } from './reference-fold.js';

const [database, redis] = await Promise.all([databaseUrl(), redisUrl()]);

const HELD = 'worker lease held';
const STANDING_BY = 'another worker holds the lease; standing by';

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

  t.test('a holder paused past its lease (SIGSTOP) is replaced; woken, it starts no batch', async (t) => {
    const cluster = startCluster(t, servers);
    const db = probe(cluster.db, cluster.ledgerSchema, cluster.readSchema);
    const api = await cluster.startApi('api');
    const watch = watchFence(db);
    t.teardown(() => watch.stop());
    const sleeper = await cluster.startWorker('worker-1');
    const firstToken = await tokenOf(sleeper);
    const standby = await cluster.startWorker('worker-2');
    t.ok(standby.logs.some((line) => line.msg === STANDING_BY), 'the second worker stands by');

    await command(api, unitCommand);
    const writer = keepWriting(api, 0);
    await waitFor('the holder to fold some writes', async () => writer.done.count >= 8 && await db.fenceToken() === firstToken, 20_000);
    sleeper.signal('SIGSTOP');
    const pausedAt = Date.now();
    const committedAtPause = await db.checkpoints();
    const takeover = await standby.log('lease acquired', 20_000);
    const secondToken = Number(takeover.fields['token']);
    t.ok(takeover.time - pausedAt >= 3000, `the standby waited for the paused holder's lease to run out (${takeover.time - pausedAt} ms)`);
    t.ok(secondToken > firstToken, `the standby took over with a higher token (${secondToken} > ${firstToken})`);
    const committedFirst = await waitFor('the new holder to commit', async () => await db.fenceToken() === secondToken, 5000)
      .then(() => true, () => false);
    sleeper.signal('SIGCONT');
    await sleeper.log('lease lost; not committing until it is acquired again', 15_000);
    t.pass('woken, the old holder finds its lease lost');
    const wokenAt = writer.done.count;
    await waitFor('more writes after the wake-up', () => writer.done.count >= wokenAt + 24, 30_000);
    await writer.stop();

    const head = await settle(db);
    t.equal(await db.fenceToken(), secondToken, 'the fence records the new holder\'s token');
    t.equal(sleeper.logs.filter((line) => line.msg === 'lease acquired').length, 1, 'the woken worker did not take the lease back');
    t.same(await wrongOn(api, writer.people, head), [], `each of the ${writer.people.length} people folded once`);
    const reference = await differencesFromReference(servers.databaseUrl, cluster.ledgerSchema, cluster.readSchema);
    t.same(reference.differences, [], `the read models equal an uninterrupted fold, row for row (${reference.rows} rows)`);
    await watch.stop();
    onlyAdvanced(t, watch.samples);
    t.same([...new Set(watch.samples.map((s) => s.token).filter((token) => token !== null))], [firstToken, secondToken],
      'commits were fenced by the first holder\'s token, then by the second\'s, and no other');

    // A pause inside the commit transaction, after the fence admitted the old token, lets that one commit finish
    // on waking (and holds the fence row, so the new holder's commit waits for it and is then refused).
    const beyondPause = (s: FenceSample): boolean => Object.entries(s.checkpoints).some(([name, position]) => position > (committedAtPause[name] ?? 0));
    const lateCommits = new Set(watch.samples.filter((s) => s.token === firstToken && beyondPause(s)).map((s) => JSON.stringify(s.checkpoints))).size;
    t.comment(`${writer.done.count} writes; new holder committed before the old one woke: ${committedFirst}; `
      + `commits under the old token after the pause: ${lateCommits}`);
    t.ok(lateCommits <= 1, 'after the pause, at most the commit already in flight landed under the old token; no batch began after it woke');
    const refusals = sleeper.logs.filter((line) => line.level >= 50);
    // Refused by the fence or the checkpoint, or aborted by the server's idle-in-transaction timeout (25P03), which
    // ends a transaction frozen longer than the lease can outlive a renewal; the client may see that end as the
    // connection terminated or no longer queryable (a commit in flight while the next batch folded).
    t.ok(refusals.length <= 1 && refusals.every((line) => /STALE_FENCING_TOKEN|CHECKPOINT_MOVED|25P03|idle-in-transaction|Connection terminated|not queryable|ECONNRESET/
      .test(JSON.stringify(line.fields))),
      `the woken worker at most had its in-flight commit refused (${refusals.map((line) => `${line.msg} ${JSON.stringify(line.fields)}`).join('; ') || 'nothing refused'})`);
    const failures = standby.logs.filter((line) => line.level >= 50);
    t.ok(failures.length <= (lateCommits === 0 ? 0 : 1) && failures.every((line) => /CHECKPOINT_MOVED/.test(JSON.stringify(line.fields))),
      `the new holder failed at most the one batch the late commit overtook, logged once (${failures.length})`);
  });
};

if (database === null || redis === null) {
  t.plan(0, `multi-node tests skipped: ${database === null ? 'no PostgreSQL (DATABASE_URL unset, nothing at 127.0.0.1:5432)' : 'no Redis (REDIS_URL unset, nothing at 127.0.0.1:6379)'}`);
} else {
  multiNode(t, { databaseUrl: database, redisUrl: redis });
}
