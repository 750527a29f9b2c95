// The security suite in the real VS Code. Known secrets — an AK, SK and security token for each way a user gives
// them: Configure Credentials (secret storage), the SDK's environment variables, the SDK credentials file — go
// through a whole journey against the emulator on 127.0.0.1 (Check Connection, create a network and an address
// group, list them, Open as JSON, Delete), and through an explorer fed hostile answers. Then every file VS Code
// wrote (its profile, logs, global and workspace storage, the workspace), every notification, progress message,
// input box, open document and the clipboard are scanned for those secrets and for every Authorization signature
// the servers received. The scan first proves itself on a secret planted where a careless extension would put one.
// The AK is an identifier rather than a secret (it is in every Authorization header), but nothing needs it written
// out whole: it is scanned for too (the log names its first four characters, which the scan ignores).
// scripts/test.mjs scans the output of the whole layer for the same values (written to security-needles.json).
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import * as vscode from 'vscode';
import type { ExplorerNode } from '../../src/core/explorer/nodes';
import type { Operation, Tracker } from '../../src/core/provisioning/tracker';
import { Emulator } from '../../src/emulator/server';
import type { ConnectionReport } from '../../src/vscode/commands/checkConnection';
import type { ExtensionApi } from '../../src/extension';
import type { LiveResource } from '../../src/vscode/resourceEvents';
import { hostileAnswer, type HostileServer, Random, startHostileServer, worstPage } from '../support/hostileServer';
import { spyOnNotifications } from '../support/notifications';
import { describeFindings, type Needle, scanContent, scanFolder } from '../support/secretScan.mjs';
import { waitFor } from '../support/waitFor';

const EXTENSION_ID = 'hwc-tools.huaweicloud-networks';
type Source = 'secretStorage' | 'environment' | 'sdkCredentialsFile';
interface Secrets {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly securityToken: string;
}

