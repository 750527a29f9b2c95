// The explorer's core model in plain Node: paging per group, Load more, filters (and their client-side re-check),
// the workspace, ids that survive a refresh, error nodes, pinned new resources, updates, and how every node looks.
import * as assert from 'node:assert/strict';
import { describe as suite, it } from 'node:test';
import { HuaweiCloudError } from '../../../../src/core/cloud/errors';
import { describe } from '../../../../src/core/explorer/describe';
import { type FetchPage, groupKey, ResourceGroup } from '../../../../src/core/explorer/group';
import { ExplorerModel } from '../../../../src/core/explorer/model';
import type { NameFilter } from '../../../../src/core/explorer/nameFilter';
import {
  type ConnectionNode,
  type DetailNode,
  type ErrorNode,
  ExplorerCommand,
  type ExplorerNode,
  ids,
  type LoadMoreNode,
  type MessageNode,
  type ResourceNode,
  type ServiceNode,
} from '../../../../src/core/explorer/nodes';
import { WORKSPACE_LABEL } from '../../../../src/core/api/networks';
import { WORKSPACE_LABEL as EXPLORER_WORKSPACE_LABEL } from '../../../../src/core/explorer/resources';
import { consoleWord } from '../../../../src/core/display';
import { Command } from '../../../../src/vscode/commandIds';
import {
  addressGroup,
  deferred,
  type FakeConnection,
  fakeConnection,
  network,
  PROJECT,
  settle,
} from '../../../support/explorerFakes';
import { type Kind, KINDS, tagged } from '../../../../src/core/kinds';

const CONNECTION_ID = `environment/cn-north-4/${PROJECT}`;

function setup(
  options: {
    connection?: FakeConnection | undefined;
    pageSize?: number;
    open?: () => Promise<FakeConnection | undefined>;
  } = {},
) {
  const connection =
    'connection' in options
      ? options.connection
      : fakeConnection({
          network: Array.from({ length: 7 }, (_, i) => network(`net-${i}`)),
          addressGroup: Array.from({ length: 12 }, (_, i) => addressGroup(i)),
        });
  let opens = 0;
  const model = new ExplorerModel({
    open:
      options.open ??
      (async () => {
        opens++;
        return connection;
      }),
    pageSize: () => options.pageSize ?? 5,
  });
  const events: (readonly ExplorerNode[] | undefined)[] = [];
  model.onDidChange((nodes) => events.push(nodes));
  return { model, connection: connection as FakeConnection, events, opens: () => opens };
}

async function services(model: ExplorerModel): Promise<Record<Kind, ServiceNode>> {
  const [root] = await model.children();
  assert.equal(root?.kind, 'connection');
  const [networks, groups] = await model.children(root);
  assert.equal(networks?.kind, 'service');
  assert.equal(groups?.kind, 'service');
  return { network: networks as ServiceNode, addressGroup: groups as ServiceNode };
}

const labels = (nodes: ExplorerNode[]) => nodes.map((node) => describe(node).label);

suite('explorer model: the tree', () => {
  it('has no roots when nothing is configured (the welcome content shows), and opens nothing else', async () => {
    const { model } = setup({ connection: undefined });
    assert.deepEqual(await model.children(), []);
  });

  it('shows the connection, then "ModelArts Networks" and "VPC Address Groups", with ids built from keys', async () => {
    const { model, connection } = setup();
    const roots = await model.children();
    assert.equal(roots.length, 1);
    const root = roots[0] as ConnectionNode;
    assert.equal(root.id, CONNECTION_ID);
    assert.deepEqual(describe(root), {
      label: 'AK HPUA…',
      description: 'cn-north-4',
      iconId: 'cloud',
      iconColor: undefined,
      contextValue: 'huaweicloud.connection',
      tooltip: `**AK HPUA…** · cn\\-north\\-4  \nCredentials from: the environment  \nProject: ${PROJECT} \\(from IAM\\)`,
      collapsible: 'expanded',
    });
    const children = await model.children(root);
    assert.deepEqual(
      children.map((node) => node.id),
      [`${CONNECTION_ID}/networks`, `${CONNECTION_ID}/addressGroups`],
    );
    assert.deepEqual(labels(children), ['ModelArts Networks', 'VPC Address Groups']);
    assert.equal(connection.calls.length, 0, 'a list was fetched before a group was expanded');
  });

  it('names the local emulator as such', async () => {
    const { model } = setup({ connection: fakeConnection({}, 'emulator') });
    const [root] = await model.children();
    assert.equal(describe(root as ExplorerNode).label, 'Local emulator');
    assert.equal(describe(root as ExplorerNode).description, 'cn-north-4');
    assert.equal(describe(root as ExplorerNode).iconId, 'vm');
    assert.equal(root?.id, `emulator/cn-north-4/${PROJECT}`);
  });

  it('escapes keys in ids, so that no server value collides with ~more or ~error or adds a path segment', () => {
    assert.equal(ids.resource('c/networks', 'a/b'), 'c/networks/a%2Fb');
    assert.equal(ids.resource('c/networks', '~more'), 'c/networks/%7Emore');
    assert.notEqual(ids.resource('c/networks', '~more'), ids.loadMore('c/networks'));
    assert.notEqual(ids.resource('c/networks', '~error'), ids.error('c/networks'));
  });

  it('walks up with parent(): detail → resource → group → connection → none (what reveal needs)', async () => {
    const { model } = setup();
    const { addressGroup: service } = await services(model);
    const [group] = await model.children(service);
    const details = await model.children(group);
    const entries = details.find((node) => describe(node).label === 'Entries') as DetailNode;
    const [entry] = await model.children(entries);
    assert.ok(entry);
    const chain: string[] = [];
    for (let node: ExplorerNode | undefined = entry; node; node = model.parent(node)) chain.push(node.kind);
    assert.deepEqual(chain, ['detail', 'detail', 'addressGroup', 'service', 'connection']);
  });

  it('batches changes: one event per turn, naming the nodes (not the whole tree)', async () => {
    const { model, events } = setup();
    const { network: networks, addressGroup: groups } = await services(model);
    await model.children(groups);
    await model.children(networks);
    events.length = 0;
    model.updateResource(tagged('addressGroup', addressGroup(1, { name: 'renamed' })));
    model.updateResource(tagged('addressGroup', addressGroup(2, { name: 'renamed too' })));
    model.setFilter('network', 'net-1');
    assert.equal(events.length, 0, 'fired synchronously');
    await settle();
    assert.equal(events.length, 1);
    assert.deepEqual(
      events[0]?.map((node) => node.id),
      [ids.resource(groups.id, addressGroup(1).id), ids.resource(groups.id, addressGroup(2).id), networks.id],
    );
  });
});

