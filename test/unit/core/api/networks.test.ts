import * as assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { HuaweiCloudError } from '../../../../src/core/cloud/errors';
import { type Network, type NetworkDocument, NetworksApi } from '../../../../src/core/api/networks';
import type { LostCreateSearch } from '../../../../src/core/cloud/requests';
import {
  type FakeCloud,
  type ReceivedCall,
  type Reply,
  startFakeCloud,
  testHttpClient,
} from '../../../support/fakeCloud';

const PROJECT = '86c13962597848eeb29c5861153a391f';
const SEED: NetworkDocument = {
  $schema: './network.schema.json',
  apiVersion: 'v1',
  kind: 'Network',
  metadata: { labels: { 'os.modelarts/name': 'network-7a03', 'os.modelarts/workspace.id': '0' } },
  spec: { cidr: '192.168.128.0/17' },
};

function networkFrom(document: Omit<NetworkDocument, '$schema'>): Network {
  const name = `${document.metadata.labels['os.modelarts/name']}-${PROJECT}`;
  return {
    ...document,
    metadata: { ...document.metadata, name, creationTimestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z') },
    status: { phase: 'Creating' },
  };
}

/** A tiny in-memory networks service, with paging as the real one (limit + continue). */
function networksService(
  store: Map<string, Network>,
  hooks: { onCreate?: (call: ReceivedCall) => Reply | undefined } = {},
) {
  return (call: ReceivedCall): Reply => {
    const base = `/v1/${PROJECT}/networks`;
    if (call.path === base && call.method === 'POST') {
      const network = networkFrom(call.json as NetworkDocument);
      if (store.has(network.metadata.name)) {
        return { status: 400, body: { error_code: 'ModelArts.50004000', error_msg: 'exists' } };
      }
      store.set(network.metadata.name, network);
      return hooks.onCreate?.(call) ?? { status: 200, body: network };
    }
    if (call.path === base && call.method === 'GET') {
      const all = [...store.values()];
      const start = Number(call.query.get('continue') ?? 0);
      const limit = Number(call.query.get('limit') ?? 500);
      const items = all.slice(start, start + limit);
      const next = start + limit < all.length ? String(start + limit) : '';
      return {
        status: 200,
        body: {
          kind: 'NetworkList',
          apiVersion: 'v1',
          metadata: { continue: next, remainingItemCount: Math.max(0, all.length - start - limit) },
          items,
        },
      };
    }
    const name = decodeURIComponent(call.path.slice(base.length + 1));
    const network = store.get(name);
    if (!network) return { status: 404, body: { error_code: 'ModelArts.50025001', error_msg: 'Network not exist.' } };
    if (call.method === 'GET') return { status: 200, body: network };
    if (call.method === 'DELETE') {
      store.delete(name);
      return {
        status: 200,
        body: { ...network, metadata: { ...network.metadata, deletionTimestamp: '2026-11-23T10:05:00Z' } },
      };
    }
    if (call.method === 'PATCH') {
      return { status: 200, body: { ...network, spec: { ...network.spec, ...(call.json as { spec?: object }).spec } } };
    }
    return { status: 405, body: {} };
  };
}

describe('NetworksApi', () => {
  let cloud: FakeCloud;
  let store: Map<string, Network>;
  const api = (
    attempts = 1,
    lostCreateSearch: LostCreateSearch = { windowMs: 300, firstDelayMs: 20, maxDelayMs: 80 },
  ) => new NetworksApi(testHttpClient(attempts), cloud.url, PROJECT, { lostCreateSearch });

  before(async () => {
    cloud = await startFakeCloud();
  });
  after(() => cloud.close());
  beforeEach(() => {
    store = new Map();
    cloud.calls.length = 0;
    cloud.handle(networksService(store));
  });

  it('creates from a document, without sending its $schema', async () => {
    const result = await api().create(SEED);
    assert.equal(result.resource.metadata.name, `network-7a03-${PROJECT}`);
    assert.equal(result.recoveredAfterLostAnswer, false);
    const post = cloud.calls.find((c) => c.method === 'POST');
    assert.deepEqual(Object.keys(post?.json as object), ['apiVersion', 'kind', 'metadata', 'spec']);
    assert.equal(post?.headers['x-project-id'], PROJECT);
  });

  it('pages through 1,234 networks with limit and continue', async () => {
    for (let i = 0; i < 1234; i++) {
      const network = networkFrom({
        ...SEED,
        metadata: { labels: { 'os.modelarts/name': `net-${String(i).padStart(4, '0')}` } },
      });
      store.set(network.metadata.name, network);
    }
    const first = await api().listPage({ limit: 500 });
    assert.equal(first.items.length, 500);
    assert.equal(first.continueToken, '500');
    assert.equal(first.remainingItemCount, 734);
    const names: string[] = [];
    for await (const network of api().listAll({ limit: 500 })) names.push(network.metadata.labels['os.modelarts/name']);
    assert.equal(names.length, 1234);
    assert.equal(new Set(names).size, 1234);
    assert.deepEqual(
      cloud.calls.slice(1).map((c) => c.query.get('continue')),
      [null, '500', '1000'],
    );
  });

  it('ends paging on an empty continue token or an empty page', async () => {
    cloud.handle(() => ({ status: 200, body: { kind: 'NetworkList', metadata: { continue: 'more' }, items: [] } }));
    assert.deepEqual(await api().listPage(), { items: [] });
  });

  it('gets, patches with a merge patch, and deletes (404 = already gone)', async () => {
    await api().create(SEED);
    const id = `network-7a03-${PROJECT}`;
    assert.equal((await api().get(id)).spec.cidr, '192.168.128.0/17');
    await api().update(id, { spec: { ipv6enable: true, connection: { peerConnectionList: null } } });
    const patch = cloud.calls.at(-1);
    assert.equal(patch?.method, 'PATCH');
    assert.equal(patch?.headers['content-type'], 'application/merge-patch+json');
    assert.equal(patch?.body, '{"spec":{"ipv6enable":true,"connection":{"peerConnectionList":null}}}');
    const deleted = await api().delete(id);
    assert.equal(deleted.alreadyGone, false);
    assert.ok(deleted.network?.metadata.deletionTimestamp);
    assert.deepEqual(await api().delete(id), { alreadyGone: true });
    await assert.rejects(
      api().get(id),
      (e: unknown) => e instanceof HuaweiCloudError && e.code === 'ModelArts.50025001',
    );
  });

  it('finds a network by display name through its derived ID, then through the name label', async () => {
    await api().create(SEED);
    assert.equal((await api().findByDisplayName('network-7a03'))?.spec.cidr, '192.168.128.0/17');
    const odd: Network = {
      ...networkFrom(SEED),
      metadata: { ...networkFrom(SEED).metadata, name: 'other-id', labels: { 'os.modelarts/name': 'odd-one' } },
    };
    store.set('other-id', odd);
    assert.equal((await api().findByDisplayName('odd-one'))?.metadata.name, 'other-id');
    assert.equal(await api().findByDisplayName('missing'), undefined);
  });

  it('never creates twice when the connection drops after the server created it', async () => {
    cloud.handle(networksService(store, { onCreate: () => ({ drop: true }) }));
    const result = await api(4).create(SEED);
    assert.equal(result.recoveredAfterLostAnswer, true);
    assert.equal(result.resource.metadata.name, `network-7a03-${PROJECT}`);
    assert.equal(cloud.calls.filter((c) => c.method === 'POST').length, 1);
    assert.equal(store.size, 1);
  });

  const failure = async (promise: Promise<unknown>) => {
    const error = await promise.catch((e: unknown) => e);
    assert.ok(error instanceof HuaweiCloudError, `not a HuaweiCloudError: ${String(error)}`);
    return error;
  };

  it('a drop before the server created it is "unknown", never "not created": it may still be created', async () => {
    const service = networksService(store);
    cloud.handle((call) => (call.method === 'POST' ? { drop: true } : service(call)));
    const error = await failure(api(4).create(SEED));
    assert.equal(error.changeOutcome, 'unknown');
    assert.match(
      error.message,
      /the answer to creating network network-7a03 was lost .*it did not appear within 300 ms: look for it before trying again/,
    );
    assert.equal(cloud.calls.filter((c) => c.method === 'POST').length, 1);
  });

  it('finds a network the service creates only after the create timed out', async () => {
    const service = networksService(store);
    cloud.handle((call) => {
      if (call.method !== 'POST') return service(call);
      setTimeout(() => service(call), 150);
      return { hang: true };
    });
    const result = await api(1, { windowMs: 2000, firstDelayMs: 20, maxDelayMs: 200 }).create(SEED, { timeoutMs: 75 });
    assert.equal(result.recoveredAfterLostAnswer, true);
    assert.equal(store.size, 1);
  });

  it('reports "unknown" when it cannot find out', async () => {
    const service = networksService(store);
    let sent = false;
    cloud.handle((call) => {
      if (call.method === 'POST') sent = true;
      return call.method === 'POST' ? { hang: true } : sent ? { status: 503, body: {} } : service(call);
    });
    const error = await failure(api(2).create(SEED));
    assert.equal(error.changeOutcome, 'unknown');
    assert.match(
      error.message,
      /looking for it failed \(HTTP 503: the service is unavailable\) within 300 ms: look for it before trying again/,
    );
  });

  it('a network of that name that existed before the request is not the one created', async () => {
    store.set(`network-7a03-${PROJECT}`, networkFrom(SEED));
    const service = networksService(store);
    cloud.handle((call) => (call.method === 'POST' ? { drop: true } : service(call)));
    const error = await failure(api(4).create(SEED));
    assert.equal(error.changeOutcome, 'unknown');
    assert.match(error.message, /a network of that name existed before the request/);
  });

  it('a new network of that name with another CIDR is not the one sent', async () => {
    const service = networksService(store);
    cloud.handle((call) => {
      if (call.method !== 'POST') return service(call);
      store.set(`network-7a03-${PROJECT}`, networkFrom({ ...SEED, spec: { cidr: '172.16.0.0/16' } }));
      return { drop: true };
    });
    const error = await failure(api(4).create(SEED));
    assert.equal(error.changeOutcome, 'unknown');
    assert.match(error.message, /a new network of that name holds another CIDR \(172\.16\.0\.0\/16\)/);
  });

  it('a create cancelled after it was sent gets one look, then "unknown"', async () => {
    const service = networksService(store);
    cloud.handle((call) => (call.method === 'POST' ? { hang: true } : service(call)));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const error = await failure(api(4).create(SEED, { signal: controller.signal, timeoutMs: 5000 }));
    assert.deepEqual([error.kind, error.changeOutcome], ['cancelled', 'unknown']);
    assert.match(error.message, /cancelled after it was sent/);
    const afterPost = cloud.calls.slice(cloud.calls.findIndex((c) => c.method === 'POST') + 1).map((c) => c.method);
    assert.deepEqual(afterPost, ['GET', 'GET'], 'one look: the derived ID, then the name label');
  });

  it('a 200 without a network in it is an unexpected answer, and the network is looked for', async () => {
    cloud.handle(
      networksService(store, { onCreate: () => ({ status: 200, raw: '<html><title>Gateway</title></html>' }) }),
    );
    const result = await api().create(SEED);
    assert.equal(result.recoveredAfterLostAnswer, true);
  });

  it('checks every answer before trusting it, and stops paging on a repeated continue token', async () => {
    for (const body of [{}, { metadata: { name: 'n' } }, { metadata: { name: 'n' }, spec: { cidr: 5 } }, []]) {
      cloud.handle(() => ({ status: 200, body, headers: { 'X-Request-Id': 'rid-shape' } }));
      const error = await failure(api().get('n'));
      assert.deepEqual([error.kind, error.requestId], ['unexpected', 'rid-shape']);
    }
    const network = networkFrom(SEED);
    cloud.handle(() => ({ status: 200, body: { items: [network], metadata: { continue: 'again' } } }));
    const error = await failure(
      (async () => {
        for await (const _network of api().listAll()) {
          /* walk */
        }
      })(),
    );
    assert.match(error.message, /same page cursor twice/);
    cloud.handle(() => ({ status: 200, body: { items: { a: 1 } } }));
    assert.equal((await failure(api().listPage())).kind, 'unexpected');
  });

  it('does not look for the network after a definite refusal', async () => {
    await api().create(SEED);
    cloud.calls.length = 0;
    const error = await api(4)
      .create(SEED)
      .catch((e: unknown) => e);
    assert.ok(error instanceof HuaweiCloudError);
    assert.equal(error.code, 'ModelArts.50004000');
    assert.equal(error.changeOutcome, 'notCreated');
    assert.deepEqual(
      cloud.calls.map((c) => c.method),
      ['GET', 'POST'],
      'the look before sending, and the create: no search',
    );
  });
});
