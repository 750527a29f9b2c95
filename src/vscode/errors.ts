import * as vscode from 'vscode';
import { Command } from './commandIds';
import { shownValue } from '../core/display';
import { HuaweiCloudError } from '../core/cloud/errors';
import { reportUntrustedWorkspace, UntrustedWorkspaceError } from './trust';

/** A cancellation the user asked for and needs no word about (unlike a create cancelled after it was sent). */
export function isCancellation(error: unknown): boolean {
  return (
    (error instanceof HuaweiCloudError && error.kind === 'cancelled' && error.changeOutcome === undefined) ||
    error instanceof vscode.CancellationError
  );
}

/**
 * A command that will not run as asked (a document with errors, a create already under way): said plainly, with no
 * credentials to configure.
 */
export class Refusal extends Error {
  override readonly name = 'Refusal';
}

/**
 * Shows a failed command's error once: silence for a cancellation; otherwise the message — which carries the
 * error code and request id — with "Show Log", and "Configure Credentials" when the configuration is at fault. The
 * message is shown escaped: it may hold a server's text or a live value, and a notification would make
 * `[text](command:…)` in it a link that runs the command. The log keeps it as it was.
 */
export function reportError(
  log: vscode.LogOutputChannel,
  what: string,
  error: unknown,
  /** What the notification calls the failed action: `what` translated (the log keeps `what`, in English). */
  shownWhat: string = what,
): void {
  if (isCancellation(error)) return;
  if (error instanceof UntrustedWorkspaceError) return reportUntrustedWorkspace(log, what, error, shownWhat);
  const logged = error instanceof Error ? error.message : String(error);
  log.error(`${what}: ${logged}`);
  const message = shownValue(logged);
  if (error instanceof HuaweiCloudError && error.changeOutcome === 'unknown') {
    // Not a failure to retry: the resource may exist. The message says to look before trying again.
    void vscode.window
      .showWarningMessage(vscode.l10n.t('{0}: {1}', shownWhat, message), vscode.l10n.t('Show Log'))
      .then((choice) => choice && log.show(true));
    return;
  }
  const showLog = vscode.l10n.t('Show Log');
  const configure = vscode.l10n.t('Configure Credentials');
  const actions =
    error instanceof HuaweiCloudError && (error.kind === 'configuration' || error.status === 401)
      ? [configure, showLog]
      : [showLog];
  // Not awaited: the command is over; the notification stays until the user closes it.
  void vscode.window.showErrorMessage(vscode.l10n.t('{0}: {1}', shownWhat, message), ...actions).then((choice) => {
    if (choice === showLog) log.show(true);
    if (choice === configure) void vscode.commands.executeCommand(Command.configureCredentials);
  });
}
