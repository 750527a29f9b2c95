// Checks network and address-group documents: the JSON schemas of schemas/ (compiled at build time by ajv) and
// the rules a schema cannot say (CIDR ranges, families, range order, duplicates, overlaps, capacity). One module
// for the editor's diagnostics, the check before a create, and the emulator. Every finding sits on the exact JSON
// node (offsets from jsonc-parser) and says what is wrong and what is allowed. Whatever the text, the work stays
// bounded and nothing throws: nesting deeper than MAX_DEPTH is cut off before the tree is built, and of any list or
// object only the first MAX_CHECKED_ENTRIES entries are checked, each cut saying so in a finding.
import * as l10n from '@vscode/l10n';
import { createScanner, findNodeAtLocation, getNodePath, type Node, parseTree, type ParseError } from 'jsonc-parser';
import { quotedValue, shownValue } from '../display';
import { type Kind, KIND_LIST, KINDS } from '../kinds';
import { parseStrictJsonTree } from './jsonTree';
import { type AddressEntry, canonicalCidr, contains, findConflicts, type IndexedEntry, parseEntry } from './addresses';
import * as compiledSchemas from '../generated/schemaValidators';
export type Severity = 'error' | 'warning';

export interface Finding {
  readonly severity: Severity;
  readonly message: string;
  /** Where it applies, in UTF-16 code units of the text. */
  readonly offset: number;
  readonly length: number;
  /** A stable identifier of the rule (`schema.pattern`, `network.cidr-range`, `address-group.overlap`, …). */
  readonly rule: string;
}

export interface DocumentCheck {
  readonly kind: Kind | undefined;
  readonly findings: Finding[];
  /** Whether the text is JSON at all (syntax errors are the JSON language service's to report). */
  readonly parsed: boolean;
  /**
   * How many JSON values the checks went through. The schema and the rules see only these: however long a list or
   * an object, only its first MAX_CHECKED_ENTRIES entries, so this bounds their work (what the tests measure).
   */
  readonly nodesChecked: number;
}

export const MAX_ENTRIES = 20;
/**
 * Of any list or object, how many entries the schema and the rules check. Far above what the APIs take (20 entries
 * in an address group, 7 properties in an object at most), so that a real document is always checked whole, while
 * one of 200,000 entries costs its parse and no more.
 */
export const MAX_CHECKED_ENTRIES = 1_000;
/**
 * How many of the schema's findings are listed. Lists and objects cut at MAX_CHECKED_ENTRIES still multiply (1,000
 * objects of 1,000 unknown keys each: a million findings, seconds of work each time); a real document has a few.
 */
export const MAX_SCHEMA_FINDINGS = 1_000;
/** The blocks a network CIDR may lie in, and the prefixes allowed inside each (the seed page). */
export const NETWORK_RANGES = [
  { block: '172.16.0.0/12', minPrefix: 12, maxPrefix: 24 },
  { block: '192.168.0.0/16', minPrefix: 16, maxPrefix: 24 },
].map((range) => ({ ...range, entry: (parseEntry(range.block) as { ok: true; entry: AddressEntry }).entry }));
const allowedNetworkCidrs = () =>
  l10n.t(
    'a block inside 172.16.0.0/12 with a prefix from /12 to /24, or inside 192.168.0.0/16 with a prefix from /16 to /24',
  );

function objectProperty(node: Node | undefined, key: string): Node | undefined {
  if (node?.type !== 'object') return undefined;
  return node.children?.find((property) => property.children?.[0]?.value === key)?.children?.[1];
}

/** The kind a document's content gives: `"kind": "Network"` with `"apiVersion": "v1"`, or a top-level `address_group` object. */
export function kindFromContent(root: Node | undefined): Kind | undefined {
  return KIND_LIST.find((kind) => KINDS[kind].recognises((key) => objectProperty(root, key)));
}

/**
 * How deep a document may nest. The deepest container of a valid document is at level 5 (a network's peer
 * connection). jsonc-parser's parseTree and findNodeAtOffset (and readChecked here) recurse once per level and
 * overflow the stack at a few thousand levels, so what lies deeper than this never reaches them.
 */
export const MAX_DEPTH = 64;

/** Where a document first nests deeper than MAX_DEPTH, and how many other values are as deep. */
export interface TooDeep {
  readonly offset: number;
  readonly otherPlaces: number;
}

