import * as vscode from 'vscode';
import { emulatorName } from '../../core/cloud/credentials';
import { Command, ContextKey } from '../commandIds';
import type { Services } from '../services';
import { readSettings } from '../settings';

const setRunning = (running: boolean) =>
  vscode.commands.executeCommand('setContext', ContextKey.emulatorRunning, running);

/**
 * Starts the local emulator and points this session's connection at it; returns its URL. A second Start while the
 * first is under way waits for the same emulator; while another emulator (`npm start`'s) is the connection, that
 * one is kept.
 */
export async function startEmulator(ctx: Services): Promise<string> {
  const elsewhere = ctx.connections.usingEmulatorStartedElsewhere ? ctx.connections.usingEmulator : undefined;
  if (elsewhere) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'Huawei Cloud: the connection is already the {0} at {1}, started by npm start.',
        emulatorName(),
        elsewhere,
      ),
    );
    return elsewhere;
  }
  const emulator = await ctx.emulator();
  const url = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('Huawei Cloud: starting the local emulator…'),
    },
    () => emulator.start({ samples: readSettings().emulatorSampleResources }),
  );
  await setRunning(true);
  if (ctx.connections.usingEmulator === url) return url;
  ctx.connections.useEmulator(url);
  void vscode.window
    .showInformationMessage(
      vscode.l10n.t(
        'Huawei Cloud: the connection is the {0} at {1} for this session, with its well-known test key. Your settings and stored keys are untouched.',
        emulatorName(),
        url,
      ),
      vscode.l10n.t('Check Connection'),
    )
    .then((choice) => choice && vscode.commands.executeCommand(Command.checkConnection));
  return url;
}

export async function stopEmulator(ctx: Services): Promise<void> {
  const elsewhere = ctx.connections.usingEmulatorStartedElsewhere ? ctx.connections.usingEmulator : undefined;
  const emulator = await ctx.emulator();
  const wasRunning = emulator.running;
  emulator.stop();
  ctx.connections.useEmulator(undefined);
  await setRunning(false);
  // npm start's emulator is not this window's to stop: leaving it is what the user can do from here.
  void vscode.window.showInformationMessage(
    elsewhere
      ? vscode.l10n.t(
          'Huawei Cloud: the connection is back to your settings. The {0} at {1} was started by npm start and keeps running until it stops (Ctrl+C).',
          emulatorName(),
          elsewhere,
        )
      : wasRunning
        ? vscode.l10n.t('Huawei Cloud: the local emulator is stopped; the connection is back to your settings.')
        : vscode.l10n.t('Huawei Cloud: the local emulator was not running.'),
  );
}
