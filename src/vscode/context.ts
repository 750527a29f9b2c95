import * as vscode from 'vscode';
import { ConnectionService } from './connections';

/** What every part of the VS Code layer receives: one place that owns the disposables, the log and the services. */
export interface ExtensionContext {
  readonly vscodeContext: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  readonly connections: ConnectionService;
  /** Registers a disposable for disposal when the extension deactivates. */
  own<T extends vscode.Disposable>(disposable: T): T;
}

export function createExtensionContext(vscodeContext: vscode.ExtensionContext): ExtensionContext {
  const own = <T extends vscode.Disposable>(disposable: T): T => {
    vscodeContext.subscriptions.push(disposable);
    return disposable;
  };
  const log = own(vscode.window.createOutputChannel('Huawei Cloud', { log: true }));
  const version = String(vscodeContext.extension.packageJSON.version);
  const connections = own(new ConnectionService(vscodeContext.secrets, log, `huaweicloud-networks-vscode/${version}`));
  return { vscodeContext, log, connections, own };
}
