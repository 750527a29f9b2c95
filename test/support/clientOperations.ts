// Every call the client (src/core) makes, with valid arguments and a check of what it promises to return: for the
// tests that point it at servers that misbehave (hostile answers, redirects) and check that each call ends well.
import { type AddressGroup, type AddressGroupDocument, AddressGroupsApi } from '../../src/core/api/addressGroups';
import type { Connection } from '../../src/core/api/connection';
import { explorerConnectionFor } from '../../src/core/explorer/connection';
import { describe as look } from '../../src/core/explorer/describe';
import { ExplorerModel } from '../../src/core/explorer/model';
import type { ExplorerNode } from '../../src/core/explorer/nodes';
import type { HttpClient } from '../../src/core/cloud/http';
import { type Network, type NetworkDocument, NetworksApi } from '../../src/core/api/networks';
import { lookupProjectId } from '../../src/core/cloud/project';
import { WorkspacesApi } from '../../src/core/api/workspaces';

export interface ClientOperation {
  run(signal: AbortSignal): Promise<unknown>;
  /** What is wrong with a result, if anything. */
  check(result: unknown): string | undefined;
}

const isNetwork = (value: unknown): value is Network => {
  const network = value as Network | undefined;
  return (
    typeof network?.metadata?.name === 'string' &&
    network.metadata.name !== '' &&
    typeof network.spec?.cidr === 'string'
  );
};
const isGroup = (value: unknown): value is AddressGroup => {
  const group = value as AddressGroup | undefined;
  return (
    typeof group?.id === 'string' &&
    group.id !== '' &&
    typeof group.name === 'string' &&
    (group.ip_version === 4 || group.ip_version === 6)
  );
};
const shape = (ok: boolean, what: string) => (ok ? undefined : `not ${what}`);

/** The first `max` items of an async generator. */
async function first<T>(items: AsyncGenerator<T>, max: number): Promise<T[]> {
  const taken: T[] = [];
  for await (const item of items) {
    taken.push(item);
    if (taken.length >= max) break;
  }
  return taken;
}

/**
 * Opens every node of the explorer — each list, each "Load more…" once, each resource's details — describing each
 * as the view would; returns how many nodes there were. Nothing may throw: failures are error nodes.
 */
async function walkExplorer(networks: NetworksApi, groups: AddressGroupsApi, projectId: string): Promise<number> {
  const connection = {
    credentials: { source: 'environment', origin: 'a test', name: 'AK TEST…' },
    region: 'cn-north-4',
    projectId,
    projectIdOrigin: 'setting',
    networks,
    addressGroups: groups,
  } as unknown as Connection;
  const model = new ExplorerModel({ open: async () => explorerConnectionFor(connection), pageSize: () => 5 });
  let seen = 0;
  const walk = async (node: ExplorerNode | undefined): Promise<void> => {
    for (const child of await model.children(node)) {
      if (++seen > 500) return;
      look(child);
      if (child.kind === 'loadMore') await model.loadMore(child);
      else await walk(child);
    }
  };
  await walk(undefined);
  return seen;
}

