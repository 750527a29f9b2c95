// `huaweicloud.endpoints` is an application setting: VS Code applies it from the user's settings only and drops it
// from a workspace's without a word (a folder someone else wrote must not send signed requests to its own host).
// Someone who put it there would see the connection ignore it and not know why: this says so, once per file.
import * as vscode from 'vscode';
import { shownValue } from '../core/display';
import { settingsFileSets } from '../core/cloud/workspaceSettings';

const KEY = 'huaweicloud.endpoints';

/** The settings files of the open workspace: each folder's `.vscode/settings.json`, and the `.code-workspace` file. */
function workspaceSettingsFiles(): { uri: vscode.Uri; workspaceFile: boolean }[] {
  const files = (vscode.workspace.workspaceFolders ?? []).map((folder) => ({
    uri: vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json'),
    workspaceFile: false,
  }));
  const workspaceFile = vscode.workspace.workspaceFile;
  if (workspaceFile && workspaceFile.scheme !== 'untitled') files.push({ uri: workspaceFile, workspaceFile: true });
  return files;
}

export class WorkspaceEndpointsWarning {
  /** Files already warned about in this session. */
  private readonly warned = new Set<string>();

  constructor(private readonly log: vscode.LogOutputChannel) {}

  /** The check under way: connections opened at the same moment check one after the other, never both at once. */
  private running: Promise<void> = Promise.resolve();

  /** Reads the workspace's settings files and warns about each one that sets the endpoints (never twice for one). */
  check(): Promise<void> {
    this.running = this.running
      .then(() => this.checkFiles())
      .catch((error: unknown) => {
        this.log.warn(
          `The workspace's settings could not be checked for ${KEY}: ${error instanceof Error ? error.message : String(error)}`,
        );
      });
    return this.running;
  }

  private async checkFiles(): Promise<void> {
    for (const { uri, workspaceFile } of workspaceSettingsFiles()) {
      if (this.warned.has(uri.toString())) continue;
      let text: string;
      try {
        text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      } catch {
        continue;
      }
      if (!settingsFileSets(text, KEY, { workspaceFile })) continue;
      this.warned.add(uri.toString());
      // A folder's file name is the folder's to choose: shown escaped.
      const where = shownValue(vscode.workspace.asRelativePath(uri));
      const message =
        `"${KEY}" in ${where} is ignored: it decides where your signed requests go, so only your user settings may set it ` +
        '(an application setting), never a workspace. Your user settings and the region decide the endpoints.';
      this.log.warn(message);
      const open = vscode.l10n.t('Open User Settings');
      void vscode.window.showWarningMessage(vscode.l10n.t('Huawei Cloud: {0}', message), open).then((choice) => {
        if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', KEY);
      });
    }
  }
}
