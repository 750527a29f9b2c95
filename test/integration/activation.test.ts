import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'hwc-tools.huaweicloud-networks';

async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`${what} did not happen within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('activation', () => {
  it('is installed, and activates only for its view, its commands and JSON documents: never at startup', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed`);
    // Views and commands activate implicitly (VS Code derives those events from `contributes`).
    const manifest = extension.packageJSON as { activationEvents: string[] };
    assert.deepEqual(manifest.activationEvents, ['onLanguage:json', 'onLanguage:jsonc']);
  });

  it('opens its Resources view, and is then active', async () => {
    await vscode.commands.executeCommand('huaweicloud.resources.focus');
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    await waitFor(() => extension?.isActive === true, 'activation by the view');
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
