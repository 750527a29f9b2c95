import * as vscode from 'vscode';
import { kindFromFileName, mayHoldDocument } from '../../core/kinds';
import type { Services } from '../services';
import { readSettings } from '../settings';

export function registerDocumentHovers(ctx: Services): void {
  ctx.own(
    vscode.languages.registerHoverProvider([{ language: 'json' }, { language: 'jsonc' }], {
      async provideHover(document, position) {
        const text = document.getText();
        // Hovers of other JSON files cost a text search; the hover texts (and the address parser) load on first use.
        if (!kindFromFileName(document.uri.path) && !mayHoldDocument(text)) return undefined;
        const { hoverTextFor } = await import('./checking');
        const markdown = hoverTextFor(text, document.uri.path, document.offsetAt(position), readSettings().projectId);
        return markdown ? new vscode.Hover(new vscode.MarkdownString(markdown)) : undefined;
      },
    }),
  );
}
