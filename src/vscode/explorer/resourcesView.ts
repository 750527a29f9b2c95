import * as vscode from 'vscode';
import { ContextKey } from '../commandIds';
import { resolveCredentials } from '../../core/cloud/credentials';
import type { ExplorerNode } from '../../core/explorer/nodes';
import type { Services } from '../services';
import type { ExplorerApi } from './api';
import type { Explorer } from './explorer';
import { readSettings } from '../settings';

export const RESOURCES_VIEW_ID = 'huaweicloud.resources';

/**
 * The Resources view's data provider as activation registers it: it only forwards. The explorer behind it (the
 * model, the client, the tree items) is imported the first time VS Code asks for the roots — that is, when the view
 * is first shown — or when a command asks for `ctx.explorer()`. Until then nothing is evaluated, read or fetched.
 * While the tree has no roots (nothing configured), VS Code shows the view's welcome content (package.json
 * `viewsWelcome`), which differs on whether credentials are configured.
 */
class ResourcesTreeProvider implements vscode.TreeDataProvider<ExplorerNode> {
  private readonly changes = new vscode.EventEmitter<ExplorerNode[] | undefined>();
  readonly onDidChangeTreeData = this.changes.event;
  private explorer: ExplorerApi | undefined;

  constructor(private readonly load: () => Promise<ExplorerApi>) {}

  attach(explorer: ExplorerApi): void {
    this.explorer = explorer;
  }

  fire(nodes: ExplorerNode[] | undefined): void {
    this.changes.fire(nodes);
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem | Thenable<vscode.TreeItem> {
    // Nodes exist only once the explorer has handed them out, so it is loaded by now.
    return this.explorer
      ? this.explorer.tree.getTreeItem(node)
      : this.load().then((explorer) => explorer.tree.getTreeItem(node));
  }

  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    const explorer = this.explorer ?? (await this.load());
    return (await explorer.tree.getChildren?.(node)) ?? [];
  }

  getParent(node: ExplorerNode): vscode.ProviderResult<ExplorerNode> {
    return this.explorer?.tree.getParent?.(node);
  }

  dispose(): void {
    this.changes.dispose();
  }
}

export function registerResourcesView(ctx: Services): void {
  const provider = ctx.own(new ResourcesTreeProvider((): Promise<Explorer> => load()));
  const view = ctx.own(
    vscode.window.createTreeView(RESOURCES_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true }),
  );
  const load: () => Promise<Explorer> = ctx.setExplorerLoader(() =>
    import('./explorer').then(({ Explorer }) => {
      const explorer = ctx.own(new Explorer(ctx, view, (nodes) => provider.fire(nodes)));
      provider.attach(explorer);
      return explorer;
    }),
  );

  // What commands did to resources shows in the tree: a new resource at the top of its group until a page holds
  // it, an updated one or a network being deleted in its phase, a deleted one gone.
  ctx.own(
    ctx.resources.onDidChange(
      (change) =>
        void load()
          .then(async (explorer) => {
            if (change.type === 'deleted') {
              explorer.removeResource(change.kind, change.id);
            } else if (change.type === 'deleting' || change.type === 'updated') {
              explorer.updateResource(change.resource);
            } else {
              await explorer.showResource(change.resource, { pinned: true });
            }
          })
          .catch((error: unknown) =>
            ctx.log.error(
              `Showing a change in the explorer failed: ${error instanceof Error ? error.message : String(error)}`,
            ),
          ),
    ),
  );

  // Looked at only while the view is visible: reading secrets and the SDK file is I/O that activation must not do.
  const updateWelcome = async () => {
    if (!view.visible) return;
    const configured =
      ctx.connections.usingEmulator !== undefined ||
      (await resolveCredentials(readSettings().credentialSource, await ctx.connections.credentialEnvironment()).then(
        () => true,
        () => false,
      ));
    await vscode.commands.executeCommand('setContext', ContextKey.credentialsConfigured, configured);
  };
  ctx.own(view.onDidChangeVisibility(() => void updateWelcome()));
  // Sign Out is offered while a key is stored: looked at when a connection opens (never at activation) and when
  // the stored secrets change.
  const updateStoredKey = () =>
    void import('../commands/credentials').then(({ accessKeyStored }) => accessKeyStored(ctx));
  ctx.own(ctx.connections.onDidOpen(updateStoredKey));
  ctx.own(
    ctx.vscodeContext.secrets.onDidChange((event) => {
      if (event.key.startsWith('huaweicloud.')) updateStoredKey();
    }),
  );
  ctx.own(ctx.connections.onDidChange(() => void updateWelcome()));
  void updateWelcome();
}
