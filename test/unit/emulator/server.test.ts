// Conformance of the emulator: every route and error, through the extension's own client where it has a call
// for it, and through raw signed requests for what the client never sends.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { type AddressGroupDocument, AddressGroupsApi } from '../../../src/core/api/addressGroups';
import { HttpClient } from '../../../src/core/cloud/http';
import { type NetworkDocument, NetworksApi } from '../../../src/core/api/networks';
import { lookupProjectId } from '../../../src/core/cloud/project';
import { signRequest } from '../../../src/core/cloud/signer';
import { DEFAULT_CREDENTIALS, Emulator, mergePatch } from '../../../src/emulator/server';
import { projectIdFor } from '../../../src/emulator/store';
import { PROJECT, startEmulator, type TestEmulator, withEmulator } from '../../support/emulator';
import { rejection } from '../../support/rejection';

const SEED_NETWORK: NetworkDocument = {
  apiVersion: 'v1',
  kind: 'Network',
  metadata: { labels: { 'os.modelarts/name': 'network-7a03', 'os.modelarts/workspace.id': '0' } },
  spec: { cidr: '192.168.128.0/17' },
};
const SEED_GROUP: AddressGroupDocument & { dry_run?: false } = {
  address_group: {
    ip_version: 4,
    name: 'AutoTester746010.580123789',
    ip_set: ['192.168.3.2', '192.168.3.40', '192.168.3.20-192.168.3.100', '192.168.5.0/24'],
    description: 'test',
    max_capacity: 20,
    enterprise_project_id: '0aad99bc-f5f6-4f78-8404-c598d76b0ed2',
  },
};

