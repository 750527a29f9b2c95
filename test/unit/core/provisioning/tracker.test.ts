// The provisioning tracker as a state machine on a fake clock: every lifecycle path of api-notes.md, the backoff,
// Retry-After, the timeout, connection changes, 401s, restore after a reload, and no timer when nothing is followed.
import * as assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { describe, it } from 'node:test';
import type { AddressGroup } from '../../../../src/core/api/addressGroups';
import { HuaweiCloudError } from '../../../../src/core/cloud/errors';
import {
  type Network,
  NetworksApi,
  type PeerConnectionStatus,
  type SfsTurboConnectionStatus,
} from '../../../../src/core/api/networks';
import {
  type Look,
  type Operation,
  Tracker,
  type TrackerClock,
  type TrackRequest,
} from '../../../../src/core/provisioning/tracker';
import { type LiveResource, phaseOf, tagged } from '../../../../src/core/kinds';
import { testHttpClient } from '../../../support/fakeCloud';
import { listenOnLoopback } from '../../../support/loopback';
import { waitFor } from '../../../support/waitFor';

const PROJECT = '86c13962597848eeb29c5861153a391f';
const KEY = 'connection-a';
const OTHER_KEY = 'connection-b';
const START = 1_700_000_000_000;

/** Timers fire only when the test advances time; `pending` counts those not fired yet. */
class FakeClock implements TrackerClock {
  time = START;
  private nextId = 1;
  private readonly timers = new Map<number, { at: number; callback: () => void }>();

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + ms, callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  get pending(): number {
    return this.timers.size;
  }

  /** Moves time on by `ms`, firing every timer due on the way, and lets the GETs they start be answered. */
  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    for (;;) {
      const due = [...this.timers].filter(([, timer]) => timer.at <= target).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].callback();
      await settle();
    }
    this.time = target;
    await settle();
  }
}

/** Lets promise chains (a scripted GET, the tracker's handling of it) run to their end. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

function network(
  phase: string,
  more: { peers?: PeerConnectionStatus[]; sfs?: SfsTurboConnectionStatus[]; deleting?: boolean } = {},
): Network {
  return {
    apiVersion: 'v1',
    kind: 'Network',
    metadata: {
      name: `net-a-${PROJECT}`,
      labels: { 'os.modelarts/name': 'net-a' },
      ...(more.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}),
    },
    spec: { cidr: '192.168.0.0/16' },
    status: {
      phase,
      connectionStatus: {
        ...(more.peers ? { peerConnectionStatus: more.peers } : {}),
        ...(more.sfs ? { sfsTurboStatus: more.sfs } : {}),
      },
    },
  };
}

function group(status: string, message = ''): AddressGroup {
  return {
    id: 'dd18a501-0000-4000-8000-000000000001',
    name: 'group_a',
    ip_version: 4,
    ip_set: ['10.0.0.0/24'],
    status,
    status_message: message,
  };
}

const liveNetwork = (...args: Parameters<typeof network>): LiveResource => tagged('network', network(...args));
const liveGroup = (...args: Parameters<typeof group>): LiveResource => tagged('addressGroup', group(...args));

const peer = (phase: string): PeerConnectionStatus => ({ peerVpcId: 'vpc-1', peerSubnetId: 'subnet-1', phase });

const createNetwork = (more: Partial<TrackRequest> = {}): TrackRequest => ({
  kind: 'create',
  resourceKind: 'network',
  resourceId: `net-a-${PROJECT}`,
  name: 'net-a',
  connectionKey: KEY,
  resource: liveNetwork(''),
  ...more,
});

const notFound = (code = 'ModelArts.50025001') =>
  new HuaweiCloudError(`${code}: not found`, { kind: 'http', status: 404, code });
const serverError = () => new HuaweiCloudError('HTTP 503: the service is unavailable', { kind: 'http', status: 503 });
const unauthorized = () =>
  new HuaweiCloudError('APIGW.0301: the signature was rejected', {
    kind: 'http',
    status: 401,
    code: 'APIGW.0301',
    requestId: 'req-401',
  });

interface Call {
  /** Seconds since START when the GET was made. */
  at: number;
  op: Operation;
  signal: AbortSignal;
}

/**
 * A tracker on a fake clock whose GETs answer from `answers` in turn (a Look, an error to throw, 'hang' for a GET
 * that never answers until it is cancelled, or a promise of a look that answers in its own time); the last answer
 * repeats.
 */
function setup(
  answers: (Look | Error | 'hang')[] | ((op: Operation, call: number) => Look | Error | 'hang' | Promise<Look>),
  options: { timeoutMs?: number } = {},
) {
  const clock = new FakeClock();
  const calls: Call[] = [];
  const changes: Operation[][] = [];
  const tracker = new Tracker({
    clock,
    timeoutMs: () => options.timeoutMs ?? 20 * 60_000,
    fetch: (op, signal) => {
      calls.push({ at: (clock.now() - START) / 1000, op, signal });
      const answer =
        typeof answers === 'function'
          ? answers(op, calls.length - 1)
          : answers[Math.min(calls.length - 1, answers.length - 1)];
      if (answer === 'hang') {
        return new Promise((_resolve, reject) =>
          signal.addEventListener('abort', () => reject(new HuaweiCloudError('cancelled', { kind: 'cancelled' }))),
        );
      }
      if (answer instanceof Error) return Promise.reject(answer);
      return Promise.resolve(answer as Look | Promise<Look>);
    },
  });
  tracker.onDidChange((changed) => changes.push([...changed]));
  const only = () => {
    const [op] = tracker.operations();
    assert.ok(op, 'no operation');
    return op;
  };
  return { clock, calls, changes, tracker, only };
}

