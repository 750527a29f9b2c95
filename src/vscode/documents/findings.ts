// Loaded with the first network or address-group document, not with the extension: the checks (compiled
// schemas, ipaddr.js, jsonc-parser) are most of the bundle's evaluation cost.
import * as vscode from 'vscode';
import { checkDocument, type Finding } from '../../core/documents/checks';
import type { Kind } from '../../core/kinds';

const SEVERITY: Record<Finding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
};

/**
 * The diagnostics of one document: findings of the shared core checks, as VS Code diagnostics. `kindByName` is
 * the kind its file name gives; without one the content decides. A document `linked` to a live resource may hold
 * what only an update can set.
 */
export function diagnosticsFor(
  document: vscode.TextDocument,
  text: string,
  kindByName: Kind | undefined,
  linked: boolean,
): vscode.Diagnostic[] {
  // For *.network.json and *.address-group.json the JSON language service applies the schema (package.json
  // `jsonValidation`): only the rules are added. A document recognised by its content gets the schema's findings
  // too, unless it names a schema of its own.
  const schema = kindByName === undefined && !/"\$schema"\s*:/.test(text.slice(0, 2000));
  const { findings } = checkDocument(text, { kind: kindByName, schema, linked });
  return findings.map((finding) => {
    const range = new vscode.Range(
      document.positionAt(finding.offset),
      document.positionAt(finding.offset + finding.length),
    );
    const diagnostic = new vscode.Diagnostic(range, finding.message, SEVERITY[finding.severity]);
    diagnostic.source = 'Huawei Cloud';
    diagnostic.code = finding.rule;
    return diagnostic;
  });
}
