// For integration tests inside the extension host: the addresses the extension asks VS Code to open in the browser,
// recorded instead of opened. As with notifications.ts, the tests share the extension's `vscode` API, and VS Code
// leaves `env` unfrozen while extension tests run, so replacing `env.openExternal` here replaces it for the extension.
import * as vscode from 'vscode';

/** Records every `vscode.env.openExternal` call and answers `opened` (true: the browser took it). Call `restore()` after. */
export function spyOnOpenExternal(opened = true) {
  const uris: vscode.Uri[] = [];
  const env = vscode.env as unknown as { openExternal: typeof vscode.env.openExternal };
  const original = env.openExternal;
  env.openExternal = async (target: vscode.Uri) => {
    uris.push(target);
    return opened;
  };
  return {
    uris,
    /** Each address as the browser would get it (VS Code opens `encodeURI(uri.toString(true))`). */
    urls: () => uris.map((uri) => encodeURI(uri.toString(true))),
    restore: () => {
      env.openExternal = original;
    },
  };
}
