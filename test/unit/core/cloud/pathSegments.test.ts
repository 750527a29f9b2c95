// IDs the URL parser would resolve to another path: "." and ".." (percent-encoding does not help: %2E is resolved
// the same way), and the empty ID that leaves the path a segment short. `groups.get("..")` must not become
// `GET /v3/{project}/vpc/`, nor `forceDelete("..")` `DELETE /v3/{project}/vpc/force`: wherever such an ID comes from
// — a call, a project, a list answer, a stored link, a saved operation, a document — it is refused before anything
// reaches the server, with a message that says what is wrong and what an ID may be.
import * as assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { type AddressGroupUpdate, AddressGroupsApi } from '../../../../src/core/api/addressGroups';
import { findLive } from '../../../../src/core/live/apply';
import { openConnection } from '../../../../src/core/api/connection';
import { HuaweiCloudError } from '../../../../src/core/cloud/errors';
import { explorerConnectionFor, pagesOf } from '../../../../src/core/explorer/connection';
import { tagged } from '../../../../src/core/kinds';
import { describe as look } from '../../../../src/core/explorer/describe';
import { ExplorerModel } from '../../../../src/core/explorer/model';
import type { ServiceNode } from '../../../../src/core/explorer/nodes';
import { type LinkMemento, LINKS_STATE_KEY, LinkStore } from '../../../../src/core/live/links';
import { NetworksApi } from '../../../../src/core/api/networks';
import { ProjectIdCache } from '../../../../src/core/cloud/project';
import { buildPath } from '../../../../src/core/cloud/pathSegments';
import { Tracker, type TrackerClock } from '../../../../src/core/provisioning/tracker';
import {
  type FakeCloud,
  sampleAddressGroups,
  sampleNetworks,
  startFakeCloud,
  TEST_KEY,
  testHttpClient,
} from '../../../support/fakeCloud';

const PROJECT = 'aaaabbbbccccddddeeeeffff00001111';
const UNUSABLE = ['..', '.', ''] as const;
/** What every refusal says: what is wrong, and what an ID may be. */
const SAYS_WHY =
  /^the ID "\.{0,2}" (is a step of a URL path, which the URL parser resolves: the request would reach another path|is empty: the request path would be a segment short, and reach another resource or the list); an ID is any other non-empty text \(sent percent-encoded\)\. Nothing was sent$/;

async function refusal(promise: Promise<unknown>, context: string): Promise<HuaweiCloudError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  assert.ok(
    error instanceof HuaweiCloudError,
    `${context}: ${error === undefined ? 'it was sent and answered' : String(error)}`,
  );
  return error;
}

