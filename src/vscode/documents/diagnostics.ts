import * as vscode from 'vscode';
import { checkDocument, type Finding, kindFromFileName } from '../../core/documents';
import type { ExtensionContext } from '../context';

const SEVERITY: Record<Finding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
};
/** A pause in typing this long triggers a check; a large document waits longer, as a check of it costs more. */
const DEBOUNCE_MS = 250;
const LARGE_DOCUMENT_DEBOUNCE_MS = 1000;
const LARGE_DOCUMENT = 1_000_000;

const isJson = (document: vscode.TextDocument) => document.languageId === 'json' || document.languageId === 'jsonc';

/** The diagnostics of one document: findings of the shared core checks, as VS Code diagnostics. */
export function diagnosticsFor(document: vscode.TextDocument): vscode.Diagnostic[] {
  const text = document.getText();
  const kindByName = kindFromFileName(document.uri.path);
  // Most JSON files are neither kind: a text search spares them the parse.
  if (!kindByName && !text.includes('"address_group"') && !(text.includes('"Network"') && text.includes('"apiVersion"'))) return [];
  // For *.network.json and *.address-group.json the JSON language service applies the schema (package.json
  // `jsonValidation`): only the rules are added. A document recognised by its content gets the schema's findings
  // too, unless it names a schema of its own.
  const schema = kindByName === undefined && !/"\$schema"\s*:/.test(text.slice(0, 2000));
  const { findings } = checkDocument(text, { kind: kindByName, schema });
  return findings.map((finding) => {
    const range = new vscode.Range(document.positionAt(finding.offset), document.positionAt(finding.offset + finding.length));
    const diagnostic = new vscode.Diagnostic(range, finding.message, SEVERITY[finding.severity]);
    diagnostic.source = 'Huawei Cloud';
    diagnostic.code = finding.rule;
    return diagnostic;
  });
}

/** Checks JSON documents as they open and change (debounced), and forgets them when they close. */
export function registerDocumentDiagnostics(ctx: ExtensionContext): vscode.DiagnosticCollection {
  const collection = ctx.own(vscode.languages.createDiagnosticCollection('huaweicloud'));
  const pending = new Map<string, ReturnType<typeof setTimeout>>();

  const check = (document: vscode.TextDocument) => {
    if (document.isClosed || !isJson(document)) return;
    try {
      collection.set(document.uri, diagnosticsFor(document));
    } catch (error) {
      // A checker bug must never break the editor: log it and leave the document without our diagnostics.
      collection.delete(document.uri);
      ctx.log.error(`Checking ${document.uri.toString(true)} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    }
  };
  const schedule = (document: vscode.TextDocument) => {
    if (!isJson(document)) return;
    const key = document.uri.toString();
    clearTimeout(pending.get(key));
    // The offset of the end is the length, without copying the text on every keystroke.
    const length = document.offsetAt(document.lineAt(document.lineCount - 1).range.end);
    const delay = length > LARGE_DOCUMENT ? LARGE_DOCUMENT_DEBOUNCE_MS : DEBOUNCE_MS;
    pending.set(key, setTimeout(() => {
      pending.delete(key);
      check(document);
    }, delay));
  };

  ctx.own(vscode.workspace.onDidOpenTextDocument(check));
  ctx.own(vscode.workspace.onDidChangeTextDocument((event) => schedule(event.document)));
  ctx.own(vscode.workspace.onDidCloseTextDocument((document) => {
    const key = document.uri.toString();
    clearTimeout(pending.get(key));
    pending.delete(key);
    collection.delete(document.uri);
  }));
  ctx.own({ dispose: () => pending.forEach((timer) => clearTimeout(timer)) });
  // Documents already open when the extension activated (the one that activated it, typically).
  setTimeout(() => vscode.workspace.textDocuments.forEach(check), 0);
  return collection;
}