// jsonc-parser's SyntaxKind is an ambient const enum, which isolated modules cannot read: its values.
const OPEN_BRACE = 1;
const CLOSE_BRACE = 2;
const OPEN_BRACKET = 3;
const CLOSE_BRACKET = 4;
const EOF = 17;

/**
 * Whether the text holds more than `count` opening brackets, in strings or not. Nesting can go no deeper than that,
 * so this counting spares nearly every real document (a 20,000-entry ip_set has 3) the scan by tokens.
 */
function hasMoreOpeningBrackets(text: string, count: number): boolean {
  let seen = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code === 0x7b || code === 0x5b) && ++seen > count) return true;
  }
  return false;
}

/**
 * Blanks out every value nested deeper than MAX_DEPTH: a `0` and spaces in its place, so that every offset stays
 * where it was and the tree built from the result is at most MAX_DEPTH + 1 deep. Brackets are paired as
 * jsonc-parser pairs them: a closing bracket of the other kind closes nothing (the parser skips it and may then
 * nest further), so this count of open brackets is never below the parser's depth. A loop over the scanner's tokens:
 * no input can overflow the stack here.
 */
function cutTooDeep(text: string): { text: string; tooDeep: TooDeep | undefined } {
  if (!hasMoreOpeningBrackets(text, MAX_DEPTH)) return { text, tooDeep: undefined };
  const scanner = createScanner(text, true);
  const open: number[] = [];
  const cuts: [start: number, end: number][] = [];
  let cutStart = -1;
  for (let token: number = scanner.scan(); token !== EOF; token = scanner.scan()) {
    if (token === OPEN_BRACE || token === OPEN_BRACKET) {
      open.push(token);
      if (open.length === MAX_DEPTH + 1) cutStart = scanner.getTokenOffset();
    } else if (
      (token === CLOSE_BRACE && open.at(-1) === OPEN_BRACE) ||
      (token === CLOSE_BRACKET && open.at(-1) === OPEN_BRACKET)
    ) {
      open.pop();
      if (open.length === MAX_DEPTH && cutStart >= 0) {
        cuts.push([cutStart, scanner.getTokenOffset() + 1]);
        cutStart = -1;
      }
    }
  }
  if (cutStart >= 0) cuts.push([cutStart, text.length]);
  const first = cuts[0];
  if (!first) return { text, tooDeep: undefined };
  const parts: string[] = [];
  let kept = 0;
  for (const [start, end] of cuts) {
    parts.push(text.slice(kept, start), '0', ' '.repeat(end - start - 1));
    kept = end;
  }
  parts.push(text.slice(kept));
  return { text: parts.join(''), tooDeep: { offset: first[0], otherPlaces: cuts.length - 1 } };
}

interface ParsedDocument {
  readonly root: Node | undefined;
  readonly errors: ParseError[];
  readonly tooDeep: TooDeep | undefined;
  /** How many entries a list or an object has, though the tree may hold fewer (see parse). */
  readonly entryCount: (node: Node) => number;
}

const childCount = (node: Node): number => node.children?.length ?? 0;

/**
 * The tree of a document, with what lies deeper than MAX_DEPTH cut off (`tooDeep` says where). Of an array of
 * strict JSON longer than `keepEntries`, only that many entries are built (the rest are only read through).
 */
function parse(text: string, keepEntries: number): ParsedDocument {
  // Strict JSON no deeper than MAX_DEPTH, as nearly every document is: nothing to cut, no error, parseTree's tree.
  const strict = parseStrictJsonTree(text, MAX_DEPTH, keepEntries);
  if (strict) {
    const { root, cutArrays } = strict;
    return {
      root,
      errors: [],
      tooDeep: undefined,
      entryCount: cutArrays.size === 0 ? childCount : (node) => cutArrays.get(node) ?? childCount(node),
    };
  }
  const bounded = cutTooDeep(text);
  const errors: ParseError[] = [];
  const root = parseTree(bounded.text, errors, { allowTrailingComma: false, disallowComments: true });
  return { root, errors, tooDeep: bounded.tooDeep, entryCount: childCount };
}

