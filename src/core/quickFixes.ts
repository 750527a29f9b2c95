// Quick fixes for the extension's own findings (documents.ts), as plain text edits keyed by each finding's rule, so
// that the VS Code layer only turns them into code actions and the unit tests check them on text. Each fix is
// offered only where it is certain to remove its finding; otherwise none is.
import { getNodePath, type Node } from 'jsonc-parser';
import { type AddressEntry, addressOf, addressValue, canonicalCidr, formatAddress, parseEntry } from './addresses';
import { type Finding, MAX_ENTRIES, NETWORK_RANGES, parseDocument } from './documents';

/** Replace `length` UTF-16 code units at `offset` with `newText` (an insertion has length 0). */
export interface TextEdit {
  readonly offset: number;
  readonly length: number;
  readonly newText: string;
}

export interface QuickFix {
  /** What the fix does, as the lightbulb menu shows it. */
  readonly title: string;
  /** The rule of the finding it fixes. */
  readonly rule: string;
  readonly edits: TextEdit[];
}

/** Applies edits that do not overlap, from the last to the first, so that each offset still means the original text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.offset - a.offset);
  let result = text;
  let limit = Infinity;
  for (const edit of sorted) {
    if (edit.offset + edit.length > limit) throw new RangeError(`Overlapping edits at offset ${edit.offset}`);
    result = result.slice(0, edit.offset) + edit.newText + result.slice(edit.offset + edit.length);
    limit = edit.offset;
  }
  return result;
}

/** The deepest node spanning exactly the finding's range: findings sit on whole nodes (a value or a key). */
function nodeAt(node: Node, offset: number, length: number): Node | undefined {
  for (const child of node.children ?? []) {
    if (child.offset <= offset && offset + length <= child.offset + child.length) {
      const found = nodeAt(child, offset, length);
      if (found) return found;
    }
  }
  return node.offset === offset && node.length === length ? node : undefined;
}

function objectProperty(node: Node | undefined, key: string): Node | undefined {
  if (node?.type !== 'object') return undefined;
  return node.children?.find((property) => property.children?.[0]?.value === key)?.children?.[1];
}

const replaceValue = (node: Node, value: unknown): TextEdit => ({ offset: node.offset, length: node.length, newText: JSON.stringify(value) });

const samePath = (a: readonly (string | number)[], b: readonly (string | number)[]) => a.length === b.length && a.every((segment, i) => segment === b[i]);

/** The quick fixes for one finding of `checkDocument(text)`; none when the finding has no fix or the text changed. */
export function quickFixesFor(text: string, finding: Finding): QuickFix[] {
  const { root } = parseDocument(text);
  const node = root && nodeAt(root, finding.offset, finding.length);
  if (!root || !node) return [];
  const fix = (title: string, edits: TextEdit[]): QuickFix[] => [{ title, rule: finding.rule, edits }];
  switch (finding.rule) {
    case 'address-group.range-reversed': {
      if (node.type !== 'string') return [];
      const value = String(node.value);
      const dash = value.indexOf('-');
      const swapped = `${value.slice(dash + 1)}-${value.slice(0, dash)}`;
      return parseEntry(swapped).ok ? fix(`Swap the ends of the range: ${swapped}`, [replaceValue(node, swapped)]) : [];
    }
    case 'network.cidr-host-bits':
    case 'address-group.cidr-host-bits': {
      const parsed = node.type === 'string' ? parseEntry(String(node.value)) : undefined;
      if (!parsed?.ok) return [];
      const block = canonicalCidr(parsed.entry);
      return fix(`Use the network address: ${block}`, [replaceValue(node, block)]);
    }
    case 'address-group.duplicate':
      return removeDuplicate(node);
    case 'address-group.capacity':
      return raiseCapacity(text, root, finding.rule);
    case 'address-group.family':
      return changeIpVersion(root, finding.rule);
    case 'network.cidr-range':
      return nearestAllowedBlock(node, finding.rule);
    case 'schema.pattern':
    case 'schema.minLength':
    case 'schema.maxLength':
      return correctName(node, finding.rule);
    default:
      return [];
  }
}

/** Removes the repeated entry (a string of ip_set, or the whole object of ip_extra_set) with the comma that joins it. */
function removeDuplicate(node: Node): QuickFix[] {
  const element = node.parent?.type === 'array' ? node : node.parent?.parent;
  const list = element?.parent;
  if (!element || list?.type !== 'array') return [];
  const siblings = list.children ?? [];
  const index = siblings.indexOf(element);
  const previous = siblings[index - 1];
  const next = siblings[index + 1];
  // The comma before it when there is an earlier entry, else the one after it: either way the list stays valid JSON.
  const start = previous ? previous.offset + previous.length : element.offset;
  const end = previous || !next ? element.offset + element.length : next.offset;
  return [{ title: `Remove the duplicate ${String(node.value)}`, rule: 'address-group.duplicate', edits: [{ offset: start, length: end - start, newText: '' }] }];
}

