// Fault suite: every call of both APIs and of IAM, with the emulator slower than the client waits, ends by its
// time-out, or by its cancellation when cancelled sooner — within a bound computed from the client's policy and
// measured here, never at the emulator's pace. An answer that stalls halfway through its body ends the same way.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AddressGroupDocument } from '../../../../src/core/api/addressGroups';
import type { NetworkDocument } from '../../../../src/core/api/networks';
import { lookupProjectId } from '../../../../src/core/cloud/project';
import type { RequestOptions } from '../../../../src/core/cloud/requests';
import type { RetryPolicy } from '../../../../src/core/cloud/http';
import { withEmulator } from '../../../support/emulator';
import { FAULT_SUITE } from '../../../support/faultSuite';
import { rejection } from '../../../support/rejection';

/** Each answer waits this long at the emulator: far beyond every bound below, so a call that waits for it fails. */
const LATENCY_MS = 3_000;
const TIMEOUT_MS = 150;
/** Two attempts for what may be repeated: enough to show the bound counts retries, few enough to keep it short. */
const RETRY: RetryPolicy = { maxAttempts: 2, maxElapsedMs: 1_000, baseDelayMs: 10, maxDelayMs: 20 };
const SEARCH = { windowMs: 100, firstDelayMs: 10, maxDelayMs: 20, cancelledLookMs: 300 };
/** Event-loop and connection set-up time on a loaded two-core machine. */
const SLACK_MS = 500;
const CANCEL_AFTER_MS = 100;

/** The longest a call may take: its requests in sequence, each at most every attempt's time-out and the pauses between. */
const oneRequest = RETRY.maxAttempts * TIMEOUT_MS + (RETRY.maxAttempts - 1) * RETRY.maxDelayMs;
const BOUNDS = {
  /** One GET, PUT or DELETE, repeated after a time-out. */
  read: oneRequest,
  /** Found by display name: a GET of the derived ID, then (had it answered 404) the filtered list. */
  find: oneRequest,
  /** A PATCH is never repeated. */
  once: TIMEOUT_MS,
  /** The look for what exists under that name fails first: nothing is sent. */
  create: oneRequest,
  /** With what existed given: the POST, then looks for the lost answer until the window closes (each look its requests). */
  createSent: TIMEOUT_MS + SEARCH.windowMs + 2 * oneRequest,
};

const NETWORK: NetworkDocument = {
  apiVersion: 'v1',
  kind: 'Network',
  metadata: { labels: { 'os.modelarts/name': 'slow-net' } },
  spec: { cidr: '192.168.0.0/16' },
};
const GROUP: AddressGroupDocument & { dry_run?: false } = {
  address_group: { name: 'slow-group', ip_version: 4, ip_set: ['10.40.0.1'] },
};
const SOME_GROUP_ID = '6a9f0c3e-5d4b-4c1a-9e8f-7b6a5c4d3e2f';

