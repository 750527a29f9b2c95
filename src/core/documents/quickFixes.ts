// Quick fixes for the extension's own findings (documents.ts), as plain text edits keyed by each finding's rule, so
// that the VS Code layer only turns them into code actions and the unit tests check them on text. Each fix is
// offered only where it is certain to remove its finding; otherwise none is.
import * as l10n from '@vscode/l10n';
import { getNodePath, type Node } from 'jsonc-parser';
import { correctedNetworkName } from '../api/networkIds';
import { type AddressEntry, addressOf, addressValue, canonicalCidr, formatAddress, parseEntry } from './addresses';
import { type Finding, MAX_ENTRIES, NETWORK_RANGES, parseDocument } from './checks';

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
  /** Set when the fix cannot be made (its edits are empty): why, for the lightbulb to show. */
  readonly unavailable?: string;
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

const replaceValue = (node: Node, value: unknown): TextEdit => ({
  offset: node.offset,
  length: node.length,
  newText: JSON.stringify(value),
});

const samePath = (a: readonly (string | number)[], b: readonly (string | number)[]) =>
  a.length === b.length && a.every((segment, i) => segment === b[i]);

/** What the fixes may know of the connection: the blocks of the networks known there (other than the document's own). */
export interface FixContext {
  readonly takenNetworkBlocks?: readonly AddressEntry[];
}

/**
 * The quick fixes for one finding of `checkDocument(text)` (or of the live checks); none when the finding has no fix
 * or the text changed. A network block a fix writes overlaps none of `context.takenNetworkBlocks`.
 */
export function quickFixesFor(text: string, finding: Finding, context: FixContext = {}): QuickFix[] {
  const taken = context.takenNetworkBlocks ?? [];
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
      return parseEntry(swapped).ok
        ? fix(l10n.t('Swap the ends of the range: {0}', swapped), [replaceValue(node, swapped)])
        : [];
    }
    case 'network.cidr-host-bits':
    case 'network.cidr-range':
    case 'network.cidr-overlaps-live':
      return freeBlockFix(node, finding.rule, taken);
    case 'address-group.cidr-host-bits': {
      const parsed = node.type === 'string' ? parseEntry(String(node.value)) : undefined;
      if (!parsed?.ok) return [];
      const block = canonicalCidr(parsed.entry);
      return fix(l10n.t('Use the network address: {0}', block), [replaceValue(node, block)]);
    }
    case 'address-group.duplicate':
      return removeDuplicate(node);
    case 'address-group.capacity':
      return raiseCapacity(text, root, finding.rule);
    case 'address-group.family':
      return changeIpVersion(root, finding.rule);
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
  return [
    {
      title: l10n.t('Remove the duplicate {0}', String(node.value)),
      rule: 'address-group.duplicate',
      edits: [{ offset: start, length: end - start, newText: '' }],
    },
  ];
}

/** Sets max_capacity to the number of entries, inserting the key when it is absent; never above what the API allows. */
function raiseCapacity(text: string, root: Node, rule: string): QuickFix[] {
  const group = objectProperty(root, 'address_group');
  const list = objectProperty(group, 'ip_set') ?? objectProperty(group, 'ip_extra_set');
  const count = list?.type === 'array' ? (list.children?.length ?? 0) : 0;
  if (!group || count === 0 || count > MAX_ENTRIES) return [];
  const title = l10n.t('Raise max_capacity to {0}, the number of entries', count);
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
  const families = new Set(
    entryNodes.map((entry) => {
      const parsed = entry?.type === 'string' ? parseEntry(String(entry.value)) : undefined;
      return parsed?.ok ? parsed.entry.family : undefined;
    }),
  );
  const [family] = families;
  if (!version || families.size !== 1 || family === undefined || family === version.value) return [];
  return [
    {
      title: l10n.t('Change ip_version to {0}: every entry is IPv{0}', family),
      rule,
      edits: [replaceValue(version, family)],
    },
  ];
}

const ALLOWED_RANGES = '172.16.0.0/12 (/12-/24) or 192.168.0.0/16 (/16-/24)';

/** What `freeNetworkBlock` chose: a block, or why there is none (`taken`: every candidate overlaps a known network). */
export type NetworkBlockChoice =
  | { readonly ok: true; readonly block: string; readonly prefix: number }
  | { readonly ok: false; readonly reason: string; readonly taken: boolean };