describe('phaseOf', () => {
  it('reads a network: "" and Creating are transitional (both "Creating"), Active settled, Abnormal failed', () => {
    assert.deepEqual(phaseOf(tagged('network', network(''))), {
      text: 'Creating',
      transitional: true,
      failed: false,
      deleting: false,
    });
    assert.deepEqual(phaseOf(tagged('network', network('Creating'))), {
      text: 'Creating',
      transitional: true,
      failed: false,
      deleting: false,
    });
    assert.deepEqual(phaseOf(tagged('network', network('Active'))), {
      text: 'Active',
      transitional: false,
      failed: false,
      deleting: false,
    });
    assert.deepEqual(phaseOf(tagged('network', network('Abnormal'))), {
      text: 'Abnormal',
      transitional: false,
      failed: true,
      deleting: false,
      reason: 'the network is Abnormal',
      shownReason: 'the network is Abnormal',
    });
  });

  it('an Active network with a peer connection Connecting is transitional, "Active · peer Connecting"', () => {
    assert.deepEqual(phaseOf(tagged('network', network('Active', { peers: [peer('Connecting')] }))), {
      text: 'Active · peer Connecting',
      transitional: true,
      failed: false,
      deleting: false,
    });
    assert.equal(
      phaseOf(tagged('network', network('Active', { peers: [peer('Connecting'), peer('Connecting'), peer('Active')] })))
        .text,
      'Active · 2 peers Connecting',
    );
    assert.equal(phaseOf(tagged('network', network('Active', { peers: [peer('Active')] }))).transitional, false);
    // A peer still connecting keeps the wait going even beside an Abnormal one; once nothing moves, it failed.
    assert.equal(
      phaseOf(tagged('network', network('Active', { peers: [peer('Connecting'), peer('Abnormal')] }))).transitional,
      true,
    );
    const failedPeer = phaseOf(tagged('network', network('Active', { peers: [peer('Abnormal'), peer('Active')] })));
    assert.deepEqual(
      [failedPeer.text, failedPeer.transitional, failedPeer.failed],
      ['Active · peer Abnormal', false, true],
    );
    // An Abnormal network has failed whatever its peers do.
    assert.equal(phaseOf(tagged('network', network('Abnormal', { peers: [peer('Connecting')] }))).failed, true);
  });

  it('SFS Turbo links Creating or Deleting are transitional; Abnormal failed', () => {
    const link = (status: string): SfsTurboConnectionStatus => ({ sfsId: 'sfs-1', name: 'sfs', status });
    assert.deepEqual(phaseOf(tagged('network', network('Active', { sfs: [link('Creating')] }))), {
      text: 'Active · SFS Turbo Creating',
      transitional: true,
      failed: false,
      deleting: false,
    });
    assert.equal(phaseOf(tagged('network', network('Active', { sfs: [link('Deleting')] }))).transitional, true);
    assert.equal(phaseOf(tagged('network', network('Active', { sfs: [link('Active')] }))).transitional, false);
    assert.equal(phaseOf(tagged('network', network('Active', { sfs: [link('Abnormal')] }))).failed, true);
  });

  it('a network with deletionTimestamp is Deleting (transitional) whatever its phase', () => {
    assert.deepEqual(phaseOf(tagged('network', network('Active', { deleting: true }))), {
      text: 'Deleting',
      transitional: true,
      failed: false,
      deleting: true,
    });
  });

  it('takes a phase it does not know as still changing, and never throws on a malformed answer', () => {
    assert.equal(phaseOf(tagged('network', network('Upgrading'))).transitional, true);
    const odd = {
      metadata: { name: 'x' },
      status: { phase: 7, connectionStatus: { peerConnectionStatus: {}, sfsTurboStatus: 'no' } },
    } as unknown as Network;
    assert.deepEqual(phaseOf(tagged('network', odd)), {
      text: 'Creating',
      transitional: true,
      failed: false,
      deleting: false,
    });
    assert.equal(phaseOf(tagged('network', {} as Network)).transitional, true);
  });

  it('reads an address group: UPDATING transitional, NORMAL settled, UPDATE_FAILED failed with its status_message', () => {
    assert.deepEqual(phaseOf(tagged('addressGroup', group('UPDATING'))), {
      text: 'UPDATING',
      transitional: true,
      failed: false,
      deleting: false,
    });
    assert.deepEqual(phaseOf(tagged('addressGroup', group('NORMAL'))), {
      text: 'NORMAL',
      transitional: false,
      failed: false,
      deleting: false,
    });
    assert.deepEqual(phaseOf(tagged('addressGroup', group('UPDATE_FAILED', 'ip_set conflict'))), {
      text: 'UPDATE_FAILED',
      transitional: false,
      failed: true,
      deleting: false,
      reason: 'the update failed: ip_set conflict',
      shownReason: 'the update failed: ip_set conflict',
    });
    assert.equal(phaseOf(tagged('addressGroup', group('UPDATE_FAILED'))).reason, 'the update failed');
  });
});