/** Fresh for each run, so that nothing left from an earlier run can match, and shaped like the real ones. */
function knownSecrets(tag: string): Secrets {
  const letters = (n: number) =>
    Array.from(randomBytes(n), (byte) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'[byte % 36]).join('');
  return {
    accessKeyId: `HWCSEC${tag.toUpperCase()}${letters(12)}`,
    secretAccessKey: `${tag}Sk${randomBytes(24).toString('base64url')}`,
    // Temporary credentials' tokens are long base64 with + / =.
    securityToken: `${tag}Tok${randomBytes(96).toString('base64')}`,
  };
}

const secretsOf: Record<Source, Secrets> = {
  secretStorage: knownSecrets('store'),
  environment: knownSecrets('env'),
  sdkCredentialsFile: knownSecrets('file'),
};
/** Names must differ per source: networks' names are unique in a project. */
const names: Record<Source, string> = {
  secretStorage: 'sec-store',
  environment: 'sec-env',
  sdkCredentialsFile: 'sec-file',
};
const cidrs: Record<Source, string> = {
  secretStorage: '192.168.0.0/20',
  environment: '192.168.16.0/20',
  sdkCredentialsFile: '192.168.32.0/20',
};
const sourceLabels: Record<Source, RegExp> = {
  secretStorage: /^\$\(key\)/,
  environment: /^\$\(terminal\)/,
  sdkCredentialsFile: /^\$\(file\)/,
};

describe('security: known secrets through a whole journey, then looked for everywhere', function () {
  this.timeout(300_000);
  let api: ExtensionApi;
  let tracker: Tracker;
  let emulator: Emulator;
  let workspaceFolder: string;
  const config = () => vscode.workspace.getConfiguration('huaweicloud');
  const home = process.env.HOME ?? '';
  /** ~/.huaweicloud/credentials: the user's own file, which holds its secrets by design (not written by VS Code). */
  const credentialsFile = join(home, '.huaweicloud', 'credentials');
  /** Every Authorization header any server of this suite received. */
  const authorizations = new Set<string>();
  /** What the extension showed: notifications, progress, input boxes and quick picks, as text. */
  const shown: string[] = [];
  let notifications: ReturnType<typeof spyOnNotifications>;
  const restoreWindow: (() => void)[] = [];
  let planted: string | undefined;
  /** The ID of the first network created: the tracker keeps it in the workspace state. */
  let trackedNetworkId: string | undefined;

  /** Replaces a `vscode.window` function for the suite (the tests share the extension's instance of the API). */
  function replaceWindowFunction<K extends 'withProgress' | 'showInputBox' | 'showQuickPick'>(
    name: K,
    replacement: (original: (typeof vscode.window)[K]) => (typeof vscode.window)[K],
  ): void {
    const window = vscode.window as unknown as Record<string, unknown>;
    const original = window[name] as (typeof vscode.window)[K];
    window[name] = replacement(original.bind(vscode.window) as (typeof vscode.window)[K]);
    restoreWindow.push(() => {
      window[name] = original;
    });
  }

  /** Answers for the next input boxes, in order (Configure Credentials asks for AK, SK, token). */
  const inputAnswers: string[] = [];
  /** The input boxes shown: what each asked for, and whether it hid what was typed. */
  const inputBoxes: { prompt: string; password: boolean }[] = [];
  /** Picks, for the next quick pick, the item whose label matches. */
  let pickLabel: RegExp | undefined;

  const needles = (): Needle[] => [
    ...Object.entries(secretsOf).flatMap(([source, secrets]) => [
      { label: `the AK (${source})`, value: secrets.accessKeyId },
      { label: `the SK (${source})`, value: secrets.secretAccessKey },
      { label: `the security token (${source})`, value: secrets.securityToken },
    ]),
    ...[...authorizations].map((value, i) => ({
      label: `the signature of Authorization #${i + 1}`,
      value: /Signature=([0-9a-f]+)/.exec(value)?.[1] ?? value,
    })),
  ];

  before(async () => {
    const extension = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
    assert.ok(extension);
    api = await extension.activate();
    tracker = await api.tracker();
    assert.ok(
      home && api.logUri.fsPath.startsWith(home + sep),
      `the extension's log (${api.logUri.fsPath}) is not under the test profile's home (${home}): the scan would miss it`,
    );
    workspaceFolder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? assert.fail('no workspace folder');
    await vscode.commands.executeCommand('huaweicloud.stopEmulator');

    emulator = new Emulator({
      credentials: Object.values(secretsOf).map(({ accessKeyId, secretAccessKey, securityToken }) => ({
        accessKeyId,
        secretAccessKey,
        securityToken,
      })),
      delays: {
        networkPendingMs: 0,
        networkCreateMs: 300,
        networkDeleteMs: 300,
        addressGroupUpdateMs: 100,
        peerConnectMs: 100,
      },
      onAuthorization: (value) => authorizations.add(value),
    });
    const url = await emulator.listen();
    await config().update('endpoints', { modelarts: url, vpc: url, iam: url }, vscode.ConfigurationTarget.Global);
    await config().update('region', 'cn-north-4', vscode.ConfigurationTarget.Global);

    notifications = spyOnNotifications((notification) => {
      shown.push(
        `${notification.kind}: ${notification.message} [${notification.items.join(', ')}] ${notification.detail ?? ''}`,
      );
      return notification.modal && notification.message.startsWith('Delete ') ? 'Delete' : undefined;
    });
    replaceWindowFunction(
      'withProgress',
      (original) =>
        ((options, task) => {
          shown.push(`progress: ${options.title ?? ''}`);
          return original(options, (progress, token) =>
            task(
              {
                report: (value) => {
                  shown.push(`progress: ${value.message ?? ''}`);
                  progress.report(value);
                },
              },
              token,
            ),
          );
        }) as typeof vscode.window.withProgress,
    );
    replaceWindowFunction(
      'showInputBox',
      () =>
        (async (options?: vscode.InputBoxOptions) => {
          shown.push(
            `input box: ${options?.title ?? ''} ${options?.prompt ?? ''} ${options?.placeHolder ?? ''} ${options?.value ?? ''}`,
          );
          inputBoxes.push({ prompt: options?.prompt ?? '', password: options?.password === true });
          const answer = inputAnswers.shift();
          if (answer !== undefined) {
            assert.equal(await options?.validateInput?.(answer), undefined, `${options?.title}: the value was refused`);
          }
          return answer;
        }) as typeof vscode.window.showInputBox,
    );
    replaceWindowFunction(
      'showQuickPick',
      () =>
        (async (
          items: readonly vscode.QuickPickItem[] | Thenable<readonly vscode.QuickPickItem[]>,
          options?: vscode.QuickPickOptions,
        ) => {
          const resolved = await items;
          shown.push(
            `quick pick: ${options?.title ?? ''} ${resolved.map((item) => `${item.label} ${item.description ?? ''} ${item.detail ?? ''}`).join(' | ')}`,
          );
          const picked = pickLabel ? resolved.find((item) => pickLabel?.test(item.label)) : undefined;
          pickLabel = undefined;
          return picked;
        }) as unknown as typeof vscode.window.showQuickPick,
    );
    await vscode.commands.executeCommand('workbench.view.extension.huaweicloud');
  });

  after(async () => {
    // What a later test must not inherit: stored keys, the environment, the file, settings, stubs.
    await vscode.commands.executeCommand('huaweicloud.signOut');
    for (const name of ['HUAWEICLOUD_SDK_AK', 'HUAWEICLOUD_SDK_SK', 'HUAWEICLOUD_SDK_SECURITY_TOKEN']) {
      delete process.env[name];
    }
    rmSync(dirname(credentialsFile), { recursive: true, force: true });
    rmSync(join(workspaceFolder, '.vscode'), { recursive: true, force: true });
    for (const key of ['endpoints', 'region', 'projectId', 'credentialSource']) {
      await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    }
    notifications?.restore();
    for (const restore of restoreWindow.reverse()) restore();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await emulator?.close();
    // For scripts/test.mjs, which scans the output of the whole layer for them.
    const results = process.env.HWC_TEST_RESULTS_FILE;
    if (results) writeFileSync(join(dirname(results), 'security-needles.json'), JSON.stringify(needles()));
  });

  const settled = (resourceId: string, kind: Operation['kind']) =>
    waitFor(
      `the ${kind} of ${resourceId} settling`,
      () =>
        tracker.operations().find((op) => op.resourceId === resourceId && op.kind === kind && op.state !== 'following'),
      60_000,
    );

  /** The children VS Code would show under `node` (the roots without one). */
  const childrenOf = async (node?: ExplorerNode) => (await (await api.explorer()).tree.getChildren(node)) ?? [];

  async function configure(source: Source): Promise<void> {
    const secrets = secretsOf[source];
    if (source === 'environment') {
      // The environment VS Code was started with: the tests share the extension host's process.
      process.env.HUAWEICLOUD_SDK_AK = secrets.accessKeyId;
      process.env.HUAWEICLOUD_SDK_SK = secrets.secretAccessKey;
      process.env.HUAWEICLOUD_SDK_SECURITY_TOKEN = secrets.securityToken;
    }
    if (source === 'sdkCredentialsFile') {
      mkdirSync(dirname(credentialsFile), { recursive: true });
      writeFileSync(
        credentialsFile,
        `[basic]\nak = ${secrets.accessKeyId}\nsk = ${secrets.secretAccessKey}\nsecurity_token = ${secrets.securityToken}\n`,
      );
    }
    pickLabel = sourceLabels[source];
    if (source === 'secretStorage') {
      inputAnswers.push(secrets.accessKeyId, secrets.secretAccessKey, secrets.securityToken);
    }
    inputBoxes.length = 0;
    const before = notifications.shown.length;
    await vscode.commands.executeCommand('huaweicloud.configureCredentials');
    assert.deepEqual(inputAnswers, [], 'Configure Credentials did not ask for every value');
    // What is typed for the SK and the token is never on the screen.
    for (const box of inputBoxes.filter((shownBox) => /\b(SK|token)\b/i.test(shownBox.prompt))) {
      assert.ok(box.password, `"${box.prompt}" shows what is typed`);
    }
    await waitFor('Configure Credentials to finish', () =>
      notifications.shown.slice(before).some((n) => n.message === 'Huawei Cloud credentials are set.')
        ? true
        : undefined,
    );
    if (source === 'secretStorage') {
      assert.equal(
        inputBoxes.filter((box) => box.password).length,
        2,
        'the SK and the token are not asked for in password boxes',
      );
    } else assert.equal(config().get('credentialSource'), source);
  }

  for (const source of Object.keys(secretsOf) as Source[]) {
    it(`a journey with the keys from ${source}: Check Connection, create a network and a group, list, Open as JSON, Delete`, async () => {
      await configure(source);
      const report = await vscode.commands.executeCommand<ConnectionReport>('huaweicloud.checkConnection');
      assert.ok(report, 'Check Connection failed');
      assert.equal(report.credentialSource, source);
      assert.equal(report.projectIdOrigin, 'IAM');

      const networkFile = vscode.Uri.file(join(workspaceFolder, `${names[source]}.network.json`));
      const groupFile = vscode.Uri.file(join(workspaceFolder, `${names[source]}.address-group.json`));
      writeFileSync(
        networkFile.fsPath,
        JSON.stringify(
          {
            apiVersion: 'v1',
            kind: 'Network',
            metadata: { labels: { 'os.modelarts/name': names[source], 'os.modelarts/workspace.id': '0' } },
            spec: { cidr: cidrs[source] },
          },
          null,
          2,
        ),
      );
      writeFileSync(
        groupFile.fsPath,
        JSON.stringify(
          { address_group: { name: `${names[source]}-group`, ip_version: 4, ip_set: ['10.0.0.1', '10.0.1.0/24'] } },
          null,
          2,
        ),
      );
      const network = await vscode.commands.executeCommand<LiveResource>('huaweicloud.createFromDocument', networkFile);
      assert.ok(network?.kind === 'network', 'the network was not created');
      const group = await vscode.commands.executeCommand<LiveResource>('huaweicloud.createFromDocument', groupFile);
      assert.ok(group?.kind === 'addressGroup', 'the address group was not created');
      const networkId = network.resource.metadata.name;
      trackedNetworkId ??= networkId;
      assert.equal((await settled(networkId, 'create')).phase, 'Active');

      // Listed as the view lists them: the whole tree again, one page of each.
      const explorer = await api.explorer();
      await explorer.refresh();
      const [connection] = await childrenOf();
      assert.equal(connection?.kind, 'connection');
      const services = await childrenOf(connection);
      const listed = (await Promise.all(services.map((service) => childrenOf(service)))).flat();
      const networkNode = listed.find(
        (node) => node.kind === 'network' && !node.malformed && node.resource.metadata.name === networkId,
      );
      const groupNode = listed.find(
        (node) => node.kind === 'addressGroup' && !node.malformed && node.resource.id === group.resource.id,
      );
      assert.ok(networkNode && groupNode, `not listed: ${listed.map((node) => node.id).join(', ')}`);

      for (const node of [networkNode, groupNode]) {
        const editor = await vscode.commands.executeCommand<vscode.TextEditor>('huaweicloud.openResource', node);
        const text = editor?.document.getText() ?? '';
        assert.ok(
          text.includes(node.kind === 'network' ? networkId : group.resource.id),
          `Open as JSON: ${text.slice(0, 200)}`,
        );
      }
      assert.equal(await vscode.commands.executeCommand('huaweicloud.deleteResource', networkNode), 'deleting');
      assert.equal(await vscode.commands.executeCommand('huaweicloud.deleteResource', groupNode), 'deleted');
      assert.equal((await settled(networkId, 'delete')).phase, 'Deleted');
    });
  }

  it('the servers received every request signed with the keys and the security token of its source', () => {
    const accessKeys = new Set([...authorizations].map((value) => /Access=([^,]+),/.exec(value)?.[1]));
    assert.deepEqual(
      [...accessKeys].sort(),
      Object.values(secretsOf)
        .map((secrets) => secrets.accessKeyId)
        .sort(),
    );
    // The emulator refuses a request of these keys without their token (401): none was refused, as the journeys passed.
    assert.ok(authorizations.size >= 3 * 8, `only ${authorizations.size} signed requests`);
  });

  describe('huaweicloud.endpoints in the workspace settings', () => {
    let elsewhere: HostileServer;
    before(async () => {
      elsewhere = await startHostileServer(() => ({
        kind: 'answer',
        status: 200,
        headers: { 'Content-Type': 'application/json' },
        body: Buffer.from('{"projects":[]}'),
        what: 'elsewhere',
        traits: [],
      }));
    });
    after(() => elsewhere.close());

    it('is ignored (requests go where the user settings say) and the user is told once, naming the setting and why', async () => {
      // Keys of its own, so that this test also runs alone (HWC_TEST_GREP).
      const { accessKeyId, secretAccessKey, securityToken } = secretsOf.environment;
      Object.assign(process.env, {
        HUAWEICLOUD_SDK_AK: accessKeyId,
        HUAWEICLOUD_SDK_SK: secretAccessKey,
        HUAWEICLOUD_SDK_SECURITY_TOKEN: securityToken,
      });
      await config().update('credentialSource', 'environment', vscode.ConfigurationTarget.Global);
      mkdirSync(join(workspaceFolder, '.vscode'), { recursive: true });
      const settingsFile = join(workspaceFolder, '.vscode', 'settings.json');
      // The explorer may open a connection as soon as the settings change, before Check Connection does.
      const before = notifications.shown.length;
      const changed = new Promise<void>((resolve) => {
        const listener = vscode.workspace.onDidChangeConfiguration((event) => {
          if (event.affectsConfiguration('huaweicloud')) {
            listener.dispose();
            resolve();
          }
        });
      });
      writeFileSync(
        settingsFile,
        JSON.stringify({
          'huaweicloud.endpoints': { modelarts: elsewhere.url, vpc: elsewhere.url, iam: elsewhere.url },
          'huaweicloud.pageSize': 7,
        }),
      );
      await changed;
      assert.equal(config().get('pageSize'), 7, 'the workspace settings were not read');
      const warnings = () =>
        notifications.shown
          .slice(before)
          .filter((n) => n.kind === 'showWarningMessage' && n.message.includes('"huaweicloud.endpoints"'));

      const report = await vscode.commands.executeCommand<ConnectionReport>('huaweicloud.checkConnection');
      assert.deepEqual(elsewhere.received, [], 'a request went where the workspace settings point');
      assert.ok(report, 'Check Connection failed');
      assert.equal(report.endpoints.vpc, emulator.url, 'the workspace value was applied');
      const [warning] = await waitFor('the warning about the workspace setting', () =>
        warnings().length > 0 ? warnings() : undefined,
      );
      assert.match(
        warning?.message ?? '',
        /"huaweicloud\.endpoints" in \.vscode\/settings\.json is ignored: it decides where your signed requests go, so only your user settings may set it/,
      );

      // Once: not again at the next connection (another region opens one).
      await config().update('region', 'cn-east-3', vscode.ConfigurationTarget.Global);
      assert.equal(
        (await vscode.commands.executeCommand<ConnectionReport>('huaweicloud.checkConnection'))?.region,
        'cn-east-3',
      );
      await config().update('region', 'cn-north-4', vscode.ConfigurationTarget.Global);
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.equal(warnings().length, 1, 'warned more than once');
      assert.deepEqual(elsewhere.received, []);
      rmSync(settingsFile);
    });
  });

  describe('hostile answers in the explorer', () => {
    let hostile: HostileServer;
    let elsewhere: HostileServer;
    let random = new Random(20261124);
    /** Set for the last round: every list answers the worst items side by side. */
    let worst: ReturnType<typeof worstPage> | undefined;
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);

    before(async () => {
      elsewhere = await startHostileServer(() => ({
        kind: 'answer',
        status: 200,
        headers: {},
        body: Buffer.from('{}'),
        what: 'elsewhere',
        traits: [],
      }));
      hostile = await startHostileServer((method, path) =>
        worst
          ? {
              kind: 'answer',
              status: 200,
              headers: { 'Content-Type': 'application/json' },
              body: worst.body,
              what: 'the worst items',
              traits: [],
            }
          : hostileAnswer(random, method, path, {
              elsewhere: elsewhere.url,
              projectId: '0123456789abcdef0123456789abcdef',
              maxStringBytes: 300_000,
              maxDepth: 100_000,
              hangRate: 0,
            }),
      );
      process.on('unhandledRejection', onUnhandled);
      await config().update(
        'endpoints',
        { modelarts: hostile.url, vpc: hostile.url, iam: hostile.url },
        vscode.ConfigurationTarget.Global,
      );
      await config().update('projectId', '0123456789abcdef0123456789abcdef', vscode.ConfigurationTarget.Global);
    });
    after(async () => {
      process.off('unhandledRejection', onUnhandled);
      for (const value of hostile.authorizations) authorizations.add(value);
      await config().update(
        'endpoints',
        { modelarts: emulator.url, vpc: emulator.url, iam: emulator.url },
        vscode.ConfigurationTarget.Global,
      );
      await config().update('projectId', undefined, vscode.ConfigurationTarget.Global);
      await hostile.close();
      await elsewhere.close();
    });

    it('lists page after page of them, then the worst items side by side, opens what it lists, and the extension host keeps answering commands', async () => {
      const explorer = await api.explorer();
      let nodes = 0;
      for (let round = 0; round < 13; round++) {
        random = new Random(20261124 + round);
        if (round === 12) worst = worstPage(1_000_000);
        await explorer.refresh();
        const walk = async (node: ExplorerNode | undefined, depth: number): Promise<void> => {
          for (const child of await childrenOf(node)) {
            nodes++;
            await explorer.tree.getTreeItem(child);
            if (child.kind === 'loadMore') await vscode.commands.executeCommand('huaweicloud.loadMore', child);
            else if ((child.kind === 'network' || child.kind === 'addressGroup') && nodes % 7 === 0) {
              await vscode.commands.executeCommand('huaweicloud.openResource', child);
            }
            if (depth < 3 && child.kind !== 'loadMore') await walk(child, depth + 1);
          }
        };
        await walk(undefined, 0);
      }
      // Alive: a command answers, and with the emulator back the connection works again.
      await config().update(
        'endpoints',
        { modelarts: emulator.url, vpc: emulator.url, iam: emulator.url },
        vscode.ConfigurationTarget.Global,
      );
      await config().update('projectId', undefined, vscode.ConfigurationTarget.Global);
      const report = await vscode.commands.executeCommand<ConnectionReport>('huaweicloud.checkConnection');
      assert.equal(report?.endpoints.vpc, emulator.url);
      const [connection] = await childrenOf();
      assert.equal(connection?.kind, 'connection');
      assert.ok(hostile.received.length >= 24 && nodes >= 24, `${hostile.received.length} requests, ${nodes} nodes`);
      assert.deepEqual(elsewhere.received, [], 'a redirect was followed');
      const ours = unhandled.filter((reason) =>
        String((reason as Error | undefined)?.stack ?? reason).includes(`${sep}dist${sep}`),
      );
      assert.deepEqual(ours.map(String), [], 'the extension left promise rejections unhandled');
      console.log(
        `hostile explorer: ${hostile.received.length} hostile answers, ${nodes} nodes shown over 13 refreshes (the last: the worst items)`,
      );
    });
  });

  describe('none of them anywhere', () => {
    it('the scan finds a secret the extension is made to show and log (a server error quoting it)', async () => {
      planted = `planted${randomBytes(12).toString('hex')}`;
      const quoting = await startHostileServer(() => ({
        kind: 'answer',
        status: 400,
        headers: { 'Content-Type': 'application/json' },
        what: 'an error quoting the planted value',
        traits: [],
        body: Buffer.from(JSON.stringify({ error_code: 'APIGW.0201', error_msg: `refused: ${planted}` })),
      }));
      try {
        await config().update(
          'endpoints',
          { modelarts: quoting.url, vpc: quoting.url, iam: quoting.url },
          vscode.ConfigurationTarget.Global,
        );
        assert.equal(await vscode.commands.executeCommand('huaweicloud.checkConnection'), undefined);
        for (const value of quoting.authorizations) authorizations.add(value);
      } finally {
        await config().update(
          'endpoints',
          { modelarts: emulator.url, vpc: emulator.url, iam: emulator.url },
          vscode.ConfigurationTarget.Global,
        );
        await quoting.close();
      }
      const needle = [{ label: 'the planted value', value: planted }];
      await waitFor('the planted value in a notification', () =>
        scanContent('notifications', shown.join('\n'), needle).length > 0 ? true : undefined,
      );
      // The log reaches the disk a moment later; then the walk of the whole profile must find it there.
      await waitFor("the planted value in the extension's log on disk", () =>
        scanFolder(api.logUri.fsPath, needle).findings.length > 0 ? true : undefined,
      );
      const { findings } = scanFolder(home, needle);
      assert.ok(
        findings.some((finding) => finding.where.startsWith(api.logUri.fsPath)),
        `the walk of ${home} missed it: ${describeFindings(findings)}`,
      );
      // The mementos: the workbench keeps the workspace state (where the tracker keeps its operations) in the
      // browser's IndexedDB, in the profile under the same home; the walk must reach what the extension put there.
      const tracked = [
        { label: 'a tracked network ID', value: trackedNetworkId ?? assert.fail('no network was tracked') },
      ];
      const inState = await waitFor("the tracked network ID in the workbench's storage on disk", () => {
        const found = scanFolder(join(home, 'chromium-profile'), tracked).findings.filter((finding) =>
          finding.where.includes(`${sep}IndexedDB${sep}`),
        );
        return found.length > 0 ? found : undefined;
      });
      assert.ok(
        scanFolder(home, tracked).findings.some((finding) => finding.where === inState[0]?.where),
        `the walk of ${home} missed ${inState[0]?.where}`,
      );
    });

    it('no file VS Code wrote holds a secret or a signature: profile, logs, global and workspace storage, the workspace', () => {
      assert.ok(planted, 'the self-check did not run');
      const started = performance.now();
      const all = needles();
      const scanned = [scanFolder(home, all), scanFolder(workspaceFolder, all)];
      const findings = scanned.flatMap((scan) => scan.findings).filter((finding) => finding.where !== credentialsFile);
      const files = scanned.flatMap((scan) => scan.files);
      const bytes = scanned.reduce((sum, scan) => sum + scan.bytes, 0);
      console.log(
        `secret scan: ${files.length} files, ${(bytes / 1024 / 1024).toFixed(1)} MB, ${all.length} values (${authorizations.size} signatures) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
      // Where the scan must have looked: the extension's log, VS Code's own logs, settings, workspace storage, and the
      // browser's IndexedDB, where VS Code in a browser keeps the global and workspace state (the mementos). (In this
      // harness secret storage is kept in memory: code-server offers no encryption to the browser.)
      for (const expected of [
        api.logUri.fsPath,
        `${sep}logs${sep}`,
        `${sep}User${sep}settings.json`,
        `${sep}User${sep}workspaceStorage${sep}`,
        `${sep}IndexedDB${sep}`,
      ]) {
        assert.ok(
          files.some((file) => file.includes(expected)),
          `nothing scanned under ${expected}`,
        );
      }
      assert.ok(files.includes(credentialsFile), 'the credentials file was not where the scan looks');
      assert.equal(findings.length, 0, describeFindings(findings));
    });

    it('nothing shown holds one: notifications, progress, input boxes, quick picks, open documents, the clipboard', async () => {
      const all = needles();
      const documents = vscode.workspace.textDocuments.map(
        (document) => `${document.uri.toString()}\n${document.getText()}`,
      );
      assert.ok(
        documents.some((text) => text.startsWith('huaweicloud-resource:')),
        'no Open as JSON document to look at',
      );
      const findings = [
        ...scanContent('what was shown', shown.join('\n'), all),
        ...scanContent('open documents', documents.join('\n'), all),
        ...scanContent('the clipboard', await vscode.env.clipboard.readText(), all),
      ];
      assert.ok(shown.length > 20, `only ${shown.length} things shown`);
      assert.equal(findings.length, 0, describeFindings(findings));
    });
  });
});
