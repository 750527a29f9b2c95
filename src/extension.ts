import * as vscode from 'vscode';
import { registerCommands } from './vscode/commands';
import { createExtensionContext } from './vscode/context';
import { registerDocumentCodeLenses } from './vscode/documents/codeLens';
import { registerDocumentDiagnostics } from './vscode/documents/diagnostics';
import { registerDocumentHovers } from './vscode/documents/hover';
import { registerResourcesView } from './vscode/resourcesView';
import type { ExtensionApi } from './vscode/explorer/api';

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
  registerDocumentCodeLenses(ctx);
  ctx.log.info(`Huawei Cloud Networks ${String(context.extension.packageJSON.version)} activated`);
  // For tests (and other extensions): the explorer, loaded when asked for.
  return { explorer: () => ctx.explorer() };
}

export function deactivate(): void {
  // Every disposable is owned by context.subscriptions; VS Code disposes them.
}