suite('explorer model: paging per group', () => {
  it('fetches nothing until a group is expanded, then exactly its first page, with a Load more… node', async () => {
    const { model, connection } = setup();
    const { addressGroup: groups } = await services(model);
    const children = await model.children(groups);
    assert.deepEqual(
      connection.calls.map((call) => [call.kind, call.cursor, call.query.limit]),
      [['addressGroup', undefined, 5]],
    );
    assert.deepEqual(labels(children), ['group-0', 'group-1', 'group-2', 'group-3', 'group-4', 'Load more…']);
    const more = children.at(-1) as LoadMoreNode;
    assert.equal(more.id, `${CONNECTION_ID}/addressGroups/~more`);
    assert.deepEqual(describe(more), {
      label: 'Load more…',
      description: '5 loaded',
      iconId: 'more',
      iconColor: undefined,
      contextValue: 'huaweicloud.loadMore',
      tooltip: 'Load the next page of this list',
      collapsible: 'none',
      commandId: 'huaweicloud.loadMore',
      commandArgs: [more],
    });
  });

  it('a second expand while the first page loads reuses that load', async () => {
    const { model, connection } = setup();
    const held = deferred<void>();
    connection.hook = async (_call, page) => {
      await held.promise;
      return page();
    };
    const { addressGroup: groups } = await services(model);
    const first = model.children(groups);
    const second = model.children(groups);
    held.resolve();
    const [a, b] = await Promise.all([first, second]);
    assert.equal(connection.calls.length, 1);
    assert.deepEqual(
      a.map((node) => node.id),
      b.map((node) => node.id),
    );
    // Asked again once loaded: from what is loaded, no request.
    await model.children(groups);
    assert.equal(connection.calls.length, 1);
  });

  it('Load more fetches the next page of that group only, shows "Loading…" meanwhile, and stops at the last page', async () => {
    const { model, connection, events } = setup();
    const { network: networks, addressGroup: groups } = await services(model);
    await model.children(networks);
    let children = await model.children(groups);
    const held = deferred<void>();
    connection.hook = async (_call, page) => {
      await held.promise;
      return page();
    };
    events.length = 0;
    const loading = model.loadMore(children.at(-1) as LoadMoreNode);
    await settle();
    const more = model.node(ids.loadMore(groups.id)) as LoadMoreNode;
    assert.equal(describe(more).label, 'Loading…');
    assert.equal(describe(more).commandId, undefined, 'a click while it loads would only repeat the load');
    assert.deepEqual(
      events.flat().map((node) => node?.id),
      [more.id],
    );
    // A second click while it loads: the same load.
    const again = model.loadMore(more);
    held.resolve();
    await Promise.all([loading, again]);
    connection.hook = undefined;
    await settle();
    assert.deepEqual(
      events.at(-1)?.map((node) => node.id),
      [groups.id],
    );
    assert.deepEqual(
      connection.calls.map((call) => [call.kind, call.cursor]),
      [
        ['network', undefined],
        ['addressGroup', undefined],
        ['addressGroup', '5'],
      ],
    );
    children = await model.children(groups);
    assert.equal(children.length, 11);
    assert.equal(describe(children.at(-1) as ExplorerNode).description, '10 loaded');
    await model.loadMore(children.at(-1) as LoadMoreNode);
    children = await model.children(groups);
    assert.deepEqual(
      labels(children).slice(-2),
      ['group-10', 'group-11'],
      'the last page ends the list: no Load more…',
    );
    assert.equal(
      connection.calls.filter((call) => call.kind === 'network').length,
      1,
      'the other group was fetched again',
    );
  });

  it('shows a resource that a shifted list repeats on the next page once', async () => {
    const { model, connection } = setup();
    connection.hook = (call, page) => {
      const result = page();
      // The second page starts one item early, as a list does when something before it was deleted.
      return call.cursor === '5'
        ? {
            ...result,
            entries: [{ ok: true, resource: addressGroup(4, { name: 'group-4 (newer)' }) }, ...result.entries],
          }
        : result;
    };
    const { addressGroup: groups } = await services(model);
    const first = await model.children(groups);
    await model.loadMore(first.at(-1) as LoadMoreNode);
    const children = await model.children(groups);
    const names = labels(children);
    assert.equal(names.filter((name) => name.startsWith('group-4')).length, 1);
    assert.equal(names[4], 'group-4 (newer)');
    assert.equal(new Set(children.map((node) => node.id)).size, children.length, 'ids repeat');
  });

  it('stops, with an error node, when the server hands out the same cursor twice', async () => {
    const { model, connection } = setup();
    connection.hook = (_call, page) => ({ ...page(), cursor: 'same' });
    const { addressGroup: groups } = await services(model);
    const first = await model.children(groups);
    await model.loadMore(first.at(-1) as LoadMoreNode);
    const children = await model.children(groups);
    const error = children.at(-1) as ErrorNode;
    assert.equal(error.kind, 'error');
    assert.match(error.message, /same page cursor twice/);
    assert.equal(connection.calls.length, 2);
  });

  it('reads the page size at each page', async () => {
    let size = 3;
    const connection = fakeConnection({ addressGroup: Array.from({ length: 10 }, (_, i) => addressGroup(i)) });
    const model = new ExplorerModel({ open: async () => connection, pageSize: () => size });
    const { addressGroup: groups } = await services(model);
    const first = await model.children(groups);
    size = 4;
    await model.loadMore(first.at(-1) as LoadMoreNode);
    assert.deepEqual(
      connection.calls.map((call) => call.query.limit),
      [3, 4],
    );
  });

  it('says when a list is empty', async () => {
    const { model } = setup({ connection: fakeConnection() });
    const { network: networks, addressGroup: groups } = await services(model);
    assert.deepEqual(labels(await model.children(groups)), ['No address groups', 'New Address Group Document']);
    assert.deepEqual(labels(await model.children(networks)), ['No networks (workspace 0)', 'New Network Document']);
    const [, newGroupDocument] = await model.children(groups);
    const [, newNetworkDocument] = await model.children(networks);
    assert.deepEqual(
      [describe(newGroupDocument as ExplorerNode).commandId, describe(newGroupDocument as ExplorerNode).iconId],
      [Command.newAddressGroupDocument, 'new-file'],
    );
    assert.deepEqual(
      [
        describe(newNetworkDocument as ExplorerNode).commandId,
        describe(newNetworkDocument as ExplorerNode).commandArgs,
      ],
      [Command.newNetworkDocument, []],
    );
  });
});

