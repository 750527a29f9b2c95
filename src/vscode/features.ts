// Everything the extension does, loaded the first time a person reaches for it (src/extension.ts decides when): the
// services, the checks of open documents, the Resources view's explorer, the status bar, the walkthrough's
// milestones. Each feature's own code still loads when first used (see commands.ts).
import type * as vscode from 'vscode';
import type { Shell } from './activation/shell';
import { runCommand } from './commands';
import { registerDocumentCodeLenses, registerDocumentQuickFixes } from './documents/codeLens';
import { registerDocumentDiagnostics } from './documents/diagnostics';
import { registerDocumentHovers } from './documents/hover';
import { registerLiveDiagnostics } from './documents/liveDiagnostics';
import { registerMilestones } from './documents/milestones';
import type { ExplorerApi } from './explorer/api';
import { registerResourcesView } from './explorer/resourcesView';
import { registerStatusBar } from './provisioning/statusBar';
import { configureCoreLocalization } from './localization';
import { createServices } from './services';
import type { Tracker } from '../core/provisioning/tracker';

/** What the entry asks of the features once they are loaded. */
export interface Features {
  /** Runs a contributed command. */
  run(command: string, args: unknown[]): Promise<unknown>;
  explorer(): Promise<ExplorerApi>;
  tracker(): Promise<Tracker>;
}

export function startFeatures(context: vscode.ExtensionContext, shell: Shell): Features {
  // Before any core code makes a message: core translates with @vscode/l10n, given VS Code's bundle here.
  configureCoreLocalization();
  const ctx = createServices(context);
  shell.serveResourceDocuments(ctx.resourceDocuments);
  registerResourcesView(ctx, shell);
  registerDocumentDiagnostics(ctx);
  registerLiveDiagnostics(ctx);
  registerDocumentHovers(ctx);
  registerDocumentCodeLenses(ctx);
  registerDocumentQuickFixes(ctx);
  registerStatusBar(ctx, shell.statusBarItem());
  registerMilestones(ctx);
  // Operations followed before a window reload are followed again.
  ctx.tracking.restore();
  ctx.log.info(`Huawei Cloud Networks ${String(context.extension.packageJSON.version)}: features loaded`);
  return {
    run: (command, args) => runCommand(ctx, command, args),
    explorer: () => ctx.explorer(),
    tracker: ctx.tracker,
  };
}
