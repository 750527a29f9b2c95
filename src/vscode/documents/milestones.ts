// Context keys that say what a person has done in this window — connected, fixed a document, created, watched a
// create settle, updated — each set once, when it first happens. The walkthrough's steps complete on them
// (package.json contributes.walkthroughs: completionEvents `onContext:…`).
import * as vscode from 'vscode';
import { kindFromFileName } from '../../core/kinds';
import { FixedDocuments } from '../../core/documents/fixedDocuments';
import { ContextKey } from '../commandIds';
import type { Services } from '../services';

export function registerMilestones(ctx: Services): void {
  const reached = new Set<string>();
  const reach = (key: string) => {
    if (reached.has(key)) return;
    reached.add(key);
    void vscode.commands.executeCommand('setContext', key, true);
  };
  ctx.own(ctx.connections.onDidOpen(() => reach(ContextKey.connectionOpened)));
  ctx.own(
    ctx.resources.onDidChange((change) => {
      if (change.type === 'created') reach(ContextKey.resourceCreated);
      if (change.type === 'updated') reach(ContextKey.resourceUpdated);
    }),
  );
  // A create followed by the status bar until it settled as it should (Active, NORMAL).
  ctx.own(
    ctx.tracking.onDidChange((operations) => {
      if (operations.some((operation) => operation.kind === 'create' && operation.state === 'succeeded')) {
        reach(ContextKey.provisioningSucceeded);
      }
    }),
  );
  // Fixed: an open network or address-group document whose errors — all of them, ours and the JSON schema's, as
  // the Problems view shows them — are gone. A closed document's diagnostics go too: that fixes nothing.
  const fixed = new FixedDocuments();
  ctx.own(
    vscode.languages.onDidChangeDiagnostics((event) => {
      for (const uri of event.uris) {
        if (!kindFromFileName(uri.path)) continue;
        const key = uri.toString();
        if (!vscode.workspace.textDocuments.some((document) => !document.isClosed && document.uri.toString() === key)) {
          fixed.forget(key);
          continue;
        }
        const errors = vscode.languages
          .getDiagnostics(uri)
          .filter((diagnostic) => diagnostic.severity === vscode.DiagnosticSeverity.Error).length;
        if (fixed.checked(key, errors)) reach(ContextKey.documentFixed);
      }
    }),
  );
}
