// VS Code's cancellation as the core's: a leaf module, so that anything may import it without pulling in more.
import type * as vscode from 'vscode';

/** An AbortSignal that follows a VS Code cancellation token. */
export function abortSignalFor(token: vscode.CancellationToken): AbortSignal {
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  else token.onCancellationRequested(() => controller.abort());
  return controller.signal;
}
