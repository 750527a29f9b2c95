// The VS Code side of the tracker (src/vscode/provisioning/tracking.ts) against a stub of the VS Code API and a stand-in for the
// connection service: loaded only when there is something to follow, saved in the workspace state at every change,
// restored after a reload, GETs only through the operation's own connection, and connection changes handled.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as esbuild from 'esbuild';
import { installVscodeStub } from '../../support/vscodeStub.mjs';
import { projectRoot } from '../../../scripts/lib/codeServer.mjs';
import type { HuaweiCloudError as HuaweiCloudErrorClass } from '../../../src/core/cloud/errors';
import type { Network } from '../../../src/core/api/networks';
import type { Operation, Tracker, TrackerSnapshot } from '../../../src/core/provisioning/tracker';

const require = createRequire(import.meta.url);
const NETWORK_ID = 'net-a-86c13962597848eeb29c5861153a391f';

interface TrackingLike {
  restore(): void;
  follow(changes: (listener: (change: unknown) => void) => { dispose(): void }): { dispose(): void };
  tracker(): Promise<Tracker>;
  operations(): readonly Operation[];
  readonly hasOperations: boolean;
  onDidChange(listener: (changed: readonly Operation[]) => void): { dispose(): void };
  dispose(): void;
}
type TrackingClass = new (state: unknown, connections: unknown, log: unknown, tuning: unknown) => TrackingLike;
/** From the same bundle as the tracking: the tracker tells errors apart with instanceof. */
let HuaweiCloudError: typeof HuaweiCloudErrorClass;

const network = (phase: string): Network => ({
  apiVersion: 'v1',
  kind: 'Network',
  metadata: { name: NETWORK_ID, labels: { 'os.modelarts/name': 'net-a' } },
  spec: { cidr: '192.168.0.0/16' },
  status: { phase },
});

const log = { info() {}, warn() {}, error() {} };

/** A workspace state in memory, as VS Code's Memento is. */
function memento(initial: Record<string, unknown> = {}) {
  const values = new Map(Object.entries(initial));
  const reads: string[] = [];
  return {
    values,
    reads,
    get: (key: string, fallback?: unknown) => {
      reads.push(key);
      return values.has(key) ? values.get(key) : fallback;
    },
    update: async (key: string, value: unknown) => {
      values.set(key, value);
    },
    keys: () => [...values.keys()],
  };
}

