// The explorer's model over the real client (signing, HTTP, the typed APIs): against the emulator seeded with
// 10,000 address groups and 1,000 networks, a group's first page is one list request; and against a scripted
// server, the filters go out as the APIs take them and a malformed item does not fail its page.
import * as assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { type Connection, openConnection } from '../../../../src/core/api/connection';
import { HuaweiCloudError } from '../../../../src/core/cloud/errors';
import { explorerConnectionFor } from '../../../../src/core/explorer/connection';
import { ExplorerModel } from '../../../../src/core/explorer/model';
import type {
  ErrorNode,
  ExplorerNode,
  LoadMoreNode,
  ResourceNode,
  ServiceNode,
} from '../../../../src/core/explorer/nodes';
import { describe as look } from '../../../../src/core/explorer/describe';
import { AddressGroupsApi } from '../../../../src/core/api/addressGroups';
import { NetworksApi } from '../../../../src/core/api/networks';
import { ProjectIdCache } from '../../../../src/core/cloud/project';
import { DEFAULT_CREDENTIALS } from '../../../../src/emulator/server';
import { projectIdFor } from '../../../../src/emulator/store';
import { withEmulator } from '../../../support/emulator';
import {
  type FakeCloud,
  sampleAddressGroups,
  sampleNetworks,
  startFakeCloud,
  testHttpClient,
} from '../../../support/fakeCloud';

const REGION = 'cn-north-4';
const PROJECT = projectIdFor(REGION);

async function servicesOf(model: ExplorerModel): Promise<{ networks: ServiceNode; groups: ServiceNode }> {
  const [root] = await model.children();
  const [networks, groups] = (await model.children(root)) as ServiceNode[];
  assert.ok(networks && groups);
  return { networks, groups };
}

describe('explorer over the real client and the emulator (10,000 address groups, 1,000 networks)', () => {
  /** List requests the emulator answered, as `GET <path>`; the IAM lookup is not one. */
  const lists: string[] = [];
  // Seeded once for every test; real time, for the connection signs with it.
  const emulator = withEmulator({
    log: (line) => {
      if (/^GET \/v(1|3)\/[0-9a-f]{32}\/(networks|vpc\/address-groups) /.test(line)) lists.push(line);
    },
    realTime: true,
    keepState: true,
  });
  let connection: Connection;

  before(async () => {
    emulator.store.seed(PROJECT, { networks: 1_000, addressGroups: 10_000 });
    const url = emulator.url;
    connection = await openConnection(
      { region: REGION, projectId: '', credentialSource: 'auto', endpoints: { modelarts: url, vpc: url, iam: url } },
      {
        credentialEnvironment: {
          secret: async () => undefined,
          env: {},
          homedir: '/nonexistent',
          readFile: async () => {
            throw Object.assign(new Error('no'), { code: 'ENOENT' });
          },
        },
        credentials: { key: DEFAULT_CREDENTIALS, source: 'emulator', origin: 'the emulator of this test' },
        projectIds: new ProjectIdCache(),
      },
    );
  });
  beforeEach(() => {
    lists.length = 0;
  });

  const model = () => new ExplorerModel({ open: async () => explorerConnectionFor(connection), pageSize: () => 100 });

  it("sends exactly one list request for a group's first page, however often it is expanded meanwhile", async () => {
    const explorer = model();
    const { networks, groups } = await servicesOf(explorer);
    assert.deepEqual(lists, [], 'listed before a group was expanded');
    const [first, second] = await Promise.all([explorer.children(groups), explorer.children(groups)]);
    assert.equal(lists.length, 1, lists.join('\n'));
    assert.match(lists[0] ?? '', new RegExp(`^GET /v3/${PROJECT}/vpc/address-groups → 200$`));
    assert.equal(first.length, 101);
    assert.deepEqual(
      second.map((node) => node.id),
      first.map((node) => node.id),
    );
    assert.equal((first[0] as ResourceNode<'addressGroup'>).resource.name, 'seed-group-000000');
    assert.equal(look(first.at(-1) as ExplorerNode).label, 'Load more…');
    await explorer.children(networks);
    assert.equal(lists.length, 2);
    // Load more: one request more, for that group only.
    await explorer.loadMore(first.at(-1) as LoadMoreNode);
    assert.equal(lists.length, 3);
    assert.match(lists[2] ?? '', /address-groups/);
    assert.equal((await explorer.children(groups)).length, 201);
  });

  it('filters networks by display name and workspace on the server', async () => {
    const explorer = model();
    const { networks } = await servicesOf(explorer);
    explorer.setFilter('network', 'seed-net-000042');
    const children = (await explorer.children(networks)).filter(
      (node): node is ResourceNode<'network'> & { malformed: false } => node.kind === 'network' && !node.malformed,
    );
    assert.deepEqual(
      children.map((node) => node.resource.metadata.name),
      [`seed-net-000042-${PROJECT}`],
    );
    explorer.setWorkspace('another');
    assert.deepEqual(
      (await explorer.children(networks)).map((node) => look(node).label),
      [
        'Name is "seed-net-000042"',
        'No networks (name is "seed-net-000042", workspace another)',
        'New Network Document',
      ],
    );
    assert.equal(lists.length, 2);
  });
});

