import * as vscode from 'vscode';
import type { ExplorerNode } from '../../core/explorer/nodes';
import type { TreeSource } from './shell';

/** The Resources view (package.json contributes.views). */
export const RESOURCES_VIEW_ID = 'huaweicloud.resources';

/**
 * The Resources view's data provider as activation registers it: it only forwards. The explorer behind it (the
 * model, the client, the tree items) is loaded the first time VS Code asks for the roots — that is, when the view
 * is first shown — or when a command needs it. Until then nothing is evaluated, read or fetched. While the tree has
 * no roots (nothing configured), VS Code shows the view's welcome content (package.json `viewsWelcome`).
 */
export class ForwardingTreeProvider implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly changes = new vscode.EventEmitter<ExplorerNode[] | undefined>();
  readonly onDidChangeTreeData = this.changes.event;
  private source: TreeSource | undefined;

  constructor(private readonly load: () => Promise<TreeSource>) {}

  attach(source: TreeSource): void {
    this.source = source;
  }

  fire(nodes: ExplorerNode[] | undefined): void {
    this.changes.fire(nodes);
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem | Thenable<vscode.TreeItem> {
    // Nodes exist only once the explorer has handed them out, so it is loaded by now.
    return this.source ? this.source.tree.getTreeItem(node) : this.load().then(({ tree }) => tree.getTreeItem(node));
  }

  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    const { tree } = this.source ?? (await this.load());
    return (await tree.getChildren?.(node)) ?? [];
  }

  getParent(node: ExplorerNode): vscode.ProviderResult<ExplorerNode> {
    return this.source?.tree.getParent?.(node);
  }

  dispose(): void {
    this.changes.dispose();
  }
}
