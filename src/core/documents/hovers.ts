// Hover texts for documents: what a CIDR, range or address covers, and the ID a network name will get.
import * as l10n from '@vscode/l10n';
import { findNodeAtOffset, getNodePath } from 'jsonc-parser';
import { describeEntry, parseEntry } from './addresses';
import { shownCode, shownMarkdown } from '../display';
import { kindFromContent, parseDocument } from './checks';
import { kindFromFileName } from '../kinds';
import { NAME_LABEL, networkIdFor } from '../api/networkIds';

type JsonPath = (string | number)[];

const matches = (path: JsonPath, pattern: (string | number | '*')[]) =>
  path.length === pattern.length && pattern.every((segment, i) => segment === '*' || segment === path[i]);

/** Where a document holds addresses: a network's CIDR, an address group's entries. */
const ADDRESS_PATHS: (string | number | '*')[][] = [
  ['spec', 'cidr'],
  ['address_group', 'ip_set', '*'],
  ['address_group', 'ip_extra_set', '*', 'ip'],
];

/** Markdown for the value at `offset` of a network or address-group document, or undefined. */
export function hoverTextFor(text: string, fileName: string, offset: number, projectId: string): string | undefined {
  const { root } = parseDocument(text);
  if (!root || !(kindFromFileName(fileName) ?? kindFromContent(root))) return undefined;
  const node = findNodeAtOffset(root, offset);
  if (node?.type !== 'string') return undefined;
  const path = getNodePath(node);
  const value = String(node.value);
  if (ADDRESS_PATHS.some((pattern) => matches(path, pattern))) {
    const parsed = parseEntry(value);
    // An entry that parses holds hexadecimal digits, dots, colons, a slash or a hyphen only: nothing Markdown reads.
    return parsed.ok ? `**${value}**: ${describeEntry(parsed.entry)}` : undefined;
  }
  if (matches(path, ['metadata', 'labels', NAME_LABEL])) {
    const id = networkIdFor(value, projectId || '{project_id}');
    // The name as written, which may be anything (the document is checked apart): shown, never read as Markdown.
    return `**${shownMarkdown(value)}**: ${
      projectId
        ? l10n.t("the network's ID will be {0}. A name is unique within a project.", shownCode(id))
        : l10n.t(
            "the network's ID will be {0} (the project ID of the connection). A name is unique within a project.",
            shownCode(id),
          )
    }`;
  }
  return undefined;
}
