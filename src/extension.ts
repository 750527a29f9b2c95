import * as vscode from 'vscode';
import { registerCommands } from './vscode/commands';
import { createServices } from './vscode/services';
import { registerDocumentCodeLenses, registerDocumentQuickFixes } from './vscode/documents/codeLens';
import { registerDocumentDiagnostics } from './vscode/documents/diagnostics';
import { registerDocumentHovers } from './vscode/documents/hover';
import { registerLiveDiagnostics } from './vscode/documents/liveDiagnostics';
import { registerMilestones } from './vscode/documents/milestones';
import { registerResourcesView } from './vscode/explorer/resourcesView';
import { registerStatusBar } from './vscode/provisioning/statusBar';
import type { Tracker } from './core/provisioning/tracker';
import type { ExtensionApi as ExplorerExtensionApi } from './vscode/explorer/api';

/** What activate() hands to other extensions and to the integration tests: the explorer and the provisioning tracker. */
export interface ExtensionApi extends ExplorerExtensionApi {
  tracker(): Promise<Tracker>;
  /** The folder of the extension's log (the "Huawei Cloud" output channel): tests scan it for secrets. */
  readonly logUri: vscode.Uri;
}

/**
 * Only wires things together: no I/O, no network, nothing awaited. Everything slow happens later, when the user
 * opens the view or runs a command.
 */
export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const ctx = createServices(context);
  registerCommands(ctx);
  registerResourcesView(ctx);
  registerDocumentDiagnostics(ctx);
  registerLiveDiagnostics(ctx);
  registerDocumentHovers(ctx);
  registerDocumentCodeLenses(ctx);
  registerDocumentQuickFixes(ctx);
  registerStatusBar(ctx);
  registerMilestones(ctx);
  // Operations followed before a window reload are followed again (the state is in memory: no I/O).
  ctx.tracking.restore();
  ctx.log.info(`Huawei Cloud Networks ${String(context.extension.packageJSON.version)} activated`);
  // For tests (and other extensions): the explorer and the tracker, loaded when asked for.
  return { explorer: () => ctx.explorer(), tracker: ctx.tracker, logUri: context.logUri };
}

export function deactivate(): void {
  // Every disposable is owned by context.subscriptions; VS Code disposes them.
}