// A hang is a failure too: the suite ends by this time limit rather than never.
describe(
  'fault suite: every call under injected latency ends by its time-out or its cancellation',
  { timeout: 30_000 },
  () => {
    // The latency stays from one test to the next (a test that changes the faults sets it again).
    const cloud = withEmulator({ ...FAULT_SUITE, faults: { latencyMs: LATENCY_MS }, keepState: true });

    /** Every call, named, with the bound it must end within when each request times out. */
    const calls = (timeoutMs: number) => {
      const { http, networks, groups } = cloud.client({ retry: RETRY, timeoutMs }, SEARCH);
      const none = { ids: new Set<string>() };
      const table: [string, keyof typeof BOUNDS, (options: RequestOptions) => Promise<unknown>][] = [
        ['IAM project lookup', 'read', (o) => lookupProjectId(http, cloud.url, 'cn-north-4', o)],
        ['networks: list', 'read', (o) => networks.listPage({}, o)],
        ['networks: get', 'read', (o) => networks.get(networks.derivedId('slow-net'), o)],
        ['networks: find by name', 'find', (o) => networks.findByDisplayName('slow-net', o)],
        ['networks: create', 'create', (o) => networks.create(NETWORK, o)],
        [
          'networks: create, its answer lost',
          'createSent',
          (o) => networks.create(NETWORK, { ...o, existingBefore: none }),
        ],
        [
          'networks: update',
          'once',
          (o) => networks.update(networks.derivedId('slow-net'), { spec: { ipv6enable: true } }, o),
        ],
        ['networks: delete', 'read', (o) => networks.delete(networks.derivedId('slow-net'), o)],
        ['address groups: list', 'read', (o) => groups.listPage({}, o)],
        ['address groups: get', 'read', (o) => groups.get(SOME_GROUP_ID, o)],
        ['address groups: create', 'create', (o) => groups.create(GROUP, o)],
        [
          'address groups: create, its answer lost',
          'createSent',
          (o) => groups.create(GROUP, { ...o, existingBefore: none }),
        ],
        ['address groups: dry run', 'read', (o) => groups.dryRun(GROUP, o)],
        ['address groups: update', 'read', (o) => groups.update(SOME_GROUP_ID, { description: 'slow' }, o)],
        ['address groups: delete', 'read', (o) => groups.delete(SOME_GROUP_ID, o)],
        ['address groups: force delete', 'read', (o) => groups.forceDelete(SOME_GROUP_ID, o)],
        ['address groups: dependencies', 'read', (o) => groups.dependencies([SOME_GROUP_ID], o)],
      ];
      return table;
    };

    /** Runs `call` and returns how long it took and how it failed (it must fail). */
    const timed = async (name: string, call: () => Promise<unknown>) => {
      const started = performance.now();
      const error = await rejection(call(), `${name}: `);
      return { error, elapsed: performance.now() - started };
    };

    it('by its time-out, within the bound of its retries, with a time-out (or, for a create, "unknown") to say so', async () => {
      const figures: string[] = [];
      await Promise.all(
        calls(TIMEOUT_MS).map(async ([name, bound, call]) => {
          const { error, elapsed } = await timed(name, () => call({}));
          figures.push(`${name} ${elapsed.toFixed(0)} ms (bound ${BOUNDS[bound]} ms)`);
          assert.ok(
            elapsed <= BOUNDS[bound] + SLACK_MS,
            `${name}: ended after ${elapsed.toFixed(0)} ms; its bound is ${BOUNDS[bound]} ms`,
          );
          if (bound === 'createSent') {
            assert.equal(error.changeOutcome, 'unknown', `${name}: ${error.message}`);
            assert.match(error.message, /no answer within 150 ms/);
          } else {
            assert.equal(error.kind, 'timeout', `${name}: ${error.message}`);
            assert.match(error.message, /^no answer within 150 ms/, name);
          }
        }),
      );
      console.log(
        `fault suite: time-outs of ${TIMEOUT_MS} ms under ${LATENCY_MS} ms of latency — ${figures.sort().join('; ')}`,
      );
    });

    it(`by its cancellation, ${CANCEL_AFTER_MS} ms in, when its time-out is far away`, async () => {
      const figures: string[] = [];
      await Promise.all(
        calls(30_000).map(async ([name, bound, call]) => {
          const controller = new AbortController();
          setTimeout(() => controller.abort(), CANCEL_AFTER_MS);
          const { error, elapsed } = await timed(name, () => call({ signal: controller.signal }));
          figures.push(`${name} ${elapsed.toFixed(0)} ms`);
          // A create cancelled once its POST was sent takes one short look to tell what became of it.
          const allowed = CANCEL_AFTER_MS + (bound === 'createSent' ? SEARCH.cancelledLookMs : 0);
          assert.ok(
            elapsed <= allowed + SLACK_MS,
            `${name}: ended ${elapsed.toFixed(0)} ms after it began, cancelled at ${CANCEL_AFTER_MS} ms`,
          );
          if (bound === 'createSent') assert.equal(error.changeOutcome, 'unknown', `${name}: ${error.message}`);
          else assert.equal(error.kind, 'cancelled', `${name}: ${error.message}`);
        }),
      );
      console.log(
        `fault suite: cancelled at ${CANCEL_AFTER_MS} ms under ${LATENCY_MS} ms of latency — ${figures.sort().join('; ')}`,
      );
    });

    it('an answer that stops halfway through its body: by its time-out, or its cancellation', async () => {
      cloud.faults({ malformed: { count: 100, kind: 'stall' } });
      try {
        const { networks } = cloud.client({ retry: RETRY, timeoutMs: TIMEOUT_MS }, SEARCH);
        const { error, elapsed } = await timed('a stalled list', () => networks.listPage());
        assert.ok(elapsed <= BOUNDS.read + SLACK_MS, `ended after ${elapsed.toFixed(0)} ms`);
        assert.equal(error.kind, 'timeout');
        assert.match(error.message, /^the answer stopped arriving: not complete within 150 ms/);

        const patient = cloud.client({ retry: RETRY, timeoutMs: 30_000 }, SEARCH).groups;
        const controller = new AbortController();
        setTimeout(() => controller.abort(), CANCEL_AFTER_MS);
        const cancelled = await timed('a stalled get', () => patient.get(SOME_GROUP_ID, { signal: controller.signal }));
        assert.ok(cancelled.elapsed <= CANCEL_AFTER_MS + SLACK_MS, `ended after ${cancelled.elapsed.toFixed(0)} ms`);
        assert.equal(cancelled.error.kind, 'cancelled');
      } finally {
        cloud.faults({ latencyMs: LATENCY_MS });
      }
    });
  },
);
