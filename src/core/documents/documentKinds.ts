// Which JSON documents are ours, decided without parsing: the extension activates on every JSON file (content
// recognition needs it), so this is all that a package.json or tsconfig.json ever costs.

export type DocumentKind = 'network' | 'addressGroup';

/** The kind a file name gives (`*.network.json`, `*.address-group.json`), if any. */
export function kindFromFileName(fileName: string): DocumentKind | undefined {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.network.json')) return 'network';
  if (lower.endsWith('.address-group.json')) return 'addressGroup';
  return undefined;
}

/**
 * Whether a JSON file of another name may be a network (`"kind": "Network"` with `"apiVersion"`) or an address
 * group (an `address_group` key): a text search that spares every other JSON file the parse and the checks.
 */
export function mayHoldDocument(text: string): boolean {
  return text.includes('"address_group"') || (text.includes('"Network"') && text.includes('"apiVersion"'));
}

/** A kind in words, for messages: "network", "address group". */
export const documentKindName = (kind: DocumentKind): string => (kind === 'network' ? 'network' : 'address group');
