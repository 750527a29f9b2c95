// What the entry reads to know what to register and whether the features are wanted before anyone asks: the
// contributed commands (from the manifest VS Code already holds), and, a second after activation, whether the
// status bar has more to show than the connection. The two names below are copies (of the tracker's workspace-state
// key and `npm start`'s environment variable) that test/unit/vscode/activationEntry.test.ts keeps equal.
import type * as vscode from 'vscode';

/** Where the provisioning tracker keeps its operations (src/vscode/provisioning/tracking.ts). */
export const OPERATIONS_STATE_KEY = 'huaweicloud.provisioningOperations';
/**
 * The states of a stored operation that the status bar shows until a person looks (src/core/provisioning/tracker.ts):
 * still followed, or ended badly and not yet acknowledged. Ended well, or looked at: the idle text is what it shows.
 */
export const SHOWN_STATES: readonly string[] = ['following', 'failed', 'timedOut'];
/** The emulator `npm start` started (src/core/cloud/emulatorDefaults.ts). */
export const EMULATOR_URL_ENV = 'HUAWEICLOUD_EMULATOR_URL';

/** The IDs of package.json's `contributes.commands`, as VS Code read them. */
export function contributedCommands(context: vscode.ExtensionContext): string[] {
  const contributes: unknown = (context.extension.packageJSON as { contributes?: { commands?: unknown } }).contributes;
  const commands = (contributes as { commands?: unknown } | undefined)?.commands;
  if (!Array.isArray(commands)) return [];
  return commands
    .map((entry: unknown) => (entry as { command?: unknown } | null)?.command)
    .filter((command): command is string => typeof command === 'string');
}

/** Whether stored operations hold one the status bar would show (and the tracker follow) now. */
export function hasShownOperations(stored: unknown): boolean {
  const operations = (stored as { operations?: unknown } | undefined)?.operations;
  if (!Array.isArray(operations)) return false;
  return operations.some((operation: unknown) => {
    const { state, acknowledged } = (operation ?? {}) as { state?: unknown; acknowledged?: unknown };
    return state === 'following' || (SHOWN_STATES.includes(String(state)) && acknowledged !== true);
  });
}
