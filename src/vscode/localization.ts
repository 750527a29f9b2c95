import * as vscode from 'vscode';
import * as l10n from '@vscode/l10n';

let configured = false;

/**
 * Gives src/core (which translates with `@vscode/l10n`, not with the VS Code API) the bundle VS Code loaded for the
 * display language. Must run before core code makes its first message: `l10n.t` reads the bundle when called, so
 * strings made before it stay English. No I/O: `vscode.l10n.bundle` is already in memory (undefined in English, where
 * `l10n.t` formats the English text it is given).
 */
export function configureCoreLocalization(): void {
  if (configured) return;
  configured = true;
  const bundle = vscode.l10n.bundle;
  if (bundle !== undefined) l10n.config({ contents: bundle });
}
