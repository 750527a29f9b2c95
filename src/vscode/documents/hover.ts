import * as vscode from 'vscode';
import { hoverTextFor } from '../../core/hovers';
import type { ExtensionContext } from '../context';
import { readSettings } from '../settings';

export function registerDocumentHovers(ctx: ExtensionContext): void {
  ctx.own(vscode.languages.registerHoverProvider([{ language: 'json' }, { language: 'jsonc' }], {
    provideHover(document, position) {
      const markdown = hoverTextFor(document.getText(), document.uri.path, document.offsetAt(position), readSettings().projectId);
      return markdown ? new vscode.Hover(new vscode.MarkdownString(markdown)) : undefined;
    },
  }));
}