/** The whole tree of a document, with what lies deeper than MAX_DEPTH cut off (`tooDeep` says where). */
export function parseDocument(text: string): {
  root: Node | undefined;
  errors: ParseError[];
  tooDeep: TooDeep | undefined;
} {
  const { root, errors, tooDeep } = parse(text, Infinity);
  return { root, errors, tooDeep };
}

function depthFinding({ offset, otherPlaces }: TooDeep): Finding {
  const others =
    otherPlaces === 0
      ? ''
      : otherPlaces === 1
        ? l10n.t(' (and so is 1 more place)')
        : l10n.t(' (and so are {0} more places)', otherPlaces);
  return {
    severity: 'error',
    rule: 'json.depth',
    offset,
    length: 1,
    message: l10n.t(
      'This value is nested more than {0} levels deep{1}: a document nests at most {0} levels (a network or address-group document needs at most 5). What lies deeper is not checked.',
      MAX_DEPTH,
      others,
    ),
  };
}

const at = (node: Node, severity: Severity, rule: string, message: string): Finding => ({
  severity,
  rule,
  message,
  offset: node.offset,
  length: node.length,
});

/** The key node of the property whose value is `valueNode` (a finding about a key sits on the key). */
const keyOf = (valueNode: Node): Node =>
  valueNode.parent?.type === 'property' ? (valueNode.parent.children?.[0] ?? valueNode) : valueNode;

// ---- schema ----

function pathOf(instancePath: string): (string | number)[] {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((segment) => {
      const key = segment.replace(/~1/g, '/').replace(/~0/g, '~');
      return /^\d+$/.test(key) ? Number(key) : key;
    });
}

/** The key node of each property of an object, by name (the first of a key given twice), built when first asked. */
function keyNodes(): (object: Node, name: string) => Node | undefined {
  const indexes = new Map<Node, Map<string, Node>>();
  return (object, name) => {
    let index = indexes.get(object);
    if (!index) {
      index = new Map();
      for (const property of checkedChildren(object)) {
        const key = property.children?.[0];
        if (key && !index.has(String(key.value))) index.set(String(key.value), key);
      }
      indexes.set(object, index);
    }
    return index.get(name);
  };
}

