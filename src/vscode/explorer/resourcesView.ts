import * as vscode from 'vscode';
import { ContextKey } from '../commandIds';
import { resolveCredentials } from '../../core/cloud/credentials';
import type { Services } from '../services';
import type { Shell } from '../activation/shell';
import type { Explorer } from './explorer';
import { readSettings } from '../settings';

/**
 * The Resources view, which activation registered (src/extension.ts) with a provider that forwards: the explorer
 * behind it (the model, the client, the tree items) is imported the first time VS Code asks for the roots — when
 * the view is first shown — or when a command asks for `ctx.explorer()`.
 */
export function registerResourcesView(ctx: Services, shell: Shell): void {
  const { view } = shell;
  const load: () => Promise<Explorer> = ctx.setExplorerLoader(() =>
    import('./explorer').then(({ Explorer }) => {
      const explorer = ctx.own(new Explorer(ctx, view, (nodes) => shell.fireTreeChange(nodes)));
      shell.attachTree(explorer);
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
