import * as vscode from 'vscode';
import { HuaweiCloudError } from '../core/cloud/errors';

/** The button of the error notification, and the command it runs (VS Code's Workspace Trust editor). */
export const MANAGE_WORKSPACE_TRUST = {
  get title() {
    return vscode.l10n.t('Manage Workspace Trust');
  },
  command: 'workbench.trust.manage',
} as const;

/** Why a connection to Huawei Cloud was refused: the workspace is in Restricted Mode. Nothing was read or sent. */
export class UntrustedWorkspaceError extends HuaweiCloudError {
  constructor() {
    super(
      vscode.l10n.t(
        'this workspace is not trusted, and nothing is sent to Huawei Cloud from an untrusted folder. To connect, trust the folder with "Workspaces: Manage Workspace Trust" (or click Restricted Mode in the status bar). Documents are still checked, and the local emulator works without trust.',
      ),
      { kind: 'configuration', notSent: true },
    );
    this.name = 'UntrustedWorkspaceError';
  }
}

/**
 * The workspace-trust guard of every connection: in an untrusted workspace (manifest `untrustedWorkspaces:
 * limited`) a connection to Huawei Cloud is refused before any setting, secret, environment variable or file is
 * read; one to a local emulator (`emulatorUrl`: the one this extension started, or npm start's once it has said it
 * is the emulator — loopback, with its well-known test key) is allowed. Trust is read at each call, so granting it takes effect at once, without a reload.
 */
export function untrustedWorkspaceError(emulatorUrl: string | undefined): UntrustedWorkspaceError | undefined {
  return emulatorUrl === undefined && !vscode.workspace.isTrusted ? new UntrustedWorkspaceError() : undefined;
}

/** Shows a refusal (from `reportError`) with a button that opens the Workspace Trust editor, and "Show Log". */
export function reportUntrustedWorkspace(
  log: vscode.LogOutputChannel,
  what: string,
  error: UntrustedWorkspaceError,
  /** `what` translated, for the notification; the log keeps `what`. */
  shownWhat: string = what,
): void {
  log.warn(`${what}: ${error.message}`);
  // Not awaited: the command is over; the notification stays until the user closes it.
  void vscode.window
    .showErrorMessage(
      vscode.l10n.t('{0}: {1}', shownWhat, error.message),
      MANAGE_WORKSPACE_TRUST.title,
      vscode.l10n.t('Show Log'),
    )
    .then((choice) => {
      if (choice === MANAGE_WORKSPACE_TRUST.title) void vscode.commands.executeCommand(MANAGE_WORKSPACE_TRUST.command);
      if (choice === vscode.l10n.t('Show Log')) log.show(true);
    });
}
