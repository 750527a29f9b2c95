import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import { type AddressGroup, type AddressGroupDocument, AddressGroupsApi } from '../../../../src/core/api/addressGroups';
import type { LostCreateSearch } from '../../../../src/core/cloud/requests';
import { HuaweiCloudError } from '../../../../src/core/cloud/errors';
import {
  type FakeCloud,
  type ReceivedCall,
  type Reply,
  startFakeCloud,
  testHttpClient,
} from '../../../support/fakeCloud';

const PROJECT = 'b2782e6708b8475c993e6064bc456bf8';
const SEED = {
  address_group: {
    ip_version: 4,
    name: 'AutoTester746010.580123789',
    ip_set: ['192.168.3.2', '192.168.3.40', '192.168.3.20-192.168.3.100', '192.168.5.0/24'],
    description: 'test',
    max_capacity: 20,
    enterprise_project_id: '0aad99bc-f5f6-4f78-8404-c598d76b0ed2',
  },
} satisfies AddressGroupDocument;
/** A lost create is looked for over 300 ms here, not a minute. */
const QUICK_SEARCH: LostCreateSearch = { windowMs: 300, firstDelayMs: 20, maxDelayMs: 80 };

/** A tiny in-memory address-group service with marker paging and the name / id / ip_version filters. */
function addressGroupService(store: AddressGroup[], hooks: { onCreate?: () => Reply | undefined } = {}) {
  return (call: ReceivedCall): Reply => {
    const base = `/v3/${PROJECT}/vpc/address-groups`;
    if (call.path === base && call.method === 'POST') {
      const body = call.json as AddressGroupDocument;
      if (body.dry_run) return { status: 202, body: { request_id: 'dry' } };
      // The service answers ip_set in another order, with ip_extra_set filled in.
      const group: AddressGroup = {
        ...body.address_group,
        id: randomUUID(),
        ip_set: [...(body.address_group.ip_set ?? [])].reverse(),
        created_at: new Date().toISOString().slice(0, 19),
        status: 'NORMAL',
      };
      store.push(group);
      return hooks.onCreate?.() ?? { status: 201, body: { request_id: 'r-create', address_group: group } };
    }
    if (call.path === base && call.method === 'GET') {
      const names = call.query.getAll('name');
      const ids = call.query.getAll('id');
      const version = call.query.get('ip_version');
      const matching = store.filter(
        (g) =>
          (names.length === 0 || names.includes(g.name)) &&
          (ids.length === 0 || ids.includes(g.id)) &&
          (!version || String(g.ip_version) === version),
      );
      const marker = call.query.get('marker');
      const start = marker ? matching.findIndex((g) => g.id === marker) + 1 : 0;
      const limit = Number(call.query.get('limit') ?? 2000);
      const page = matching.slice(start, start + limit);
      const last = page.at(-1);
      const pageInfo = {
        current_count: page.length,
        previous_marker: page[0]?.id,
        ...(start + limit < matching.length && last ? { next_marker: last.id } : {}),
      };
      return { status: 200, body: { request_id: 'r-list', address_groups: page, page_info: pageInfo } };
    }
    if (call.path === `/v3/${PROJECT}/vpc/list-address-groups-dependency`) {
      return {
        status: 200,
        body: {
          address_groups: call.query
            .getAll('id')
            .map((id) => ({ id, dependency: [{ type: 'sg', instance_id: 'sg-1', instance_name: 'web' }] })),
        },
      };
    }
    const [id, force] = call.path.slice(base.length + 1).split('/');
    const index = store.findIndex((g) => g.id === id);
    if (index < 0) return { status: 404, body: { code: 'VPC.9904', message: 'not found', request_id: 'r-404' } };
    if (call.method === 'GET') return { status: 200, body: { request_id: 'r-get', address_group: store[index] } };
    if (call.method === 'PUT') {
      const body = call.json as { dry_run?: boolean; address_group: Partial<AddressGroup> };
      if (body.dry_run) return { status: 202, body: { request_id: 'dry' } };
      store[index] = { ...(store[index] as AddressGroup), ...body.address_group };
      return { status: 200, body: { request_id: 'r-put', address_group: store[index] } };
    }
    if (call.method === 'DELETE') {
      if (store[index]?.description === 'in use' && force !== 'force') {
        return { status: 409, body: { code: 'VPC.9907', message: 'in use' } };
      }
      store.splice(index, 1);
      return { status: 204 };
    }
    return { status: 405, body: {} };
  };
}