/** Address spans as numbers, sorted and merged: what a candidate block must not touch. */
type Spans = readonly { readonly first: bigint; readonly last: bigint }[];

function mergedSpans(taken: readonly AddressEntry[]): Spans {
  const spans = taken
    .filter((entry) => entry.family === 4)
    .map((entry) => ({ first: addressValue(4, entry.first), last: addressValue(4, entry.last) }))
    .sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
  const merged: { first: bigint; last: bigint }[] = [];
  for (const span of spans) {
    const previous = merged.at(-1);
    if (previous && span.first <= previous.last + 1n) {
      previous.last = span.last > previous.last ? span.last : previous.last;
    } else merged.push({ ...span });
  }
  return merged;
}

/** Whether first..last touches no span: only the last span starting at or before `last` can (they are disjoint). */
function isFree(spans: Spans, first: bigint, last: bigint): boolean {
  let low = 0;
  let high = spans.length - 1;
  let candidate = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if ((spans[middle] as Spans[number]).first <= last) {
      candidate = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return candidate < 0 || (spans[candidate] as Spans[number]).last < first;
}

/**
 * The first address of the free aligned /prefix block nearest to `target` (by the distance between first addresses),
 * over the allowed ranges that take this prefix; the lower block, then the first range listed, on a tie.
 */
function nearestFreeBlock(prefix: number, target: bigint, spans: Spans): bigint | undefined {
  const size = 1n << BigInt(32 - prefix);
  let best: { first: bigint; distance: bigint } | undefined;
  for (const range of NETWORK_RANGES) {
    if (prefix < range.minPrefix || prefix > range.maxPrefix) continue;
    const lowest = addressValue(4, range.entry.first);
    const count = (addressValue(4, range.entry.last) - lowest + 1n) / size;
    const clamped = target < lowest ? 0n : (target - lowest) / size;
    // Outward from the block holding the target: below it (down) and above it (up), the nearer one first.
    let down = clamped < count ? clamped : count - 1n;
    let up = down + 1n;
    const distance = (index: bigint) => {
      const first = lowest + index * size;
      return first > target ? first - target : target - first;
    };
    while (down >= 0n || up < count) {
      const takeDown = down >= 0n && (up >= count || distance(down) <= distance(up));
      const index = takeDown ? down : up;
      if (takeDown) down--;
      else up++;
      const first = lowest + index * size;
      if (best && distance(index) >= best.distance) break;
      if (isFree(spans, first, first + size - 1n)) {
        best = { first, distance: distance(index) };
        break;
      }
    }
  }
  return best?.first;
}

/**
 * The block a network should use instead of `written`: the allowed block of the same size nearest to it that
 * overlaps none of `taken` (the blocks of the networks known on the connection) — or, for a block larger than any
 * range allows (10.0.0.0/8), the largest such block. Nothing for a size smaller than any range allows, or when every
 * candidate overlaps a known network (then the reason says so).
 */
export function freeNetworkBlock(written: AddressEntry, taken: readonly AddressEntry[] = []): NetworkBlockChoice {
  const prefix = written.prefix;
  if (written.family !== 4 || prefix === undefined) {
    return { ok: false, reason: l10n.t('a ModelArts network takes an IPv4 CIDR block'), taken: false };
  }
  const fits = NETWORK_RANGES.some((range) => prefix >= range.minPrefix && prefix <= range.maxPrefix);
  const smallest = Math.min(...NETWORK_RANGES.map((range) => range.minPrefix));
  const largest = Math.max(...NETWORK_RANGES.map((range) => range.maxPrefix));
  if (!fits && prefix > smallest) {
    return {
      ok: false,
      reason: l10n.t('no allowed range takes a /{0} block: allowed are {1}', prefix, ALLOWED_RANGES),
      taken: false,
    };
  }
  const spans = mergedSpans(taken);
  const target = addressValue(4, written.first);
  const prefixes = fits ? [prefix] : Array.from({ length: largest - smallest + 1 }, (_, i) => smallest + i);
  for (const candidate of prefixes) {
    const first = nearestFreeBlock(candidate, target, spans);
    if (first !== undefined) {
      return { ok: true, block: `${formatAddress(4, addressOf(4, first))}/${candidate}`, prefix: candidate };
    }
  }
  return {
    ok: false,
    taken: true,
    reason: fits
      ? l10n.t('every /{0} block inside {1} overlaps a network known on this connection', prefix, ALLOWED_RANGES)
      : l10n.t('every block inside {0} overlaps a network known on this connection', ALLOWED_RANGES),
  };
}

/**
 * A network snippet whose CIDR placeholder (`"cidr": "${3:192.168.128.0/17}"`) holds a block that overlaps none of
 * `taken`: the nearest free one of its size. Unchanged when its own block is free, or none is.
 */
export function snippetWithFreeBlock(snippet: string, taken: readonly AddressEntry[]): string {
  return snippet.replace(/("cidr": "\$\{\d+:)([^}"]+)(\}")/, (whole, before: string, block: string, after: string) => {
    const parsed = parseEntry(block);
    const choice = parsed.ok ? freeNetworkBlock(parsed.entry, taken) : undefined;
    return choice?.ok ? `${before}${choice.block}${after}` : whole;
  });
}

