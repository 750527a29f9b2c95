import * as vscode from 'vscode';
import { ContextKey } from './commandIds';
import { resolveCredentials } from '../core/credentials';
import type { ExtensionContext } from './context';
import { readSettings } from './settings';

export const RESOURCES_VIEW_ID = 'huaweicloud.resources';

/**
 * The explorer's tree. It has no resource nodes yet, so VS Code shows the view's welcome content (package.json
 * `viewsWelcome`), which differs on whether credentials are configured.
 */
class ResourcesTreeProvider implements vscode.TreeDataProvider<never> {
  getTreeItem(element: never): vscode.TreeItem {
    return element;
  }

  getChildren(): never[] {
    return [];
  }
}

export function registerResourcesView(ctx: ExtensionContext): void {
  const view = ctx.own(vscode.window.createTreeView(RESOURCES_VIEW_ID, { treeDataProvider: new ResourcesTreeProvider() }));

  // Looked at only while the view is visible: reading secrets and the SDK file is I/O that activation must not do.
  const updateWelcome = async () => {
    if (!view.visible) return;
    const configured = ctx.connections.usingEmulator !== undefined
      || await resolveCredentials(readSettings().credentialSource, ctx.connections.credentialEnvironment()).then(() => true, () => false);
    await vscode.commands.executeCommand('setContext', ContextKey.credentialsConfigured, configured);
  };
  ctx.own(view.onDidChangeVisibility(() => void updateWelcome()));
  ctx.own(ctx.connections.onDidChange(() => void updateWelcome()));
  void updateWelcome();
}