suite('explorer: ResourceGroup', () => {
  function group(pages: string[][], options: { hold?: Promise<void> } = {}) {
    const calls: (string | undefined)[] = [];
    const fetchPage: FetchPage<{ id: string }> = async (cursor) => {
      calls.push(cursor);
      if (options.hold) await options.hold;
      const index = cursor === undefined ? 0 : Number(cursor);
      const next = index + 1 < pages.length ? String(index + 1) : undefined;
      return { entries: (pages[index] ?? []).map((id) => ({ ok: true as const, resource: { id } })), cursor: next };
    };
    const resources = new ResourceGroup<{ id: string }>({
      filter: undefined,
      workspaceId: undefined,
      fetchPage,
      limit: () => 2,
      idOf: (item) => item.id,
      matches: () => true,
    });
    return { resources, calls };
  }

  it('loads its first page once, hands out the load in flight, and loads nothing more unless asked', async () => {
    const held = deferred<void>();
    const { resources, calls } = group([['a', 'b'], ['c']], { hold: held.promise });
    const first = resources.loadFirst();
    assert.equal(resources.loadFirst(), first);
    assert.equal(resources.loadMore(), first, 'Load more while the first page loads is that load');
    held.resolve();
    await first;
    await resources.loadFirst();
    assert.deepEqual(calls, [undefined]);
    assert.deepEqual(
      resources.entries.map((entry) => entry.ok && entry.resource.id),
      ['a', 'b'],
    );
    assert.equal(resources.hasMore, true);
    await resources.loadMore();
    await resources.loadMore();
    assert.deepEqual(calls, [undefined, '1']);
    assert.equal(resources.hasMore, false);
  });

  it('a fetch that throws at once is a failure of the page, not of the caller', async () => {
    const resources = new ResourceGroup<{ id: string }>({
      filter: undefined,
      workspaceId: undefined,
      limit: () => 2,
      idOf: (item) => item.id,
      matches: () => true,
      fetchPage: () => {
        throw new Error('cannot build the request');
      },
    });
    await resources.loadFirst();
    assert.match(String(resources.error), /cannot build the request/);
  });

  it('drops what an aborted load brings back', async () => {
    const held = deferred<void>();
    const { resources } = group([['a']], { hold: held.promise });
    const load = resources.loadFirst();
    resources.abort();
    held.resolve();
    await load;
    assert.deepEqual(resources.entries, []);
  });

  it('replaces and removes by ID, keeping positions right', async () => {
    const { resources } = group([['a', 'b', 'c']]);
    await resources.loadFirst();
    assert.equal(resources.remove('a'), true);
    assert.equal(resources.replace('c', { id: 'c' }), true);
    assert.equal(resources.replace('a', { id: 'a' }), false);
    assert.equal(resources.has('c'), true);
    assert.equal(resources.remove('c'), true);
    assert.deepEqual(
      resources.entries.map((entry) => entry.ok && entry.resource.id),
      ['b'],
    );
  });

  it('keys a group by kind, workspace and filter', () => {
    assert.notEqual(groupKey('network', '0', undefined), groupKey('network', '0', 'x'));
    assert.notEqual(groupKey('network', '0', undefined), groupKey('network', '1', undefined));
    assert.notEqual(groupKey('network', undefined, 'a'), groupKey('addressGroup', undefined, 'a'));
  });
});

suite('explorer model: filter and workspace', () => {
  it('filters by exact name on the server, says so with a filter icon and a first row, and clears back to the loaded list', async () => {
    const { model, connection } = setup();
    const { addressGroup: groups } = await services(model);
    await model.children(groups);
    model.setFilter('addressGroup', 'group-7');
    await settle();
    assert.deepEqual(
      [describe(groups).label, describe(groups).description, describe(groups).iconId],
      ['VPC Address Groups', undefined, 'filter'],
    );
    assert.match(describe(groups).tooltip ?? '', /Filtered: name is "group\\-7"/);
    assert.equal(describe(groups).contextValue, 'huaweicloud.service.addressGroups.filtered');
    const filtered = await model.children(groups);
    assert.deepEqual(labels(filtered), ['Name is "group-7"', 'group-7']);
    assert.deepEqual(
      [describe(filtered[0] as ExplorerNode).iconId, describe(filtered[0] as ExplorerNode).commandId],
      ['filter', Command.filter],
    );
    assert.equal(connection.calls.at(-1)?.query.filter, 'group-7');
    model.setFilter('addressGroup', undefined);
    assert.equal(describe(groups).iconId, 'list-unordered');
    assert.equal(describe(groups).contextValue, 'huaweicloud.service.addressGroups');
    assert.equal((await model.children(groups)).length, 6);
    // The filter is part of the group's key: the unfiltered list was kept, not fetched again.
    assert.equal(connection.calls.length, 2);
  });

  it('checks what the server returned against the filter: items of other names are not shown, and that is said', async () => {
    const { model, connection } = setup();
    connection.honourFilter = false;
    const { addressGroup: groups } = await services(model);
    model.setFilter('addressGroup', 'group-2');
    const children = await model.children(groups);
    assert.deepEqual(labels(children).slice(0, 2), ['Name is "group-2"', 'group-2']);
    const dropped = children.find((node) => node.kind === 'message' && node.id.endsWith('dropped')) as MessageNode;
    assert.equal(dropped.text, '4 more the server returned are not shown');
    assert.match(describe(dropped).tooltip ?? '', /do not match name is "group\\-2"/);
  });

  it('checks networks against the name label and the workspace', async () => {
    const connection = fakeConnection({
      network: [network('alpha'), network('beta'), network('alpha', { workspace: 'ws1', cidr: '172.16.0.0/16' })],
    });
    connection.honourFilter = false;
    const { model } = setup({ connection });
    const { network: networks } = await services(model);
    model.setFilter('network', 'alpha');
    const children = await model.children(networks);
    assert.deepEqual(
      children
        .filter((node) => node.kind === 'network')
        .map((node) => (node as ResourceNode<'network'> & { malformed: false }).resource.spec.cidr),
      ['192.168.0.0/16'],
    );
    assert.deepEqual([describe(networks).description, describe(networks).iconId], ['workspace 0', 'filter']);
  });

  it('refuses names the servers cannot filter by, before anything is sent', () => {
    const { model } = setup();
    assert.throws(() => model.setFilter('network', 'a,b=c'), /letters, digits/);
    assert.throws(() => model.setFilter('network', ''), /Enter the network name/);
    assert.throws(() => model.setFilter('addressGroup', 'has space'), /1-64 letters/);
    assert.throws(() => model.setFilter('addressGroup', 'x'.repeat(65)), /1-64 letters/);
    model.setFilter('addressGroup', 'AutoTester746010.580123789');
    assert.deepEqual(model.query('addressGroup').filter, { text: 'AutoTester746010.580123789', match: 'exact' });
    assert.throws(
      () => model.setFilter('addressGroup', { text: 'two words', match: 'contains' }),
      /no name contains this/,
    );
  });

  it('lists workspace 0 by default, shows it, and lists another workspace when picked', async () => {
    const connection = fakeConnection({ network: [network('in-zero'), network('in-other', { workspace: 'c0ffee' })] });
    const { model } = setup({ connection });
    const { network: networks } = await services(model);
    assert.equal(describe(networks).description, 'workspace 0');
    assert.deepEqual(labels(await model.children(networks)), ['in-zero']);
    assert.equal(connection.calls[0]?.query.workspaceId, '0');
    model.setWorkspace('c0ffee');
    assert.equal(describe(networks).description, 'workspace c0ffee');
    assert.deepEqual(labels(await model.children(networks)), ['in-other']);
    assert.equal(connection.calls[1]?.query.workspaceId, 'c0ffee');
    assert.throws(() => model.setWorkspace('a b'), /workspace ID/);
    assert.throws(() => model.setWorkspace(''), /workspace ID/);
  });

  it('answers for the current filter when it changes while a page loads', async () => {
    const { model, connection } = setup();
    const held = deferred<void>();
    connection.hook = async (call, page) => {
      if (call.query.filter === undefined) await held.promise;
      return page();
    };
    const { addressGroup: groups } = await services(model);
    const pending = model.children(groups);
    model.setFilter('addressGroup', 'group-3');
    held.resolve();
    assert.deepEqual(labels(await pending), ['Name is "group-3"', 'group-3']);
  });
});