/** Every API call against one server (all three services at `url`); lost creates are looked for only briefly. */
export function clientOperations(url: string, client: HttpClient, projectId: string): Record<string, ClientOperation> {
  const search = { lostCreateSearch: { windowMs: 30, firstDelayMs: 5, maxDelayMs: 10 } };
  const networks = new NetworksApi(client, url, projectId, search);
  const groups = new AddressGroupsApi(client, url, projectId, search);
  const workspaces = new WorkspacesApi(client, url, projectId);
  const networkId = `net-1-${projectId}`;
  const groupId = '00000000-0000-4000-8000-000000000001';
  const networkDocument: NetworkDocument = {
    apiVersion: 'v1',
    kind: 'Network',
    metadata: { labels: { 'os.modelarts/name': 'net-1', 'os.modelarts/workspace.id': '0' } },
    spec: { cidr: '192.168.0.0/16' },
  };
  const groupDocument: AddressGroupDocument = {
    address_group: { name: 'group-1', ip_version: 4, ip_set: ['10.0.0.1'] },
  };
  const deletion = (result: unknown) =>
    shape(typeof (result as { alreadyGone: unknown }).alreadyGone === 'boolean', 'a deletion');
  return {
    'IAM project lookup': {
      run: (signal) => lookupProjectId(client, url, 'cn-north-4', { signal }),
      check: (id) => shape(typeof id === 'string' && /^[\w-]{1,64}$/.test(id), 'a project ID'),
    },
    'networks.listPage': {
      run: (signal) => networks.listPage({ limit: 10 }, { signal }),
      check: (page) => shape((page as { items: unknown[] }).items.every(isNetwork), 'a page of networks'),
    },
    'networks.browsePage': {
      run: (signal) => networks.browsePage({ limit: 10 }, { signal }),
      check: (page) => shape(Array.isArray((page as { entries: unknown[] }).entries), 'a page of entries'),
    },
    'networks.get': {
      run: (signal) => networks.get(networkId, { signal }),
      check: (network) => shape(isNetwork(network), 'a network'),
    },
    'networks.findByDisplayName': {
      run: (signal) => networks.findByDisplayName('net-1', { signal }),
      check: (network) => shape(network === undefined || isNetwork(network), 'a network or nothing'),
    },
    'networks.create': {
      run: (signal) => networks.create(networkDocument, { signal }),
      check: (result) => shape(isNetwork((result as { resource: unknown }).resource), 'a created network'),
    },
    'networks.update': {
      run: async (signal) => (await networks.update(networkId, { spec: { ipv6enable: true } }, { signal })).resource,
      check: (network) => shape(isNetwork(network), 'a network'),
    },
    'networks.delete': { run: (signal) => networks.delete(networkId, { signal }), check: deletion },
    'networks.listAll': {
      run: (signal) => first(networks.listAll({}, { signal }, 5), 50),
      check: (items) => shape((items as unknown[]).every(isNetwork), 'networks'),
    },
    'addressGroups.listPage': {
      run: (signal) => groups.listPage({ limit: 10 }, { signal }),
      check: (page) =>
        shape((page as { addressGroups: unknown[] }).addressGroups.every(isGroup), 'a page of address groups'),
    },
    'addressGroups.browsePage': {
      run: (signal) => groups.browsePage({ limit: 10, name: ['group-1'] }, { signal }),
      check: (page) => shape(Array.isArray((page as { entries: unknown[] }).entries), 'a page of entries'),
    },
    'addressGroups.get': {
      run: (signal) => groups.get(groupId, { signal }),
      check: (group) => shape(isGroup(group), 'an address group'),
    },
    'addressGroups.groupsNamed': {
      run: (signal) => groups.groupsNamed('group-1', { signal }),
      check: (found) =>
        shape(
          (found as unknown[]).every((group) => isGroup(group) && group.name === 'group-1'),
          'groups of that name',
        ),
    },
    'addressGroups.create': {
      run: (signal) => groups.create(groupDocument, { signal }),
      check: (result) => shape(isGroup((result as { resource: unknown }).resource), 'a created group'),
    },
    'addressGroups.dryRun': {
      run: (signal) => groups.dryRun(groupDocument, { signal }),
      check: (result) => shape((result as { checkedOnly: unknown }).checkedOnly === true, 'a dry run'),
    },
    'addressGroups.update': {
      run: async (signal) => (await groups.update(groupId, { description: 'd' }, { signal })).resource,
      check: (group) => shape(isGroup(group), 'an address group'),
    },
    'addressGroups.delete': { run: (signal) => groups.delete(groupId, { signal }), check: deletion },
    'addressGroups.forceDelete': { run: (signal) => groups.forceDelete(groupId, { signal }), check: deletion },
    'addressGroups.dependencies': {
      run: (signal) => groups.dependencies([groupId], { signal }),
      check: (found) => shape(Array.isArray(found), 'a list of dependencies'),
    },
    'addressGroups.listAll': {
      run: (signal) => first(groups.listAll({}, { signal }), 50),
      check: (items) => shape((items as unknown[]).every(isGroup), 'address groups'),
    },
    'workspaces.listAll': {
      run: (signal) => workspaces.listAll({ sortBy: 'name', order: 'asc' }, { signal }, { pageSize: 10 }),
      check: (list) =>
        shape(
          (list as { workspaces: unknown[] }).workspaces.every(
            (w) => typeof (w as { id?: unknown }).id === 'string' && typeof (w as { name?: unknown }).name === 'string',
          ),
          'a list of workspaces',
        ),
    },
    'the explorer, its whole tree': {
      run: () => walkExplorer(networks, groups, projectId),
      check: (count) => shape(typeof count === 'number' && count >= 3, 'a walked tree'),
    },
  };
}
