// Create from Document, Dry Run, Delete…, Open as JSON and Copy ID in the real VS Code, against the local emulator
// the extension starts.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ConnectionReport } from '../../src/vscode/commands/checkConnection';
import type { LiveResource } from '../../src/vscode/resourceEvents';
import type { ExtensionApi } from '../../src/extension';
import { type Shown, spyOnNotifications } from '../support/notifications';
import { waitFor } from '../support/waitFor';

let counter = 0;
/** An untitled document named like a network or address-group document, holding `content`. */
async function untitled(
  extension: '.network.json' | '.address-group.json',
  content: unknown,
): Promise<vscode.TextDocument> {
  const uri = vscode.Uri.from({ scheme: 'untitled', path: `create-test-${++counter}${extension}` });
  const document = await vscode.workspace.openTextDocument(uri);
  const edit = new vscode.WorkspaceEdit();
  edit.insert(uri, new vscode.Position(0, 0), JSON.stringify(content, null, 2));
  await vscode.workspace.applyEdit(edit);
  return document;
}

const network = (name: string, cidr = '192.168.0.0/16') => ({
  apiVersion: 'v1',
  kind: 'Network',
  metadata: { labels: { 'os.modelarts/name': name, 'os.modelarts/workspace.id': '0' } },
  spec: { cidr },
});
const group = (name: string, extra: object = {}) => ({
  address_group: { name, ip_version: 4, ip_set: ['10.0.0.1', '10.0.1.0/24'], ...extra },
});