suite('explorer model: refresh, ids and identity', () => {
  it('keeps every id — and the node objects VS Code holds — across a refresh of the whole tree', async () => {
    const { model, connection } = setup();
    const collect = async (node?: ExplorerNode, out: ExplorerNode[] = []): Promise<ExplorerNode[]> => {
      for (const child of await model.children(node)) {
        out.push(child);
        if (child.kind !== 'loadMore' && describe(child).collapsible !== 'none') await collect(child, out);
      }
      return out;
    };
    const before = await collect();
    assert.ok(before.length > 40);
    await model.refresh();
    await settle();
    const after = await collect();
    assert.deepEqual(
      after.map((node) => node.id),
      before.map((node) => node.id),
    );
    after.forEach((node, i) => assert.equal(node, before[i], `${node.id} is a new object`));
    assert.equal(connection.calls.length, 4, 'each group fetched its first page once more');
  });

  it('answers a group asked for right after a refresh of the whole tree (before the roots) from the connection opened again', async () => {
    const { model, opens } = setup();
    const { addressGroup: groups } = await services(model);
    await model.children(groups);
    await model.refresh();
    assert.equal((await model.children(groups)).length, 6);
    assert.equal(opens(), 2);
  });

  it('gives nothing under a group of a connection the tree no longer shows', async () => {
    const first = fakeConnection({ addressGroup: [addressGroup(1)] });
    const second = fakeConnection({ addressGroup: [addressGroup(2)] }, 'emulator');
    let current = first;
    const model = new ExplorerModel({ open: async () => current, pageSize: () => 5 });
    const { addressGroup: stale } = await services(model);
    current = second;
    model.reset();
    await services(model);
    assert.deepEqual(await model.children(stale), []);
    assert.deepEqual(second.calls, []);
  });

  it('refreshes one group: every filter of that kind is listed again, the other group not', async () => {
    const { model, connection, events } = setup();
    const { network: networks, addressGroup: groups } = await services(model);
    await model.children(networks);
    await model.children(groups);
    events.length = 0;
    await model.refresh(groups);
    await settle();
    assert.deepEqual(events, [[groups]]);
    await model.children(groups);
    await model.children(networks);
    assert.deepEqual(
      connection.calls.map((call) => call.kind),
      ['network', 'addressGroup', 'addressGroup'],
    );
  });

  it('refreshes one resource by a GET of its ID: updated in place, or gone when the server says 404', async () => {
    const { model, connection, events } = setup();
    const { addressGroup: groups } = await services(model);
    const [first, second] = (await model.children(groups)) as ResourceNode<'addressGroup'>[];
    connection.data.addressGroup[0] = addressGroup(0, { name: 'changed', status: 'UPDATING' });
    connection.data.addressGroup.splice(1, 1);
    events.length = 0;
    await model.refresh(first);
    await settle();
    assert.deepEqual(events, [[first]]);
    assert.equal(describe(first as ExplorerNode).label, 'changed');
    await model.refresh(second);
    await settle();
    assert.deepEqual(events.at(-1), [groups]);
    assert.ok(!labels(await model.children(groups)).includes('group-1'));
    assert.deepEqual(
      connection.gets.map((get) => get.id),
      [addressGroup(0).id, addressGroup(1).id],
    );
  });

  it('starts over when the connection changes: lists, filters, workspace and pinned resources go', async () => {
    const { model, connection, events, opens } = setup();
    const { network: networks } = await services(model);
    await model.children(networks);
    model.setFilter('network', 'net-1');
    model.setWorkspace('ws');
    model.showResource(tagged('addressGroup', addressGroup(99)));
    events.length = 0;
    model.reset();
    await settle();
    assert.deepEqual(events, [undefined]);
    assert.deepEqual(model.query('network'), { filter: undefined, workspaceId: '0' });
    const fresh = await services(model);
    assert.equal(opens(), 2);
    assert.ok(!labels(await model.children(fresh.addressGroup)).includes('group-99'));
    assert.equal(connection.calls.at(-1)?.query.workspaceId, undefined);
  });

  it('drops what a load in flight brings back after a reset', async () => {
    const { model, connection } = setup();
    const held = deferred<void>();
    connection.hook = async (_call, page) => {
      await held.promise;
      return page();
    };
    const { addressGroup: groups } = await services(model);
    const pending = model.children(groups);
    model.reset();
    connection.hook = undefined;
    held.resolve();
    // The stale request answers for the tree as it is now (VS Code asks again from the root anyway).
    assert.deepEqual(await pending, []);
    assert.equal(model.nodeFor('addressGroup', addressGroup(0).id), undefined);
  });
});

