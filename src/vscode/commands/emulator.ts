import * as vscode from 'vscode';
import type { ExtensionContext } from '../context';

/** Starts the local emulator and points this session's connection at it; returns its URL. */
export async function startEmulator(ctx: ExtensionContext): Promise<string> {
  const url = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Huawei Cloud: starting the local emulator…' },
    () => ctx.emulator.start(),
  );
  ctx.connections.useEmulator(url);
  void vscode.window.showInformationMessage(
    `Huawei Cloud: using the local emulator at ${url} for this session, with its well-known test key. Your settings and stored keys are untouched.`,
    'Check Connection',
  ).then((choice) => choice && vscode.commands.executeCommand('huaweicloud.checkConnection'));
  return url;
}

export function stopEmulator(ctx: ExtensionContext): void {
  const wasRunning = ctx.emulator.running;
  ctx.emulator.stop();
  ctx.connections.useEmulator(undefined);
  void vscode.window.showInformationMessage(wasRunning
    ? 'Huawei Cloud: the local emulator is stopped; the connection is back to your settings.'
    : 'Huawei Cloud: the local emulator was not running.');
}
