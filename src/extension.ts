import * as vscode from 'vscode';
import { registerCommands } from './vscode/commands';
import { createExtensionContext } from './vscode/context';
import { registerDocumentDiagnostics } from './vscode/documents/diagnostics';
import { registerDocumentHovers } from './vscode/documents/hover';
import { registerResourcesView } from './vscode/resourcesView';
import { registerStatusBar } from './vscode/statusBar';
import type { Tracker } from './core/tracker';

/** What activate() hands to other extensions and to the integration tests: the provisioning tracker. */
export interface ExtensionApi {
  tracker(): Promise<Tracker>;
}

/**
 * Only wires things together: no I/O, no network, nothing awaited. Everything slow happens later, when the user
 * opens the view or runs a command.
 */
export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const ctx = createExtensionContext(context);
  registerCommands(ctx);
  registerResourcesView(ctx);
  registerDocumentDiagnostics(ctx);
  registerDocumentHovers(ctx);
  registerStatusBar(ctx);
  // Operations followed before a window reload are followed again (the state is in memory: no I/O).
  ctx.tracking.restore();
  ctx.log.info(`Huawei Cloud Networks ${String(context.extension.packageJSON.version)} activated`);
  return { tracker: ctx.tracker };
}

export function deactivate(): void {
  // Every disposable is owned by context.subscriptions; VS Code disposes them.
}
