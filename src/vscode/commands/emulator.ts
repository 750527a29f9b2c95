import * as vscode from 'vscode';
import { Command, ContextKey } from '../commandIds';
import type { ExtensionContext } from '../context';

const setRunning = (running: boolean) => vscode.commands.executeCommand('setContext', ContextKey.emulatorRunning, running);

/**
 * Starts the local emulator and points this session's connection at it; returns its URL. A second Start while the
 * first is under way waits for the same emulator.
 */
export async function startEmulator(ctx: ExtensionContext): Promise<string> {
  const emulator = await ctx.emulator();
  const url = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Huawei Cloud: starting the local emulator…' },
    () => emulator.start(),
  );
  await setRunning(true);
  if (ctx.connections.usingEmulator === url) return url;
  ctx.connections.useEmulator(url);
  void vscode.window.showInformationMessage(
    `Huawei Cloud: using the local emulator at ${url} for this session, with its well-known test key. Your settings and stored keys are untouched.`,
    'Check Connection',
  ).then((choice) => choice && vscode.commands.executeCommand(Command.checkConnection));
  return url;
}

export async function stopEmulator(ctx: ExtensionContext): Promise<void> {
  const emulator = await ctx.emulator();
  const wasRunning = emulator.running;
  emulator.stop();
  ctx.connections.useEmulator(undefined);
  await setRunning(false);
  void vscode.window.showInformationMessage(wasRunning
    ? 'Huawei Cloud: the local emulator is stopped; the connection is back to your settings.'
    : 'Huawei Cloud: the local emulator was not running.');
}