/** Sets max_capacity to the number of entries, inserting the key when it is absent; never above what the API allows. */
function raiseCapacity(text: string, root: Node, rule: string): QuickFix[] {
  const group = objectProperty(root, 'address_group');
  const list = objectProperty(group, 'ip_set') ?? objectProperty(group, 'ip_extra_set');
  const count = list?.type === 'array' ? list.children?.length ?? 0 : 0;
  if (!group || count === 0 || count > MAX_ENTRIES) return [];
  const title = `Raise max_capacity to ${count}, the number of entries`;
  const capacity = objectProperty(group, 'max_capacity');
  if (capacity) return [{ title, rule, edits: [replaceValue(capacity, count)] }];
  const last = group.children?.at(-1);
  if (!last) return [];
  // Written like its neighbours: on a line of its own at their indentation when they are on lines of their own.
  const lineStart = text.lastIndexOf('\n', last.offset - 1) + 1;
  const indentation = text.slice(lineStart, last.offset);
  const ownLine = lineStart > group.offset && /^[ \t]*$/.test(indentation);
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const newText = ownLine ? `,${newline}${indentation}"max_capacity": ${count}` : `, "max_capacity": ${count}`;
  return [{ title, rule, edits: [{ offset: last.offset + last.length, length: 0, newText }] }];
}

/** Changes ip_version to the family of the entries, when every entry parses and all are of that one family. */
function changeIpVersion(root: Node, rule: string): QuickFix[] {
  const group = objectProperty(root, 'address_group');
  const version = objectProperty(group, 'ip_version');
  const entryNodes = [
    ...(objectProperty(group, 'ip_set')?.children ?? []),
    ...(objectProperty(group, 'ip_extra_set')?.children ?? []).map((item) => objectProperty(item, 'ip')),
  ];
  const families = new Set(entryNodes.map((entry) => {
    const parsed = entry?.type === 'string' ? parseEntry(String(entry.value)) : undefined;
    return parsed?.ok ? parsed.entry.family : undefined;
  }));
  const [family] = families;
  if (!version || families.size !== 1 || family === undefined || family === version.value) return [];
  return [{ title: `Change ip_version to ${family}: every entry is IPv${family}`, rule, edits: [replaceValue(version, family)] }];
}

/**
 * The allowed block of the same size nearest to the one written: inside each allowed range whose prefixes include
 * this size, the aligned block closest to it; of those, the one whose first address is nearest, the first range
 * listed on a tie. No fix for a size no range allows.
 */
export function nearestAllowedNetworkBlock(block: AddressEntry): string | undefined {
  if (block.family !== 4 || block.prefix === undefined) return undefined;
  const prefix = block.prefix;
  const size = 1n << BigInt(32 - prefix);
  const blockFirst = addressValue(4, block.first);
  let best: { first: bigint; distance: bigint } | undefined;
  for (const range of NETWORK_RANGES) {
    if (prefix < range.minPrefix || prefix > range.maxPrefix) continue;
    const lowest = addressValue(4, range.entry.first);
    const highest = addressValue(4, range.entry.last) - size + 1n;
    const clamped = blockFirst < lowest ? lowest : blockFirst > highest ? highest : blockFirst;
    const first = lowest + ((clamped - lowest) / size) * size;
    const distance = first > blockFirst ? first - blockFirst : blockFirst - first;
    if (!best || distance < best.distance) best = { first, distance };
  }
  return best && `${formatAddress(4, addressOf(4, best.first))}/${prefix}`;
}

function nearestAllowedBlock(node: Node, rule: string): QuickFix[] {
  const parsed = node.type === 'string' ? parseEntry(String(node.value)) : undefined;
  const nearest = parsed?.ok ? nearestAllowedNetworkBlock(parsed.entry) : undefined;
  if (!parsed?.ok || !nearest) return [];
  const title = `Use ${nearest}: the /${parsed.entry.prefix} block nearest to ${String(node.value)} inside 172.16.0.0/12 (/12-/24) or 192.168.0.0/16 (/16-/24)`;
  return [{ title, rule, edits: [replaceValue(node, nearest)] }];
}

const NETWORK_NAME_PATH = ['metadata', 'labels', 'os.modelarts/name'];
const GROUP_NAME_PATH = ['address_group', 'name'];
const NETWORK_NAME = /^[a-z][a-z0-9-]{2,30}[a-z0-9]$/;
const GROUP_NAME = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * A network name the pattern accepts, as close to the one written as can be: lowercase, each run of other
 * characters a hyphen, a letter first, at most 32 characters, no trailing hyphen, and at least 4 (a short name gets
 * `-net`; nothing left gives `network`).
 */
export function correctedNetworkName(name: string): string {
  let corrected = name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^[^a-z]+/, '').slice(0, 32).replace(/-+$/, '');
  if (corrected === '') corrected = 'network';
  else if (corrected.length < 4) corrected = `${corrected}-net`;
  return corrected;
}

/** A group name the API accepts: each character it refuses an underscore (per character, not per UTF-16 unit), at most 64. */
export function correctedGroupName(name: string): string {
  return Array.from(name, (character) => (/^[A-Za-z0-9_.-]$/.test(character) ? character : '_')).join('').slice(0, 64);
}

function correctName(node: Node, rule: string): QuickFix[] {
  if (node.type !== 'string') return [];
  const path = getNodePath(node);
  const name = String(node.value);
  const [corrected, valid] = samePath(path, NETWORK_NAME_PATH) ? [correctedNetworkName(name), NETWORK_NAME]
    : samePath(path, GROUP_NAME_PATH) ? [correctedGroupName(name), GROUP_NAME] : [undefined, undefined];
  if (corrected === undefined || corrected === name || !valid.test(corrected)) return [];
  return [{ title: `Rename to ${corrected}`, rule, edits: [replaceValue(node, corrected)] }];
}
