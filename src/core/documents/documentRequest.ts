// From the text of a document to the body of a request: the same checks as the editor first (schema and rules),
// and a refusal that names what is wrong when there are errors. Nothing here sends anything.
import * as l10n from '@vscode/l10n';
import { findNodeAtLocation } from 'jsonc-parser';
import { checkDocument, type Finding, kindFromContent, parseDocument } from './checks';
import { type DocumentOf, type DocumentRequest, type Kind, kindFromFileName, KINDS } from '../kinds';

export type { DocumentRequest } from '../kinds';

export type PreparedDocument =
  | { readonly ok: true; readonly request: DocumentRequest; readonly warnings: number }
  | { readonly ok: false; readonly message: string; readonly errors: readonly Finding[] };

/** How many errors a refusal names; the Problems view has the rest. */
const NAMED_ERRORS = 3;

/** 1-based line of an offset, for messages. */
function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * The request a document makes, after the checks the editor runs (the schema's and the rules'). A document with an
 * error is refused with a message naming the first few, by line; warnings (overlaps, entries written differently)
 * do not stop it, as they do not stop the service. A document `linked` to a live resource may hold what only an
 * update can set (a network's description annotation).
 */
export function prepareDocument(
  text: string,
  fileName: string,
  options: { readonly linked?: boolean } = {},
): PreparedDocument {
  const byName = kindFromFileName(fileName);
  const check = checkDocument(text, { kind: byName, schema: true, linked: options.linked === true });
  const kind: Kind | undefined = check.kind;
  if (!check.parsed) {
    return {
      ok: false,
      message: l10n.t('the document is not valid JSON: fix the syntax errors the editor shows'),
      errors: [],
    };
  }
  if (!kind) {
    return {
      ok: false,
      message: l10n.t(
        'this is neither a ModelArts network document (kind "Network", apiVersion "v1") nor a VPC address group document (an "address_group" object)',
      ),
      errors: [],
    };
  }
  const errors = check.findings.filter((finding) => finding.severity === 'error');
  if (errors.length > 0) {
    const named = errors
      .slice(0, NAMED_ERRORS)
      .map((finding) => l10n.t('line {0}: {1}', lineOf(text, finding.offset), finding.message));
    const more = errors.length > NAMED_ERRORS ? l10n.t('; and {0} more', errors.length - NAMED_ERRORS) : '';
    return {
      ok: false,
      message:
        errors.length === 1
          ? l10n.t('the document has 1 error, so nothing was sent — {0}{1}', named.join('; '), more)
          : l10n.t('the document has {0} errors, so nothing was sent — {1}{2}', errors.length, named.join('; '), more),
      errors,
    };
  }
  // The checks passed on this very text, so it parses and has the shape the types say.
  return { ok: true, warnings: check.findings.length, request: requestOf(kind, JSON.parse(text) as DocumentOf<Kind>) };
}

/** A checked document's request: its kind's body, named as its kind reads the name. */
function requestOf<K extends Kind>(kind: K, document: DocumentOf<K>): DocumentRequest<K> {
  return { kind, name: KINDS[kind].nameOf(document), document };
}

/**
 * What a document names, even one with errors: its kind and name (Compare with Live, Link to Address Group…, the
 * CodeLenses). Undefined when it names nothing.
 */
export function documentIdentity(text: string, fileName: string): { kind: Kind; name: string } | undefined {
  const { root } = parseDocument(text);
  const kind = kindFromFileName(fileName) ?? kindFromContent(root);
  if (!root || !kind) return undefined;
  const name: unknown = findNodeAtLocation(root, [...KINDS[kind].namePath])?.value;
  return typeof name === 'string' && name !== '' ? { kind, name } : undefined;
}