/** The connection service as the tracking sees it: `open()` and `onDidChange`. */
function connections(identity: () => string | Error, get: () => Promise<Network> = async () => network('Active')) {
  const listeners: (() => void)[] = [];
  const opened: string[] = [];
  const gets: string[] = [];
  return {
    opened,
    gets,
    change: () => listeners.forEach((listener) => listener()),
    onDidChange: (listener: () => void) => {
      listeners.push(listener);
      return { dispose() {} };
    },
    open: async () => {
      const key = identity();
      opened.push(key instanceof Error ? 'error' : key);
      if (key instanceof Error) throw key;
      return {
        identity: key,
        networks: {
          get: async (id: string) => {
            gets.push(id);
            return get();
          },
        },
        addressGroups: { get: async () => assert.fail('no group is tracked here') },
      };
    },
  };
}

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) assert.fail(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const FAST = { backoff: { firstMs: 10, maxMs: 40, factor: 2 } };
const createRequest = (connectionKey: string) => ({
  kind: 'create' as const,
  resourceKind: 'network' as const,
  resourceId: NETWORK_ID,
  name: 'net-a',
  connectionKey,
  resource: { kind: 'network' as const, resource: network('') },
});

describe('tracking in the VS Code layer', () => {
  let dir: string;
  let Tracking: TrackingClass;
  let OPERATIONS_STATE_KEY: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hwc-tracking-'));
    const bundle = join(dir, 'tracking.js');
    await esbuild.build({
      stdin: {
        contents:
          "export * from './src/vscode/provisioning/tracking'; export { HuaweiCloudError } from './src/core/cloud/errors';",
        resolveDir: projectRoot,
        loader: 'ts',
      },
      outfile: bundle,
      bundle: true,
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      external: ['vscode'],
      mainFields: ['module', 'main'],
      logLevel: 'silent',
    });
    installVscodeStub();
    ({ Tracking, OPERATIONS_STATE_KEY, HuaweiCloudError } = require(bundle) as {
      Tracking: TrackingClass;
      OPERATIONS_STATE_KEY: string;
      HuaweiCloudError: typeof HuaweiCloudErrorClass;
    });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('with nothing saved, restore loads nothing and a connection change opens nothing', async () => {
    const state = memento();
    const service = connections(() => 'key-a');
    const tracking = new Tracking(state, service, log, FAST);
    try {
      tracking.restore();
      service.change();
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.deepEqual(state.reads, [OPERATIONS_STATE_KEY]);
      assert.equal(tracking.hasOperations, false);
      assert.deepEqual(service.opened, []);
      assert.equal((tracking as unknown as { loading?: unknown }).loading, undefined, 'the tracker was loaded');
    } finally {
      tracking.dispose();
    }
  });

  it('follows through the current connection and saves every change in the workspace state', async () => {
    const state = memento();
    let phase = 'Creating';
    const service = connections(
      () => 'key-a',
      async () => network(phase),
    );
    const tracking = new Tracking(state, service, log, FAST);
    try {
      const changes: string[] = [];
      tracking.onDidChange((changed) => changes.push(...changed.map((op) => `${op.state} ${op.phase}`)));
      const tracker = await tracking.tracker();
      tracker.track(createRequest('key-a'));
      assert.equal(tracking.hasOperations, true);
      await until('a first look', () => (service.gets.length > 0 ? true : undefined));
      phase = 'Active';
      await until('success', () => (tracking.operations()[0]?.state === 'succeeded' ? true : undefined));
      assert.deepEqual(changes, ['following Creating', 'succeeded Active']);
      const saved = state.values.get(OPERATIONS_STATE_KEY) as TrackerSnapshot;
      assert.deepEqual(
        saved.operations.map((op) => op.state),
        ['succeeded'],
      );
      assert.equal(saved.operations[0]?.resourceId, NETWORK_ID);
    } finally {
      tracking.dispose();
    }
  });

  it('after a reload, follows again what the workspace state holds', async () => {
    const before = memento();
    const first = new Tracking(
      before,
      connections(
        () => 'key-a',
        async () => network('Creating'),
      ),
      log,
      FAST,
    );
    try {
      (await first.tracker()).track(createRequest('key-a'));
      await until('the operation saved', () => (before.values.has(OPERATIONS_STATE_KEY) ? true : undefined));
    } finally {
      first.dispose();
    }

    const state = memento(Object.fromEntries(before.values));
    const service = connections(
      () => 'key-a',
      async () => network('Active'),
    );
    const tracking = new Tracking(state, service, log, FAST);
    try {
      tracking.restore();
      await until('the operation followed to the end', () =>
        tracking.operations()[0]?.state === 'succeeded' ? true : undefined,
      );
      assert.deepEqual(service.gets, [NETWORK_ID]);
      assert.equal((state.values.get(OPERATIONS_STATE_KEY) as TrackerSnapshot).operations[0]?.state, 'succeeded');
    } finally {
      tracking.dispose();
    }
  });

  it('after a reload, what was followed on a local emulator that no longer runs ends, opening no connection', async () => {
    const before = memento();
    const first = new Tracking(
      before,
      connections(
        () => 'emulator:key-e',
        async () => network('Creating'),
      ),
      log,
      FAST,
    );
    try {
      (await first.tracker()).track(createRequest('emulator:key-e'));
      await until('the operation saved', () => (before.values.has(OPERATIONS_STATE_KEY) ? true : undefined));
    } finally {
      first.dispose();
    }
    const service = connections(() => 'key-of-the-settings');
    const tracking = new Tracking(memento(Object.fromEntries(before.values)), service, log, FAST);
    try {
      tracking.restore();
      const op = await until('abandoned', () =>
        tracking.operations()[0]?.state === 'abandoned' ? tracking.operations()[0] : undefined,
      );
      assert.match(op.detail ?? '', /the local emulator it ran on has stopped/);
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.deepEqual([service.opened, service.gets], [[], []]);
    } finally {
      tracking.dispose();
    }
  });

  it("sends no GET through a connection that is not the operation's own: it is abandoned", async () => {
    const service = connections(() => 'key-b');
    const tracking = new Tracking(memento(), service, log, FAST);
    try {
      (await tracking.tracker()).track(createRequest('key-a'));
      const op = await until('abandoned', () =>
        tracking.operations()[0]?.state === 'abandoned' ? tracking.operations()[0] : undefined,
      );
      assert.equal(op.detail, 'no longer followed: the connection changed');
      assert.deepEqual(service.gets, []);
    } finally {
      tracking.dispose();
    }
  });

  it('a connection change abandons what belongs to another connection, or everything when none can be opened', async () => {
    let identity: string | Error = 'key-a';
    const service = connections(
      () => identity,
      async () => network('Creating'),
    );
    const tracking = new Tracking(memento(), service, log, FAST);
    try {
      const tracker = await tracking.tracker();
      tracker.track(createRequest('key-a'));
      tracker.track({ ...createRequest('key-b'), resourceId: 'net-b' });
      identity = 'key-b';
      service.change();
      await until('key-a abandoned', () =>
        tracking.operations().find((op) => op.connectionKey === 'key-a')?.state === 'abandoned' ? true : undefined,
      );
      assert.equal(tracking.operations().find((op) => op.connectionKey === 'key-b')?.state, 'following');
      identity = new HuaweiCloudError('no Huawei Cloud credentials found', { kind: 'configuration', notSent: true });
      service.change();
      await until('everything abandoned', () =>
        tracking.operations().every((op) => op.state === 'abandoned') ? true : undefined,
      );
    } finally {
      tracking.dispose();
    }
  });

  it('what is tracked on a connection chosen while nothing was followed is followed', async () => {
    let identity = 'key-a';
    const service = connections(
      () => identity,
      async () => network('Creating'),
    );
    const tracking = new Tracking(memento(), service, log, FAST);
    try {
      const tracker = await tracking.tracker();
      tracker.track(createRequest('key-a'));
      identity = 'key-b';
      service.change();
      await until('key-a abandoned', () => (tracking.operations()[0]?.state === 'abandoned' ? true : undefined));
      identity = 'key-c';
      service.change();
      await new Promise((resolve) => setTimeout(resolve, 20));
      assert.equal(tracker.track({ ...createRequest('key-c'), resourceId: 'net-c' }).state, 'following');
      await until('a look through key-c', () => (service.gets.includes('net-c') ? true : undefined));
    } finally {
      tracking.dispose();
    }
  });

  it('follows what commands report: a create until it settles, a deletion until it is gone, a finished deletion as done', async () => {
    let phase = 'Creating';
    const service = connections(
      () => 'key-a',
      async () => {
        if (phase === 'gone') {
          throw new HuaweiCloudError('ModelArts.50025001: the network does not exist', {
            kind: 'http',
            status: 404,
            code: 'ModelArts.50025001',
          });
        }
        return network(phase);
      },
    );
    const tracking = new Tracking(memento(), service, log, FAST);
    const listeners: ((change: unknown) => void)[] = [];
    const fire = (change: unknown) => listeners.forEach((listener) => listener(change));
    try {
      tracking.follow((listener: (change: unknown) => void) => {
        listeners.push(listener);
        return { dispose() {} };
      });
      fire({ type: 'created', resource: { kind: 'network', resource: network('') }, recovered: false });
      const created = await until('the create tracked', () => tracking.operations()[0]);
      assert.deepEqual(
        [created.kind, created.name, created.resourceId, created.connectionKey],
        ['create', 'net-a', NETWORK_ID, 'key-a'],
      );
      phase = 'Active';
      await until('the create settled', () => (tracking.operations()[0]?.state === 'succeeded' ? true : undefined));

      const deleting = network('Active');
      deleting.metadata.deletionTimestamp = '2026-01-01T00:00:00Z';
      fire({ type: 'deleting', resource: { kind: 'network', resource: deleting }, connectionKey: 'key-a' });
      await until('the deletion tracked', () => (tracking.operations()[0]?.kind === 'delete' ? true : undefined));
      assert.equal(tracking.operations()[0]?.phase, 'Deleting');
      phase = 'gone';
      await until('the deletion over', () => (tracking.operations()[0]?.phase === 'Deleted' ? true : undefined));

      const gets = service.gets.length;
      fire({ type: 'deleted', kind: 'addressGroup', id: 'group-1', connectionKey: 'key-a' });
      const deleted = await until('the group deletion recorded', () =>
        tracking.operations()[0]?.resourceId === 'group-1' ? tracking.operations()[0] : undefined,
      );
      assert.deepEqual([deleted.state, deleted.phase], ['succeeded', 'Deleted']);
      assert.equal(service.gets.length, gets, 'a deletion already over was looked at');
    } finally {
      tracking.dispose();
    }
  });

  it('new credentials on the same connection resume what a 401 paused', async () => {
    let rejecting = true;
    const service = connections(
      () => 'key-a',
      async () => {
        if (rejecting) {
          throw new HuaweiCloudError('APIGW.0301: rejected', { kind: 'http', status: 401, code: 'APIGW.0301' });
        }
        return network('Active');
      },
    );
    const tracking = new Tracking(memento(), service, log, FAST);
    try {
      (await tracking.tracker()).track(createRequest('key-a'));
      await until('paused', () => (tracking.operations()[0]?.paused ? true : undefined));
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.equal(service.gets.length, 1, 'a rejected signature was sent again');
      rejecting = false;
      service.change();
      await until('resumed and settled', () => (tracking.operations()[0]?.state === 'succeeded' ? true : undefined));
    } finally {
      tracking.dispose();
    }
  });
});
