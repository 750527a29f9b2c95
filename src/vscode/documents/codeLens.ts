import * as vscode from 'vscode';
import { kindFromFileName, mayHoldDocument } from '../../core/documentKinds';
import { Command } from '../commandIds';
import type { ExtensionContext } from '../context';

/** Documents the lenses go on: named as network or address-group documents, saved or not. */
const SELECTOR: vscode.DocumentSelector = [
  { language: 'json', pattern: '**/*.network.json' },
  { language: 'json', pattern: '**/*.address-group.json' },
];

/** "Create" above a network or address-group document, and "Dry run" above an address group. Costs no parse. */
export function registerDocumentCodeLenses(ctx: ExtensionContext): void {
  ctx.own(vscode.languages.registerCodeLensProvider(SELECTOR, {
    provideCodeLenses(document) {
      const kind = kindFromFileName(document.uri.path);
      if (!kind) return [];
      const top = new vscode.Range(0, 0, 0, 0);
      const lenses = [new vscode.CodeLens(top, { title: '$(cloud-upload) Create', tooltip: 'Create this resource on Huawei Cloud', command: Command.createFromDocument, arguments: [document.uri] })];
      if (kind === 'addressGroup') {
        lenses.push(new vscode.CodeLens(top, { title: 'Dry run', tooltip: 'Let the service check this document without creating anything', command: Command.dryRunDocument, arguments: [document.uri] }));
      }
      return lenses;
    },
  }));
}

/**
 * Quick fixes (and Fix all) on network and address-group documents, of any name. The fixes and the checks they
 * re-read load with the first request for code actions on such a document.
 */
export function registerDocumentQuickFixes(ctx: ExtensionContext): void {
  let provider: Promise<vscode.CodeActionProvider> | undefined;
  ctx.own(vscode.languages.registerCodeActionsProvider([{ language: 'json' }, { language: 'jsonc' }], {
    async provideCodeActions(document, range, context, token) {
      if (context.diagnostics.length === 0 && !context.only) return [];
      if (!kindFromFileName(document.uri.path) && !mayHoldDocument(document.getText())) return [];
      provider ??= import('./quickFixes').then(({ DocumentQuickFixes }) => new DocumentQuickFixes());
      return (await provider).provideCodeActions(document, range, context, token);
    },
  }, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, vscode.CodeActionKind.SourceFixAll.append('huaweicloud')] }));
}
