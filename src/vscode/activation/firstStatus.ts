import * as vscode from 'vscode';
import type { Shell } from './shell';
import { EMULATOR_URL_ENV, hasShownOperations, OPERATIONS_STATE_KEY } from './wakeSigns';

/**
 * Activation reads no setting (a tested rule: it only registers), so the status bar's first text — the region
 * setting — is written this long after it, when the window has started.
 */
const FIRST_STATUS_DELAY_MS = 1_000;

/**
 * The status bar's first render, a second after activation: operations followed before a window reload, or failed
 * unseen (they are in the workspace state, in memory), or an emulator `npm start` named are the features' to show
 * and follow, so they load; otherwise the connection alone is shown by the status bar's own module, again when the
 * region setting changes, until the features load.
 */
export function scheduleFirstStatus(
  context: vscode.ExtensionContext,
  shell: Shell,
  featuresLoaded: () => boolean,
  loadFeatures: () => void,
): vscode.Disposable {
  let regionChanges: vscode.Disposable | undefined;
  const timer = setTimeout(() => {
    if (featuresLoaded()) return;
    if (hasShownOperations(context.workspaceState.get(OPERATIONS_STATE_KEY)) || process.env[EMULATOR_URL_ENV]) {
      return loadFeatures();
    }
    void import('../provisioning/statusBar').then(({ renderIdle }) => {
      const render = () => {
        if (featuresLoaded()) return regionChanges?.dispose();
        renderIdle(shell.statusBarItem());
      };
      render();
      // Until the features take the item over, the region it names follows the setting.
      regionChanges = vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('huaweicloud.region')) render();
      });
    }, loadFeatures); // A chunk that cannot load: the features try, and say what is wrong.
  }, FIRST_STATUS_DELAY_MS);
  return {
    dispose: () => {
      clearTimeout(timer);
      regionChanges?.dispose();
    },
  };
}
