// Quick fixes on network and address-group documents: the core computes text edits for a finding
// (src/core/quickFixes.ts); this turns them into code actions, one per fix, and a "Fix all" of the ones that do not
// overlap. Loaded with the first lightbulb on such a document, not with the extension.
import * as vscode from 'vscode';
import type { Finding } from '../../core/documents/checks';
import type { AddressEntry } from '../../core/documents/addresses';
import {
  applyEdits,
  type FixContext,
  quickFixesFor,
  type QuickFix,
  type TextEdit,
} from '../../core/documents/quickFixes';
import { LIVE_DIAGNOSTICS_SOURCE } from './liveFindings';

/** Where our diagnostics come from (`diagnostics.ts`, `liveFindings.ts`); the JSON language service's schema findings have no code. */
const OUR_SOURCES = new Set(['Huawei Cloud', LIVE_DIAGNOSTICS_SOURCE]);
export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('huaweicloud');

/** The finding behind a diagnostic: ours carry their rule; a schema finding of VS Code's JSON service may be a name's pattern. */
function findingOf(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): Finding {
  const offset = document.offsetAt(diagnostic.range.start);
  const rule =
    OUR_SOURCES.has(diagnostic.source ?? '') && typeof diagnostic.code === 'string'
      ? diagnostic.code
      : 'schema.pattern';
  return {
    severity: diagnostic.severity === vscode.DiagnosticSeverity.Error ? 'error' : 'warning',
    message: diagnostic.message,
    offset,
    length: document.offsetAt(diagnostic.range.end) - offset,
    rule,
  };
}

function workspaceEdit(document: vscode.TextDocument, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const { offset, length, newText } of edits) {
    edit.replace(
      document.uri,
      new vscode.Range(document.positionAt(offset), document.positionAt(offset + length)),
      newText,
    );
  }
  return edit;
}

/** The fixes of every diagnostic given, each once, skipping any whose edits overlap one already taken. */
function compatibleFixes(fixes: readonly QuickFix[]): TextEdit[] {
  const taken: TextEdit[] = [];
  for (const fix of fixes) {
    const overlaps = fix.edits.some((edit) =>
      taken.some(
        (other) =>
          edit.offset < other.offset + other.length + (other.length === 0 ? 1 : 0) &&
          other.offset < edit.offset + edit.length + (edit.length === 0 ? 1 : 0),
      ),
    );
    if (!overlaps) taken.push(...fix.edits);
  }
  return taken;
}

export class DocumentQuickFixes implements vscode.CodeActionProvider {
  /** `takenNetworkBlocks`: the blocks a network document's block must not overlap, as known on the connection now. */
  constructor(private readonly takenNetworkBlocks: (document: vscode.TextDocument) => readonly AddressEntry[]) {}

  provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const text = document.getText();
    const fixContext: FixContext = { takenNetworkBlocks: this.takenNetworkBlocks(document) };
    const actions: vscode.CodeAction[] = [];
    const wantsFixes = !context.only || context.only.contains(vscode.CodeActionKind.QuickFix);
    if (wantsFixes) {
      for (const diagnostic of context.diagnostics) {
        for (const fix of quickFixesFor(text, findingOf(document, diagnostic), fixContext)) {
          const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
          action.diagnostics = [diagnostic];
          if (fix.unavailable !== undefined) {
            action.disabled = { reason: fix.unavailable };
          } else {
            action.edit = workspaceEdit(document, fix.edits);
            action.isPreferred = true;
          }
          actions.push(action);
        }
      }
    }
    if (!context.only || context.only.contains(FIX_ALL_KIND) || FIX_ALL_KIND.contains(context.only)) {
      const all = vscode.languages
        .getDiagnostics(document.uri)
        .flatMap((diagnostic) => quickFixesFor(text, findingOf(document, diagnostic), fixContext))
        .filter((fix) => fix.unavailable === undefined);
      const edits = compatibleFixes(all);
      // Only when it changes something, and the result still parses (the edits were computed on this very text).
      if (edits.length > 0 && applyEdits(text, edits) !== text) {
        const action = new vscode.CodeAction(
          vscode.l10n.t('Fix all Huawei Cloud problems ({0})', all.length),
          FIX_ALL_KIND,
        );
        action.edit = workspaceEdit(document, edits);
        actions.push(action);
      }
    }
    return actions;
  }
}
