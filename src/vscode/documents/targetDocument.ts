// The document a document command is about, and the request it makes once checked: shared by Create, Dry Run,
// Apply, Compare with Live and the link commands, so that none of them imports another.
import * as vscode from 'vscode';
import { type DocumentRequest, prepareDocument } from '../../core/documents/documentRequest';
import { Refusal } from '../errors';

/** The document a command is about: the Uri it was given (explorer menu, editor title, CodeLens), or the active editor's. */
export async function targetDocument(arg: unknown): Promise<vscode.TextDocument> {
  if (arg instanceof vscode.Uri) return vscode.workspace.openTextDocument(arg);
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    throw new Refusal(
      vscode.l10n.t('open a network or address-group document first (*.network.json, *.address-group.json)'),
    );
  }
  return editor.document;
}

/**
 * Runs the editor's checks on the document (a `linked` one may hold what only an update sets); a document with
 * errors is refused, and the Problems view shown.
 */
export function checkedRequest(document: vscode.TextDocument, linked: boolean): DocumentRequest {
  const prepared = prepareDocument(document.getText(), document.uri.path, { linked });
  if (prepared.ok) return prepared.request;
  if (prepared.errors.length > 0) void vscode.commands.executeCommand('workbench.actions.view.problems');
  throw new Refusal(prepared.message);
}
