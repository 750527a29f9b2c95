// Select Region / Project in the real VS Code: the region and the project go to the user settings; a project looked
// up through IAM (here the local emulator's) is reported.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

type Pick = (items: readonly vscode.QuickPickItem[]) => vscode.QuickPickItem | undefined;

/** Answers the extension's quick picks and input boxes in order, as a person would. */
function answer(picks: Pick[], inputs: string[]) {
  const window = vscode.window as unknown as Record<'showQuickPick' | 'showInputBox', unknown>;
  const originals = [window.showQuickPick, window.showInputBox];
  const titles: string[] = [];
  window.showQuickPick = async (
    items: readonly vscode.QuickPickItem[] | Thenable<readonly vscode.QuickPickItem[]>,
    options?: vscode.QuickPickOptions,
  ) => {
    titles.push(options?.title ?? '');
    return picks.shift()?.(await items);
  };
  window.showInputBox = async (options?: vscode.InputBoxOptions) => {
    titles.push(options?.title ?? '');
    const value = inputs.shift();
    // The input box's own check runs on what is typed, as it would in the workbench.
    if (value !== undefined && options?.validateInput) {
      const problem = await options.validateInput(value);
      if (problem) return assert.fail(`"${value}" refused: ${String(problem)}`);
    }
    return value;
  };
  return {
    titles,
    restore: () => {
      [window.showQuickPick, window.showInputBox] = originals;
    },
  };
}

const byLabel =
  (label: string | RegExp): Pick =>
  (items) =>
    items.find((item) => (typeof label === 'string' ? item.label === label : label.test(item.label)));

describe('Select Region / Project', () => {
  const config = () => vscode.workspace.getConfiguration('huaweicloud');
  after(async () => {
    await config().update('region', undefined, vscode.ConfigurationTarget.Global);
    await config().update('projectId', undefined, vscode.ConfigurationTarget.Global);
  });

  it('writes a listed region and a typed project ID to the user settings', async () => {
    const dialog = answer(
      [byLabel('ap-southeast-3'), byLabel(/Enter a project ID/)],
      ['0123456789abcdef0123456789abcdef'],
    );
    try {
      const chosen = await vscode.commands.executeCommand('huaweicloud.selectRegion');
      assert.deepEqual(chosen, { region: 'ap-southeast-3', projectId: '0123456789abcdef0123456789abcdef' });
    } finally {
      dialog.restore();
    }
    assert.equal(config().inspect('region')?.globalValue, 'ap-southeast-3');
    assert.equal(config().inspect('projectId')?.globalValue, '0123456789abcdef0123456789abcdef');
  });

  it('looks the project up through IAM, clearing a typed one (here through the local emulator)', async () => {
    await vscode.commands.executeCommand<string>('huaweicloud.startEmulator');
    const dialog = answer([byLabel('cn-north-4'), byLabel(/Look the project up through IAM/)], []);
    try {
      const chosen = await vscode.commands.executeCommand<{ region: string; projectId: string }>(
        'huaweicloud.selectRegion',
      );
      assert.equal(chosen?.region, 'cn-north-4');
      assert.match(chosen?.projectId ?? '', /^[0-9a-f]{32}$/);
      assert.notEqual(chosen?.projectId, '0123456789abcdef0123456789abcdef');
    } finally {
      dialog.restore();
      await vscode.commands.executeCommand('huaweicloud.stopEmulator');
    }
    assert.equal(config().inspect('projectId')?.globalValue, undefined);
  });
});
