// What the entry reads to know what to register and whether the features are wanted before anyone asks: the
// contributed commands (from the manifest VS Code already holds), and, a second after activation, whether the
// status bar has more to show than the connection. The two names below are copies (of the tracker's workspace-state
// key and `npm start`'s environment variable) that test/unit/vscode/activationEntry.test.ts keeps equal.
import type * as vscode from 'vscode';
import type { Shell } from './shell';

/** Where the provisioning tracker keeps its operations (src/vscode/provisioning/tracking.ts). */
export const OPERATIONS_STATE_KEY = 'huaweicloud.provisioningOperations';
/** The emulator `npm start` started (src/core/cloud/emulatorDefaults.ts). */
export const EMULATOR_URL_ENV = 'HUAWEICLOUD_EMULATOR_URL';

/**
 * Activation reads no setting (a tested rule: it only registers), so the status bar's first text — the region
 * setting — is written this long after it, when the window has started.
 */
const FIRST_STATUS_DELAY_MS = 1_000;

/** The IDs of package.json's `contributes.commands`, as VS Code read them. */
export function contributedCommands(context: vscode.ExtensionContext): string[] {
  const contributes: unknown = (context.extension.packageJSON as { contributes?: { commands?: unknown } }).contributes;
  const commands = (contributes as { commands?: unknown } | undefined)?.commands;
  if (!Array.isArray(commands)) return [];
  return commands
    .map((entry: unknown) => (entry as { command?: unknown } | null)?.command)
    .filter((command): command is string => typeof command === 'string');
}

/**
 * The status bar's first render, a second after activation: operations followed before a window reload (they are
 * in the workspace state, in memory) or an emulator `npm start` named are the features' to show and follow, so they
 * load; otherwise the connection alone is shown by the status bar's own module, until the features load.
 */
export function scheduleFirstStatus(
  context: vscode.ExtensionContext,
  shell: Shell,
  featuresLoaded: () => boolean,
  loadFeatures: () => void,
): vscode.Disposable {
  const timer = setTimeout(() => {
    if (featuresLoaded()) return;
    const stored = context.workspaceState.get<{ operations?: unknown }>(OPERATIONS_STATE_KEY);
    const followed = Array.isArray(stored?.operations) && stored.operations.length > 0;
    if (followed || process.env[EMULATOR_URL_ENV]) return loadFeatures();
    void import('../provisioning/statusBar').then(({ renderIdle }) => {
      if (!featuresLoaded()) renderIdle(shell.statusBarItem());
    }, loadFeatures); // A chunk that cannot load: the features try, and say what is wrong.
  }, FIRST_STATUS_DELAY_MS);
  return { dispose: () => clearTimeout(timer) };
}
