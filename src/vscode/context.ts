import * as vscode from 'vscode';

/** What every part of the VS Code layer receives: one place that owns the disposables and the log. */
export interface ExtensionContext {
  readonly vscodeContext: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  /** Registers a disposable for disposal when the extension deactivates. */
  own<T extends vscode.Disposable>(disposable: T): T;
}

export function createExtensionContext(vscodeContext: vscode.ExtensionContext): ExtensionContext {
  const own = <T extends vscode.Disposable>(disposable: T): T => {
    vscodeContext.subscriptions.push(disposable);
    return disposable;
  };
  const log = own(vscode.window.createOutputChannel('Huawei Cloud', { log: true }));
  return { vscodeContext, log, own };
}
