// A KooCLI profile as the credential source, in the real VS Code, against the emulator on 127.0.0.1 (not started
// through Start Local Emulator, whose own key would sign: here the profile's keys must). HOME is a fresh folder
// holding .hcloud/config.json as KooCLI writes it; the extension host reads HOME on each look for credentials
// (os.homedir()), and the tests share its process.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { EMULATOR_CREDENTIALS } from '../../src/core/cloud/emulatorDefaults';
import { Emulator } from '../../src/emulator/server';
import type { ConnectionReport } from '../../src/vscode/commands/checkConnection';
import type { ExplorerNode, ExtensionApi } from '../../src/vscode/explorer/api';
import { spyOnNotifications } from '../support/notifications';
import { waitFor } from '../support/waitFor';
import { koocliProfile } from '../support/koocliConfig';

const EXTENSION_ID = 'hwc-tools.huaweicloud-networks';

describe('KooCLI credentials: Check Connection with a KooCLI profile, against the emulator', () => {
  let emulator: Emulator;
  let home: string;
  let previousHome: string | undefined;
  let notifications: ReturnType<typeof spyOnNotifications>;
  /** Every Authorization header the emulator received. */
  const authorizations: string[] = [];
  const config = () => vscode.workspace.getConfiguration('huaweicloud');
  const configFile = () => join(home, '.hcloud', 'config.json');
  /** `hcloud configure list` as KooCLI prints it: a current profile with no keys, and `dev` with the emulator's. */
  const writeConfig = (authEncrypt: 'true' | 'false') => {
    mkdirSync(join(home, '.hcloud'), { recursive: true });
    const profile = (name: string, keys: { accessKeyId: string; secretAccessKey: string }) =>
      koocliProfile({ name, ...keys });
    writeFileSync(
      configFile(),
      JSON.stringify({
        authEncrypt,
        language: 'en',
        offline: 'true',
        agreePrivacy: 'true',
        current: 'default',
        profiles: [
          profile('default', { accessKeyId: 'HPUANOTTHEEMULATORS', secretAccessKey: 'not-the-emulators-key' }),
          profile('dev', { ...EMULATOR_CREDENTIALS }),
        ],
      }),
    );
  };

  before(async () => {
    await vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID)?.activate();
    await vscode.commands.executeCommand('huaweicloud.stopEmulator');
    emulator = new Emulator({ onAuthorization: (value) => authorizations.push(value) });
    const url = await emulator.listen();
    home = mkdtempSync(join(tmpdir(), 'hwc-koocli-home-'));
    previousHome = process.env.HOME;
    process.env.HOME = home;
    writeConfig('false');
    await config().update('endpoints', { modelarts: url, vpc: url, iam: url }, vscode.ConfigurationTarget.Global);
    await config().update('region', 'cn-north-4', vscode.ConfigurationTarget.Global);
    await config().update('credentialSource', 'koocli', vscode.ConfigurationTarget.Global);
    await config().update('koocliProfile', 'dev', vscode.ConfigurationTarget.Global);
    notifications = spyOnNotifications();
  });

  after(async () => {
    notifications?.restore();
    for (const key of ['endpoints', 'region', 'credentialSource', 'koocliProfile']) {
      await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    }
    if (previousHome === undefined) delete process.env.HOME;
    else process.env.HOME = previousHome;
    rmSync(home, { recursive: true, force: true });
    await emulator?.close();
  });

  it("connects with the profile named in huaweicloud.koocliProfile, and names it: Check Connection, the explorer's root and its tooltip", async () => {
    const before = notifications.shown.length;
    const report = await vscode.commands.executeCommand<ConnectionReport>('huaweicloud.checkConnection');
    assert.ok(report, 'Check Connection failed with the KooCLI profile');
    assert.equal(report.credentialSource, 'koocli');
    assert.equal(report.connectionName, "KooCLI profile 'dev'");
    assert.equal(report.credentialOrigin, `KooCLI profile 'dev' in ${configFile()}`);
    assert.equal(report.projectIdOrigin, 'IAM');
    assert.ok(
      authorizations.some((value) => value.includes(`Access=${EMULATOR_CREDENTIALS.accessKeyId}`)),
      "nothing was signed with the 'dev' profile's key",
    );
    const summary = await waitFor('the Check Connection notification', () =>
      notifications.shown.slice(before).find((shown) => shown.message.startsWith('Connected to ')),
    );
    assert.match(summary.message, /with credentials from KooCLI profile 'dev' in .*config\.json: /);
    assert.doesNotMatch(summary.message, new RegExp(EMULATOR_CREDENTIALS.secretAccessKey));

    const api = await vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID)?.activate();
    const explorer = await api?.explorer();
    assert.ok(explorer);
    await vscode.commands.executeCommand('huaweicloud.resources.focus');
    await vscode.commands.executeCommand('huaweicloud.refresh');
    const root = await waitFor('the connection root', async () => {
      const roots = (await explorer.tree.getChildren()) ?? [];
      const item = roots[0] && (explorer.tree.getTreeItem(roots[0]) as vscode.TreeItem);
      return item && String(item.label) === "KooCLI profile 'dev'" ? (roots[0] as ExplorerNode) : undefined;
    });
    const item = (await explorer.tree.getTreeItem(root)) as vscode.TreeItem;
    const markdown = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : String(item.tooltip);
    // The tooltip is Markdown, its values escaped: read as a person reads it.
    const tooltip = markdown.replace(/\\(.)/g, '$1');
    assert.ok(
      tooltip.includes(`Credentials from: KooCLI profile 'dev' in ${configFile()}`),
      `the tooltip does not name the source and the profile: ${tooltip}`,
    );
  });

  it('says the keys are encrypted by KooCLI and what to do, and sends nothing', async () => {
    writeConfig('true');
    try {
      const before = notifications.shown.length;
      const signed = authorizations.length;
      const report = await vscode.commands.executeCommand<ConnectionReport | undefined>('huaweicloud.checkConnection');
      assert.equal(report, undefined);
      assert.equal(authorizations.length, signed, 'a request was signed with what KooCLI encrypted');
      const error = await waitFor('the error notification', () =>
        notifications.shown.slice(before).find((shown) => shown.kind === 'showErrorMessage'),
      );
      assert.match(error.message, /KooCLI keeps its keys encrypted/);
      assert.match(error.message, /hcloud configure set --cli-auth-encrypt=false/);
    } finally {
      writeConfig('false');
    }
  });
});
