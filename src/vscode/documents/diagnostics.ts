import * as vscode from 'vscode';
import { kindFromFileName, mayHoldDocument } from '../../core/kinds';
import type { Services } from '../services';
import { isJson } from './userJson';

/** A pause in typing this long triggers a check; a large document waits longer, as a check of it costs more. */
const DEBOUNCE_MS = 250;
const LARGE_DOCUMENT_DEBOUNCE_MS = 1000;
const LARGE_DOCUMENT = 1_000_000;

/**
 * The diagnostics of one document, or undefined for JSON that is neither kind (most JSON files: a text search
 * spares them the parse, and the checks are not even loaded for them).
 */
export async function diagnosticsFor(
  document: vscode.TextDocument,
  linked: boolean,
): Promise<vscode.Diagnostic[] | undefined> {
  const text = document.getText();
  const kindByName = kindFromFileName(document.uri.path);
  if (!kindByName && !mayHoldDocument(text)) return undefined;
  const findings = await import('./checking');
  return findings.diagnosticsFor(document, text, kindByName, linked);
}

/** Checks JSON documents as they open and change (debounced), and forgets them when they close. */
export function registerDocumentDiagnostics(ctx: Services): vscode.DiagnosticCollection {
  const collection = ctx.own(vscode.languages.createDiagnosticCollection('huaweicloud'));
  const pending = new Map<string, ReturnType<typeof setTimeout>>();

  const check = async (document: vscode.TextDocument) => {
    if (document.isClosed || !isJson(document)) return;
    try {
      const version = document.version;
      const diagnostics = await diagnosticsFor(document, ctx.links.linkFor(document.uri) !== undefined);
      // Closed or edited while the checks were loading: the next check (or the close) has the last word.
      if (document.isClosed || document.version !== version) return;
      if (diagnostics) collection.set(document.uri, diagnostics);
      else collection.delete(document.uri);
    } catch (error) {
      // A checker bug must never break the editor: log it and leave the document without our diagnostics.
      collection.delete(document.uri);
      ctx.log.error(
        `Checking ${document.uri.toString(true)} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    }
  };
  const schedule = (document: vscode.TextDocument) => {
    if (!isJson(document)) return;
    const key = document.uri.toString();
    clearTimeout(pending.get(key));
    // The offset of the end is the length, without copying the text on every keystroke.
    const length = document.offsetAt(document.lineAt(document.lineCount - 1).range.end);
    const delay = length > LARGE_DOCUMENT ? LARGE_DOCUMENT_DEBOUNCE_MS : DEBOUNCE_MS;
    pending.set(
      key,
      setTimeout(() => {
        pending.delete(key);
        void check(document);
      }, delay),
    );
  };

  ctx.own(vscode.workspace.onDidOpenTextDocument((document) => void check(document)));
  ctx.own(vscode.workspace.onDidChangeTextDocument((event) => schedule(event.document)));
  ctx.own(
    vscode.workspace.onDidCloseTextDocument((document) => {
      const key = document.uri.toString();
      clearTimeout(pending.get(key));
      pending.delete(key);
      collection.delete(document.uri);
    }),
  );
  ctx.own({ dispose: () => pending.forEach((timer) => clearTimeout(timer)) });
  // Linked or not changes what a network document may hold: checked again when links (or their scope) change.
  ctx.own(
    ctx.links.onDidChange(() => {
      for (const document of vscode.workspace.textDocuments) if (collection.has(document.uri)) void check(document);
    }),
  );
  // Documents already open when the extension activated (the one that activated it, typically).
  setTimeout(() => vscode.workspace.textDocuments.forEach((document) => void check(document)), 0);
  return collection;
}
