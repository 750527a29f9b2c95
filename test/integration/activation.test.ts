import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'hwc-tools.huaweicloud-networks';

describe('activation', () => {
  it('is installed and activates without error', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed`);
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  it('does not activate on startup: only its view, commands and documents activate it', () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { activationEvents: string[] };
    for (const event of manifest.activationEvents) {
      assert.ok(!['*', 'onStartupFinished'].includes(event), `eager activation event ${event}`);
    }
  });

  it('opens its Resources view through the view focus command', async () => {
    await vscode.commands.executeCommand('huaweicloud.resources.focus');
  });

  it('registers every contributed command', async () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes: { commands: { command: string }[] } };
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const { command } of manifest.contributes.commands) {
      assert.ok(registered.has(command), `${command} is contributed but not registered`);
    }
  });

  it('shows its log through Show Log', async () => {
    await vscode.commands.executeCommand('huaweicloud.showLog');
  });
});