suite('explorer model: errors', () => {
  const unauthorized = () =>
    new HuaweiCloudError("APIGW.0301: the signature was rejected — check the SK and the machine's clock", {
      kind: 'http',
      status: 401,
      code: 'APIGW.0301',
      serverMessage: 'Incorrect IAM authentication information',
      requestId: 'req-401',
      method: 'GET',
      url: 'https://vpc.example/v3/p/vpc/address-groups',
    });

  it('turns a failed page into an error node with the message, the request id, Retry and Configure Credentials on a 401', async () => {
    const { model, connection } = setup();
    connection.hook = () => Promise.reject(unauthorized());
    const { addressGroup: groups } = await services(model);
    const [error] = (await model.children(groups)) as ErrorNode[];
    assert.ok(error);
    assert.equal(error.id, `${CONNECTION_ID}/addressGroups/~error`);
    const look = describe(error);
    assert.equal(look.label, 'Could not list the address groups');
    assert.equal(look.description, "APIGW.0301: the signature was rejected — check the SK and the machine's clock");
    assert.equal(look.iconId, 'error');
    assert.equal(look.contextValue, 'huaweicloud.error');
    assert.equal(look.collapsible, 'expanded');
    assert.match(look.tooltip ?? '', /Request ID: req\\-401/);
    const children = (await model.children(error)) as MessageNode[];
    assert.deepEqual(
      children.map((child) => [child.text, child.description, child.commandId]),
      [
        ['Request ID', 'req-401', undefined],
        ['Retry', undefined, 'huaweicloud.refresh'],
        ['Configure Credentials', undefined, 'huaweicloud.configureCredentials'],
      ],
    );
    assert.deepEqual(describe(children[1] as ExplorerNode).commandArgs, [error]);
  });

  it('offers no Configure Credentials for a server error, and never retries by itself', async () => {
    const { model, connection } = setup();
    connection.hook = () =>
      Promise.reject(new HuaweiCloudError('HTTP 503: the service is unavailable', { kind: 'http', status: 503 }));
    const { addressGroup: groups } = await services(model);
    const [error] = (await model.children(groups)) as ErrorNode[];
    assert.deepEqual(
      (await model.children(error)).map((child) => describe(child).label),
      ['Retry'],
    );
    // Collapsed and expanded again: the same error, no request (a 401 repeated five times locks the key).
    await model.children(groups);
    assert.equal(connection.calls.length, 1);
    connection.hook = undefined;
    await model.refresh(error);
    assert.equal(labels(await model.children(groups)).length, 6);
    assert.equal(connection.calls.length, 2);
  });

  it('keeps the loaded items when Load more fails, and retries only that page', async () => {
    const { model, connection } = setup();
    const { addressGroup: groups } = await services(model);
    const first = await model.children(groups);
    connection.hook = () => Promise.reject(new HuaweiCloudError('network error', { kind: 'connection' }));
    await model.loadMore(first.at(-1) as LoadMoreNode);
    const failed = await model.children(groups);
    assert.deepEqual(
      failed.map((node) => node.kind),
      ['addressGroup', 'addressGroup', 'addressGroup', 'addressGroup', 'addressGroup', 'error'],
    );
    connection.hook = undefined;
    await model.refresh(failed.at(-1));
    assert.equal((await model.children(groups)).length, 11);
    assert.deepEqual(
      connection.calls.map((call) => call.cursor),
      [undefined, '5', '5'],
    );
  });

  it('shows a connection that cannot be opened as the root error node, and opens again on Retry', async () => {
    let fail = true;
    const connection = fakeConnection();
    const { model } = setup({
      open: async () => {
        if (fail) {
          throw new HuaweiCloudError('no Huawei Cloud credentials found', { kind: 'configuration', notSent: true });
        }
        return connection;
      },
    });
    const [error] = (await model.children()) as ErrorNode[];
    assert.equal(error?.id, '~error');
    assert.equal(describe(error as ExplorerNode).label, 'Could not connect to Huawei Cloud');
    assert.deepEqual(
      (await model.children(error)).map((child) => describe(child).label),
      ['Retry', 'Configure Credentials'],
    );
    fail = false;
    await model.refresh(error);
    const [root] = await model.children();
    assert.equal(root?.kind, 'connection');
  });

  it('lets the VS Code layer choose the actions of an error (trust)', async () => {
    const model = new ExplorerModel({
      open: async () => {
        throw new HuaweiCloudError('untrusted', { kind: 'configuration', notSent: true });
      },
      pageSize: () => 5,
      actionsFor: () => ['manageTrust', 'retry'],
    });
    const [error] = await model.children();
    const children = (await model.children(error)) as MessageNode[];
    assert.deepEqual(
      children.map((child) => [child.text, child.commandId]),
      [
        ['Manage Workspace Trust', 'workbench.trust.manage'],
        ['Retry', 'huaweicloud.refresh'],
      ],
    );
  });
});

suite('explorer model: new, updated and removed resources', () => {
  it('shows a new resource at the top of its group at once, until a loaded page holds it — never twice', async () => {
    const { model, connection } = setup();
    const fresh = addressGroup(11, { name: 'brand-new' });
    // Created before the view was ever opened: nothing is fetched for it.
    model.showResource(tagged('addressGroup', fresh));
    assert.equal(connection.calls.length, 0);
    const { addressGroup: groups } = await services(model);
    let children = await model.children(groups);
    assert.deepEqual(labels(children).slice(0, 2), ['brand-new', 'group-0']);
    const pinned = children[0] as ResourceNode<'addressGroup'>;
    assert.equal(pinned.pinned, true);
    assert.equal(describe(pinned).description, '1 entry · IPv4 · new');
    assert.equal(pinned.id, ids.resource(groups.id, fresh.id));
    // Pages 2 and 3: the last one holds it.
    await model.loadMore(children.at(-1) as LoadMoreNode);
    children = await model.children(groups);
    await model.loadMore(children.at(-1) as LoadMoreNode);
    children = await model.children(groups);
    assert.equal(children.filter((node) => node.id === pinned.id).length, 1);
    assert.equal(children.at(-1), pinned, 'not the same node object');
    assert.equal(pinned.pinned, false);
    assert.equal(describe(pinned).label, 'group-11', 'the loaded page has the newer data');
  });

  it('does not pin a resource a loaded page already holds, nor one that does not match the filter', async () => {
    const { model } = setup();
    const { addressGroup: groups } = await services(model);
    await model.children(groups);
    model.showResource(tagged('addressGroup', addressGroup(2, { name: 'group-2 renamed' })));
    let children = await model.children(groups);
    assert.equal(labels(children).filter((name) => name.startsWith('group-2')).length, 1);
    assert.equal(labels(children)[2], 'group-2 renamed');
    model.setFilter('addressGroup', 'group-3');
    model.showResource(tagged('addressGroup', addressGroup(50, { name: 'other' })));
    children = await model.children(groups);
    assert.deepEqual(labels(children), ['Name is "group-3"', 'group-3']);
  });

  it('with pinned: false, only updates a resource the tree shows', async () => {
    const { model } = setup();
    const { addressGroup: groups } = await services(model);
    await model.children(groups);
    model.showResource(tagged('addressGroup', addressGroup(77)), { pinned: false });
    assert.ok(!labels(await model.children(groups)).includes('group-77'));
  });

  it('updateResource replaces by ID and refreshes that node only, with its details', async () => {
    const { model, events } = setup();
    const { addressGroup: groups } = await services(model);
    const [node] = (await model.children(groups)) as ResourceNode<'addressGroup'>[];
    assert.ok(node);
    const detailsBefore = await model.children(node);
    events.length = 0;
    model.updateResource(
      tagged('addressGroup', addressGroup(0, { status: 'UPDATING', ip_set: ['10.9.9.9', '10.9.9.10'] })),
    );
    await settle();
    assert.deepEqual(events, [[node]]);
    assert.equal(describe(node).iconId, 'sync~spin');
    assert.equal(describe(node).description, '2 entries · IPv4');
    const detailsAfter = await model.children(node);
    assert.deepEqual(
      detailsAfter.map((detail) => detail.id),
      detailsBefore.map((detail) => detail.id),
    );
    assert.equal(
      describe(detailsAfter.find((detail) => describe(detail).label === 'Entries') as ExplorerNode).description,
      '2',
    );
    // A resource the tree does not show: nothing to refresh.
    events.length = 0;
    model.updateResource(tagged('network', network('unknown')));
    await settle();
    assert.deepEqual(events, []);
  });

  it('removeResource takes it out of every list and refreshes its group', async () => {
    const { model, events } = setup();
    const { addressGroup: groups } = await services(model);
    await model.children(groups);
    model.showResource(tagged('addressGroup', addressGroup(60)));
    events.length = 0;
    model.removeResource('addressGroup', addressGroup(1).id);
    model.removeResource('addressGroup', addressGroup(60).id);
    await settle();
    assert.deepEqual(events, [[groups]]);
    const names = labels(await model.children(groups));
    assert.ok(!names.includes('group-1') && !names.includes('group-60'));
    assert.equal(model.nodeFor('addressGroup', addressGroup(1).id), undefined);
  });

  it('nodeFor finds the node the tree shows; groupsNamed finds loaded and pinned groups of a name, without a request', async () => {
    const { model, connection } = setup();
    assert.deepEqual(model.groupsNamed('group-1'), []);
    const { addressGroup: groups } = await services(model);
    await model.children(groups);
    model.showResource(tagged('addressGroup', addressGroup(40, { name: 'group-1' })));
    model.setFilter('addressGroup', 'group-3');
    await model.children(groups);
    const calls = connection.calls.length;
    assert.deepEqual(
      model
        .groupsNamed('group-1')
        .map((group) => group.id)
        .sort(),
      [addressGroup(1).id, addressGroup(40).id],
    );
    assert.equal(connection.calls.length, calls);
    assert.equal(model.nodeFor('addressGroup', addressGroup(3).id)?.kind, 'addressGroup');
    assert.equal(model.nodeFor('addressGroup', addressGroup(1).id), undefined, 'filtered out: not shown');
  });

  it('locate builds the tree down to a resource (for reveal); fetchResource GETs one that is not loaded and pins it', async () => {
    const { model, connection } = setup();
    const node = await model.locate('addressGroup', addressGroup(3).id);
    assert.equal(node?.id, `${CONNECTION_ID}/addressGroups/${addressGroup(3).id}`);
    assert.equal(await model.locate('addressGroup', addressGroup(11).id), undefined);
    assert.equal(await model.fetchResource('addressGroup', addressGroup(11).id), true);
    assert.equal((await model.locate('addressGroup', addressGroup(11).id))?.pinned, true);
    assert.equal(await model.fetchResource('addressGroup', 'no-such-id'), false);
    assert.equal(connection.calls.length, 1);
  });
});

