// Store contract, subscriptions: catch-up then live, every event once and in order (also those appended during
// catch-up), agreement between subscribers, type filters, failing handlers and close.
import type { Test } from 'tap';
import type { EventStore } from '@estafet/ledger';
import { SubscriptionClosedError } from '@estafet/ledger';
import { freshStore, positionsOf, recorder, rejectsWith, streamOf, unitEstablished, unitRenamed } from './fixtures.js';
import type { StoreFactory } from './fixtures.js';

async function appendUnits(store: EventStore, count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    await store.append([{ streamId: streamOf('unit'), expectedVersion: 0, events: [unitEstablished(`dinas-${i}`)] }]);
  }
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

export function subscribeContract(t: Test, factory: StoreFactory): void {
  t.test('subscribers get every event once, in order, through catch-up and live', async (t) => {
    const store = await freshStore(t, factory);
    await appendUnits(store, 25);
    // While catching up, the first subscriber appends more: they must arrive after the backlog, exactly once.
    let appendedDuringCatchUp = false;
    const first = recorder(async (event) => {
      if (event.globalPosition !== 3 || appendedDuringCatchUp) return;
      appendedDuringCatchUp = true;
      await store.append([{ streamId: streamOf('unit'), expectedVersion: 0, events: [unitEstablished('dinas-x'), unitEstablished('dinas-y')] }]);
    });
    const second = recorder();
    const subscriptions = [store.subscribe({ fromPosition: 0 }, first.handler), store.subscribe({ fromPosition: 0 }, second.handler)];
    t.teardown(() => Promise.all(subscriptions.map((s) => s.close())).then(() => undefined));
    await Promise.all(subscriptions.map((s) => s.caughtUp));
    t.ok(first.events.length >= 25 && second.events.length >= 25, 'caughtUp means the backlog at subscribe time was delivered');
    // Live: appends after catch-up, some concurrent, reach both subscribers.
    await Promise.all([appendUnits(store, 5), store.append([{ streamId: streamOf('unit'), expectedVersion: 0, events: [unitEstablished('dinas-z')] }])]);
    const head = await store.headPosition();
    t.equal(head, 33);
    await Promise.all([first.reached(head), second.reached(head)]);
    t.strictSame(positionsOf(first.events), range(1, head), 'first: every position once, in order');
    t.strictSame(first.events, second.events, 'both subscribers saw the same events');
    t.strictSame(first.events, await store.readAll(), 'and they are the stored events');
    t.equal(subscriptions[0]?.position(), head);
  });

  t.test('a subscription from a position with a type filter', async (t) => {
    const store = await freshStore(t, factory);
    const unit = streamOf('unit');
    await store.append([{ streamId: unit, expectedVersion: 0, events: [
      unitEstablished('dinas-f'), unitRenamed('dinas-f', 'Dinas F1'), unitRenamed('dinas-f', 'Dinas F2'), unitRenamed('dinas-f', 'Dinas F3'),
    ] }]);
    const seen = recorder();
    const subscription = store.subscribe({ fromPosition: 2, types: ['UnitRenamed'] }, seen.handler);
    t.teardown(() => subscription.close());
    await subscription.caughtUp;
    t.strictSame(positionsOf(seen.events), [3, 4]);
    await store.append([{ streamId: unit, expectedVersion: 4, events: [unitEstablished('dinas-g'), unitRenamed('dinas-f', 'Dinas F4')] }]);
    await seen.reached(6);
    t.strictSame(positionsOf(seen.events), [3, 4, 6], 'other types are skipped live too');
  });

  t.test('caughtUp resolves at once on an empty store, and close ends a live subscription', async (t) => {
    const store = await freshStore(t, factory);
    const seen = recorder();
    const subscription = store.subscribe({ fromPosition: 0 }, seen.handler);
    await subscription.caughtUp;
    t.equal(subscription.position(), 0);
    await subscription.close();
    await subscription.done;
    t.pass('done resolves after close');
    await appendUnits(store, 1);
    t.equal(seen.events.length, 0);
  });

  t.test('closing before catch-up rejects caughtUp with SubscriptionClosedError', async (t) => {
    const store = await freshStore(t, factory);
    await appendUnits(store, 3);
    let release: () => void = () => undefined;
    let entered: () => void = () => undefined;
    const blocked = new Promise<void>((resolve) => { release = resolve; });
    const handling = new Promise<void>((resolve) => { entered = resolve; });
    const subscription = store.subscribe({ fromPosition: 0 }, () => {
      entered();
      return blocked;
    });
    await handling;
    const closing = subscription.close();
    release();
    await closing;
    await rejectsWith(t, subscription.caughtUp, SubscriptionClosedError, 'caughtUp');
    t.equal(subscription.position(), 1, 'the event in flight finished, nothing after it was delivered');
  });

  t.test('a failing handler stops the subscription and rejects done', async (t) => {
    const store = await freshStore(t, factory);
    await appendUnits(store, 3);
    const failure = new Error('read model write failed');
    const seen = recorder((event) => {
      if (event.globalPosition === 2) throw failure;
    });
    const subscription = store.subscribe({ fromPosition: 0 }, seen.handler);
    await t.rejects(subscription.done, failure);
    await t.rejects(subscription.caughtUp, failure, 'caughtUp rejects too when the failure came first');
    t.equal(subscription.position(), 1, 'the failed event is not counted as delivered');
    t.strictSame(positionsOf(seen.events), [1, 2], 'nothing after the failure');
    await subscription.close();
  });
}
