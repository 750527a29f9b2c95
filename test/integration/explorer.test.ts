import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExplorerApi, ExplorerNode, ExtensionApi } from '../../src/vscode/explorer/api';
import { type FakeCloud, startFakeCloud, TEST_KEY } from '../support/fakeCloud';
import { tagged } from '../../src/core/kinds';

const EXTENSION_ID = 'hwc-tools.huaweicloud-networks';
const PAGE_SIZE = 5;

/** Polls `read` until `accept` takes what it returns. */
async function until<T>(
  read: () => Promise<T> | T,
  accept: (value: T) => boolean,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await read();
    if (accept(last)) return last;
    if (Date.now() > deadline) {
      assert.fail(
        `${what} did not happen within ${timeoutMs / 1000} s (last: ${JSON.stringify(last, (key, value) => (key === 'network' || key === 'group' ? '…' : value)).slice(0, 500)})`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('Explorer (the Resources view) in VS Code', () => {
  let explorer: ExplorerApi;
  let emulatorUrl: string;
  const config = () => vscode.workspace.getConfiguration('huaweicloud');
  const item = (node: ExplorerNode) => explorer.tree.getTreeItem(node) as vscode.TreeItem;
  const label = (node: ExplorerNode) => String(item(node).label);
  const children = async (node?: ExplorerNode) => (await explorer.tree.getChildren(node)) ?? [];
  const childNamed = async (parent: ExplorerNode | undefined, name: string) => {
    const found = (await children(parent)).find((node) => label(node) === name);
    assert.ok(
      found,
      `no "${name}" under ${parent ? label(parent) : 'the root'}: ${(await children(parent)).map(label).join(', ')}`,
    );
    return found;
  };
  const control = async (path: string, body: object) => {
    const response = await fetch(`${emulatorUrl}/__emulator/${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    assert.equal(response.status, 200, await response.text());
  };
  /** Adds a ModelArts workspace to the emulator (its control route); resolves with its ID. */
  const addWorkspace = async (name: string) => {
    const response = await fetch(`${emulatorUrl}/__emulator/workspaces`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name }),
    });
    assert.equal(response.status, 200, await response.clone().text());
    return ((await response.json()) as { id: string }).id;
  };
  /** The connection root once the tree shows the one `source` opens. */
  const root = (labelled: string) =>
    until(
      () => children(),
      (roots) => roots.length === 1 && label(roots[0] as ExplorerNode) === labelled,
      `the root "${labelled}"`,
    ).then((roots) => roots[0] as ExplorerNode);

  before(async () => {
    const api = await vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID)?.activate();
    assert.ok(api, 'the extension returned no API from activate()');
    explorer = await api.explorer();
    await config().update('pageSize', PAGE_SIZE, vscode.ConfigurationTarget.Global);
    emulatorUrl = String(await vscode.commands.executeCommand<string>('huaweicloud.startEmulator'));
    assert.match(emulatorUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
    // Its state survives restarts (global storage): start from nothing, then 12 groups and 3 networks.
    await control('reset', {});
    await control('seed', { region: 'cn-north-4', networks: 3, addressGroups: 12 });
    await vscode.commands.executeCommand('huaweicloud.resources.focus');
    // The seeding happened behind the explorer's back: list again.
    await vscode.commands.executeCommand('huaweicloud.refresh');
  });

  after(async () => {
    if (emulatorUrl) await control('reset', {}).catch(() => undefined);
    await vscode.commands.executeCommand('huaweicloud.stopEmulator');
    await config().update('pageSize', undefined, vscode.ConfigurationTarget.Global);
  });

  it('shows the emulator connection → ModelArts Networks and VPC Address Groups → the first page of resources, with phases', async () => {
    const connection = await root('Local emulator');
    assert.equal(item(connection).description, 'cn-north-4');
    assert.match(connection.id ?? '', /^emulator\/cn-north-4\/[0-9a-f]{32}$/);
    const services = await children(connection);
    assert.deepEqual(services.map(label), ['ModelArts Networks', 'VPC Address Groups']);
    assert.equal(item(services[0] as ExplorerNode).description, 'workspace 0');

    const groups = await children(services[1]);
    assert.deepEqual(groups.map(label), [
      'seed-group-000000',
      'seed-group-000001',
      'seed-group-000002',
      'seed-group-000003',
      'seed-group-000004',
      'Load more…',
    ]);
    const first = item(groups[0] as ExplorerNode);
    assert.equal(first.contextValue, 'huaweicloud.addressGroup');
    assert.equal(first.description, '1 entry · IPv4');
    assert.ok(first.iconPath instanceof vscode.ThemeIcon);
    assert.equal(first.iconPath.id, 'pass');
    assert.equal(first.iconPath.color?.id, 'charts.green');
    assert.equal(first.id, groups[0]?.id);
    assert.ok(
      (groups[0] as { kind: string; resource?: { name: string } }).resource?.name === 'seed-group-000000',
      'commands need { kind, resource } on the node',
    );

    const networks = await children(services[0]);
    assert.deepEqual(
      networks.map((node) => [label(node), item(node).description, item(node).contextValue]),
      [
        ['seed-net-000000', '172.16.0.0/24', 'huaweicloud.network'],
        ['seed-net-000001', '172.17.0.0/24', 'huaweicloud.network'],
        ['seed-net-000002', '172.18.0.0/24', 'huaweicloud.network'],
      ],
    );
    const details = await children(networks[0]);
    assert.deepEqual(
      details.slice(0, 3).map((node) => [label(node), item(node).description]),
      [
        ['CIDR', '172.16.0.0/24'],
        ['IPv6', 'disabled'],
        ['Workspace', '0'],
      ],
    );
  });

  it('Copy on a detail row puts its value on the clipboard: the CIDR, the ID, an entry; a count row offers no Copy', async () => {
    const connection = await root('Local emulator');
    const [network] = await children(await childNamed(connection, 'ModelArts Networks'));
    const details = await children(network);
    const row = (name: string) => {
      const found = details.find((node) => label(node) === name);
      assert.ok(found, `no ${name} row: ${details.map(label).join(', ')}`);
      return found;
    };
    for (const [name, value] of [
      ['CIDR', '172.16.0.0/24'],
      ['ID', String(item(row('ID')).description)],
    ] as const) {
      assert.equal(item(row(name)).contextValue, 'huaweicloud.detail.copyable');
      assert.equal(await vscode.commands.executeCommand('huaweicloud.copyValue', row(name)), value);
      assert.equal(await vscode.env.clipboard.readText(), value);
    }
    assert.equal(item(row('Peer connections')).contextValue, 'huaweicloud.detail');
    const [group] = await children(await childNamed(connection, 'VPC Address Groups'));
    const entries = await childNamed(group, 'Entries');
    assert.equal(item(entries).contextValue, 'huaweicloud.detail');
    const [entry] = await children(entries);
    assert.ok(entry);
    await vscode.commands.executeCommand('huaweicloud.copyValue', entry);
    assert.equal(await vscode.env.clipboard.readText(), label(entry));
    assert.match(label(entry), /^10\./);
  });

  it('Load more loads the next page of that group', async () => {
    const connection = await root('Local emulator');
    const groupsNode = await childNamed(connection, 'VPC Address Groups');
    const more = await childNamed(groupsNode, 'Load more…');
    await vscode.commands.executeCommand('huaweicloud.loadMore', more);
    const groups = await children(groupsNode);
    assert.equal(groups.length, 11);
    assert.equal(label(groups[9] as ExplorerNode), 'seed-group-000009');
    assert.equal(item(groups[10] as ExplorerNode).description, '10 loaded');
  });

  it("Filter by Name lists the group of that exact name, says so in a first row and the group's icon, and Clear Filter undoes it", async () => {
    const connection = await root('Local emulator');
    const groupsNode = await childNamed(connection, 'VPC Address Groups');
    await vscode.commands.executeCommand('huaweicloud.filter', groupsNode, { name: 'seed-group-000011' });
    assert.equal((item(groupsNode).iconPath as vscode.ThemeIcon).id, 'filter');
    assert.equal(item(groupsNode).contextValue, 'huaweicloud.service.addressGroups.filtered');
    assert.deepEqual((await children(groupsNode)).map(label), ['Name is "seed-group-000011"', 'seed-group-000011']);
    await vscode.commands.executeCommand('huaweicloud.clearFilter', groupsNode);
    assert.equal((item(groupsNode).iconPath as vscode.ThemeIcon).id, 'list-unordered');
    assert.equal((await children(groupsNode)).length, 11, 'the unfiltered list (two pages) was not kept');
  });

  it('Filter by Name by a part of a name matches what is loaded, and Search further finds the rest in further pages', async () => {
    const connection = await root('Local emulator');
    const groupsNode = await childNamed(connection, 'VPC Address Groups');
    await vscode.commands.executeCommand('huaweicloud.filter', groupsNode, { name: 'group-00001', match: 'contains' });
    // Two pages are loaded (seed-group-000000…000009): none match yet.
    const [filterRow, further] = await children(groupsNode);
    assert.equal(label(filterRow as ExplorerNode), 'Name contains "group-00001"');
    assert.deepEqual(
      [label(further as ExplorerNode), item(further as ExplorerNode).description],
      ['Search further…', '0 of 10 loaded match'],
    );
    await vscode.commands.executeCommand('huaweicloud.loadMore', further);
    assert.deepEqual((await children(groupsNode)).map(label), [
      'Name contains "group-00001"',
      'seed-group-000010',
      'seed-group-000011',
    ]);
    await vscode.commands.executeCommand('huaweicloud.clearFilter', groupsNode);
    assert.equal((await children(groupsNode)).length, 12);
  });

  it("Select ModelArts Workspace lists another workspace, named in the group's description", async () => {
    const connection = await root('Local emulator');
    const networksNode = await childNamed(connection, 'ModelArts Networks');
    await vscode.commands.executeCommand('huaweicloud.selectWorkspace', networksNode, { workspaceId: 'c0ffee' });
    assert.equal(item(networksNode).description, 'workspace c0ffee');
    assert.deepEqual((await children(networksNode)).map(label), [
      'No networks (workspace c0ffee)',
      'New Network Document',
    ]);
    await vscode.commands.executeCommand('huaweicloud.selectWorkspace', networksNode, { workspaceId: '0' });
    assert.equal((await children(networksNode)).length, 3);
  });

  it('an empty list offers its New … Document as a row, which opens that document', async () => {
    const connection = await root('Local emulator');
    const networksNode = await childNamed(connection, 'ModelArts Networks');
    await vscode.commands.executeCommand('huaweicloud.selectWorkspace', networksNode, { workspaceId: 'c0ffee' });
    try {
      const newDocument = await childNamed(networksNode, 'New Network Document');
      const command = item(newDocument).command;
      assert.equal(command?.command, 'huaweicloud.newNetworkDocument');
      await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
      await until(
        () => vscode.window.activeTextEditor?.document.uri,
        (uri) => uri?.scheme === 'untitled' && uri.path.endsWith('.network.json'),
        'the new network document',
      );
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await vscode.commands.executeCommand('huaweicloud.selectWorkspace', networksNode, { workspaceId: '0' });
    }
  });

  it("Select ModelArts Workspace picks from the emulator's workspaces (the current one marked); choosing one lists its networks", async () => {
    const connection = await root('Local emulator');
    const networksNode = await childNamed(connection, 'ModelArts Networks');
    const projectId = String(connection.id).split('/')[2] ?? '';
    const vision = await addWorkspace('vision');
    await addWorkspace('audio');
    await createNetworkIn(emulatorUrl, projectId, 'vision-net', vision);
    const dialog = answerWorkspacePick((items) => items.find((each) => each.label === 'vision'));
    try {
      await vscode.commands.executeCommand('huaweicloud.selectWorkspace', networksNode);
      assert.deepEqual(
        dialog.shown.map((each) => [each.label, each.description]),
        [
          ['audio', dialog.shown[0]?.description],
          ['default', '0 (default) · current'],
          ['vision', vision],
          ['Type a workspace ID…', 'one not listed'],
        ],
      );
      assert.match(String(dialog.shown[0]?.description), /^[0-9a-f]{32}$/);
      assert.deepEqual(
        dialog.shown.map((each) => (each.iconPath as vscode.ThemeIcon).id),
        ['briefcase', 'check', 'briefcase', 'edit'],
      );
      assert.equal(dialog.titles[0], 'Huawei Cloud: Select ModelArts Workspace');
    } finally {
      dialog.restore();
    }
    assert.equal(item(networksNode).description, `workspace ${vision}`);
    assert.deepEqual((await children(networksNode)).map(label), ['vision-net']);

    // Picked again: the current one is now vision.
    const again = answerWorkspacePick((items) => items.find((each) => each.label === 'default'));
    try {
      await vscode.commands.executeCommand('huaweicloud.selectWorkspace', networksNode);
      assert.equal(again.shown.find((each) => each.label === 'vision')?.description, `${vision} · current`);
    } finally {
      again.restore();
    }
    assert.equal((await children(networksNode)).length, 3);
  });

  it('Select ModelArts Workspace: typing an ID stays possible, checked as before; a list that cannot be read says so in the pick', async () => {
    const connection = await root('Local emulator');
    const networksNode = await childNamed(connection, 'ModelArts Networks');
    const typed = answerWorkspacePick((items) => items.find((each) => each.label === 'Type a workspace ID…'), 'c0ffee');
    try {
      await vscode.commands.executeCommand('huaweicloud.selectWorkspace', networksNode);
      assert.deepEqual(typed.refused, [], 'c0ffee was refused');
      assert.equal(typed.inputs[0]?.value, '0', 'the input box starts from the current workspace');
      assert.match(String(await typed.inputs[0]?.validateInput?.('a b')), /A workspace ID has 1-64 letters, digits/);
    } finally {
      typed.restore();
    }
    assert.equal(item(networksNode).description, 'workspace c0ffee');

    // Every answer of the list a 500 (retried, then given up): the pick says so, and typing an ID still works.
    const faults = await fetch(`${emulatorUrl}/__emulator/faults`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: '{"errorRate": {"workspaces.list": 1}}',
    });
    assert.equal(faults.status, 200);
    const failing = answerWorkspacePick((items) => items[0], '0');
    try {
      await vscode.commands.executeCommand('huaweicloud.selectWorkspace', networksNode);
      assert.deepEqual(
        failing.shown.map((each) => [each.label, each.description, (each.iconPath as vscode.ThemeIcon).id]),
        [['Type a workspace ID…', 'the workspaces could not be listed', 'warning']],
      );
      assert.match(String(failing.shown[0]?.detail), /^ModelArts\.6699: internal error on the server$/);
    } finally {
      failing.restore();
      await fetch(`${emulatorUrl}/__emulator/faults`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      });
    }
    assert.equal(item(networksNode).description, 'workspace 0');
    assert.equal((await children(networksNode)).length, 3);
  });

  it('reveals and selects a resource: one not loaded yet is fetched by ID and shown at the top of its group', async () => {
    const connection = await root('Local emulator');
    const groupsNode = await childNamed(connection, 'VPC Address Groups');
    // The group in the third page: not loaded (two pages are).
    const response = await fetch(`${emulatorUrl}/__emulator/seed`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"addressGroups":1}',
    });
    assert.equal(response.status, 200);
    const loaded = await children(groupsNode);
    assert.ok(!loaded.some((node) => label(node) === 'seed-group-000012'));
    const projectId = String(connection.id).split('/')[2] ?? '';
    // Everything collapsed and listed again: VS Code knows no node under the root, so reveal has to walk up from the
    // node with getParent and down again.
    await vscode.commands.executeCommand('workbench.actions.treeView.huaweicloud.resources.collapseAll');
    await vscode.commands.executeCommand('huaweicloud.refresh');
    await root('Local emulator');
    const missing = await vscode.commands.executeCommand<ExplorerNode | undefined>('huaweicloud.revealResource', {
      resourceKind: 'addressGroup',
      resourceId: 'no-such-group',
    });
    assert.equal(missing, undefined);
    const id = await fetchSeedGroupId(emulatorUrl, projectId, 'seed-group-000012');
    const node = await vscode.commands.executeCommand<ExplorerNode>('huaweicloud.revealResource', {
      resourceKind: 'addressGroup',
      resourceId: id,
    });
    assert.ok(node, 'not revealed');
    assert.equal(label(node), 'seed-group-000012');
    assert.equal(item(node).description, '1 entry · IPv4 · new');
    await until(
      () => explorer.treeView.selection.map((selected) => selected.id),
      (selected) => selected.includes(node.id),
      'the selection of the revealed node',
    );
    assert.equal((await children(groupsNode))[0]?.id, node.id, 'not at the top of its group');
  });

  it('shows a new resource from another command at the top of its group, selected, once', async () => {
    const connection = await root('Local emulator');
    const groupsNode = await childNamed(connection, 'VPC Address Groups');
    const created = {
      id: '11111111-2222-4333-8444-555555555555',
      name: 'made-by-create',
      ip_version: 4 as const,
      ip_set: ['10.9.0.0/16'],
      status: 'NORMAL',
    };
    const node = await explorer.showResource(tagged('addressGroup', created));
    assert.ok(node);
    await explorer.showResource(tagged('addressGroup', created));
    const listed = await children(groupsNode);
    assert.equal(listed.filter((child) => label(child) === 'made-by-create').length, 1);
    assert.equal(listed[0]?.id, node.id);
    assert.equal(explorer.nodeFor('addressGroup', created.id), node);
    explorer.updateResource(tagged('addressGroup', { ...created, status: 'UPDATING' }));
    assert.equal((item(node).iconPath as vscode.ThemeIcon).id, 'sync~spin');
    assert.match(String((item(node).tooltip as vscode.MarkdownString).value), /Status: Updating \\\(UPDATING\\\)/);
    explorer.removeResource('addressGroup', created.id);
    assert.ok(!(await children(groupsNode)).some((child) => label(child) === 'made-by-create'));
  });

  describe('against a signature-checking server, with a wrong secret key', () => {
    let cloud: FakeCloud;
    const PROJECT = 'aaaabbbbccccddddeeeeffff00002222';

    before(async () => {
      cloud = await startFakeCloud(() => ({
        status: 200,
        body: { address_groups: [], page_info: { current_count: 0 } },
      }));
      process.env.HUAWEICLOUD_SDK_AK = TEST_KEY.accessKeyId;
      process.env.HUAWEICLOUD_SDK_SK = 'not-the-secret-key';
      await config().update(
        'endpoints',
        { iam: cloud.url, modelarts: cloud.url, vpc: cloud.url },
        vscode.ConfigurationTarget.Global,
      );
      await config().update('projectId', PROJECT, vscode.ConfigurationTarget.Global);
      await config().update('credentialSource', 'environment', vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('huaweicloud.stopEmulator');
    });

    after(async () => {
      delete process.env.HUAWEICLOUD_SDK_AK;
      delete process.env.HUAWEICLOUD_SDK_SK;
      for (const key of ['endpoints', 'projectId', 'credentialSource']) {
        await config().update(key, undefined, vscode.ConfigurationTarget.Global);
      }
      await cloud.close();
    });

    it('shows the 401 as an error node with the message, the request id, Retry and Configure Credentials; sent once', async () => {
      const connection = await root('AK TEST…');
      const groupsNode = await childNamed(connection, 'VPC Address Groups');
      const [error] = await children(groupsNode);
      assert.ok(error);
      assert.equal(label(error), 'Could not list the address groups');
      assert.match(String(item(error).description), /^APIGW\.0301: /);
      assert.equal(item(error).contextValue, 'huaweicloud.error');
      assert.equal(item(error).collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
      const actions = await children(error);
      assert.deepEqual(
        actions.map((node) => [label(node), item(node).description, item(node).command?.command]),
        [
          ['Request ID', 'req-unauthorized', undefined],
          ['Retry', undefined, 'huaweicloud.refresh'],
          ['Configure Credentials', undefined, 'huaweicloud.configureCredentials'],
        ],
      );
      // Expanded again: the error as it was, nothing sent (a rejected signature is never repeated by itself).
      await children(groupsNode);
      assert.equal(cloud.rejected.length, 1, cloud.rejected.join('\n'));
      // Retry sends it once more.
      await vscode.commands.executeCommand('huaweicloud.refresh', error);
      await children(groupsNode);
      assert.equal(cloud.rejected.length, 2);
    });
  });
});

type WorkspaceItem = vscode.QuickPickItem;

/**
 * Answers Select ModelArts Workspace as a person would: waits for the pick's items (read while it shows), picks one,
 * and types `typed` in the input box that follows (its own check runs on it). Records what was shown.
 */
function answerWorkspacePick(pick: (items: readonly WorkspaceItem[]) => WorkspaceItem | undefined, typed?: string) {
  const window = vscode.window as unknown as Record<'showQuickPick' | 'showInputBox', unknown>;
  const originals = [window.showQuickPick, window.showInputBox];
  const shown: WorkspaceItem[] = [];
  const titles: string[] = [];
  const inputs: vscode.InputBoxOptions[] = [];
  const refused: string[] = [];
  window.showQuickPick = async (
    items: readonly WorkspaceItem[] | Thenable<readonly WorkspaceItem[]>,
    options?: vscode.QuickPickOptions,
  ) => {
    titles.push(options?.title ?? '');
    shown.push(...(await items));
    return pick(shown);
  };
  window.showInputBox = async (options: vscode.InputBoxOptions) => {
    inputs.push(options);
    const problem = typed === undefined ? undefined : await options.validateInput?.(typed);
    if (problem) refused.push(String(problem));
    return problem ? undefined : typed;
  };
  return {
    shown,
    titles,
    inputs,
    refused,
    restore: () => {
      [window.showQuickPick, window.showInputBox] = originals;
    },
  };
}

/** Creates a network in a ModelArts workspace of the emulator, signed with its well-known key: the test's business. */
async function createNetworkIn(url: string, projectId: string, name: string, workspaceId: string): Promise<void> {
  const { signRequest } = await import('../../src/core/cloud/signer');
  const { EMULATOR_CREDENTIALS } = await import('../../src/core/cloud/emulatorDefaults');
  const target = `${url}/v1/${projectId}/networks`;
  const body = JSON.stringify({
    apiVersion: 'v1',
    kind: 'Network',
    metadata: { labels: { 'os.modelarts/name': name, 'os.modelarts/workspace.id': workspaceId } },
    spec: { cidr: '192.168.0.0/16' },
  });
  const headers = signRequest(
    { method: 'POST', url: target, headers: { 'Content-Type': 'application/json', 'X-Project-Id': projectId }, body },
    EMULATOR_CREDENTIALS,
    new Date(),
  );
  const response = await fetch(target, { method: 'POST', headers, body });
  assert.equal(response.status, 200, await response.text());
}

/** A seeded group's ID, from the emulator's own list (signed with its well-known key): the test's business, not the explorer's. */
async function fetchSeedGroupId(url: string, projectId: string, name: string): Promise<string> {
  const { signRequest } = await import('../../src/core/cloud/signer');
  const { EMULATOR_CREDENTIALS } = await import('../../src/core/cloud/emulatorDefaults');
  const target = `${url}/v3/${projectId}/vpc/address-groups?name=${encodeURIComponent(name)}`;
  const headers = signRequest(
    { method: 'GET', url: target, headers: { 'Content-Type': 'application/json', 'X-Project-Id': projectId } },
    EMULATOR_CREDENTIALS,
    new Date(),
  );
  const response = await fetch(target, { headers });
  const body = (await response.json()) as { address_groups: { id: string }[] };
  const [group] = body.address_groups;
  assert.ok(group, `no group ${name} in the emulator`);
  return group.id;
}
