// For integration tests inside the extension host: the notifications and modal dialogs the extension shows, and
// the button "clicked" in each. The tests share the extension's instance of the `vscode` API (their files lie inside
// the extension's folder), so replacing a window function here replaces it for the extension too.
import * as vscode from 'vscode';

type Kind = 'showErrorMessage' | 'showWarningMessage' | 'showInformationMessage';

export interface Shown {
  readonly kind: Kind;
  readonly message: string;
  readonly items: string[];
  readonly modal: boolean;
  /** A modal dialog's detail text. */
  readonly detail: string | undefined;
}

/**
 * Records every notification; `answer` picks the button of each (undefined: dismissed). Call `restore()` after.
 */
export function spyOnNotifications(
  answer: (shown: Shown) => string | undefined | Promise<string | undefined> = () => undefined,
) {
  const shown: Shown[] = [];
  const window = vscode.window as unknown as Record<Kind, unknown>;
  const kinds: Kind[] = ['showErrorMessage', 'showWarningMessage', 'showInformationMessage'];
  const originals = kinds.map((kind) => window[kind]);
  for (const kind of kinds) {
    window[kind] = async (message: string, ...rest: unknown[]) => {
      const options =
        rest[0] !== null && typeof rest[0] === 'object' && !Array.isArray(rest[0])
          ? (rest[0] as { modal?: boolean; detail?: string })
          : undefined;
      // Buttons are strings or MessageItems: recorded by their titles, answered with the one whose title was picked.
      const buttons = rest.filter(
        (value): value is string | vscode.MessageItem =>
          typeof value === 'string' ||
          (value !== null && typeof value === 'object' && typeof (value as vscode.MessageItem).title === 'string'),
      );
      const titleOf = (button: string | vscode.MessageItem) => (typeof button === 'string' ? button : button.title);
      const item: Shown = {
        kind,
        message,
        items: buttons.map(titleOf),
        modal: options?.modal === true,
        detail: options?.detail,
      };
      shown.push(item);
      // An answer may be a promise (a test that acts while the dialog is up).
      const picked = await answer(item);
      return buttons.find((button) => titleOf(button) === picked);
    };
  }
  return {
    shown,
    restore: () =>
      kinds.forEach((kind, i) => {
        window[kind] = originals[i];
      }),
  };
}