function schemaFindings(kind: Kind, root: Node, { value, cutObjects }: CheckedDocument): Finding[] {
  // Each kind's schema compiled under its name (scripts/compile-schemas.mjs): a kind without one does not compile.
  const validate = compiledSchemas[kind];
  if (validate(value)) return [];
  const hints = compiledSchemas.schemaHints[kind];
  const keyNodeOf = keyNodes();
  const findings: Finding[] = [];
  // One node may break several constraints that say the same thing (minLength and pattern of a name): one finding.
  const seen = new Set<string>();
  for (const error of validate.errors ?? []) {
    const node = findNodeAtLocation(root, pathOf(error.instancePath)) ?? root;
    const nodeSchemaPath = error.schemaPath.slice(0, error.schemaPath.lastIndexOf('/'));
    const hint = hints[nodeSchemaPath];
    const allowed = hint?.allowed ? ` ${hint.allowed}` : '';
    const params = error.params as Record<string, unknown>;
    const rule = `schema.${error.keyword}`;
    const key = `${error.instancePath}|${hint?.allowed ?? error.keyword}|${error.keyword === 'required' || error.keyword === 'additionalProperties' ? JSON.stringify(params) : ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (findings.length === MAX_SCHEMA_FINDINGS) {
      findings.push(
        at(
          node,
          'warning',
          'schema.too-many',
          l10n.t(
            'The schema finds more problems than the {0} listed, from here on: fix those first.',
            MAX_SCHEMA_FINDINGS.toLocaleString('en-US'),
          ),
        ),
      );
      break;
    }
    switch (error.keyword) {
      case 'required': {
        if (cutObjects.has(node)) break;
        const missing = String(params.missingProperty);
        const missingSchema = hints[`${nodeSchemaPath}/properties/${missing.replace(/~/g, '~0').replace(/\//g, '~1')}`];
        const missingHint = missingSchema?.description ?? missingSchema?.allowed;
        findings.push(
          at(
            node.parent?.type === 'property' ? keyOf(node) : node,
            'error',
            rule,
            `${l10n.t('Missing property "{0}".', missing)}${missingHint ? ` ${missingHint}` : ''}`,
          ),
        );
        break;
      }
      case 'additionalProperties': {
        const extra = String(params.additionalProperty);
        const property = keyNodeOf(node, extra) ?? node;
        const known = hint?.properties?.length ? ` ${l10n.t('Allowed here: {0}.', hint.properties.join(', '))}` : '';
        findings.push(
          at(property, 'error', rule, `${l10n.t('Property {0} is not allowed.', quotedValue(extra))}${known}`),
        );
        break;
      }
      case 'const':
        findings.push(
          at(node, 'error', rule, `${l10n.t('Must be {0}.', JSON.stringify(params.allowedValue))}${allowed}`),
        );
        break;
      case 'enum':
        findings.push(
          at(
            node,
            'error',
            rule,
            `${l10n.t('Must be one of {0}.', (params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', '))}${allowed}`,
          ),
        );
        break;
      case 'type':
        {
          // The description says what the value is; a pattern's message would speak of characters.
          const what = hint?.description ?? hint?.allowed;
          findings.push(
            at(
              node,
              'error',
              rule,
              `${l10n.t('Must be {0}, not {1}.', String(params.type).replace(',', l10n.t(' or ')), node.type)}${what ? ` ${what}` : ''}`,
            ),
          );
          break;
        }
        break;
      case 'not':
        // `not: {required: [ip_set, ip_extra_set]}`: both keys are wrong together; the message says so.
        findings.push(
          at(
            node.type === 'object' ? keyOf(node) : node,
            'error',
            rule,
            hints[error.schemaPath.replace(/\/not$/, '')]?.allowed ?? l10n.t('Not allowed.'),
          ),
        );
        break;
      default:
        findings.push(at(node, 'error', rule, `${capitalize(error.message ?? 'invalid')}.${allowed}`));
    }
  }
  return findings;
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The entries of a list or object that are checked: the first MAX_CHECKED_ENTRIES. */
const checkedChildren = (node: Node | undefined): Node[] => {
  const children = node?.children ?? [];
  return children.length > MAX_CHECKED_ENTRIES ? children.slice(0, MAX_CHECKED_ENTRIES) : children;
};

const ENTRY_LISTS = [
  ['address_group', 'ip_set'],
  ['address_group', 'ip_extra_set'],
];
/** The most properties any object of the schemas has: what an object cut short is measured against. */
const MOST_PROPERTIES = Math.max(
  ...Object.values(compiledSchemas.schemaHints).flatMap((hints) =>
    Object.values(hints).map((hint) => hint.properties?.length ?? 0),
  ),
);

function cutFinding(node: Node, entries: number): Finding {
  const count = entries.toLocaleString('en-US');
  const firstUnchecked = node.children?.[MAX_CHECKED_ENTRIES] as Node;
  const checked = l10n.t('only the first {0} were checked', MAX_CHECKED_ENTRIES.toLocaleString('en-US'));
  if (node.type === 'object') {
    return at(
      firstUnchecked.children?.[0] ?? firstUnchecked,
      'warning',
      'json.too-long',
      l10n.t(
        '{0} properties: {1}, the rest were not. No object of a network or address-group document has more than {2}.',
        count,
        checked,
        MOST_PROPERTIES,
      ),
    );
  }
  const path = getNodePath(node);
  if (ENTRY_LISTS.some((list) => list.length === path.length && list.every((segment, i) => segment === path[i]))) {
    return at(
      firstUnchecked,
      'warning',
      'json.too-long',
      l10n.t(
        '{0} entries: {1} (syntax, IP version, duplicates, overlaps), the rest were not. The API takes at most {2} entries in a group (and no more than max_capacity).',
        count,
        checked,
        MAX_ENTRIES,
      ),
    );
  }
  return at(firstUnchecked, 'warning', 'json.too-long', l10n.t('{0} entries: {1}, the rest were not.', count, checked));
}

/**
 * The prototype of the objects the schema sees: empty, and itself of no prototype, so that a key such as
 * `__proto__` or `toString` finds nothing it did not put there. Object.create(null) would do the same, but makes
 * objects V8 keeps as dictionaries, slower for every property the validators read.
 */
const NO_PROTOTYPE: object = Object.freeze(Object.create(null));

interface CheckedDocument {
  /**
   * The document's value for the schema, of each list and object only the entries checked. Objects inherit
   * nothing (see NO_PROTOTYPE), so a key such as `__proto__` or `constructor` is a key like any other.
   */
  readonly value: unknown;
  /** Keys given twice in one object. */
  readonly duplicateKeys: Finding[];
  /** One finding per list or object cut short. */
  readonly cuts: Finding[];
  /** The objects cut short: what the schema finds missing there may lie past the cut. */
  readonly cutObjects: ReadonlySet<Node>;
  /** How many values the pass went through. */
  readonly nodes: number;
}

/**
 * One pass over the entries checked (see MAX_CHECKED_ENTRIES): the value, keys given twice, lists and objects cut
 * short. Keys given twice: JSON parsers keep the last (so does the value), while a reader and the rules see the
 * first, so the document would not say what is sent. Recursive, which is safe: parse cut off everything
 * deeper than MAX_DEPTH.
 */
function readChecked(root: Node, entryCount: (node: Node) => number): CheckedDocument {
  const duplicateKeys: Finding[] = [];
  const cuts: Finding[] = [];
  const cutObjects = new Set<Node>();
  let nodes = 0;
  const read = (node: Node): unknown => {
    nodes++;
    const entries = entryCount(node);
    if (entries > MAX_CHECKED_ENTRIES) {
      cuts.push(cutFinding(node, entries));
      if (node.type === 'object') cutObjects.add(node);
    }
    if (node.type === 'array') return checkedChildren(node).map(read);
    if (node.type !== 'object') return node.value;
    const object = Object.create(NO_PROTOTYPE) as Record<string, unknown>;
    for (const property of checkedChildren(node)) {
      const [key, value] = property.children ?? [];
      if (!key || !value) continue;
      const name = String(key.value);
      if (Object.hasOwn(object, name)) {
        duplicateKeys.push(
          at(
            key,
            'error',
            'json.duplicate-key',
            l10n.t('{0} is given twice in this object: only the last would count. Keep one.', quotedValue(name)),
          ),
        );
      }
      object[name] = read(value);
    }
    return object;
  };
  const value = read(root);
  return { value, duplicateKeys, cuts, cutObjects, nodes };
}

// ---- semantic rules ----

/**
 * What a create body cannot carry but an update can (the description annotation, SFS Turbo links): the schema allows
 * them because it cannot tell a document linked to a live network from another; in one that is not linked, Apply
 * would create, and the service refuses them there.
 */
export const UPDATE_ONLY_NETWORK_FIELDS: { path: string[]; readonly what: string }[] = [
  {
    path: ['metadata', 'annotations'],
    get what() {
      return l10n.t('The description annotation (metadata.annotations)');
    },
  },
  {
    path: ['spec', 'connection', 'sfsTurboConnectionList'],
    get what() {
      return l10n.t('SFS Turbo links (sfsTurboConnectionList)');
    },
  },
];

function updateOnlyFindings(root: Node): Finding[] {
  return UPDATE_ONLY_NETWORK_FIELDS.flatMap(({ path, what }) => {
    const node = findNodeAtLocation(root, path);
    return node
      ? [
          at(
            keyOf(node),
            'error',
            'network.update-only',
            l10n.t(
              '{0} can only be set on a live network, through an update: a create request cannot carry it, and this document is not linked to a live network. Link it to one, or remove this.',
              what,
            ),
          ),
        ]
      : [];
  });
}

function networkFindings(root: Node, linked: boolean): Finding[] {
  const updateOnly = linked ? [] : updateOnlyFindings(root);
  return updateOnly.concat(cidrFindings(root));
}

function cidrFindings(root: Node): Finding[] {
  const cidrNode = findNodeAtLocation(root, ['spec', 'cidr']);
  if (cidrNode?.type !== 'string' || !/^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/.test(String(cidrNode.value))) return []; // the schema reports it
  const text = String(cidrNode.value);
  const parsed = parseEntry(text);
  if (!parsed.ok) return [at(cidrNode, 'error', 'network.cidr-syntax', `${text}: ${parsed.reason}.`)];
  const block = parsed.entry;
  const findings: Finding[] = [];
  const range = NETWORK_RANGES.find((r) => contains(r.entry, block));
  if (!range) {
    return [
      at(
        cidrNode,
        'error',
        'network.cidr-range',
        l10n.t('{0} is outside the private ranges ModelArts networks use. Allowed: {1}.', text, allowedNetworkCidrs()),
      ),
    ];
  }
  if ((block.prefix ?? 32) > range.maxPrefix) {
    findings.push(
      at(
        cidrNode,
        'error',
        'network.cidr-prefix',
        l10n.t(
          '/{0} is too small a network: inside {1} the prefix must be from /{2} to /{3}.',
          block.prefix ?? 32,
          range.block,
          range.minPrefix,
          range.maxPrefix,
        ),
      ),
    );
  }
  if (block.hostBitsSet) {
    findings.push(
      at(
        cidrNode,
        'error',
        'network.cidr-host-bits',
        l10n.t('{0} has host bits set: write the network address, {1}.', text, canonicalCidr(block)),
      ),
    );
  }
  return findings;
}

interface EntryNode {
  readonly node: Node;
  readonly text: string;
}

/** The 1-based line of an offset in a text; the line starts are found once, on the first call. */
function lineFinder(text: string): (offset: number) => number {
  let starts: number[] | undefined;
  return (offset) => {
    if (!starts) {
      starts = [0];
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    }
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if ((starts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  };
}

function addressGroupFindings(
  root: Node,
  entryCount: (node: Node) => number,
  lineOf: (offset: number) => number,
): Finding[] {
  const group = objectProperty(root, 'address_group');
  if (group?.type !== 'object') return [];
  const findings: Finding[] = [];
  const versionValue = objectProperty(group, 'ip_version')?.value;
  const version = versionValue === 4 || versionValue === 6 ? versionValue : undefined;
  const ipSet = objectProperty(group, 'ip_set');
  const extraSet = objectProperty(group, 'ip_extra_set');

  if (!ipSet && !extraSet) {
    findings.push(
      at(
        keyOf(group),
        'warning',
        'address-group.no-entries',
        l10n.t(
          'The group has no entries: add ip_set (addresses, ranges, CIDR blocks) or ip_extra_set (the same with remarks).',
        ),
      ),
    );
  }

  // Each entry of either list, its index counting every string entry of both.
  const parsed: (IndexedEntry & EntryNode)[] = [];
  let index = 0;
  const check = (node: Node) => {
    const text = String(node.value);
    const entryIndex = index++;
    if (text === '') return; // the schema reports an empty entry
    const result = parseEntry(text);
    if (!result.ok) {
      // A reversed range has a rule of its own: it has a fix (swap its ends) that other syntax errors lack.
      findings.push(
        at(
          node,
          'error',
          result.reversed ? 'address-group.range-reversed' : 'address-group.entry-syntax',
          `${shownValue(text)}: ${result.reason}.`,
        ),
      );
      return;
    }
    const { entry } = result;
    if (version && entry.family !== version) {
      findings.push(
        at(
          node,
          'error',
          'address-group.family',
          l10n.t(
            '{0} is an IPv{1} entry, but ip_version is {2}: every entry must be IPv{2}.',
            text,
            entry.family,
            version,
          ),
        ),
      );
      return;
    }
    if (entry.hostBitsSet) {
      findings.push(
        at(
          node,
          'warning',
          'address-group.cidr-host-bits',
          l10n.t('{0} has host bits set: it stands for {1}; write that.', text, canonicalCidr(entry)),
        ),
      );
    }
    parsed.push({ index: entryIndex, entry, node, text });
  };
  for (const item of ipSet?.type === 'array' ? checkedChildren(ipSet) : []) {
    if (item.type === 'string') check(item);
  }
  for (const item of extraSet?.type === 'array' ? checkedChildren(extraSet) : []) {
    const ip = objectProperty(item, 'ip');
    if (ip?.type === 'string') check(ip);
  }

  const { repeats, sameAddresses, overlaps } = findConflicts(parsed);
  for (const { first, repeat } of repeats) {
    // The first copy's line: in a long list, "duplicates 10.0.0.1" alone leaves the reader searching for it.
    findings.push(
      at(
        repeat.node,
        'error',
        'address-group.duplicate',
        l10n.t(
          '{0} duplicates {1} on line {2}: each entry may appear once (the API refuses duplicates with VPC.9901).',
          repeat.text,
          first.text,
          lineOf(first.node.offset),
        ),
      ),
    );
  }
  for (const { first, repeat } of sameAddresses) {
    findings.push(
      at(
        repeat.node,
        'warning',
        'address-group.same-addresses',
        l10n.t(
          "{0} covers the same addresses as {1}, written differently: the API's pages name only identical entries as duplicates (VPC.9901), but the service may refuse it as one. Keep one of them.",
          repeat.text,
          first.text,
        ),
      ),
    );
  }
  for (const { a, b } of overlaps) {
    findings.push(
      at(
        b.node,
        'warning',
        'address-group.overlap',
        l10n.t('{0} overlaps {1}: the API accepts this, but the shared addresses are listed twice.', b.text, a.text),
      ),
    );
  }

  const capacityNode = objectProperty(group, 'max_capacity');
  const capacity =
    typeof capacityNode?.value === 'number' && Number.isInteger(capacityNode.value) ? capacityNode.value : MAX_ENTRIES;
  const list = ipSet ?? extraSet;
  const count = list?.type === 'array' ? entryCount(list) : 0;
  if (list && capacityNode && count > capacity && capacity <= MAX_ENTRIES) {
    findings.push(
      at(
        keyOf(list),
        'error',
        'address-group.capacity',
        count === 1
          ? l10n.t(
              '1 entry, but max_capacity is {0}: remove {1} or raise max_capacity (at most {2}).',
              capacity,
              count - capacity,
              MAX_ENTRIES,
            )
          : l10n.t(
              '{0} entries, but max_capacity is {1}: remove {2} or raise max_capacity (at most {3}).',
              count,
              capacity,
              count - capacity,
              MAX_ENTRIES,
            ),
      ),
    );
  }
  return findings;
}

/** What the rules of a kind are given of a document beside its tree. */
interface RuleInput {
  /** Whether it is linked to a live resource (it may then hold what only an update sets). */
  readonly linked: boolean;
  readonly entryCount: (node: Node) => number;
  readonly text: string;
}

/** The rules a schema cannot say, per kind. */
const RULES: Readonly<Record<Kind, (root: Node, input: RuleInput) => Finding[]>> = {
  network: (root, { linked }) => networkFindings(root, linked),
  addressGroup: (root, { entryCount, text }) => addressGroupFindings(root, entryCount, lineFinder(text)),
};

export interface CheckOptions {
  /** Known from the file name; otherwise taken from the content. */
  readonly kind?: Kind | undefined;
  /** Include the JSON schema's findings (the editor's JSON service already shows them for matched file names). */
  readonly schema?: boolean;
  /**
   * Whether the document is linked to a live resource (Edit as Document, a create it made, a link the user chose):
   * then it may hold what only an update can set. Not linked unless said.
   */
  readonly linked?: boolean;
}

/**
 * Checks a document. Never throws, whatever the input: text that is not JSON gives `parsed: false` and no
 * findings, and a document of no known kind gives `kind: undefined`.
 */
export function checkDocument(text: string, options: CheckOptions = {}): DocumentCheck {
  // The checks read no further than the first MAX_CHECKED_ENTRIES entries of a list, and the cut finding the one
  // after: the tree holds no more of a long array.
  const { root, errors, tooDeep, entryCount } = parse(text, MAX_CHECKED_ENTRIES + 1);
  const kind = options.kind ?? kindFromContent(root);
  const parsed = root !== undefined && errors.length === 0;
  if (!root || !kind) return { kind, findings: [], parsed, nodesChecked: 0 };
  const checked = readChecked(root, entryCount);
  const findings = tooDeep ? [depthFinding(tooDeep), ...checked.cuts] : checked.cuts;
  // While the user types, the text is often briefly broken: the rules still check the nodes that parsed, but the
  // schema would only repeat the syntax error in other words. concat, not push(...): a document can hold more
  // findings than a call can take arguments.
  const schema =
    options.schema === false || !parsed ? [] : checked.duplicateKeys.concat(schemaFindings(kind, root, checked));
  const all = findings.concat(schema, RULES[kind](root, { linked: options.linked === true, entryCount, text }));
  return { kind, findings: all.sort((a, b) => a.offset - b.offset), parsed, nodesChecked: checked.nodes };
}
