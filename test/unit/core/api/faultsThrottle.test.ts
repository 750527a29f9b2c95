// Fault suite: a 429 storm (APIGW.0308 with Retry-After) at the emulator. The client waits at least as long as the
// server asks between attempts, makes a bounded number of them, repeats a throttled create (the gateway refused it
// before the service saw it) without ever making two resources, never repeats a 401, and gives up at once when the
// server asks for a wait longer than its budget. Every request is counted, and timed, at the emulator.
import * as assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import type { AddressGroupDocument } from '../../../../src/core/api/addressGroups';
import { lookupProjectId } from '../../../../src/core/cloud/project';
import { PROJECT, withEmulator } from '../../../support/emulator';
import { FAULT_KEY, FAULT_SUITE, QUICK_RETRY } from '../../../support/faultSuite';
import { rejection } from '../../../support/rejection';

/** Far more 429s than any client will ask for: a storm that does not end by itself. */
const ENDLESS = 100_000;
/** What the emulator asks for, in seconds: long against the client's own backoff (10-40 ms), short for a test. */
const RETRY_AFTER_S = 0.15;
/** Timers fire a little early or late; the emulator timestamps arrivals, not departures. */
const TIMER_SLACK_MS = 10;
const GROUP: AddressGroupDocument & { dry_run?: false } = {
  address_group: { name: 'storm-group', ip_version: 4, ip_set: ['10.30.0.0/24'] },
};

// A hang is a failure too: the suite ends by this time limit rather than never.
describe('fault suite: a 429 storm', { timeout: 30_000 }, () => {
  const cloud = withEmulator({ ...FAULT_SUITE, addressGroupQuota: 1_000 });
  let mark: number;
  /** The requests the emulator received since the test began. */
  const received = () => cloud.received(undefined, mark);
  const gaps = () =>
    received()
      .slice(1)
      .map((arrival, i) => arrival.at - (received()[i]?.at ?? 0));

  beforeEach(() => {
    mark = cloud.arrivals.length;
  });

  it('a read in an endless storm: as many attempts as the policy allows, each after the Retry-After asked, then a clear 429', async () => {
    cloud.faults({ throttle: { count: ENDLESS, retryAfterSeconds: RETRY_AFTER_S } });
    const { networks } = cloud.client();
    const error = await rejection(networks.listPage());
    assert.equal(received().length, QUICK_RETRY.maxAttempts, `${received().length} requests reached the emulator`);
    for (const gap of gaps()) {
      assert.ok(
        gap >= RETRY_AFTER_S * 1000 - TIMER_SLACK_MS,
        `an attempt came ${gap.toFixed(0)} ms after the previous one; Retry-After asked ${RETRY_AFTER_S * 1000} ms`,
      );
    }
    assert.equal(error.status, 429);
    assert.equal(error.code, 'APIGW.0308');
    assert.match(
      error.message,
      /^APIGW\.0308: too many requests: the API gateway is throttling this account — wait a few seconds/,
    );
  });

  it('a storm that passes: the read succeeds after it, having waited as asked each time', async () => {
    cloud.faults({ throttle: { count: 2, retryAfterSeconds: RETRY_AFTER_S } });
    const { groups } = cloud.client();
    assert.deepEqual((await groups.listPage()).addressGroups, []);
    assert.equal(received().length, 3);
    for (const gap of gaps()) {
      assert.ok(gap >= RETRY_AFTER_S * 1000 - TIMER_SLACK_MS, `an attempt came after ${gap.toFixed(0)} ms`);
    }
  });

  it('a throttled create is repeated (never processed) and makes exactly one group', async () => {
    const { groups } = cloud.client();
    // The look for groups of that name first, then the POST, throttled twice.
    cloud.faults({ throttle: { count: 2, route: 'addressGroups.create', retryAfterSeconds: RETRY_AFTER_S } });
    const result = await groups.create(GROUP);
    assert.equal(result.recoveredAfterLostAnswer, false);
    assert.equal(cloud.received('addressGroups.create', mark).length, 3);
    assert.equal(cloud.store.countAddressGroups(PROJECT), 1);
  });

  it('a create in an endless storm: bounded attempts, nothing created, and "not created" (the gateway refused each one)', async () => {
    const { groups } = cloud.client();
    cloud.faults({ throttle: { count: ENDLESS, route: 'addressGroups.create', retryAfterSeconds: RETRY_AFTER_S } });
    const error = await rejection(groups.create(GROUP));
    assert.equal(cloud.received('addressGroups.create', mark).length, QUICK_RETRY.maxAttempts);
    assert.equal(cloud.store.countAddressGroups(PROJECT), 0);
    assert.equal(error.changeOutcome, 'notCreated');
    assert.match(error.message, /address group storm-group was not created: APIGW\.0308/);
  });

  it('a Retry-After beyond the time budget: one request, and the error at once rather than a wait of an hour', async () => {
    cloud.faults({ throttle: { count: ENDLESS, retryAfterSeconds: 3600 } });
    const { networks } = cloud.client();
    const started = performance.now();
    const error = await rejection(networks.get(networks.derivedId('any-net')));
    assert.ok(performance.now() - started < 1_000, `gave up after ${(performance.now() - started).toFixed(0)} ms`);
    assert.equal(received().length, 1);
    assert.equal(error.status, 429);
  });

  it('a 401 after the storm is never repeated', async () => {
    cloud.faults({ throttle: { count: 2, retryAfterSeconds: RETRY_AFTER_S } });
    const { http } = cloud.client({
      signingKey: async () => ({ ...FAULT_KEY, secretAccessKey: 'not-the-secret-key' }),
    });
    const error = await rejection(lookupProjectId(http, cloud.url, 'cn-north-4'));
    assert.equal(error.status, 401);
    assert.equal(received().length, 3, 'two throttled attempts, then the one refused signature, and no more');
  });

  it('twenty callers at once: at most four requests each, every one ends with the 429', async () => {
    cloud.faults({ throttle: { count: ENDLESS, retryAfterSeconds: RETRY_AFTER_S } });
    const { networks, groups } = cloud.client();
    const calls = Array.from({ length: 20 }, (_, i) => rejection(i % 2 ? networks.listPage() : groups.listPage()));
    const errors = await Promise.all(calls);
    assert.ok(errors.every((error) => error.status === 429));
    assert.equal(received().length, 20 * QUICK_RETRY.maxAttempts);
  });
});