describe('explorer pages on the wire', () => {
  let cloud: FakeCloud;
  const project = 'aaaabbbbccccddddeeeeffff00001111';
  let model: ExplorerModel;

  before(async () => {
    cloud = await startFakeCloud();
  });
  after(() => cloud.close());
  beforeEach(() => {
    cloud.calls.length = 0;
    const http = testHttpClient();
    const networks = new NetworksApi(http, cloud.url, project);
    const addressGroups = new AddressGroupsApi(http, cloud.url, project);
    model = new ExplorerModel({
      open: async () =>
        explorerConnectionFor({
          region: REGION,
          projectId: project,
          projectIdOrigin: 'setting',
          credentials: { source: 'environment', origin: 'test', name: 'AK TEST…' },
          endpoints: { modelarts: cloud.url, vpc: cloud.url, iam: cloud.url },
          identity: 'test-connection',
          networks,
          addressGroups,
        }),
      pageSize: () => 25,
    });
  });

  it('asks for networks with limit, workspaceId and labelSelector os.modelarts/name=<name>; address groups with limit and name', async () => {
    cloud.handle((call) =>
      call.path.endsWith('/networks')
        ? {
            status: 200,
            body: { kind: 'NetworkList', metadata: { continue: 'tok-2' }, items: sampleNetworks(1, project) },
          }
        : {
            status: 200,
            body: { address_groups: sampleAddressGroups(1), page_info: { current_count: 1, next_marker: 'm-2' } },
          },
    );
    const { networks, groups } = await servicesOf(model);
    model.setFilter('network', 'net-0');
    model.setFilter('addressGroup', 'group-0');
    const networkChildren = await model.children(networks);
    const groupChildren = await model.children(groups);
    assert.equal(
      cloud.calls[0]?.target,
      `/v1/${project}/networks?labelSelector=os.modelarts%2Fname%3Dnet-0&limit=25&workspaceId=0`,
    );
    assert.equal(cloud.calls[1]?.target, `/v3/${project}/vpc/address-groups?limit=25&name=group-0`);
    await model.loadMore(networkChildren.at(-1) as LoadMoreNode);
    await model.loadMore(groupChildren.at(-1) as LoadMoreNode);
    assert.equal(
      cloud.calls[2]?.target,
      `/v1/${project}/networks?continue=tok-2&labelSelector=os.modelarts%2Fname%3Dnet-0&limit=25&workspaceId=0`,
    );
    assert.equal(cloud.calls[3]?.target, `/v3/${project}/vpc/address-groups?limit=25&marker=m-2&name=group-0`);
  });

  it('shows a malformed item as a degraded node and the rest of its page', async () => {
    cloud.handle(() => ({
      status: 200,
      body: { address_groups: [...sampleAddressGroups(2), { name: 'no id' }], page_info: { current_count: 3 } },
    }));
    const { groups } = await servicesOf(model);
    const children = await model.children(groups);
    assert.deepEqual(
      children.map((node) => look(node).contextValue),
      ['huaweicloud.addressGroup', 'huaweicloud.addressGroup', 'huaweicloud.malformed'],
    );
  });

  it('turns a 401 into an error node with the request id and Configure Credentials, sent once', async () => {
    cloud.handle(() => ({
      status: 401,
      headers: { 'X-Request-Id': 'req-explorer-401' },
      body: { error_code: 'APIGW.0301', error_msg: 'Incorrect IAM authentication information' },
    }));
    const { groups } = await servicesOf(model);
    const [error] = (await model.children(groups)) as ErrorNode[];
    assert.equal(error?.kind, 'error');
    assert.equal(error.requestId, 'req-explorer-401');
    assert.equal(error.code, 'APIGW.0301');
    assert.deepEqual(
      (await model.children(error)).map((node) => look(node).label),
      ['Request ID', 'Retry', 'Configure Credentials'],
    );
    await model.children(groups);
    assert.equal(cloud.calls.length, 1);
  });

  it('refuses a network name that could add terms to the selector before anything is sent, even past the model', async () => {
    const connection = explorerConnectionFor({
      region: REGION,
      projectId: project,
      projectIdOrigin: 'setting',
      credentials: { source: 'environment', origin: 'test', name: 'AK TEST…' },
      endpoints: { modelarts: cloud.url, vpc: cloud.url, iam: cloud.url },
      identity: 'test-connection',
      networks: new NetworksApi(testHttpClient(), cloud.url, project),
      addressGroups: new AddressGroupsApi(testHttpClient(), cloud.url, project),
    });
    await assert.rejects(
      connection.fetchPage.network(
        undefined,
        { filter: 'x,os.modelarts/workspace.id!=0', workspaceId: '0', limit: 5 },
        new AbortController().signal,
      ),
      (error: unknown) => error instanceof HuaweiCloudError && error.kind === 'configuration',
    );
    await assert.rejects(
      connection.fetchPage.addressGroup(
        undefined,
        { filter: 'a&b', workspaceId: undefined, limit: 5 },
        new AbortController().signal,
      ),
      HuaweiCloudError,
    );
    assert.equal(cloud.calls.length, 0);
  });

  it('GETs one resource to refresh it, and takes a 404 as gone', async () => {
    const [group] = sampleAddressGroups(1) as { id: string }[];
    cloud.handle((call) =>
      call.path.endsWith('/address-groups')
        ? { status: 200, body: { address_groups: sampleAddressGroups(1), page_info: { current_count: 1 } } }
        : { status: 404, body: { code: 'VPC.9904', message: 'not found' } },
    );
    const { groups } = await servicesOf(model);
    const [node] = await model.children(groups);
    await model.refresh(node);
    assert.equal(cloud.calls[1]?.path, `/v3/${project}/vpc/address-groups/${group?.id}`);
    assert.deepEqual(
      (await model.children(groups)).map((child) => look(child).label),
      ['No address groups', 'New Address Group Document'],
    );
  });

  it('keeps a resource whose refresh met the gateway\'s 404 (APIGW.0101, a wrong endpoint): that is an error, not "gone"', async () => {
    cloud.handle((call) =>
      call.path.endsWith('/address-groups')
        ? { status: 200, body: { address_groups: sampleAddressGroups(1), page_info: { current_count: 1 } } }
        : {
            status: 404,
            body: {
              error_code: 'APIGW.0101',
              error_msg: 'The API does not exist or has not been published in the environment',
            },
          },
    );
    const { groups } = await servicesOf(model);
    const [node] = await model.children(groups);
    await assert.rejects(
      model.refresh(node),
      (error: unknown) => error instanceof HuaweiCloudError && error.code === 'APIGW.0101',
    );
    assert.deepEqual(
      (await model.children(groups)).map((child) => look(child).label),
      ['group-0'],
    );
  });
});
