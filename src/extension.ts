// The file VS Code loads (dist/extension.js): it only registers. Every command, the Resources view, the read-only
// documents of live resources and the status bar are registered here with stand-ins that load the features
// (src/vscode/features.ts, an ES module of its own: dist/features.mjs) the first time a person reaches for one of
// them, or the first time a network or address-group document is open. Opening settings.json or a package.json
// loads nothing more.
// This file and src/vscode/activation/ import nothing the features import (ESLint keeps it so), so that activation
// reads this one file: test/unit/vscode/activation.test.ts proves it on the build.
import * as vscode from 'vscode';
import { watchForOurDocuments } from './vscode/activation/documentWatch';
import { RESOURCE_SCHEME } from './vscode/activation/documentSigns';
import { ForwardingContentProvider } from './vscode/activation/resourceDocuments';
import { ForwardingTreeProvider, RESOURCES_VIEW_ID } from './vscode/activation/resourcesView';
import type { Shell } from './vscode/activation/shell';
import { scheduleFirstStatus } from './vscode/activation/firstStatus';
import { contributedCommands } from './vscode/activation/wakeSigns';
import type { Tracker } from './core/provisioning/tracker';
import type { ExtensionApi as ExplorerExtensionApi } from './vscode/explorer/api';
import type { Features } from './vscode/features';

/** What activate() hands to other extensions and to the integration tests: the explorer and the provisioning tracker. */
export interface ExtensionApi extends ExplorerExtensionApi {
  tracker(): Promise<Tracker>;
  /** The folder of the extension's log (the "Huawei Cloud" output channel): tests scan it for secrets. */
  readonly logUri: vscode.Uri;
}

/** No I/O, no network, no setting read, nothing awaited: everything slow happens when first needed. */
export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const own = <T extends vscode.Disposable>(disposable: T): T => {
    context.subscriptions.push(disposable);
    return disposable;
  };
  let loading: Promise<Features> | undefined;
  let loaded = false;
  let deactivated = false;
  own({ dispose: () => (deactivated = true) });
  const watch = own(watchForOurDocuments(() => void features().catch(() => undefined)));
  // Once, whatever fails: a module that did not load stays failed in this process (Node keeps the failure), and
  // features half started must not register twice. Said once, with what to do.
  const features = (): Promise<Features> =>
    (loading ??= import('./vscode/features')
      .then(({ startFeatures }) => {
        // Deactivated while loading: what it would register would outlive the extension.
        if (deactivated) throw new Error('the extension was deactivated while it loaded');
        const started = startFeatures(context, shell);
        loaded = true;
        // The features check documents themselves from now on.
        watch.dispose();
        return started;
      })
      .catch((error: unknown) => {
        if (!deactivated) {
          const reason = error instanceof Error ? error.message : String(error);
          console.error(
            `Huawei Cloud Networks could not load: ${error instanceof Error ? (error.stack ?? reason) : reason}`,
          );
          void vscode.window.showErrorMessage(
            vscode.l10n.t('Huawei Cloud Networks could not load its code: {0}. Reinstall the extension.', reason),
          );
        }
        throw error;
      }));

  const tree = own(new ForwardingTreeProvider(() => features().then((loadedFeatures) => loadedFeatures.explorer())));
  const view = own(vscode.window.createTreeView(RESOURCES_VIEW_ID, { treeDataProvider: tree, showCollapseAll: true }));
  const content = own(new ForwardingContentProvider(features));
  own(vscode.workspace.registerTextDocumentContentProvider(RESOURCE_SCHEME, content));
  let statusBarItem: vscode.StatusBarItem | undefined;
  const shell: Shell = {
    view,
    attachTree: (source) => tree.attach(source),
    fireTreeChange: (nodes) => tree.fire(nodes),
    statusBarItem: () =>
      (statusBarItem ??= own(
        vscode.window.createStatusBarItem('huaweicloud.status', vscode.StatusBarAlignment.Left, -10),
      )),
    serveResourceDocuments: (provider) => content.serve(provider),
  };

  for (const command of contributedCommands(context)) {
    own(
      vscode.commands.registerCommand(command, async (...args: unknown[]) => {
        // A load that failed has said so already: one message, not VS Code's "command resulted in an error" too.
        const loadedFeatures = await features().catch(() => undefined);
        return loadedFeatures?.run(command, args);
      }),
    );
  }
  own(
    scheduleFirstStatus(
      context,
      shell,
      () => loaded,
      () => void features().catch(() => undefined),
    ),
  );
  return {
    explorer: async () => (await features()).explorer(),
    tracker: async () => (await features()).tracker(),
    logUri: context.logUri,
  };
}

export function deactivate(): void {
  // Every disposable is owned by context.subscriptions; VS Code disposes them.
}