describe('Create from Document, Dry Run and the resource commands, against the local emulator', function () {
  this.timeout(60_000);
  let url: string;
  const counts = async () => {
    const report = await vscode.commands.executeCommand<ConnectionReport>('huaweicloud.checkConnection');
    assert.ok(report, 'Check Connection failed');
    return { networks: report.networks.count, groups: report.addressGroups.count };
  };
  const control = (method: string, path: string, body: unknown) =>
    fetch(`${url}/__emulator/${path}`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });

  before(async () => {
    url =
      (await vscode.commands.executeCommand<string>('huaweicloud.startEmulator')) ??
      assert.fail('the emulator did not start');
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('huaweicloud.stopEmulator');
  });
  beforeEach(async () => {
    assert.equal((await control('POST', 'reset', {})).status, 200);
  });

  it('creates a network from a document, once, even when asked twice at the same time', async () => {
    const document = await untitled('.network.json', network('journey-net'));
    const spy = spyOnNotifications();
    try {
      const [first, second] = await Promise.all([
        vscode.commands.executeCommand<LiveResource>('huaweicloud.createFromDocument', document.uri),
        vscode.commands.executeCommand<LiveResource>('huaweicloud.createFromDocument', document.uri),
      ]);
      const created = [first, second].filter((result) => result !== undefined);
      assert.equal(created.length, 1, 'both creates ran, or neither');
      const resource = created[0];
      assert.equal(resource?.kind, 'network');
      assert.match(resource?.kind === 'network' ? resource.resource.metadata.name : '', /^journey-net-[0-9a-f]{32}$/);
      assert.ok(
        spy.shown.some((s) => s.kind === 'showErrorMessage' && /already under way/.test(s.message)),
        'the second create was not refused with a message',
      );
      assert.ok(
        spy.shown.some(
          (s) =>
            s.kind === 'showInformationMessage' &&
            /Network journey-net created/.test(s.message) &&
            s.items.includes('Reveal in Explorer'),
        ),
      );
    } finally {
      spy.restore();
    }
    assert.equal((await counts()).networks, 1);
  });

  it('a connection dropped after the service created the network: recovered, reported, never created twice', async () => {
    assert.equal(
      (await control('PUT', 'faults', { reset: { count: 1, when: 'after', route: 'networks.create' } })).status,
      200,
    );
    const document = await untitled('.network.json', network('dropped-net'));
    const spy = spyOnNotifications();
    try {
      const created = await vscode.commands.executeCommand<LiveResource>(
        'huaweicloud.createFromDocument',
        document.uri,
      );
      assert.equal(created?.kind, 'network');
      assert.ok(
        spy.shown.some((s) =>
          /Network dropped-net created \(its answer was lost, and it was found created\)/.test(s.message),
        ),
        spy.shown.map((s) => s.message).join(' | '),
      );
    } finally {
      spy.restore();
    }
    assert.equal((await counts()).networks, 1);
  });

  describe('the end of a create still in progress when Create reported it, said once', () => {
    const config = () => vscode.workspace.getConfiguration('huaweicloud');
    const notices = (spy: { shown: Shown[] }, pattern: RegExp) =>
      spy.shown.filter((shown) => pattern.test(shown.message));
    /** The operation of a network the tracker followed, once it has ended. */
    const ended = async (resource: LiveResource | undefined) => {
      assert.equal(resource?.kind, 'network');
      const id = resource.kind === 'network' ? resource.resource.metadata.name : '';
      const tracker = await (
        await vscode.extensions.getExtension<ExtensionApi>('hwc-tools.huaweicloud-networks')?.activate()
      )?.tracker();
      return waitFor(
        `the create of ${id} ending`,
        () => tracker?.operations().find((op) => op.resourceId === id && op.state !== 'following'),
        30_000,
      );
    };

    it('a network Creating, then Active: one information with Reveal in Explorer', async () => {
      const document = await untitled('.network.json', network('slow-net'));
      const spy = spyOnNotifications();
      try {
        const created = await vscode.commands.executeCommand<LiveResource>(
          'huaweicloud.createFromDocument',
          document.uri,
        );
        assert.ok(
          notices(spy, /^Network slow-net created: Creating\.$/).length === 1,
          spy.shown.map((s) => s.message).join(' | '),
        );
        assert.equal((await ended(created)).state, 'succeeded');
        const notice = await waitFor(
          'the notice of the end',
          () => notices(spy, /^Network slow-net created: Active\.$/)[0],
        );
        assert.deepEqual([notice.kind, notice.items], ['showInformationMessage', ['Reveal in Explorer']]);
        // Once: nothing more comes of it.
        await new Promise((resolve) => setTimeout(resolve, 2_500));
        assert.equal(notices(spy, /slow-net created: Active/).length, 1);
      } finally {
        spy.restore();
      }
    });

    it('a network that ends Abnormal: one error with the reason and Show Log', async () => {
      assert.equal((await control('PUT', 'faults', { abnormalNetworks: ['sick-net'] })).status, 200);
      const document = await untitled('.network.json', network('sick-net'));
      const spy = spyOnNotifications();
      try {
        const created = await vscode.commands.executeCommand<LiveResource>(
          'huaweicloud.createFromDocument',
          document.uri,
        );
        assert.equal((await ended(created)).state, 'failed');
        const notice = await waitFor(
          'the notice of the failure',
          () => notices(spy, /^Network sick-net could not be created: /)[0],
        );
        assert.deepEqual(
          [notice.kind, notice.message, notice.items],
          ['showErrorMessage', 'Network sick-net could not be created: the network is Abnormal.', ['Show Log']],
        );
      } finally {
        spy.restore();
        await control('PUT', 'faults', {});
      }
    });

    it('with huaweicloud.notifications.provisioningSucceeded off, a success says nothing more', async () => {
      await config().update('notifications.provisioningSucceeded', false, vscode.ConfigurationTarget.Global);
      const document = await untitled('.network.json', network('quiet-net'));
      const spy = spyOnNotifications();
      try {
        const created = await vscode.commands.executeCommand<LiveResource>(
          'huaweicloud.createFromDocument',
          document.uri,
        );
        assert.equal((await ended(created)).state, 'succeeded');
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        assert.deepEqual(
          spy.shown.map((shown) => shown.message),
          ['Network quiet-net created: Creating.'],
        );
      } finally {
        spy.restore();
        await config().update('notifications.provisioningSucceeded', undefined, vscode.ConfigurationTarget.Global);
      }
    });
  });

  it('refuses a document with errors, naming them, and sends nothing', async () => {
    const document = await untitled('.network.json', network('Bad_Name', '10.0.0.0/8'));
    const spy = spyOnNotifications();
    try {
      const result = await vscode.commands.executeCommand('huaweicloud.createFromDocument', document.uri);
      assert.equal(result, undefined);
      const error = spy.shown.find((s) => s.kind === 'showErrorMessage');
      assert.match(
        error?.message ?? '',
        /Create from Document: the document has \d+ errors?, so nothing was sent — line \d+: /,
      );
    } finally {
      spy.restore();
    }
    assert.equal((await counts()).networks, 0);
  });

  it('an address-group document asking for a dry run is checked on the server, and nothing is created', async () => {
    const document = await untitled('.address-group.json', { dry_run: true, ...group('dry-group') });
    const spy = spyOnNotifications();
    try {
      assert.equal(await vscode.commands.executeCommand('huaweicloud.createFromDocument', document.uri), undefined);
      assert.ok(
        spy.shown.some((s) =>
          /address group dry-group passes the service's checks \(dry run\): nothing was created/.test(s.message),
        ),
      );
      const checked = await vscode.commands.executeCommand<string>('huaweicloud.dryRunDocument', document.uri);
      assert.match(checked ?? '', /passes the service's checks/);
    } finally {
      spy.restore();
    }
    assert.equal((await counts()).groups, 0);
  });

  it('asks before creating a second address group of the same name', async () => {
    const document = await untitled('.address-group.json', group('twin'));
    assert.equal(
      (await vscode.commands.executeCommand<LiveResource>('huaweicloud.createFromDocument', document.uri))?.kind,
      'addressGroup',
    );
    let asked: Shown | undefined;
    const declined = spyOnNotifications((s) => {
      if (s.modal) asked = s;
      return undefined;
    });
    try {
      assert.equal(await vscode.commands.executeCommand('huaweicloud.createFromDocument', document.uri), undefined);
    } finally {
      declined.restore();
    }
    assert.match(
      asked?.message ?? '',
      /An address group named "twin" already exists \([0-9a-f-]{36}\)\. Names are not unique: create another\?/,
    );
    assert.equal((await counts()).groups, 1);
    const accepted = spyOnNotifications((s) => (s.modal ? 'Create Another' : undefined));
    try {
      assert.equal(
        (await vscode.commands.executeCommand<LiveResource>('huaweicloud.createFromDocument', document.uri))?.kind,
        'addressGroup',
      );
    } finally {
      accepted.restore();
    }
    assert.equal((await counts()).groups, 2);
  });

  it('Open as JSON shows the live resource read-only; Copy ID copies its ID', async () => {
    const document = await untitled('.network.json', network('shown-net'));
    const created = await vscode.commands.executeCommand<LiveResource>('huaweicloud.createFromDocument', document.uri);
    assert.ok(created?.kind === 'network');
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('huaweicloud.openResource', created);
    assert.ok(editor, 'Open as JSON failed');
    assert.equal(editor.document.uri.scheme, 'huaweicloud-resource');
    assert.doesNotMatch(editor.document.uri.path, /\.network\.json$/);
    const shown = JSON.parse(editor.document.getText()) as { metadata: { name: string }; status?: object };
    assert.equal(shown.metadata.name, created.resource.metadata.name);
    assert.ok(shown.status, 'the server fields are shown');
    assert.deepEqual(
      vscode.languages.getDiagnostics(editor.document.uri),
      [],
      'a live resource is not checked as a create document',
    );
    assert.equal(await vscode.commands.executeCommand('huaweicloud.copyId', created), created.resource.metadata.name);
    assert.equal(await vscode.env.clipboard.readText(), created.resource.metadata.name);
  });

  it('a resource document whose Uri holds an ID no request path can carry says why and sends nothing; one that does not decode is no resource', async () => {
    // "..json" names the ID "." and "%2E%2E" the ID "..": sent, the URL parser would make them the list, or its parent.
    for (const [uri, id] of [
      ['huaweicloud-resource:/address-group/..json', '.'],
      ['huaweicloud-resource:/live/network/%2E%2E/x.network.json', '..'],
    ] as const) {
      const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
      assert.match(
        document.getText(),
        new RegExp(
          `^// the ID "${id.replace(/\./g, '\\.')}" is a step of a URL path, which the URL parser resolves: .* Nothing was sent\\n$`,
        ),
        uri,
      );
    }
    const undecodable = await vscode.workspace.openTextDocument(
      vscode.Uri.parse('huaweicloud-resource:/address-group/%25E0%25A4.json'),
    );
    assert.match(undecodable.getText(), /^\/\/ Not a Huawei Cloud resource: /);
  });

  it('Delete… confirms, then deletes a network (Deleting) and force-deletes a group in use after listing its rules', async () => {
    const net = await vscode.commands.executeCommand<LiveResource>(
      'huaweicloud.createFromDocument',
      (await untitled('.network.json', network('doomed-net'))).uri,
    );
    const grp = await vscode.commands.executeCommand<LiveResource>(
      'huaweicloud.createFromDocument',
      (await untitled('.address-group.json', group('used-group'))).uri,
    );
    assert.ok(net?.kind === 'network' && grp?.kind === 'addressGroup');
    assert.equal(
      (
        await control('PUT', `address-groups/${grp.resource.id}/dependencies`, [
          { type: 'sg', instance_id: 'sg-1', instance_name: 'web' },
        ])
      ).status,
      200,
    );

    const cancelled = spyOnNotifications();
    try {
      assert.equal(await vscode.commands.executeCommand('huaweicloud.deleteResource', net), 'cancelled');
    } finally {
      cancelled.restore();
    }
    // Force Delete is never the default: the first button (what Enter presses) keeps the group.
    const kept = spyOnNotifications((s) => (s.modal ? s.items[0] : undefined));
    try {
      assert.equal(await vscode.commands.executeCommand('huaweicloud.deleteResource', grp), 'cancelled');
    } finally {
      kept.restore();
    }
    assert.equal((await counts()).groups, 1, 'the group in use is kept');
    assert.deepEqual(kept.shown.at(-1)?.items, ['Keep the Group', 'Force Delete…']);

    const window = vscode.window as unknown as { showInputBox: typeof vscode.window.showInputBox };
    const showInputBox = window.showInputBox;
    const typedNames: (string | undefined)[] = [];
    const refusals: (string | undefined)[] = [];
    const dialogs: Shown[] = [];
    const spy = spyOnNotifications((s) => {
      if (!s.modal) return undefined;
      dialogs.push(s);
      return s.items.includes('Force Delete…') ? 'Force Delete…' : 'Delete';
    });
    window.showInputBox = async (options) => {
      const typed = typedNames.shift();
      refusals.push((await options?.validateInput?.(typed ?? '')) as string | undefined);
      return typed;
    };
    try {
      // A name typed wrong (then Escape) deletes nothing.
      typedNames.push(undefined);
      assert.equal(await vscode.commands.executeCommand('huaweicloud.deleteResource', grp), 'cancelled');
      assert.equal((await counts()).groups, 1);
      assert.equal(refusals.shift(), 'Type used-group exactly to confirm; Escape cancels.');
      assert.equal(await vscode.commands.executeCommand('huaweicloud.deleteResource', net), 'deleting');
      typedNames.push('used-group');
      assert.equal(await vscode.commands.executeCommand('huaweicloud.deleteResource', grp), 'deleted');
      assert.equal(refusals.shift(), undefined, 'the exact name is accepted');
    } finally {
      spy.restore();
      window.showInputBox = showInputBox;
    }
    dialogs.splice(0, 2);
    assert.match(dialogs[0]?.message ?? '', /^Delete network doomed-net \(doomed-net-[0-9a-f]{32}\)\?$/);
    assert.match(dialogs[1]?.message ?? '', /^Delete address group used-group/);
    assert.match(dialogs[2]?.message ?? '', /Address group used-group is in use and was not deleted/);
    assert.match(
      dialogs[2]?.detail ?? '',
      /Used by: security group web \(sg-1\)\.\nForce Delete deletes the group and removes those rules\./,
    );
    assert.equal((await counts()).groups, 0);
  });
});