describe('emulator', () => {
  /** The emulator with a clock the tests move, so that lifecycles run without waiting. */
  const emulator = withEmulator({
    delays: {
      networkPendingMs: 100,
      networkCreateMs: 1000,
      peerConnectMs: 500,
      networkDeleteMs: 1000,
      addressGroupUpdateMs: 300,
    },
    // A lost create is looked for over a quarter of a second here, not a minute.
    lostCreateSearch: { windowMs: 250, firstDelayMs: 20, maxDelayMs: 100 },
  });
  const raw = (...args: Parameters<TestEmulator['raw']>) => emulator.raw(...args);
  /** The extension's client for the default project, one attempt. */
  let http: HttpClient;
  let networks: NetworksApi;
  let groups: AddressGroupsApi;
  before(() => ({ http, networks, groups } = emulator));

  describe("the seed pages' example requests", () => {
    it('POST /v1/{project_id}/networks answers 200 with the documented shape, phase "" at first', async () => {
      const response = await raw('POST', `/v1/${PROJECT}/networks`, { body: JSON.stringify(SEED_NETWORK) });
      assert.equal(response.status, 200);
      const network = response.json as {
        kind: string;
        apiVersion: string;
        metadata: Record<string, unknown>;
        spec: Record<string, unknown>;
        status: { phase: string };
      };
      assert.equal(network.kind, 'Network');
      assert.equal(network.metadata.name, `network-7a03-${PROJECT}`);
      assert.match(String(network.metadata.creationTimestamp), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      assert.deepEqual(network.metadata.labels, SEED_NETWORK.metadata.labels);
      assert.deepEqual(network.metadata.annotations, {});
      assert.deepEqual(network.spec, { cidr: '192.168.128.0/17', connection: {} });
      assert.equal(network.status.phase, '');
      assert.match(response.headers.get('x-request-id') ?? '', /^[0-9a-f]{32}$/);
    });

    it('POST /v3/{project_id}/vpc/address-groups answers 201 with the documented shape', async () => {
      const response = await raw('POST', `/v3/${PROJECT}/vpc/address-groups`, { body: JSON.stringify(SEED_GROUP) });
      assert.equal(response.status, 201);
      const group = response.json as { address_group: Record<string, unknown>; request_id: string };
      assert.match(group.request_id, /^[0-9a-f]{32}$/);
      assert.equal(group.request_id, response.headers.get('x-request-id'));
      const g = group.address_group;
      assert.match(String(g.id), /^[0-9a-f-]{36}$/);
      assert.deepEqual(
        [
          g.name,
          g.ip_version,
          g.max_capacity,
          g.description,
          g.enterprise_project_id,
          g.status,
          g.status_message,
          g.tenant_id,
        ],
        [
          SEED_GROUP.address_group.name,
          4,
          20,
          'test',
          SEED_GROUP.address_group.enterprise_project_id,
          'NORMAL',
          '',
          PROJECT,
        ],
      );
      assert.deepEqual(
        g.ip_extra_set,
        (SEED_GROUP.address_group.ip_set ?? []).map((ip) => ({ ip, remarks: null })),
      );
      assert.match(String(g.created_at), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/);
      assert.deepEqual(g.tags, []);
    });

    it('refuses them unsigned, wrongly signed, or signed too long ago with 401 APIGW.0301', async () => {
      const body = JSON.stringify(SEED_NETWORK);
      for (const options of [
        { unsigned: true },
        { key: { ...DEFAULT_CREDENTIALS, secretAccessKey: 'wrong' } },
        { key: { accessKeyId: 'UNKNOWN', secretAccessKey: 'x' } },
      ]) {
        const response = await raw('POST', `/v1/${PROJECT}/networks`, { body, ...options });
        assert.equal(response.status, 401);
        assert.equal(response.json?.error_code, 'APIGW.0301');
      }
      const url = `${emulator.url}/v1/${PROJECT}/networks`;
      const stale = signRequest(
        { method: 'GET', url, headers: {} },
        DEFAULT_CREDENTIALS,
        new Date(emulator.clock - 16 * 60_000),
      );
      assert.equal((await fetch(url, { headers: stale })).status, 401);
      assert.equal(emulator.store.countNetworks(PROJECT), 0);
    });

    it('accepts UNSIGNED-PAYLOAD, as the SDKs send for non-JSON bodies', async () => {
      const response = await raw('POST', `/v1/${PROJECT}/networks`, {
        body: JSON.stringify(SEED_NETWORK),
        headers: { 'X-Sdk-Content-Sha256': 'UNSIGNED-PAYLOAD' },
      });
      assert.equal(response.status, 200);
    });
  });

  describe('the gateway', () => {
    it('answers an unknown path 404 APIGW.0101 and a wrong method 405, never a stack trace', async () => {
      const unknown = await raw('GET', '/v2/nothing/here');
      assert.equal(unknown.status, 404);
      assert.equal(unknown.json?.error_code, 'APIGW.0101');
      const wrong = await raw('PUT', `/v1/${PROJECT}/networks`);
      assert.equal(wrong.status, 405);
      assert.equal(wrong.headers.get('allow'), 'POST, GET');
      const garbage = await raw('POST', `/v1/${PROJECT}/networks`, { body: '{"apiVersion": ' });
      assert.equal(garbage.status, 400);
      assert.equal(garbage.json?.error_code, 'ModelArts.50004000');
      assert.doesNotMatch(JSON.stringify(garbage.json), /at .*\.js:\d+/);
    });

    it('answers a path that cannot be decoded 404, with a request id', async () => {
      const response = await raw('GET', `/v1/${PROJECT}/networks/%E0%A4%A`);
      assert.equal(response.status, 404);
      assert.match(response.headers.get('x-request-id') ?? '', /^[0-9a-f]{32}$/);
    });

    it('keeps its control routes to local programs sending JSON, and checks what they get', async () => {
      const control = (path: string, init: RequestInit) => fetch(`${emulator.url}/__emulator/${path}`, init);
      assert.equal(
        (await control('reset', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{}' })).status,
        415,
      );
      // fetch will not set Host: a raw request, as a DNS-rebinding page would arrive.
      const foreignHost = await new Promise<number>((resolve, reject) => {
        const { port } = new URL(emulator.url);
        const req = request(
          {
            host: '127.0.0.1',
            port,
            path: '/__emulator/reset',
            method: 'POST',
            headers: { Host: 'evil.example', 'Content-Type': 'application/json' },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end('{}');
      });
      assert.equal(foreignHost, 403);
      const json = { 'Content-Type': 'application/json' };
      assert.equal(
        (await control('faults', { method: 'PUT', headers: json, body: '{"throttle":{"count":"abc"}}' })).status,
        400,
      );
      assert.equal((await control('faults', { method: 'PUT', headers: json, body: '[1]' })).status, 400);
      assert.equal(
        (
          await control('faults', {
            method: 'PUT',
            headers: json,
            body: '{"throttle":{"count":1,"retryAfterSeconds":"1"}}',
          })
        ).status,
        400,
      );
      assert.equal(
        (await control('faults', { method: 'PUT', headers: json, body: '{"malformed":{"count":1,"kind":"gzip"}}' }))
          .status,
        400,
      );
      assert.equal((await control('seed', { method: 'POST', headers: json, body: '{"networks":1e9}' })).status, 400);
      assert.equal((await control('seed', { method: 'POST', headers: json, body: 'null' })).status, 400);
    });

    it('answers IAM project lookups for any region, with the project the APIs use', async () => {
      assert.equal(await lookupProjectId(http, emulator.url, 'cn-north-4'), PROJECT);
      assert.equal(await lookupProjectId(http, emulator.url, 'ap-southeast-1'), projectIdFor('ap-southeast-1'));
      await assert.rejects(lookupProjectId(http, emulator.url, 'not a region'), /no project named/);
    });
  });

  describe('networks', () => {
    it('go "" → Creating → Active, with peer connections Connecting → Active', async () => {
      const { resource } = await networks.create({
        ...SEED_NETWORK,
        spec: {
          cidr: '172.16.0.0/16',
          connection: { peerConnectionList: [{ peerVpcId: 'vpc-1', peerSubnetId: 'subnet-1' }] },
        },
      });
      const id = resource.metadata.name;
      assert.equal(resource.status?.phase, '');
      emulator.clock += 200;
      const creating = await networks.get(id);
      assert.equal(creating.status?.phase, 'Creating');
      assert.equal(creating.status?.connectionStatus?.peerConnectionStatus?.[0]?.phase, 'Connecting');
      emulator.clock += 1000;
      const active = await networks.get(id);
      assert.equal(active.status?.phase, 'Active');
      assert.equal(active.status?.connectionStatus?.peerConnectionStatus?.[0]?.phase, 'Active');
    });

    it('end Abnormal when a fault says so', async () => {
      emulator.faults({ abnormalNetworks: ['doomed-net'] });
      const { resource } = await networks.create({
        ...SEED_NETWORK,
        metadata: { labels: { 'os.modelarts/name': 'doomed-net' } },
      });
      emulator.clock += 2000;
      assert.equal((await networks.get(resource.metadata.name)).status?.phase, 'Abnormal');
      emulator.faults({});
    });

    it('refuse a second network of the same name (the derived ID collides) and bad documents, saying why', async () => {
      await networks.create(SEED_NETWORK);
      const duplicate = await rejection(networks.create(SEED_NETWORK));
      assert.deepEqual([duplicate.status, duplicate.code], [400, 'ModelArts.50004000']);
      assert.match(duplicate.message, /already exists/);
      const outside = await rejection(
        networks.create({
          ...SEED_NETWORK,
          metadata: { labels: { 'os.modelarts/name': 'other-net' } },
          spec: { cidr: '10.0.0.0/16' },
        }),
      );
      assert.equal(outside.code, 'ModelArts.50004000');
      assert.match(outside.message, /outside the private ranges .*172\.16\.0\.0\/12/);
    });

    it('apply merge patches (null deletes a list), and refuse immutable fields', async () => {
      const { resource } = await networks.create(SEED_NETWORK);
      const id = resource.metadata.name;
      const { resource: patched } = await networks.update(id, {
        metadata: {
          annotations: { 'os.modelarts/description': 'team a' },
          labels: { 'os.modelarts/workspace.id': 'ws-1' },
        },
        spec: { ipv6enable: true, connection: { peerConnectionList: [{ peerVpcId: 'v', peerSubnetId: 's' }] } },
      });
      assert.equal(patched.metadata.annotations?.['os.modelarts/description'], 'team a');
      assert.equal(patched.metadata.labels['os.modelarts/workspace.id'], 'ws-1');
      assert.equal(patched.spec.connection?.peerConnectionList?.length, 1);
      const { resource: cleared } = await networks.update(id, { spec: { connection: { peerConnectionList: null } } });
      assert.equal(cleared.spec.connection?.peerConnectionList, undefined);
      assert.equal(cleared.spec.cidr, '192.168.128.0/17');
      const immutable = await raw('PATCH', `/v1/${PROJECT}/networks/${id}`, {
        body: '{"spec":{"cidr":"192.168.0.0/16"}}',
        headers: { 'Content-Type': 'application/merge-patch+json' },
      });
      assert.equal(immutable.status, 400);
      assert.match(String(immutable.json?.error_msg), /spec\.cidr cannot be changed/);
      const off = await rejection(networks.update(id, { spec: { ipv6enable: false } }));
      assert.match(off.message, /cannot be switched off/);
      assert.match(
        (await rejection(networks.update(id, { metadata: { annotations: { 'os.modelarts/description': 'a<b' } } })))
          .message,
        /without ! < > = & " '/,
      );
    });

    it('refuse patches that would remove or retype what cannot change', async () => {
      const { resource } = await networks.create(SEED_NETWORK);
      const id = resource.metadata.name;
      const patch = async (body: string) =>
        raw('PATCH', `/v1/${PROJECT}/networks/${id}`, {
          body,
          headers: { 'Content-Type': 'application/merge-patch+json' },
        });
      for (const [body, message] of [
        ['{"spec":{"ipv6enable":null}}', /ipv6enable must be true or false/],
        ['{"metadata":{"labels":null}}', /metadata\.labels must be an object/],
        ['{"spec":null}', /spec must be an object/],
        ['{"metadata":{"labels":{"os.modelarts/workspace.id":5}}}', /workspace ID/],
        [
          '{"spec":{"connection":{"peerConnectionList":[{"peerVpcId":"v","peerSubnetId":"s","phase":"Active"}]}}}',
          /peerConnectionList must be a list of/,
        ],
        ['{"metadata":{"labels":{"os.modelarts/name":"other"}}}', /os\.modelarts\/name cannot be changed/],
      ] as const) {
        const response = await patch(body);
        assert.equal(response.status, 400, body);
        assert.match(String(response.json?.error_msg), message, body);
      }
      assert.equal((await networks.get(id)).metadata.labels['os.modelarts/name'], 'network-7a03');
      await networks.delete(id);
      assert.match((await rejection(networks.update(id, { spec: { ipv6enable: true } }))).message, /being deleted/);
    });

    it('refuse a document whose keys repeat (JSON keeps the last, a reader sees the first)', async () => {
      const body = `{"apiVersion":"v1","kind":"Network","metadata":{"labels":{"os.modelarts/name":"dup-net"}},"spec":{"cidr":"172.16.0.0/16","cidr":"10.0.0.0/8"}}`;
      const response = await raw('POST', `/v1/${PROJECT}/networks`, { body });
      assert.equal(response.status, 400);
      assert.match(String(response.json?.error_msg), /"cidr" is given twice/);
    });

    it('delete asynchronously: 200 with deletionTimestamp, GET answers until the deletion ends, then 404', async () => {
      const { resource } = await networks.create(SEED_NETWORK);
      const id = resource.metadata.name;
      const deleted = await networks.delete(id);
      assert.ok(deleted.network?.metadata.deletionTimestamp);
      emulator.clock += 500;
      assert.ok((await networks.get(id)).metadata.deletionTimestamp);
      emulator.clock += 600;
      assert.equal((await rejection(networks.get(id))).code, 'ModelArts.50025001');
      assert.deepEqual(await networks.delete(id), { alreadyGone: true });
    });

    it('page with limit, continue and remainingItemCount, and filter by label and workspace', async () => {
      emulator.store.seed(PROJECT, { networks: 1234, addressGroups: 0 });
      const first = await networks.listPage({ limit: 500 });
      assert.equal(first.items.length, 500);
      assert.equal(first.remainingItemCount, 734);
      let count = 0;
      for await (const _network of networks.listAll({ limit: 500 })) count++;
      assert.equal(count, 1234);
      // A page still follows on when the network its token points at was deleted meanwhile.
      const next = first.continueToken;
      assert.ok(next);
      const startOfSecond = (await networks.listPage({ limit: 1, continueToken: next })).items[0]?.metadata.name ?? '';
      await networks.delete(startOfSecond);
      emulator.clock += 2000;
      const second = await networks.listPage({ limit: 500, continueToken: next });
      assert.equal(second.items.length, 500);
      assert.notEqual(second.items[0]?.metadata.name, startOfSecond);
      assert.equal(second.remainingItemCount, 233);
      for (const limit of ['1000', '', '1e2', '-1']) {
        assert.equal((await raw('GET', `/v1/${PROJECT}/networks?limit=${limit}`)).status, 400, limit);
      }
      // 0 means the default page, never an empty page with a continue token back to the start.
      assert.equal((await networks.listPage({ limit: 0 })).items.length, 500);
      const selected = await networks.listPage({ labelSelector: 'os.modelarts/name=seed-net-000007' });
      assert.deepEqual(
        selected.items.map((n) => n.metadata.labels['os.modelarts/name']),
        ['seed-net-000007'],
      );
      assert.equal(
        (await networks.listPage({ labelSelector: 'os.modelarts/name!=seed-net-000007', limit: 500 }))
          .remainingItemCount,
        732,
      );
      assert.equal(
        (await networks.listPage({ labelSelector: 'os.modelarts/workspace.id', limit: 1 })).remainingItemCount,
        1232,
      );
      assert.equal((await networks.listPage({ workspaceId: 'nope' })).items.length, 0);
    });
  });

  describe('address groups', () => {
    it("check documents with the extension's rules, answering VPC.9901 for bad or duplicate entries", async () => {
      const bad = await rejection(
        groups.create({ address_group: { name: 'g', ip_version: 4, ip_set: ['2001:db8::1'] } }),
      );
      assert.deepEqual([bad.status, bad.code], [400, 'VPC.9901']);
      const duplicate = await rejection(
        groups.create({ address_group: { name: 'g', ip_version: 4, ip_set: ['10.0.0.1', '10.0.0.1'] } }),
      );
      assert.equal(duplicate.code, 'VPC.9901');
      assert.match(duplicate.message, /Duplicate ip_set/);
      const tooMany = await rejection(
        groups.create({
          address_group: { name: 'g', ip_version: 4, max_capacity: 2, ip_set: ['10.0.0.1', '10.0.0.2', '10.0.0.3'] },
        }),
      );
      assert.deepEqual([tooMany.status, tooMany.code], [409, 'VPC.9905']);
      const name = await rejection(
        groups.create({ address_group: { name: 'bad name', ip_version: 4, ip_set: ['10.0.0.1'] } }),
      );
      assert.equal(name.status, 400);
      assert.match(name.message, /letters, digits, underscores/);
    });

    it('answer a dry run 202 and create nothing; enforce the quota of 50 (VPC.9905)', async () => {
      assert.ok((await groups.dryRun(SEED_GROUP)).requestId);
      assert.equal(emulator.store.countAddressGroups(PROJECT), 0);
      for (let i = 0; i < 50; i++) {
        await groups.create({ address_group: { name: `g${i}`, ip_version: 4, ip_set: [`10.0.${i}.0/24`] } });
      }
      const over = await rejection(
        groups.create({ address_group: { name: 'g50', ip_version: 4, ip_set: ['10.1.0.0/24'] } }),
      );
      assert.deepEqual([over.status, over.code], [409, 'VPC.9905']);
    });

    it('update with PUT (UPDATING for a while, refusing another update), dry run 202, immutable ip_version', async () => {
      const { resource } = await groups.create(SEED_GROUP);
      assert.equal((await groups.checkUpdate(resource.id, { description: 'checked' })).checkedOnly, true);
      const { resource: updated } = await groups.update(resource.id, {
        description: 'changed',
        ip_set: ['10.0.0.0/8'],
      });
      assert.equal(updated.status, 'UPDATING');
      assert.deepEqual(updated.ip_set, ['10.0.0.0/8']);
      const again = await rejection(groups.update(resource.id, { description: 'again' }));
      assert.equal(again.status, 409);
      emulator.clock += 400;
      assert.equal((await groups.get(resource.id)).status, 'NORMAL');
      const version = await raw('PUT', `/v3/${PROJECT}/vpc/address-groups/${resource.id}`, {
        body: '{"address_group":{"ip_version":6}}',
      });
      assert.equal(version.status, 400);
      assert.match(String(version.json?.message), /ip_version cannot be changed/);
    });

    it('delete (204), refuse a group in use (409 VPC.9907) with its dependencies listed, force-delete it, 404 VPC.9904 after', async () => {
      const { resource } = await groups.create(SEED_GROUP);
      emulator.store.setDependencies(resource.id, [{ type: 'sg', instance_id: 'sg-1', instance_name: 'web' }]);
      assert.equal((await rejection(groups.delete(resource.id))).code, 'VPC.9907');
      assert.deepEqual((await groups.dependencies([resource.id]))[0]?.dependency, [
        { type: 'sg', instance_id: 'sg-1', instance_name: 'web' },
      ]);
      assert.deepEqual(await groups.forceDelete(resource.id), { alreadyGone: false });
      assert.equal((await rejection(groups.get(resource.id))).code, 'VPC.9904');
      assert.deepEqual(await groups.delete(resource.id), { alreadyGone: true });
    });

    it('page 10,000 groups with limit and marker, and filter by name, id, ip_version and description', async () => {
      emulator.store.seed(PROJECT, { networks: 0, addressGroups: 10_000 });
      let count = 0;
      for await (const _group of groups.listAll({ limit: 2000 })) count++;
      assert.equal(count, 10_000);
      const v6 = await groups.listPage({ ipVersion: 6, limit: 2000 });
      assert.equal(v6.addressGroups.length, 2000);
      assert.ok(v6.addressGroups.every((g) => g.ip_version === 6));
      const named = await groups.listPage({ name: ['seed-group-000003', 'seed-group-000004'] });
      assert.deepEqual(
        named.addressGroups.map((g) => g.name),
        ['seed-group-000003', 'seed-group-000004'],
      );
      const first = named.addressGroups[0];
      assert.ok(first);
      assert.deepEqual(
        (await groups.listPage({ id: [first.id] })).addressGroups.map((g) => g.id),
        [first.id],
      );
      assert.equal((await groups.listPage({ description: ['seeded 7'] })).addressGroups[0]?.name, 'seed-group-000007');
    });
  });

  describe('faults', () => {
    it('throttle with 429 APIGW.0308 and Retry-After, which the client honours', async () => {
      emulator.faults({ throttle: { count: 2, retryAfterSeconds: 2 } });
      const waits: number[] = [];
      const patient = new NetworksApi(
        new HttpClient({
          signingKey: async () => DEFAULT_CREDENTIALS,
          now: () => new Date(emulator.clock),
          sleep: async (ms) => {
            waits.push(ms);
          },
        }),
        emulator.url,
        PROJECT,
      );
      await patient.listPage();
      assert.deepEqual(waits, [2000, 2000]);
    });

    it('drop the connection after a create was processed: the client finds the network and never creates twice', async () => {
      emulator.faults({ reset: { count: 1, when: 'after', route: 'networks.create' } });
      const result = await networks.create(SEED_NETWORK);
      assert.equal(result.recoveredAfterLostAnswer, true);
      assert.equal(emulator.store.countNetworks(PROJECT), 1);
    });

    it('drop the connection before processing: the client reports "unknown" (it cannot tell), never "not created"', async () => {
      emulator.faults({ reset: { count: 1, when: 'before', route: 'addressGroups.create' } });
      const error = await rejection(groups.create(SEED_GROUP));
      assert.equal(error.changeOutcome, 'unknown');
      assert.equal(emulator.store.countAddressGroups(PROJECT), 0);
    });

    it("answer 500 at a configured rate, truncated JSON, or a proxy's HTML page", async () => {
      emulator.faults({ errorRate: { 'networks.list': 1 } });
      assert.equal((await rejection(networks.listPage())).status, 500);
      emulator.faults({ malformed: { count: 1, kind: 'truncated' } });
      assert.match((await rejection(networks.listPage())).message, /its JSON stops unfinished/);
      emulator.faults({ malformed: { count: 1, kind: 'html' } });
      assert.match((await rejection(networks.listPage())).message, /web page, not the API/);
      emulator.faults({});
      assert.equal((await networks.listPage()).items.length, 0);
    });

    it('add latency before every answer', async () => {
      emulator.faults({ latencyMs: 150 });
      const started = Date.now();
      await networks.listPage();
      assert.ok(Date.now() - started >= 150, `answered after ${Date.now() - started} ms`);
      emulator.faults({});
    });

    it('count a fault only when it is applied', async () => {
      emulator.faults({ throttle: { count: 1 }, malformed: { count: 1, kind: 'html' } });
      assert.equal((await rejection(networks.listPage())).code, 'APIGW.0308');
      assert.match((await rejection(networks.listPage())).message, /web page/);
      assert.equal((await networks.listPage()).items.length, 0);
    });

    it('are set through the control endpoint too', async () => {
      const response = await fetch(`${emulator.url}/__emulator/faults`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ throttle: { count: 1 } }),
      });
      assert.equal(response.status, 200);
      assert.equal((await rejection(networks.listPage())).code, 'APIGW.0308');
      assert.equal((await networks.listPage()).items.length, 0);
    });
  });

  it('merge patch follows RFC 7396', () => {
    assert.deepEqual(mergePatch({ a: 'b', c: { d: 'e', f: 'g' } }, { a: 'z', c: { f: null } }), {
      a: 'z',
      c: { d: 'e' },
    });
    assert.deepEqual(mergePatch({ a: [1] }, { a: [2, 3] }), { a: [2, 3] });
    assert.deepEqual(mergePatch({ a: 1 }, null), null);
  });
});

describe('emulator credentials with a security token', () => {
  it('require the configured token, signed', async () => {
    const key = { accessKeyId: 'TEMPAK00000000000000', secretAccessKey: 'temp-secret', securityToken: 'session-token' };
    const emulator = await startEmulator({ key });
    try {
      const client = (securityToken?: string) =>
        emulator.client({ signingKey: async () => ({ ...key, securityToken }) }).networks;
      assert.equal((await client('session-token').listPage()).items.length, 0);
      assert.equal((await rejection(client(undefined).listPage())).code, 'APIGW.0301');
      assert.equal((await rejection(client('other').listPage())).code, 'APIGW.0301');
    } finally {
      await emulator.close();
    }
  });
});

describe('emulator state file', () => {
  it('refuses to start with a state file it cannot write', () => {
    assert.throws(() => new Emulator({ stateFile: '/nonexistent/directory/state.json' }), /ENOENT/);
  });

  it('survives a restart: same networks, groups and dependencies', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hwc-emulator-'));
    const stateFile = join(dir, 'state.json');
    try {
      const first = await startEmulator({ stateFile });
      const { resource: network } = await first.networks.create(SEED_NETWORK);
      const { resource: group } = await first.groups.create(SEED_GROUP);
      first.store.setDependencies(group.id, [{ type: 'acl', instance_id: 'acl-1' }]);
      await first.close();
      assert.doesNotThrow(() => JSON.parse(readFileSync(stateFile, 'utf8')));

      const second = await startEmulator({ stateFile });
      assert.equal((await second.networks.get(network.metadata.name)).spec.cidr, '192.168.128.0/17');
      assert.equal((await second.groups.get(group.id)).name, SEED_GROUP.address_group.name);
      assert.equal(second.store.dependenciesOf(group.id).length, 1);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