describe('IDs a URL would resolve to another path are refused before anything is sent', () => {
  let cloud: FakeCloud;
  before(async () => {
    cloud = await startFakeCloud();
  });
  after(() => cloud.close());
  beforeEach(() => {
    cloud.calls.length = 0;
    cloud.rejected.length = 0;
    cloud.handle(() => ({ status: 200, body: {} }));
  });
  const apis = (project = PROJECT) => ({
    networks: new NetworksApi(testHttpClient(), cloud.url, project),
    addressGroups: new AddressGroupsApi(testHttpClient(), cloud.url, project),
  });
  const nothingSent = (context: string) =>
    assert.deepEqual(
      [...cloud.calls.map((call) => `${call.method} ${call.target}`), ...cloud.rejected],
      [],
      `${context}: a request reached the server`,
    );

  it('buildPath: "..", "." and "" are no path segments; "...", "%2E" and "a/.." are (sent encoded)', () => {
    for (const id of UNUSABLE) {
      assert.throws(
        () => buildPath('v3', PROJECT, 'vpc', 'address-groups', id),
        (error: unknown) =>
          error instanceof HuaweiCloudError &&
          error.kind === 'invalidRequest' &&
          error.notSent &&
          SAYS_WHY.test(error.message),
      );
    }
    assert.equal(buildPath('v3', 'p', '...', '%2E', 'a/..'), '/v3/p/.../%252E/a%2F..');
  });

  for (const id of UNUSABLE) {
    it(`an ID ${JSON.stringify(id)} given to any call of either API`, async () => {
      const { networks, addressGroups } = apis();
      const change: AddressGroupUpdate = { description: 'x' };
      const calls: [string, () => Promise<unknown>][] = [
        ['groups.get', () => addressGroups.get(id)],
        ['groups.update', () => addressGroups.update(id, change)],
        ['groups.checkUpdate', () => addressGroups.checkUpdate(id, change)],
        ['groups.delete', () => addressGroups.delete(id)],
        ['groups.forceDelete', () => addressGroups.forceDelete(id)],
        ['networks.get', () => networks.get(id)],
        ['networks.update', () => networks.update(id, { spec: { ipv6enable: true } })],
        ['networks.delete', () => networks.delete(id)],
      ];
      for (const [name, call] of calls) {
        const error = await refusal(call(), name);
        assert.deepEqual([error.kind, error.notSent], ['invalidRequest', true], `${name}: ${error.message}`);
        assert.match(error.message, SAYS_WHY, name);
        nothingSent(name);
      }
    });
  }

  it('a project ID: as the APIs are given it, in the setting, from the credentials, or answered by IAM', async () => {
    for (const project of UNUSABLE) {
      const { networks, addressGroups } = apis(project);
      assert.equal((await refusal(addressGroups.listPage(), `groups of project ${project}`)).kind, 'invalidRequest');
      assert.equal((await refusal(networks.get('net-1'), `a network of project ${project}`)).kind, 'invalidRequest');
      nothingSent(`project ${JSON.stringify(project)}`);
    }
    const environment = (env: Record<string, string>) => ({
      secret: async () => undefined,
      env: { HUAWEICLOUD_SDK_AK: TEST_KEY.accessKeyId, HUAWEICLOUD_SDK_SK: TEST_KEY.secretAccessKey, ...env },
      homedir: '/nonexistent',
      readFile: async () => {
        throw Object.assign(new Error('no'), { code: 'ENOENT' });
      },
    });
    const open = (projectId: string, env: Record<string, string> = {}, region = 'cn-north-4') =>
      openConnection(
        {
          region,
          projectId,
          credentialSource: 'environment',
          endpoints: { iam: cloud.url, vpc: cloud.url, modelarts: cloud.url },
        },
        {
          credentialEnvironment: environment(env),
          projectIds: new ProjectIdCache(),
          http: { retry: { maxAttempts: 1, maxElapsedMs: 0, baseDelayMs: 0, maxDelayMs: 0 } },
        },
      );
    for (const project of ['..', '.']) {
      assert.equal((await refusal(open(project), `setting ${project}`)).kind, 'configuration');
      assert.equal(
        (await refusal(open('', { HUAWEICLOUD_SDK_PROJECT_ID: project }), `credentials ${project}`)).kind,
        'configuration',
      );
      assert.equal((await refusal(open('', {}, project), `region ${project}`)).kind, 'configuration');
      nothingSent(`project or region ${project}`);
      cloud.handle(() => ({ status: 200, body: { projects: [{ id: project, name: 'cn-north-4' }] } }));
      assert.equal((await refusal(open(''), `IAM answering ${project}`)).kind, 'unexpected');
      assert.deepEqual(
        cloud.calls.map((call) => call.path),
        ['/v3/projects'],
        'only the IAM lookup was sent',
      );
      cloud.calls.length = 0;
    }
  });

  describe('in a list answer', () => {
    const groupsAnswer = (id: string) => ({
      status: 200,
      body: {
        address_groups: [...sampleAddressGroups(1), { id, name: 'odd', ip_version: 4 }],
        page_info: { current_count: 2 },
      },
    });
    const networksAnswer = (name: string) => ({
      status: 200,
      body: {
        kind: 'NetworkList',
        items: [...sampleNetworks(1, PROJECT), { metadata: { name }, spec: { cidr: '192.168.0.0/16' } }],
      },
    });

    for (const id of UNUSABLE) {
      it(`an item whose ID is ${JSON.stringify(id)}: the whole list refused by name, or one malformed entry where a person browses`, async () => {
        const { networks, addressGroups } = apis();
        cloud.handle(() => groupsAnswer(id));
        const listed = await refusal(addressGroups.listPage(), 'groups.listPage');
        assert.equal(listed.kind, 'unexpected');
        assert.match(
          listed.message,
          new RegExp(
            `address_groups\\[1\\] is not an address group: its id ${JSON.stringify(id).replace(/\./g, '\\.')} (is a step of a URL path|is empty)`,
          ),
        );
        const log: string[] = [];
        const page = await pagesOf('addressGroup', { networks, addressGroups }, (line) => log.push(line))(
          undefined,
          { filter: undefined, workspaceId: undefined, limit: 5 },
          new AbortController().signal,
        );
        assert.deepEqual(
          page.entries.map((entry) => entry.ok),
          [true, false],
        );
        const [, odd] = page.entries;
        assert.ok(odd && !odd.ok);
        assert.match(odd.problem, /^not an address group: its id "\.{0,2}" (is a step of a URL path|is empty)/);
        assert.deepEqual(log, [
          `The server's list of address groups held an item (2 of its page) that is ${odd.problem} — shown as malformed, and nothing is sent for it`,
        ]);

        cloud.handle(() => networksAnswer(id));
        assert.match(
          (await refusal(networks.listPage(), 'networks.listPage')).message,
          /items\[1\] is not a network: its metadata\.name "\.{0,2}" (is a step|is empty)/,
        );
        const networkPage = await pagesOf('network', { networks, addressGroups })(
          undefined,
          { filter: undefined, workspaceId: undefined, limit: 5 },
          new AbortController().signal,
        );
        assert.deepEqual(
          networkPage.entries.map((entry) => entry.ok),
          [true, false],
        );
        assert.deepEqual(
          cloud.calls.map((call) => call.path),
          [
            `/v3/${PROJECT}/vpc/address-groups`,
            `/v3/${PROJECT}/vpc/address-groups`,
            `/v1/${PROJECT}/networks`,
            `/v1/${PROJECT}/networks`,
          ],
          'only the lists were sent',
        );
      });
    }

    it('in the explorer, such an item is a malformed node: refreshing it lists again and GETs nothing by its ID', async () => {
      cloud.handle(() => groupsAnswer('..'));
      const { networks, addressGroups } = apis();
      const model = new ExplorerModel({
        open: async () =>
          explorerConnectionFor({
            region: 'cn-north-4',
            projectId: PROJECT,
            projectIdOrigin: 'setting',
            credentials: { source: 'environment', origin: 'test', name: 'AK TEST…' },
            endpoints: { modelarts: cloud.url, vpc: cloud.url, iam: cloud.url },
            identity: 'test-connection',
            networks,
            addressGroups,
          }),
        pageSize: () => 25,
      });
      const [root] = await model.children();
      const [, groups] = (await model.children(root)) as ServiceNode[];
      assert.ok(groups);
      const children = await model.children(groups);
      assert.deepEqual(
        children.map((node) => look(node).contextValue),
        ['huaweicloud.addressGroup', 'huaweicloud.malformed'],
      );
      await model.refresh(children[1]);
      assert.ok(
        cloud.calls.every((call) => call.path === `/v3/${PROJECT}/vpc/address-groups`),
        cloud.calls.map((call) => call.path).join(', '),
      );
    });

    it('a single resource answered with such an ID is an unexpected answer, not a resource', async () => {
      const { networks, addressGroups } = apis();
      cloud.handle(() => ({ status: 200, body: { address_group: { id: '..', name: 'odd', ip_version: 4 } } }));
      assert.match(
        (await refusal(addressGroups.get('g-1'), 'groups.get')).message,
        /unexpected answer, its address_group is not one: its id "\.\." is a step of a URL path/,
      );
      cloud.handle(() => ({ status: 200, body: { metadata: { name: '.' }, spec: { cidr: '192.168.0.0/16' } } }));
      assert.match(
        (await refusal(networks.get('net-1'), 'networks.get')).message,
        /unexpected answer, the network in it is not one: its metadata\.name "\." is a step of a URL path/,
      );
    });
  });

  it('in a stored link: the link is none, and a link that is given anyway is refused unsent', async () => {
    const values = new Map<string, unknown>([
      [
        LINKS_STATE_KEY,
        {
          version: 1,
          links: UNUSABLE.map((id, i) => ({
            scope: '["cloud","cn-north-4","p"]',
            document: `file:///w/${i}.address-group.json`,
            kind: 'addressGroup',
            id,
            name: 'web',
          })),
        },
      ],
    ]);
    const memento: LinkMemento = {
      get: (key) => values.get(key),
      update: async (key, value) => {
        values.set(key, value);
      },
    };
    const store = new LinkStore(memento);
    for (let i = 0; i < UNUSABLE.length; i++) {
      assert.equal(
        store.get({ source: 'cloud', region: 'cn-north-4', projectId: 'p' }, `file:///w/${i}.address-group.json`),
        undefined,
      );
    }
    assert.deepEqual([...store.linkedDocuments()], []);
    for (const id of UNUSABLE) {
      const error = await refusal(
        findLive(apis(), { kind: 'addressGroup', name: 'web' }, { kind: 'addressGroup', id, name: 'web' }),
        `findLive ${id}`,
      );
      assert.equal(error.kind, 'invalidRequest');
    }
    nothingSent('a stored link');
  });

  it('in a saved operation of the tracker: not restored, never looked at', async () => {
    const timers: unknown[] = [];
    const clock: TrackerClock = {
      now: () => Date.now(),
      setTimeout: (callback) => timers.push(callback),
      clearTimeout: () => undefined,
    };
    const { addressGroups } = apis();
    const tracker = new Tracker({
      clock,
      timeoutMs: () => 60_000,
      fetch: async (op) => ({ resource: tagged('addressGroup', await addressGroups.get(op.resourceId)) }),
    });
    const saved = (resourceId: string) => ({
      id: `op-${resourceId}`,
      kind: 'observe',
      resourceKind: 'addressGroup',
      resourceId,
      name: 'web',
      connectionKey: 'k',
      phase: 'UPDATING',
      state: 'following',
      startedAt: Date.now(),
    });
    tracker.restore({ version: 1, operations: [...UNUSABLE.map(saved), saved('g-1')] });
    assert.deepEqual(
      tracker.operations().map((op) => op.resourceId),
      ['g-1'],
    );
    tracker.dispose();
    nothingSent('a saved operation');
  });

  it('in a document: a network named ".." is looked up by its derived ID, which carries the project and is no path step', async () => {
    cloud.handle((call) =>
      call.path.endsWith('/networks')
        ? { status: 200, body: { kind: 'NetworkList', items: [] } }
        : { status: 404, body: { error_code: 'ModelArts.50025001' } },
    );
    for (const name of ['..', '.']) {
      cloud.calls.length = 0;
      assert.deepEqual(await findLive(apis(), { kind: 'network', name }, undefined), {
        live: undefined,
        staleLink: false,
      });
      assert.equal(cloud.calls[0]?.path, `/v1/${PROJECT}/networks/${name}-${PROJECT}`);
    }
  });
});
