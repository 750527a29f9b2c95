import * as vscode from 'vscode';
import type { ExtensionContext } from './context';

export const RESOURCES_VIEW_ID = 'huaweicloud.resources';

/**
 * The explorer's tree. Until a connection can be configured it has no roots, so VS Code shows the view's welcome
 * content (package.json `viewsWelcome`), which says what already works.
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
  ctx.own(vscode.window.createTreeView(RESOURCES_VIEW_ID, { treeDataProvider: new ResourcesTreeProvider() }));
}