describe('the provisioning tracker', () => {
  describe('follows every lifecycle until it settles', () => {
    it('network create: "" → Creating → Active succeeds; readers hear each change', async () => {
      const { clock, calls, changes, tracker, only } = setup([
        { resource: liveNetwork('Creating') },
        { resource: liveNetwork('Creating') },
        { resource: liveNetwork('Active') },
      ]);
      const tracked = tracker.track(createNetwork({ requestId: 'req-create' }));
      assert.equal(tracked.state, 'following');
      assert.equal(tracked.phase, 'Creating');
      await clock.advance(60_000);
      assert.deepEqual(
        calls.map((call) => call.at),
        [2, 6, 14],
      );
      const op = only();
      assert.equal(op.state, 'succeeded');
      assert.equal(op.phase, 'Active');
      assert.equal(op.settledAt, START + 14_000);
      assert.equal(op.requestId, 'req-create');
      assert.equal(op.looks, 3);
      assert.deepEqual((op.resource?.resource as Network | undefined)?.status?.phase, 'Active');
      // The tracking, then the settling: looks that saw nothing new are not news.
      assert.deepEqual(
        changes.map((batch) => batch.map((changed) => `${changed.state} ${changed.phase}`)),
        [['following Creating'], ['succeeded Active']],
      );
      assert.equal(clock.pending, 0);
    });

    it('network create: Creating → Abnormal fails, with the reason', async () => {
      const { clock, only, tracker } = setup([
        { resource: liveNetwork('Creating') },
        { resource: liveNetwork('Abnormal') },
      ]);
      tracker.track(createNetwork());
      await clock.advance(60_000);
      assert.equal(only().state, 'failed');
      assert.equal(only().phase, 'Abnormal');
      assert.equal(only().detail, 'the network is Abnormal');
      assert.equal(only().acknowledged, false);
    });

    it('an update adding a peer connection: Active · peer Connecting → Active succeeds', async () => {
      const { clock, calls, only, tracker } = setup([
        { resource: liveNetwork('Active', { peers: [peer('Connecting')] }) },
        { resource: liveNetwork('Active', { peers: [peer('Active')] }) },
      ]);
      tracker.track(
        createNetwork({ kind: 'update', resource: liveNetwork('Active', { peers: [peer('Connecting')] }) }),
      );
      assert.equal(only().phase, 'Active · peer Connecting');
      await clock.advance(60_000);
      assert.equal(calls.length, 2);
      assert.equal(only().state, 'succeeded');
      assert.equal(only().phase, 'Active');
    });

    it('an SFS Turbo link Creating → Active succeeds', async () => {
      const link = (status: string): SfsTurboConnectionStatus => ({ sfsId: 'sfs-1', name: 'sfs', status });
      const { clock, only, tracker } = setup([
        { resource: liveNetwork('Active', { sfs: [link('Creating')] }) },
        { resource: liveNetwork('Active', { sfs: [link('Active')] }) },
      ]);
      tracker.track(createNetwork({ kind: 'update', resource: liveNetwork('Active', { sfs: [link('Creating')] }) }));
      await clock.advance(2_000);
      assert.equal(only().state, 'following');
      assert.equal(only().phase, 'Active · SFS Turbo Creating');
      await clock.advance(4_000);
      assert.equal(only().state, 'succeeded');
    });

    it('network delete: deletionTimestamp until 404, then succeeded "Deleted"; the gateway\'s 404 is not "gone"', async () => {
      const { clock, calls, only, tracker } = setup([
        { resource: liveNetwork('Active', { deleting: true }) },
        notFound('APIGW.0101'),
        { gone: true },
      ]);
      tracker.track(createNetwork({ kind: 'delete', resource: liveNetwork('Active', { deleting: true }) }));
      assert.equal(only().phase, 'Deleting');
      await clock.advance(6_000);
      assert.equal(only().state, 'following', 'APIGW.0101 (no such API) was taken for "gone"');
      await clock.advance(60_000);
      assert.equal(calls.length, 3);
      assert.equal(only().state, 'succeeded');
      assert.equal(only().phase, 'Deleted');
    });

    it('a deletion is over only when the resource is gone, whatever settled phase it shows meanwhile', async () => {
      const { clock, calls, only, tracker } = setup([{ resource: liveGroup('NORMAL') }, notFound('VPC.9904')]);
      tracker.track({
        kind: 'delete',
        resourceKind: 'addressGroup',
        resourceId: group('').id,
        name: 'group_a',
        connectionKey: KEY,
      });
      assert.equal(only().phase, 'Deleting');
      await clock.advance(2_000);
      assert.deepEqual([only().state, only().phase], ['following', 'NORMAL']);
      await clock.advance(4_000);
      assert.equal(calls.length, 2);
      assert.deepEqual([only().state, only().phase], ['succeeded', 'Deleted']);
    });

    it('an observed network being deleted succeeds when the service answers 404 ModelArts.50025001', async () => {
      const { clock, only, tracker } = setup([{ resource: liveNetwork('Active', { deleting: true }) }, notFound()]);
      tracker.track(createNetwork({ kind: 'observe', resource: liveNetwork('Abnormal', { deleting: true }) }));
      await clock.advance(10_000);
      assert.equal(only().state, 'succeeded');
      assert.equal(only().phase, 'Deleted');
    });

    it('a network that vanishes while being created fails: gone is success only for a deletion', async () => {
      const { clock, only, tracker } = setup([notFound()]);
      tracker.track(createNetwork());
      await clock.advance(2_000);
      assert.equal(only().state, 'failed');
      assert.match(only().detail ?? '', /no longer exists/);
    });

    it('address group UPDATING → NORMAL succeeds; UPDATING → UPDATE_FAILED fails with the status_message', async () => {
      const request: TrackRequest = {
        kind: 'update',
        resourceKind: 'addressGroup',
        resourceId: group('').id,
        name: 'group_a',
        connectionKey: KEY,
        resource: liveGroup('UPDATING'),
      };
      const good = setup([{ resource: liveGroup('UPDATING') }, { resource: liveGroup('NORMAL') }]);
      good.tracker.track(request);
      await good.clock.advance(60_000);
      assert.deepEqual([good.only().state, good.only().phase], ['succeeded', 'NORMAL']);

      const bad = setup([{ resource: liveGroup('UPDATE_FAILED', 'the ip_set overlaps a reserved range') }]);
      bad.tracker.track(request);
      await bad.clock.advance(60_000);
      assert.deepEqual(
        [bad.only().state, bad.only().phase, bad.only().detail],
        ['failed', 'UPDATE_FAILED', 'the update failed: the ip_set overlaps a reserved range'],
      );
    });

    it("a deletion answered as done (a group's 204) settles at once, also the operation that followed the resource", async () => {
      const { clock, calls, only, tracker } = setup([{ resource: liveGroup('UPDATING') }]);
      const request: TrackRequest = {
        kind: 'update',
        resourceKind: 'addressGroup',
        resourceId: group('').id,
        name: 'group_a',
        connectionKey: KEY,
        resource: liveGroup('UPDATING'),
      };
      tracker.track(request);
      const deleted = tracker.track({ ...request, kind: 'delete', resource: undefined, gone: true });
      assert.equal(tracker.operations().length, 1);
      assert.deepEqual([deleted.kind, deleted.state, deleted.phase], ['delete', 'succeeded', 'Deleted']);
      assert.equal(clock.pending, 0);
      await clock.advance(60_000);
      assert.equal(calls.length, 0);
      assert.equal(only().state, 'succeeded');
    });

    it('a resource already settled when tracked settles at once, with no GET and no timer', async () => {
      const { clock, calls, only, tracker } = setup([]);
      tracker.track(createNetwork({ resource: liveNetwork('Active') }));
      assert.equal(only().state, 'succeeded');
      assert.equal(clock.pending, 0);
      await clock.advance(60_000);
      assert.equal(calls.length, 0);
    });
  });

  describe('the rhythm of its looks', () => {
    it('backs off: first look after 2 s, then 4, 8, 16 and every 20 s', async () => {
      const { clock, calls, tracker } = setup([{ resource: liveNetwork('Creating') }]);
      tracker.track(createNetwork());
      await clock.advance(130_000);
      const at = calls.map((call) => call.at);
      assert.deepEqual(at, [2, 6, 14, 30, 50, 70, 90, 110, 130]);
      assert.deepEqual(
        at.slice(1).map((time, i) => time - (at[i] ?? 0)),
        [4, 8, 16, 20, 20, 20, 20, 20],
      );
    });

    it('a failed GET (network error, 5xx, unreadable answer) is retried with the same backoff, not taken as settled', async () => {
      const networkError = new HuaweiCloudError('connection reset', { kind: 'connection' });
      const unreadable = new HuaweiCloudError('unexpected answer', { kind: 'unexpected', status: 200 });
      const { clock, calls, only, tracker } = setup([
        networkError,
        serverError(),
        unreadable,
        new Error('socket hang up'),
        { resource: liveNetwork('Active') },
      ]);
      tracker.track(createNetwork());
      await clock.advance(14_000);
      assert.equal(only().state, 'following');
      assert.equal(only().phase, 'Creating');
      assert.match(only().detail ?? '', /the last look failed: unexpected answer/);
      await clock.advance(60_000);
      assert.deepEqual(
        calls.map((call) => call.at),
        [2, 6, 14, 30, 50],
      );
      assert.equal(only().state, 'succeeded');
      assert.equal(only().detail, undefined);
    });

    it('honours Retry-After: a throttled look is followed by none sooner than the server asked', async () => {
      const throttled = new HuaweiCloudError('APIGW.0308: too many requests', {
        kind: 'http',
        status: 429,
        code: 'APIGW.0308',
        retryAfterMs: 30_000,
      });
      const { clock, calls, tracker } = setup([throttled, { resource: liveNetwork('Creating') }]);
      tracker.track(createNetwork());
      await clock.advance(60_000);
      // Without Retry-After the second look would be at 6 s; a short Retry-After never shortens the backoff.
      assert.deepEqual(calls.map((call) => call.at).slice(0, 3), [2, 32, 40]);

      const short = setup([
        new HuaweiCloudError('throttled', { kind: 'http', status: 429, retryAfterMs: 1_000 }),
        { resource: liveNetwork('Creating') },
      ]);
      short.tracker.track(createNetwork());
      await short.clock.advance(10_000);
      assert.deepEqual(
        short.calls.map((call) => call.at),
        [2, 6],
      );
    });

    it('times out: still transitional when huaweicloud.provisioningTimeoutMinutes passes, with a last look at the deadline', async () => {
      const { clock, calls, only, tracker } = setup([{ resource: liveNetwork('Creating') }], { timeoutMs: 60_000 });
      tracker.track(createNetwork());
      await clock.advance(59_000);
      assert.equal(only().state, 'following');
      await clock.advance(10 * 60_000);
      assert.deepEqual(
        calls.map((call) => call.at),
        [2, 6, 14, 30, 50, 60],
      );
      assert.equal(only().state, 'timedOut');
      assert.equal(only().settledAt, START + 60_000);
      assert.match(only().detail ?? '', /still Creating after 1 min/);
      assert.equal(clock.pending, 0);
    });

    it('holds no timer when nothing is followed: before any operation, after they settle, after dispose', async () => {
      const { clock, tracker } = setup([{ resource: liveNetwork('Active') }]);
      assert.equal(clock.pending, 0);
      await clock.advance(60_000);
      tracker.track(createNetwork());
      tracker.track(createNetwork({ resourceId: 'net-b', name: 'net-b' }));
      assert.equal(clock.pending, 2);
      await clock.advance(2_000);
      assert.equal(tracker.following, false);
      assert.equal(clock.pending, 0);

      const other = setup([{ resource: liveNetwork('Creating') }]);
      other.tracker.track(createNetwork());
      await other.clock.advance(3_000);
      assert.equal(other.clock.pending, 1);
      other.tracker.dispose();
      assert.equal(other.clock.pending, 0);
    });

    it('dispose cancels a GET in flight and ignores what it would have said', async () => {
      const { clock, calls, only, tracker } = setup(['hang']);
      tracker.track(createNetwork());
      await clock.advance(2_000);
      assert.equal(calls.length, 1);
      tracker.dispose();
      assert.equal(calls[0]?.signal.aborted, true);
      await clock.advance(60_000);
      assert.equal(only().state, 'following', 'dispose is no settling: the operation is followed again after a reload');
      assert.equal(calls.length, 1);
    });
  });

  describe('connections and credentials', () => {
    it('a connection change abandons the operations of any other connection, cancels their GET and never looks at them again', async () => {
      const { clock, calls, tracker, changes } = setup((op) =>
        op.connectionKey === KEY ? 'hang' : { resource: liveNetwork('Creating') },
      );
      tracker.track(createNetwork());
      tracker.track(createNetwork({ connectionKey: OTHER_KEY }));
      assert.equal(tracker.operations().length, 2, 'the same ID on another connection is another resource');
      await clock.advance(2_000);
      const inFlight = calls.find((call) => call.op.connectionKey === KEY);
      assert.ok(inFlight);
      changes.length = 0;
      tracker.connectionChanged(OTHER_KEY);
      assert.equal(inFlight.signal.aborted, true);
      const abandoned = tracker.operations().find((op) => op.connectionKey === KEY);
      assert.equal(abandoned?.state, 'abandoned');
      assert.equal(abandoned?.detail, 'no longer followed: the connection changed');
      assert.deepEqual(
        changes.map((batch) => batch.map((op) => op.connectionKey)),
        [[KEY]],
      );
      await clock.advance(10 * 60_000);
      assert.equal(
        calls.filter((call) => call.op.connectionKey === KEY).length,
        1,
        'the old connection was looked at again',
      );
      assert.ok(calls.filter((call) => call.op.connectionKey === OTHER_KEY).length > 5);
      // An action that finishes after the change, on the old connection, is not followed either.
      const late = tracker.track(createNetwork({ resourceId: 'net-late', name: 'net-late' }));
      assert.equal(late.state, 'abandoned');
      await clock.advance(60_000);
      assert.equal(calls.filter((call) => call.op.resourceId === 'net-late').length, 0);
    });

    it('with no connection at all (undefined), every operation is abandoned', async () => {
      const { clock, calls, tracker } = setup([{ resource: liveNetwork('Creating') }]);
      tracker.track(createNetwork());
      tracker.track(createNetwork({ connectionKey: OTHER_KEY }));
      tracker.connectionChanged(undefined);
      assert.deepEqual(
        tracker.operations().map((op) => op.state),
        ['abandoned', 'abandoned'],
      );
      await clock.advance(60_000);
      assert.equal(calls.length, 0);
      assert.equal(clock.pending, 0);
    });

    it('a 401 stops every GET of that connection (never retried) until credentialsChanged; other connections go on', async () => {
      let rejecting = true;
      const { clock, calls, tracker } = setup((op) => {
        if (op.connectionKey !== KEY) return { resource: liveNetwork('Creating') };
        if (op.resourceId === 'net-b') return { resource: liveNetwork('Creating') };
        return rejecting ? unauthorized() : { resource: liveNetwork('Active') };
      });
      tracker.track(createNetwork({ resourceId: 'net-b', name: 'net-b' }));
      tracker.track(createNetwork());
      tracker.track(createNetwork({ connectionKey: OTHER_KEY }));
      await clock.advance(2_000);
      const ofKey = () => calls.filter((call) => call.op.connectionKey === KEY);
      assert.equal(ofKey().length, 2);
      const paused = tracker.operations().filter((op) => op.connectionKey === KEY);
      assert.deepEqual(
        paused.map((op) => [op.state, op.paused]),
        [
          ['following', true],
          ['following', true],
        ],
      );
      assert.match(paused[0]?.detail ?? '', /credentials were rejected \(APIGW\.0301\)/);
      await clock.advance(30 * 60_000);
      assert.equal(ofKey().length, 2, 'a 401 was retried');
      assert.ok(calls.filter((call) => call.op.connectionKey === OTHER_KEY).length > 5);
      // Tracking more on that connection does not send anything either.
      const more = tracker.track(createNetwork({ resourceId: 'net-c', name: 'net-c' }));
      assert.equal(more.paused, true);
      await clock.advance(60_000);
      assert.equal(ofKey().length, 2);

      rejecting = false;
      tracker.credentialsChanged();
      assert.equal(tracker.operations().find((op) => op.resourceId === 'net-c')?.paused, false);
      await clock.advance(2_000);
      assert.equal(ofKey().length, 5);
      assert.equal(
        tracker.operations().find((op) => op.resourceId === `net-a-${PROJECT}` && op.connectionKey === KEY)?.state,
        'succeeded',
      );
    });

    it('looks of a connection not yet answered go one at a time: ten resources listed at once send one bad signature, not ten', async () => {
      const { clock, calls, tracker } = setup((op) =>
        op.connectionKey === KEY ? unauthorized() : { resource: liveNetwork('Creating') },
      );
      for (let i = 0; i < 10; i++) {
        tracker.track(createNetwork({ kind: 'observe', resourceId: `net-${i}`, name: `net-${i}` }));
      }
      await clock.advance(60_000);
      assert.equal(calls.filter((call) => call.op.connectionKey === KEY).length, 1);
      assert.ok(tracker.operations().every((op) => op.paused));
    });

    /** GETs that answer a second after they are sent, counted while they are under way. */
    function slowAnswers(answer: (call: number) => Look | Error) {
      const state = { inFlight: 0, most: 0 };
      const tracked = setup((_op, call) => {
        state.inFlight++;
        state.most = Math.max(state.most, state.inFlight);
        return new Promise<Look>((resolve, reject) => {
          tracked.clock.setTimeout(() => {
            state.inFlight--;
            const value = answer(call);
            if (value instanceof Error) reject(value);
            else resolve(value);
          }, 1_000);
        });
      });
      for (let i = 0; i < 7; i++) {
        tracked.tracker.track(createNetwork({ kind: 'observe', resourceId: `net-${i}`, name: `net-${i}` }));
      }
      return { ...tracked, state };
    }

    it('a look that got no answer (a reset, a time-out, a redirect) proves nothing of the keys: looks still go one at a time, and one 401 pauses them all', async () => {
      const noAnswers = [
        new HuaweiCloudError('connection failed (ECONNRESET): other side closed', { kind: 'connection' }),
        new HuaweiCloudError('no answer within 15 s', { kind: 'timeout' }),
        new HuaweiCloudError('HTTP 302: the server answered with a redirect', { kind: 'http', status: 302 }),
      ];
      for (const noAnswer of noAnswers) {
        const { clock, calls, tracker, state } = slowAnswers((call) => (call === 0 ? noAnswer : unauthorized()));
        await clock.advance(60_000);
        assert.equal(state.most, 1, `${noAnswer.summary}: looks went out together`);
        assert.equal(calls.length, 2, `${noAnswer.summary}: ${calls.length - 1} bad signatures were sent`);
        assert.ok(tracker.operations().every((op) => op.paused));
      }
    });

    it("through the client, against a server that resets the first look's four attempts and then rejects the keys: one bad signature, never several at once", async () => {
      const received = { requests: 0, inFlight: 0, most: 0, rejected: 0 };
      const server = createServer((request, response) => {
        received.requests++;
        if (received.requests <= 4) {
          request.socket.destroy();
          return;
        }
        received.inFlight++;
        received.most = Math.max(received.most, received.inFlight);
        // Answered a moment later, so that looks sent together are seen together.
        setTimeout(() => {
          received.inFlight--;
          received.rejected++;
          response.writeHead(401, { 'Content-Type': 'application/json' });
          response.end(
            JSON.stringify({ error_code: 'APIGW.0301', error_msg: 'Incorrect IAM authentication information' }),
          );
        }, 50);
      });
      const { url, close } = await listenOnLoopback(server);
      const networks = new NetworksApi(testHttpClient(4), url, PROJECT);
      const tracker = new Tracker({
        // The default rhythm, shortened: a failed look waits longer than a look kept back for an unproven connection.
        timeoutMs: () => 60_000,
        backoff: { firstMs: 300, maxMs: 2_000, factor: 2 },
        fetch: async (op, signal) => ({ resource: tagged('network', await networks.get(op.resourceId, { signal })) }),
      });
      try {
        for (let i = 0; i < 7; i++) {
          tracker.track(createNetwork({ kind: 'observe', resourceId: `net-${i}`, name: `net-${i}` }));
        }
        await waitFor(
          'every look paused',
          () => (tracker.operations().every((op) => op.paused) ? true : undefined),
          10_000,
        );
        assert.deepEqual({ rejected: received.rejected, atOnce: received.most }, { rejected: 1, atOnce: 1 });
      } finally {
        tracker.dispose();
        await close();
      }
    });

    it('an answer of the service with any status but 401 (a 503 too) proves the keys: the other looks then go together', async () => {
      const { clock, calls, tracker, state } = slowAnswers((call) =>
        call === 0 ? serverError() : { resource: liveNetwork('Active') },
      );
      await clock.advance(60_000);
      assert.ok(state.most > 1);
      assert.equal(calls.length, 8);
      assert.ok(tracker.operations().every((op) => op.state === 'succeeded'));
    });

    it('credentials that cannot be used (a configuration error: nothing sent) pause like a 401', async () => {
      const { clock, calls, only, tracker } = setup([
        new HuaweiCloudError('no Huawei Cloud credentials found', { kind: 'configuration', notSent: true }),
      ]);
      tracker.track(createNetwork());
      await clock.advance(10 * 60_000);
      assert.equal(calls.length, 1);
      assert.equal(only().paused, true);
      assert.equal(clock.pending, 0);
    });
  });

  describe('one operation per resource and connection', () => {
    it('tracking a followed resource again merges: an observation keeps the action, an action takes over and restarts the wait', async () => {
      const { clock, calls, tracker } = setup([{ resource: liveNetwork('Creating') }]);
      const first = tracker.track(createNetwork());
      await clock.advance(7_000);
      const observed = tracker.track(createNetwork({ kind: 'observe', resource: liveNetwork('Creating') }));
      assert.equal(tracker.operations().length, 1);
      assert.equal(observed.id, first.id);
      assert.equal(observed.kind, 'create');
      assert.equal(observed.since, START);
      // A delete while it is still being created: the same operation follows the deletion from now on.
      const deleting = tracker.track(
        createNetwork({ kind: 'delete', resource: liveNetwork('Creating', { deleting: true }) }),
      );
      assert.equal(deleting.id, first.id);
      assert.equal(deleting.kind, 'delete');
      assert.equal(deleting.phase, 'Deleting');
      assert.equal(deleting.since, START + 7_000);
      assert.equal(tracker.operations().length, 1);
      const before = calls.length;
      await clock.advance(2_000);
      assert.equal(calls.length, before + 1, 'the action did not bring an early look');
      assert.equal(clock.pending, 1, 'two timers follow one operation');
    });

    it('a resource tracked again after its operation settled gets a new one; the old one stays in the list', async () => {
      const { clock, tracker } = setup([{ resource: liveNetwork('Active') }]);
      tracker.track(createNetwork());
      await clock.advance(2_000);
      tracker.track(createNetwork({ kind: 'delete', resource: liveNetwork('Active', { deleting: true }) }));
      assert.deepEqual(
        tracker.operations().map((op) => `${op.kind} ${op.state}`),
        ['delete following', 'create succeeded'],
      );
    });

    it('keeps at most 50 operations: the oldest settled ones go, followed ones stay', async () => {
      const { clock, tracker } = setup([{ resource: liveNetwork('Creating') }]);
      tracker.track(createNetwork({ resourceId: 'still-creating', name: 'still-creating' }));
      for (let i = 0; i < 60; i++) {
        tracker.track(createNetwork({ resourceId: `net-${i}`, name: `net-${i}`, resource: liveNetwork('Active') }));
      }
      const operations = tracker.operations();
      assert.equal(operations.length, 50);
      assert.equal(operations[0]?.name, 'net-59');
      assert.ok(operations.some((op) => op.name === 'still-creating'));
      assert.equal(clock.pending, 1);
    });

    it('acknowledge marks an operation seen and tells readers', () => {
      const { changes, only, tracker } = setup([]);
      tracker.track(createNetwork({ resource: liveNetwork('Abnormal') }));
      changes.length = 0;
      tracker.acknowledge(only().id);
      assert.equal(only().acknowledged, true);
      assert.equal(changes.length, 1);
      tracker.acknowledge(only().id);
      assert.equal(changes.length, 1, 'a second acknowledgement is no news');
    });

    it('a reader that throws neither stops the others nor the tracker', async () => {
      const { clock, tracker, changes } = setup([{ resource: liveNetwork('Active') }]);
      tracker.onDidChange(() => {
        throw new Error('broken reader');
      });
      tracker.track(createNetwork());
      await clock.advance(2_000);
      assert.equal(changes.length, 2);
      assert.equal(tracker.operations()[0]?.state, 'succeeded');
    });
  });

  describe('snapshot and restore (a window reload)', () => {
    it('operations survive as plain JSON; those following are followed again from the first pause, settled ones are listed', async () => {
      const before = setup([{ resource: liveNetwork('Creating') }]);
      before.tracker.track(createNetwork({ requestId: 'req-1' }));
      before.tracker.track(createNetwork({ resourceId: 'done', name: 'done', resource: liveNetwork('Abnormal') }));
      await before.clock.advance(3_000);
      const stored = JSON.parse(JSON.stringify(before.tracker.snapshot())) as unknown;
      before.tracker.dispose();

      const after = setup([{ resource: liveNetwork('Creating') }, { resource: liveNetwork('Active') }]);
      after.clock.time = before.clock.time + 5_000;
      after.tracker.restore(stored);
      assert.deepEqual(after.tracker.operations(), before.tracker.operations());
      assert.equal(after.changes.length, 1);
      assert.equal(after.clock.pending, 1);
      await after.clock.advance(2_000);
      assert.equal(after.calls.length, 1);
      assert.equal(after.calls[0]?.op.requestId, 'req-1');
      await after.clock.advance(60_000);
      const [newest, oldest] = after.tracker.operations();
      assert.deepEqual([newest?.name, newest?.state, newest?.startedAt], ['done', 'failed', START]);
      assert.deepEqual([oldest?.name, oldest?.state], ['net-a', 'succeeded']);
    });

    it('restoring twice, or what is already followed, duplicates nothing; garbage is skipped', async () => {
      const first = setup([{ resource: liveNetwork('Creating') }]);
      first.tracker.track(createNetwork());
      const stored = first.tracker.snapshot();
      const { clock, tracker } = setup([{ resource: liveNetwork('Creating') }]);
      tracker.track(createNetwork());
      tracker.restore(stored);
      tracker.restore(stored);
      assert.equal(tracker.operations().length, 1);
      assert.equal(clock.pending, 1);
      for (const garbage of [
        undefined,
        null,
        'text',
        { version: 2, operations: [] },
        { version: 1, operations: [null, 3, { id: 'x' }, { ...stored.operations[0], state: 'exploded', id: 'other' }] },
      ]) {
        tracker.restore(garbage);
      }
      assert.equal(tracker.operations().length, 1);
    });

    it('an operation stored before resources carried their kind is restored with its resource, of its kind', async () => {
      const before = setup([]);
      before.tracker.track(createNetwork({ kind: 'update', resource: liveNetwork('Active', { deleting: true }) }));
      const [operation] = JSON.parse(JSON.stringify(before.tracker.snapshot())).operations as Record<string, unknown>[];
      before.tracker.dispose();
      // As versions before the kinds' table stored it: the resource alone.
      const untagged = { ...operation, resource: network('Active', { deleting: true }) };
      const after = setup([]);
      after.tracker.restore({ version: 1, operations: [untagged] });
      assert.deepEqual(after.only().resource, liveNetwork('Active', { deleting: true }));
      // Read as the network it is: gone, it is deleted (a deletion under way), not failed.
      after.tracker.track(createNetwork({ kind: 'observe', resource: undefined, gone: true }));
      assert.deepEqual([after.only().state, after.only().phase], ['succeeded', 'Deleted']);
    });

    it('an operation restored past its deadline gets one last look, then times out', async () => {
      const before = setup([{ resource: liveNetwork('Creating') }], { timeoutMs: 60_000 });
      before.tracker.track(createNetwork());
      const stored = before.tracker.snapshot();
      before.tracker.dispose();
      const after = setup([{ resource: liveNetwork('Creating') }], { timeoutMs: 60_000 });
      after.clock.time = START + 3_600_000;
      after.tracker.restore(stored);
      await after.clock.advance(0);
      assert.equal(after.calls.length, 1);
      assert.equal(after.only().state, 'timedOut');
    });

    it('operations restored after the connection changed are abandoned, not looked at', async () => {
      const first = setup([]);
      first.tracker.track(createNetwork());
      const { clock, calls, tracker, only } = setup([{ resource: liveNetwork('Creating') }]);
      tracker.connectionChanged(OTHER_KEY);
      tracker.restore(first.tracker.snapshot());
      assert.equal(only().state, 'abandoned');
      await clock.advance(60_000);
      assert.equal(calls.length, 0);
    });
  });
});
