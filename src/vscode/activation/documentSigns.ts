// Which JSON documents may be ours, decided without loading the kinds table: activation reads this file's module
// only. A copy of each kind's file-name suffix and markers (src/core/kinds.ts), which
// test/unit/vscode/activationEntry.test.ts keeps equal to the table's.
import type * as vscode from 'vscode';

export const DOCUMENT_SIGNS: readonly { readonly suffix: string; readonly markers: readonly string[] }[] = [
  { suffix: '.network.json', markers: ['"Network"', '"apiVersion"'] },
  { suffix: '.address-group.json', markers: ['"address_group"'] },
];

/** The scheme of the read-only documents of live resources (Open as JSON): they hold server fields, not documents. */
export const RESOURCE_SCHEME = 'huaweicloud-resource';

/** A file name of one of our kinds' documents (any case). */
export function hasDocumentName(path: string): boolean {
  const lower = path.toLowerCase();
  return DOCUMENT_SIGNS.some(({ suffix }) => lower.endsWith(suffix));
}

/** JSON the user writes: not the read-only documents of live resources. */
export function isUserJson(document: vscode.TextDocument): boolean {
  return (document.languageId === 'json' || document.languageId === 'jsonc') && document.uri.scheme !== RESOURCE_SCHEME;
}

/**
 * Whether a document may be one of ours: named as one, or JSON holding every marker of a kind (a text search,
 * wherever they are, as the checks' own first look is). Costs a `getText()` and a search for JSON of other names.
 */
export function mayBeOurs(document: vscode.TextDocument): boolean {
  if (!isUserJson(document)) return false;
  if (hasDocumentName(document.uri.path)) return true;
  const text = document.getText();
  return DOCUMENT_SIGNS.some(({ markers }) => markers.every((marker) => text.includes(marker)));
}