describe('AddressGroupsApi', () => {
  let cloud: FakeCloud;
  let store: AddressGroup[];
  const api = (attempts = 1, lostCreateSearch = QUICK_SEARCH) =>
    new AddressGroupsApi(testHttpClient(attempts), cloud.url, PROJECT, { lostCreateSearch });

  before(async () => {
    cloud = await startFakeCloud();
  });
  after(() => cloud.close());
  beforeEach(() => {
    store = [];
    cloud.calls.length = 0;
    cloud.handle(addressGroupService(store));
  });

  it('creates (201) and takes the request id; a dry run (202) creates nothing', async () => {
    const created = await api().create({ ...SEED, $schema: 'x' });
    assert.equal(created.resource.name, SEED.address_group.name);
    assert.equal(created.requestId, 'r-create');
    assert.equal((cloud.calls.find((c) => c.method === 'POST')?.json as { $schema?: string }).$schema, undefined);
    assert.deepEqual(await api().dryRun(SEED), { checkedOnly: true, requestId: 'dry' });
    assert.equal((cloud.calls.at(-1)?.json as { dry_run?: boolean }).dry_run, true);
    assert.equal(store.length, 1);
  });

  it('pages through 2,100 groups with limit and marker, and filters by name, id and ip_version', async () => {
    for (let i = 0; i < 2100; i++) store.push({ id: `id-${i}`, name: `g${i % 7}`, ip_version: i % 3 ? 4 : 6 });
    let count = 0;
    for await (const _group of api().listAll({ limit: 1000 })) count++;
    assert.equal(count, 2100);
    assert.deepEqual(
      cloud.calls.map((c) => c.query.get('marker')),
      [null, 'id-999', 'id-1999'],
    );

    cloud.calls.length = 0;
    const page = await api().listPage({ name: ['g1', 'g2'], id: ['id-1', 'id-2', 'id-9'], ipVersion: 4 });
    assert.deepEqual(
      page.addressGroups.map((g) => g.id),
      ['id-1', 'id-2'],
    );
    assert.equal(page.nextMarker, undefined);
    assert.equal(page.requestId, 'r-list');
    assert.equal(cloud.calls[0]?.target.split('?')[1], 'id=id-1&id=id-2&id=id-9&ip_version=4&name=g1&name=g2');
  });

  it('gets, updates with PUT (and dry run), deletes (204), and treats 404 as already gone', async () => {
    const { resource } = await api().create(SEED);
    assert.equal((await api().get(resource.id)).name, SEED.address_group.name);
    assert.equal((await api().checkUpdate(resource.id, { description: 'new' })).checkedOnly, true);
    assert.equal(store[0]?.description, 'test');
    assert.equal((await api().update(resource.id, { description: 'new' })).resource.description, 'new');
    assert.equal(cloud.calls.at(-1)?.method, 'PUT');
    assert.deepEqual(await api().delete(resource.id), { alreadyGone: false });
    assert.deepEqual(await api().delete(resource.id), { alreadyGone: true });
    await assert.rejects(
      api().get(resource.id),
      (e: unknown) => e instanceof HuaweiCloudError && e.code === 'VPC.9904' && e.requestId === 'r-404',
    );
  });

  it('fails a delete of a group in use with VPC.9907, lists what uses it, and force-deletes it', async () => {
    const { resource } = await api().create({ address_group: { ...SEED.address_group, description: 'in use' } });
    const error = await api()
      .delete(resource.id)
      .catch((e: unknown) => e);
    assert.ok(error instanceof HuaweiCloudError && error.code === 'VPC.9907');
    assert.deepEqual((await api().dependencies([resource.id]))[0]?.dependency, [
      { type: 'sg', instance_id: 'sg-1', instance_name: 'web' },
    ]);
    assert.deepEqual(await api().forceDelete(resource.id), { alreadyGone: false });
    assert.equal(cloud.calls.at(-1)?.path, `/v3/${PROJECT}/vpc/address-groups/${resource.id}/force`);
    assert.equal(store.length, 0);
  });

  const posts = () => cloud.calls.filter((c) => c.method === 'POST').length;
  const failure = async (promise: Promise<unknown>) => {
    const error = await promise.catch((e: unknown) => e);
    assert.ok(error instanceof HuaweiCloudError, `not a HuaweiCloudError: ${String(error)}`);
    return error;
  };

  it('never creates twice when the connection drops after the server created it', async () => {
    store.push({
      id: 'older',
      name: SEED.address_group.name,
      ip_version: 4,
      ip_set: ['10.0.0.1'],
      created_at: '2020-01-01T00:00:00',
    });
    cloud.handle(addressGroupService(store, { onCreate: () => ({ drop: true }) }));
    const result = await api(4).create(SEED);
    assert.equal(result.recoveredAfterLostAnswer, true);
    assert.notEqual(result.resource.id, 'older');
    assert.equal(posts(), 1);
    assert.equal(store.length, 2);
  });

  it('finds a group the service creates only after the create timed out (2 s after a 1 s time-out, scaled down)', async () => {
    const service = addressGroupService(store);
    cloud.handle((call) => {
      if (call.method !== 'POST') return service(call);
      setTimeout(() => service(call), 150); // the service is slow, and carries the request out after the client gave up
      return { hang: true };
    });
    const client = new AddressGroupsApi(testHttpClient(1), cloud.url, PROJECT, {
      lostCreateSearch: { windowMs: 2000, firstDelayMs: 20, maxDelayMs: 200 },
    });
    const result = await client.create(SEED, { timeoutMs: 75 });
    assert.equal(result.recoveredAfterLostAnswer, true);
    assert.equal(store.length, 1);
    assert.equal(result.resource.id, store[0]?.id);
  });

  it('never says "not created" after a lost answer: a 502 with nothing found is "unknown", after several looks', async () => {
    const service = addressGroupService(store);
    cloud.handle((call) => (call.method === 'POST' ? { status: 502, raw: '<h1>Bad Gateway</h1>' } : service(call)));
    const error = await failure(api(4).create(SEED));
    assert.equal(error.changeOutcome, 'unknown');
    assert.match(error.message, /it did not appear within 300 ms: look for it before trying again/);
    assert.equal(posts(), 1);
    const looks = cloud.calls.filter((c) => c.method === 'GET').length;
    assert.ok(looks >= 1 + 3, `${looks} lists: one before sending, then several looks`);
  });

  it('an older group with the same name and entries is not the one created (it existed before the POST)', async () => {
    const aMinuteAgo = new Date(Date.now() - 60_000).toISOString().slice(0, 19);
    store.push({
      id: 'older',
      name: SEED.address_group.name,
      ip_version: 4,
      ip_set: [...SEED.address_group.ip_set],
      created_at: aMinuteAgo,
    });
    const service = addressGroupService(store);
    cloud.handle((call) => (call.method === 'POST' ? { drop: true } : service(call)));
    const error = await failure(api(4).create(SEED));
    assert.equal(error.changeOutcome, 'unknown');
    assert.equal(store.length, 1);
  });

  it('takes what existed before from the caller when it has just listed it, and sends no list of its own first', async () => {
    cloud.handle(addressGroupService(store, { onCreate: () => ({ drop: true }) }));
    const result = await api().create(SEED, { existingBefore: { ids: new Set() } });
    assert.equal(result.recoveredAfterLostAnswer, true);
    assert.equal(cloud.calls[0]?.method, 'POST');
  });

  it('a new group of that name with other entries is not ours: "unknown" when nothing else appears', async () => {
    const service = addressGroupService(store);
    cloud.handle((call) => {
      if (call.method !== 'POST') return service(call);
      store.push({ id: 'someone-else', name: SEED.address_group.name, ip_version: 4, ip_set: ['10.9.9.9'] });
      return { drop: true };
    });
    const error = await failure(api(4).create(SEED));
    assert.equal(error.changeOutcome, 'unknown');
    assert.match(error.message, /only a new one of that name that does not match what was sent appeared/);
  });

  it('a 2xx without the group in it is an unexpected answer, and the group is looked for', async () => {
    cloud.handle(addressGroupService(store, { onCreate: () => ({ status: 201, body: { request_id: 'r' } }) }));
    const result = await api().create(SEED);
    assert.equal(result.recoveredAfterLostAnswer, true);
    assert.equal(store.length, 1);
  });

  it('"not created" only for a definite refusal or a request that never left', async () => {
    cloud.handle((call) =>
      call.method === 'POST'
        ? { status: 400, body: { code: 'VPC.9901', message: 'bad' } }
        : addressGroupService(store)(call),
    );
    const refused = await failure(api().create(SEED));
    assert.deepEqual([refused.changeOutcome, refused.code], ['notCreated', 'VPC.9901']);
    assert.match(refused.message, /^address group AutoTester746010\.580123789 was not created: VPC\.9901/);
    assert.equal(posts(), 1);

    const closed = await startFakeCloud();
    await closed.close();
    const neverLeft = await failure(new AddressGroupsApi(testHttpClient(1), closed.url, PROJECT).create(SEED));
    assert.equal(neverLeft.changeOutcome, 'notCreated');
    assert.equal(neverLeft.notSent, true);
  });

  it('looking is cancellable: the search stops at once with "unknown"', async () => {
    const service = addressGroupService(store);
    cloud.handle((call) => (call.method === 'POST' ? { drop: true } : service(call)));
    const controller = new AbortController();
    const slow = new AddressGroupsApi(testHttpClient(1), cloud.url, PROJECT, {
      lostCreateSearch: { windowMs: 60_000, firstDelayMs: 10_000, maxDelayMs: 10_000 },
    });
    const started = Date.now();
    setTimeout(() => controller.abort(), 150);
    const error = await failure(slow.create(SEED, { signal: controller.signal }));
    assert.equal(error.changeOutcome, 'unknown');
    assert.match(error.message, /looking for it was cancelled/);
    assert.ok(Date.now() - started < 2000);
  });

  it('a document asking for a dry run is sent as written and reported as checked, nothing created', async () => {
    const result = await api().create({ ...SEED, dry_run: true });
    assert.deepEqual(result, { checkedOnly: true, requestId: 'dry' });
    assert.deepEqual(
      cloud.calls.map((c) => c.method),
      ['POST'],
    );
    assert.equal((cloud.calls[0]?.json as { dry_run?: boolean }).dry_run, true);
    assert.equal(store.length, 0);
    // dry_run: false is sent as written too, and creates.
    await api().create({ ...SEED, dry_run: false });
    assert.equal((cloud.calls.at(-1)?.json as { dry_run?: boolean }).dry_run, false);
    assert.equal(store.length, 1);
  });

  it('a dry run answered 201 with a group says the service created it', async () => {
    cloud.handle((call) =>
      call.method === 'POST'
        ? { status: 201, body: { address_group: { id: 'made', name: 'x', ip_version: 4 } } }
        : addressGroupService(store)(call),
    );
    const error = await failure(api().dryRun(SEED));
    assert.equal(error.kind, 'unexpected');
    assert.match(error.message, /created address group made although dry_run was true/);
  });

  it('checks every answer before trusting it', async () => {
    const answers: Record<string, unknown>[] = [
      {},
      { address_group: null },
      { address_group: { id: 1, name: 'x', ip_version: 4 } },
      { address_group: { id: 'a', name: 'x', ip_version: '4' } },
    ];
    for (const body of answers) {
      cloud.handle(() => ({ status: 200, body, headers: { 'X-Request-Id': 'rid-shape' } }));
      const error = await failure(api().get('a'));
      assert.deepEqual([error.kind, error.status, error.requestId], ['unexpected', 200, 'rid-shape']);
    }
    cloud.handle(() => ({ status: 200, body: { address_groups: 'none' } }));
    assert.equal((await failure(api().listPage())).kind, 'unexpected');
    cloud.handle(() => ({ status: 200, body: { address_groups: [{ id: 'a', name: 'x', ip_version: 4 }, 'junk'] } }));
    assert.match((await failure(api().listPage())).message, /address_groups\[1\] is not an address group/);
    cloud.handle(() => ({ status: 200, body: { address_groups: [{ id: 'a' }] } }));
    assert.equal((await failure(api().dependencies(['a']))).kind, 'unexpected');
  });

  it('stops paging on a repeated marker instead of looping', async () => {
    cloud.handle(() => ({
      status: 200,
      body: { address_groups: [{ id: 'a', name: 'x', ip_version: 4 }], page_info: { next_marker: 'same' } },
    }));
    let seen = 0;
    const error = await failure(
      (async () => {
        for await (const _group of api().listAll()) seen++;
      })(),
    );
    assert.match(error.message, /the server gave the same page cursor twice/);
    assert.equal(seen, 2);
  });
});
