import * as vscode from 'vscode';
import { ContextKey } from './commandIds';
import { ConnectionService } from './connections';
import type { EmulatorProcess } from './emulatorProcess';
import type { Tracker } from '../core/tracker';
import { Tracking } from './tracking';

/** What every part of the VS Code layer receives: one place that owns the disposables, the log and the services. */
export interface ExtensionContext {
  readonly vscodeContext: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  readonly connections: ConnectionService;
  /** The local emulator's process manager, loaded the first time it is asked for. */
  emulator(): Promise<EmulatorProcess>;
  /**
   * The provisioning tracker, loaded on first use: a command that created, updated or deleted a resource calls
   * `track({ kind, resourceKind, resourceId, name, connectionKey: connection.identity, resource })`.
   */
  tracker(): Promise<Tracker>;
  /** What is known of the operations without loading the tracker (`hasOperations`, `operations()`, `onDidChange`). */
  readonly tracking: Tracking;
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
  let emulator: Promise<EmulatorProcess> | undefined;
  own({ dispose: () => void emulator?.then((process) => process.dispose()) });
  const tracking = own(new Tracking(vscodeContext.workspaceState, connections, log));
  return {
    vscodeContext, log, connections, own,
    tracking,
    tracker: () => tracking.tracker(),
    emulator: () => {
      emulator ??= import('./emulatorProcess').then(({ EmulatorProcess }) => new EmulatorProcess(
        vscodeContext.asAbsolutePath('dist/emulator.js'), vscodeContext.globalStorageUri.fsPath, log,
        (reason) => {
          connections.useEmulator(undefined);
          void vscode.commands.executeCommand('setContext', ContextKey.emulatorRunning, false);
          log.warn(reason);
          void vscode.window.showWarningMessage(`Huawei Cloud: ${reason}; the connection is back to your settings.`);
        },
      ));
      return emulator;
    },
  };
}