/** A fix that cannot be made, saying why (the lightbulb shows it greyed out): better than no answer. */
const unavailable = (rule: string, reason: string): QuickFix[] => [
  { title: l10n.t('No free network block to use'), rule, edits: [], unavailable: reason },
];

function freeBlockFix(node: Node, rule: string, taken: readonly AddressEntry[]): QuickFix[] {
  const written = node.type === 'string' ? String(node.value) : undefined;
  const parsed = written === undefined ? undefined : parseEntry(written);
  if (!parsed?.ok || parsed.entry.kind !== 'cidr') return [];
  const choice = freeNetworkBlock(parsed.entry, taken);
  if (!choice.ok) return choice.taken ? unavailable(rule, choice.reason) : [];
  const known = taken.length > 0 ? ` ${l10n.t('that overlaps no network known on this connection')}` : '';
  const sameSize = choice.prefix === parsed.entry.prefix;
  let title: string;
  if (rule === 'network.cidr-host-bits') {
    const canonical = canonicalCidr(parsed.entry);
    title =
      choice.block === canonical
        ? l10n.t('Use the network address: {0}', canonical)
        : l10n.t(
            'Use {0}: the network address, {1}, overlaps a network known on this connection; this is the nearest /{2} block{3}',
            choice.block,
            canonical,
            choice.prefix,
            known,
          );
  } else if (rule === 'network.cidr-range') {
    title = sameSize
      ? l10n.t(
          'Use {0}: the /{1} block nearest to {2} inside {3}{4}',
          choice.block,
          choice.prefix,
          written ?? '',
          ALLOWED_RANGES,
          known,
        )
      : l10n.t(
          'Use {0}: the largest block nearest to {1} inside {2}{3}',
          choice.block,
          written ?? '',
          ALLOWED_RANGES,
          known,
        );
  } else {
    title = l10n.t('Use {0}: the nearest /{1} block{2}', choice.block, choice.prefix, known);
  }
  return [{ title, rule, edits: [replaceValue(node, choice.block)] }];
}

const NETWORK_NAME_PATH = ['metadata', 'labels', 'os.modelarts/name'];
const GROUP_NAME_PATH = ['address_group', 'name'];
const NETWORK_NAME = /^[a-z][a-z0-9-]{2,30}[a-z0-9]$/;
const GROUP_NAME = /^[A-Za-z0-9_.-]{1,64}$/;

/** A group name the API accepts: each character it refuses an underscore (per character, not per UTF-16 unit), at most 64. */
export function correctedGroupName(name: string): string {
  return Array.from(name, (character) => (/^[A-Za-z0-9_.-]$/.test(character) ? character : '_'))
    .join('')
    .slice(0, 64);
}

function correctName(node: Node, rule: string): QuickFix[] {
  if (node.type !== 'string') return [];
  const path = getNodePath(node);
  const name = String(node.value);
  const [corrected, valid] = samePath(path, NETWORK_NAME_PATH)
    ? [correctedNetworkName(name), NETWORK_NAME]
    : samePath(path, GROUP_NAME_PATH)
      ? [correctedGroupName(name), GROUP_NAME]
      : [undefined, undefined];
  if (corrected === undefined || corrected === name || !valid.test(corrected)) return [];
  return [{ title: l10n.t('Rename to {0}', corrected), rule, edits: [replaceValue(node, corrected)] }];
}
