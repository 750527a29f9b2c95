import * as vscode from 'vscode';
import { hasDocumentName, isUserJson, mayBeOurs } from './documentSigns';

/** A pause in typing this long before a JSON document of another name is searched for our markers again. */
const SEARCH_DELAY_MS = 250;

/**
 * Waits for the first network or address-group document — open when the extension activated, opened later, or a
 * JSON document typed or pasted into one — and then calls `found` once: the features that check documents load
 * then. Other JSON (settings.json, package.json) costs a name test and a text search, and loads nothing. Disposed
 * by the entry once the features are loaded, whatever loaded them.
 */
export function watchForOurDocuments(found: () => void): vscode.Disposable {
  // One pending search per document: an edit elsewhere must not cancel a document's search.
  const pending = new Map<string, ReturnType<typeof setTimeout>>();
  let done = false;
  const stop = () => {
    done = true;
    clearTimeout(first);
    pending.forEach((timer) => clearTimeout(timer));
    pending.clear();
    subscriptions.dispose();
  };
  const look = (document: vscode.TextDocument) => {
    if (done || !mayBeOurs(document)) return;
    stop();
    found();
  };
  const subscriptions = vscode.Disposable.from(
    vscode.workspace.onDidOpenTextDocument(look),
    vscode.workspace.onDidChangeTextDocument(({ document }) => {
      if (!isUserJson(document)) return;
      if (hasDocumentName(document.uri.path)) return look(document);
      // Searching the text on every keystroke would cost each edit of a large JSON file: once the edits pause.
      const key = document.uri.toString();
      clearTimeout(pending.get(key));
      pending.set(
        key,
        setTimeout(() => {
          pending.delete(key);
          look(document);
        }, SEARCH_DELAY_MS),
      );
    }),
    vscode.workspace.onDidCloseTextDocument((document) => {
      clearTimeout(pending.get(document.uri.toString()));
      pending.delete(document.uri.toString());
    }),
  );
  // The documents open when the extension activated (the one that activated it, typically), right after.
  const first = setTimeout(() => vscode.workspace.textDocuments.forEach(look), 0);
  return { dispose: stop };
}