suite('explorer: how nodes look', () => {
  async function resourceNodes(data: Parameters<typeof fakeConnection>[0]) {
    const { model } = setup({ connection: fakeConnection(data), pageSize: 50 });
    const all = await services(model);
    return { model, networks: await model.children(all.network), groups: await model.children(all.addressGroup) };
  }

  it('networks: phase as a themed icon and a word, CIDR beside it, the display name as label', async () => {
    const { networks } = await resourceNodes({
      network: [
        network('n-active'),
        network('n-creating', { phase: 'Creating' }),
        network('n-pending', { phase: '' }),
        network('n-abnormal', { phase: 'Abnormal' }),
        network('n-deleting', { deleting: true }),
        network('n-odd', { phase: 'Migrating' }),
      ],
    });
    assert.deepEqual(
      networks.map((node) => {
        const look = describe(node);
        return [look.label, look.description, look.iconId, look.iconColor, look.contextValue];
      }),
      [
        ['n-active', '192.168.0.0/16', 'pass', 'charts.green', 'huaweicloud.network'],
        ['n-creating', '192.168.0.0/16', 'sync~spin', 'charts.yellow', 'huaweicloud.network'],
        ['n-pending', '192.168.0.0/16', 'sync~spin', 'charts.yellow', 'huaweicloud.network'],
        ['n-abnormal', '192.168.0.0/16', 'error', 'charts.red', 'huaweicloud.network'],
        ['n-deleting', '192.168.0.0/16', 'trash', 'disabledForeground', 'huaweicloud.network'],
        ['n-odd', '192.168.0.0/16', 'circle-outline', undefined, 'huaweicloud.network'],
      ],
    );
    // The phase, now only an icon in the row, is in the tooltip and in what a screen reader says.
    assert.deepEqual(
      networks.map((node) => describe(node).accessibilityLabel),
      [
        'n-active, Active, 192.168.0.0/16',
        'n-creating, Creating, 192.168.0.0/16',
        'n-pending, Pending, 192.168.0.0/16',
        'n-abnormal, Abnormal, 192.168.0.0/16',
        'n-deleting, Deleting, 192.168.0.0/16',
        'n-odd, Migrating, 192.168.0.0/16',
      ],
    );
    assert.match(describe(networks[3] as ExplorerNode).tooltip ?? '', /Phase: Abnormal/);
    const first = networks[0] as ResourceNode<'network'> & { malformed: false };
    assert.equal(first.resource.metadata.name, `n-active-${PROJECT}`, 'commands need { kind, resource }');
    assert.equal(first.id, `${CONNECTION_ID}/networks/n-active-${PROJECT}`);
    assert.match(describe(first).tooltip ?? '', /^\*\*n\\-active\*\* — ModelArts network {2}\nID: n\\-active\\-0123/);
    assert.equal(describe(first).collapsible, 'collapsed');
  });

  it('writes an API status as the console does: NORMAL as Normal, UPDATE_FAILED as Update failed, other text as it came', () => {
    assert.deepEqual(
      ['NORMAL', 'UPDATING', 'UPDATE_FAILED', 'PENDING_DELETE', 'Active', 'odd_value', '', 'A__B'].map(consoleWord),
      ['Normal', 'Updating', 'Update failed', 'Pending delete', 'Active', 'odd_value', '', 'A__B'],
    );
  });

  it('address groups: the entry count leads; NORMAL, UPDATING, UPDATE_FAILED as icons, and in words as the console writes them', async () => {
    const { groups } = await resourceNodes({
      addressGroup: [
        addressGroup(1),
        addressGroup(2, { status: 'UPDATING' }),
        addressGroup(3, { status: 'UPDATE_FAILED', ip_version: 6, ip_set: [] }),
      ],
    });
    assert.deepEqual(
      groups.map((node) => {
        const look = describe(node);
        return [look.label, look.description, look.iconId, look.iconColor, look.contextValue];
      }),
      [
        ['group-1', '1 entry · IPv4', 'pass', 'charts.green', 'huaweicloud.addressGroup'],
        ['group-2', '1 entry · IPv4', 'sync~spin', 'charts.yellow', 'huaweicloud.addressGroup'],
        ['group-3', '0 entries · IPv6', 'error', 'charts.red', 'huaweicloud.addressGroup'],
      ],
    );
    assert.deepEqual(
      groups.map((node) => /Status: .*/.exec(describe(node).tooltip ?? '')?.[0]),
      [
        'Status: Normal \\(NORMAL\\)  ',
        'Status: Updating \\(UPDATING\\)  ',
        'Status: Update failed \\(UPDATE\\_FAILED\\)  ',
      ],
    );
    assert.deepEqual(
      groups.map((node) => describe(node).accessibilityLabel),
      [
        'group-1, Normal, 1 entry · IPv4',
        'group-2, Updating, 1 entry · IPv4',
        'group-3, Update failed, 0 entries · IPv6',
      ],
    );
    assert.equal(
      (groups[0] as ResourceNode<'addressGroup'>).resource.id,
      addressGroup(1).id,
      'commands need { kind, resource }',
    );
  });

  it("an address group's hover lists its entries with their remarks, the 21st and later counted", async () => {
    const many = Array.from({ length: 23 }, (_, n) => `10.0.0.${n + 1}`);
    const { groups } = await resourceNodes({
      addressGroup: [
        addressGroup(1, { ip_set: ['10.0.0.1'], ip_extra_set: [{ ip: '10.0.0.1', remarks: 'web *tier*' }] } as never),
        addressGroup(2, { ip_set: many }),
      ],
    });
    const [one, big] = groups.map((node) => describe(node).tooltip ?? '');
    // Markdown: the values are escaped (`10\.0\.0\.1`), so that no remark can format or link.
    assert.ok(one?.includes('Entries:\n- 10\\.0\\.0\\.1 — web \\*tier\\*\n'), one);
    assert.ok(big?.includes('- 10\\.0\\.0\\.20\n- … and 3 more\n'), big);
    assert.ok(!big?.includes('10\\.0\\.0\\.21'), big);
  });

  it('a malformed item is a degraded node in its place, never a failed page; an odd field degrades its node only', async () => {
    const connection = fakeConnection({ addressGroup: [addressGroup(1), addressGroup(2)] });
    connection.hook = (_call, page) => ({
      ...page(),
      entries: [
        ...page().entries,
        {
          ok: false,
          index: 2,
          raw: { name: 'half', ip_version: 9 },
          problem: 'not an address group: it has no id, name or ip_version 4 or 6',
        },
        { ok: true, resource: addressGroup(3, { status: 7 as never, ip_set: 'nope' as never }) },
      ],
    });
    const { model } = setup({ connection });
    const { addressGroup: groups } = await services(model);
    const children = (await model.children(groups)) as ResourceNode<'addressGroup'>[];
    assert.deepEqual(
      children.map((node) => node.kind),
      ['addressGroup', 'addressGroup', 'addressGroup', 'addressGroup'],
    );
    const [malformed, odd] = [children[2] as ResourceNode<'addressGroup'>, children[3] as ResourceNode<'addressGroup'>];
    assert.equal(malformed.id, `${CONNECTION_ID}/addressGroups/~malformed-2`);
    assert.deepEqual(
      [
        describe(malformed).label,
        describe(malformed).description,
        describe(malformed).iconId,
        describe(malformed).contextValue,
      ],
      ['half', 'malformed', 'warning', 'huaweicloud.malformed'],
    );
    const details = await model.children(malformed);
    assert.deepEqual(
      details.map((detail) => [describe(detail).label, describe(detail).description]),
      [
        ['Problem', 'not an address group: it has no id, name or ip_version 4 or 6'],
        ['As received', '{"name":"half","ip_version":9}'],
      ],
    );
    assert.deepEqual(
      [describe(odd).iconId, describe(odd).contextValue, describe(odd).description],
      ['warning', 'huaweicloud.addressGroup', '0 entries · IPv4'],
    );
    assert.match(describe(odd).tooltip ?? '', /Status: unknown status/);
    assert.match(odd.degraded ?? '', /ip_set is not a list of addresses; status is not text/);
    assert.match(describe(odd).tooltip ?? '', /⚠ ip\\_set is not a list/);
    // Its details are read defensively too.
    assert.ok((await model.children(odd)).length > 0);
  });

  it('a network with odd fields is degraded, and its details still show', async () => {
    const odd = network('odd', { phase: 42 });
    (odd.spec as unknown as Record<string, unknown>).connection = { peerConnectionList: 'x' };
    const { model, networks } = await resourceNodes({ network: [odd] });
    const node = networks[0] as ResourceNode<'network'>;
    assert.equal(describe(node).iconId, 'warning');
    assert.equal(
      node.degraded,
      'status.phase is not text; spec.connection.peerConnectionList is not a list of objects',
    );
    const details = await model.children(node);
    assert.equal(
      describe(details.find((detail) => describe(detail).label === 'Peer connections') as ExplorerNode).description,
      'none',
    );
  });

  it('network details: CIDR, IPv6, workspace, peer connections with their phase, SFS Turbo links with their status, times', async () => {
    const full = network('full', { cidr: '172.16.0.0/12' });
    full.spec.ipv6enable = true;
    full.metadata.annotations = { 'os.modelarts/description': 'for *training*' };
    full.spec.connection = {
      peerConnectionList: [
        { peerVpcId: 'vpc-1', peerSubnetId: 'sub-1', defaultGateWay: true },
        { peerVpcId: 'vpc-2', peerSubnetId: 'sub-2' },
      ],
      sfsTurboConnectionList: [{ sfsId: 'sfs-1', name: 'turbo' }],
    };
    full.status = {
      phase: 'Active',
      connectionStatus: {
        peerConnectionStatus: [
          { peerVpcId: 'vpc-1', peerSubnetId: 'sub-1', phase: 'Active' },
          { peerVpcId: 'vpc-2', peerSubnetId: 'sub-2', phase: 'Connecting' },
        ],
        sfsTurboStatus: [{ sfsId: 'sfs-1', name: 'turbo', status: 'Abnormal', ipAddr: '172.16.0.9' }],
      },
    };
    const { model, networks } = await resourceNodes({ network: [full] });
    const node = networks[0] as ResourceNode<'network'>;
    const details = await model.children(node);
    assert.deepEqual(
      details.map((detail) => [describe(detail).label, describe(detail).description, describe(detail).collapsible]),
      [
        ['CIDR', '172.16.0.0/12', 'none'],
        ['IPv6', 'enabled', 'none'],
        ['Workspace', '0', 'none'],
        ['Description', 'for *training*', 'none'],
        ['Peer connections', '2 connections', 'collapsed'],
        ['SFS Turbo', '1 link', 'collapsed'],
        ['ID', `full-${PROJECT}`, 'none'],
        ['Created', '2024-05-06 07:08:09 UTC', 'none'],
      ],
    );
    assert.equal(details[0]?.id, `${node.id}/cidr`);
    const peers = await model.children(details[4]);
    assert.deepEqual(
      peers.map((peer) => [
        describe(peer).label,
        describe(peer).description,
        describe(peer).iconId,
        describe(peer).iconColor,
      ]),
      [
        ['VPC vpc-1', 'subnet sub-1 · Active', 'pass', 'charts.green'],
        ['VPC vpc-2', 'subnet sub-2 · Connecting', 'sync~spin', 'charts.yellow'],
      ],
    );
    assert.equal(peers[0]?.id, `${node.id}/peers/vpc-1%2Fsub-1`);
    assert.match(describe(peers[0] as ExplorerNode).tooltip ?? '', /Default route: yes/);
    const [sfs] = await model.children(details[5]);
    assert.deepEqual(
      [
        describe(sfs as ExplorerNode).label,
        describe(sfs as ExplorerNode).description,
        describe(sfs as ExplorerNode).iconId,
      ],
      ['turbo', 'Abnormal', 'error'],
    );
    assert.match(describe(sfs as ExplorerNode).tooltip ?? '', /Address: 172\\.16\\.0\\.9/);
  });

  it('address group details: each ip_set entry with its remarks from ip_extra_set, times, enterprise project', async () => {
    const group = addressGroup(5, {
      ip_set: ['192.168.3.2', '192.168.3.20-192.168.3.100', '192.168.5.0/24'],
      ip_extra_set: [
        { ip: '192.168.3.2', remarks: 'gateway' },
        { ip: '192.168.3.20-192.168.3.100', remarks: null },
        { ip: '192.168.5.0/24', remarks: 'lab <b>' },
      ],
      max_capacity: 20,
      description: 'test',
      status_message: '',
      enterprise_project_id: '0aad99bc-f5f6-4f78-8404-c598d76b0ed2',
    });
    const { model, groups } = await resourceNodes({ addressGroup: [group] });
    const details = await model.children(groups[0]);
    assert.deepEqual(
      details.map((detail) => [describe(detail).label, describe(detail).description]),
      [
        ['IP version', 'IPv4'],
        ['Entries', '3 of 20'],
        ['Description', 'test'],
        ['ID', group.id],
        ['Created', '2024-01-02 03:04:05 UTC'],
        ['Updated', '2024-01-02 03:04:05 UTC'],
        ['Enterprise project', '0aad99bc-f5f6-4f78-8404-c598d76b0ed2'],
      ],
    );
    const entries = await model.children(details[1]);
    assert.deepEqual(
      entries.map((entry) => [describe(entry).label, describe(entry).description]),
      [
        ['192.168.3.2', 'gateway'],
        ['192.168.3.20-192.168.3.100', undefined],
        ['192.168.5.0/24', 'lab <b>'],
      ],
    );
    assert.equal(describe(entries[2] as ExplorerNode).tooltip, '192\\.168\\.5\\.0/24: lab \\<b\\>');
  });

  it('ip_extra_set entries beyond ip_set, and duplicate entries, each get a node with a distinct id', async () => {
    const group = addressGroup(6, { ip_extra_set: [{ ip: '10.0.0.1', remarks: 'a' }, { ip: '10.0.0.2' }] });
    (group as unknown as Record<string, unknown>).ip_set = ['10.0.0.9', '10.0.0.9'];
    const { model, groups } = await resourceNodes({ addressGroup: [group] });
    const details = await model.children(groups[0]);
    const entries = await model.children(details.find((detail) => describe(detail).label === 'Entries'));
    assert.deepEqual(
      entries.map((entry) => describe(entry).label),
      ['10.0.0.9', '10.0.0.9', '10.0.0.1', '10.0.0.2'],
    );
    assert.equal(new Set(entries.map((entry) => entry.id)).size, 4);
  });

  it('the group nodes: labels with the filter, the workspace in the description, the contextValues menus match', () => {
    const service = (resourceKind: Kind, filter?: NameFilter): ServiceNode => ({
      kind: 'service',
      id: `c/${resourceKind}`,
      parentId: 'c',
      resourceKind,
      filter,
      workspaceId: resourceKind === 'network' ? '0' : undefined,
    });
    assert.deepEqual(
      [
        describe(service('network')).label,
        describe(service('network')).description,
        describe(service('network')).contextValue,
      ],
      ['ModelArts Networks', 'workspace 0', 'huaweicloud.service.networks'],
    );
    const web = describe(service('addressGroup', { text: 'web', match: 'exact' }));
    assert.deepEqual(
      [web.label, web.description, web.iconId, web.contextValue],
      ['VPC Address Groups', undefined, 'filter', 'huaweicloud.service.addressGroups.filtered'],
    );
    const part = describe(service('network', { text: 'we', match: 'contains' }));
    assert.deepEqual(
      [part.label, part.description, part.iconId, part.contextValue],
      ['ModelArts Networks', 'workspace 0', 'filter', 'huaweicloud.service.networks.filtered'],
    );
    assert.match(part.tooltip ?? '', /Filtered: name contains "we" \(among those loaded/);
  });

  it('messages with a command carry it; tooltips escape what servers send', () => {
    const message: MessageNode = {
      kind: 'message',
      id: 'x/~retry',
      parentId: 'x',
      text: 'Retry',
      description: undefined,
      iconId: 'refresh',
      commandId: 'huaweicloud.refresh',
      commandArgs: ['n'],
      tooltip: '[link](http://evil)',
    };
    assert.deepEqual(describe(message), {
      label: 'Retry',
      description: undefined,
      iconId: 'refresh',
      iconColor: undefined,
      contextValue: 'huaweicloud.message',
      tooltip: '\\[link\\]\\(http://evil\\)',
      collapsible: 'none',
      commandId: 'huaweicloud.refresh',
      commandArgs: ['n'],
    });
  });
});

suite('explorer: constants shared with the rest of the extension', () => {
  it('names the commands of the VS Code layer, and the workspace label of the client', () => {
    assert.equal(ExplorerCommand.refresh, Command.refresh);
    assert.equal(ExplorerCommand.loadMore, Command.loadMore);
    assert.equal(ExplorerCommand.filter, Command.filter);
    assert.equal(ExplorerCommand.configureCredentials, Command.configureCredentials);
    assert.equal(KINDS.network.newDocumentCommand, Command.newNetworkDocument);
    assert.equal(KINDS.addressGroup.newDocumentCommand, Command.newAddressGroupDocument);
    assert.equal(EXPLORER_WORKSPACE_LABEL, WORKSPACE_LABEL);
  });
});
