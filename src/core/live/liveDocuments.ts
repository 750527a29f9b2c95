// Documents meet live resources: a live network or address group written as a document (Edit as Document, the
// read-only side of Compare with Live), and the difference between a live resource and a document as the changes a
// user confirms and the one request that makes the cloud match the document (a network's JSON merge patch, an
// address group's PUT); and what the editor needs of it (the live side of a comparison laid out like the document,
// where a change sits in the text, a document for a new resource). Pure: no `vscode`, no requests.
import * as l10n from '@vscode/l10n';
import { findNodeAtLocation } from 'jsonc-parser';
import type { AddressGroup, AddressGroupDocument, AddressGroupUpdate } from '../api/addressGroups';
import { checkLiveGroup, checkLiveNetwork, entriesWithRemarks, peerAsWritten, sfsAsWritten } from '../api/asDocument';
import { isRecord } from '../values';
import { quotedValue, shownValue } from '../display';
import {
  DESCRIPTION_ANNOTATION,
  NAME_LABEL,
  type Network,
  type NetworkDocument,
  type NetworkPatch,
  type PeerConnection,
  type SfsTurboConnection,
  WORKSPACE_LABEL,
} from '../api/networks';
import { MAX_DEPTH, parseDocument, UPDATE_ONLY_NETWORK_FIELDS } from '../documents/checks';
import { correctedNetworkName } from '../api/networkIds';
import {
  type DocumentOf,
  type DocumentRequest,
  isRequestOf,
  type Kind,
  KINDS,
  type LiveResource,
  type ResourceOf,
} from '../kinds';

// A live resource written as a document is the API's business (../api/asDocument.ts, named by the table of kinds):
// re-exported here, where live documents are looked for.
export {
  addressGroupAsDocument,
  type AddressGroupAsDocumentOptions,
  entriesWithRemarks,
  networkAsDocument,
} from '../api/asDocument';
export type { LiveResource } from '../kinds';

/** Where a field sits in a document, as jsonc-parser's findNodeAtLocation takes it (so a diagnostic can sit on it). */
export type JsonPath = (string | number)[];

export interface Change {
  readonly path: JsonPath;
  /** The live value and the document's, after defaults are applied (an absent workspace is "0", an absent list []). */
  readonly before: unknown;
  readonly after: unknown;
  /** What the confirmation shows: the field and what happens to it. */
  readonly summary: string;
  /** Whether an update can make this change; when not, `why` says why the service refuses it. */
  readonly mutable: boolean;
  readonly why?: string;
}

export interface NetworkDiff {
  /** Every difference, mutable or not, in document order. */
  readonly changes: Change[];
  /** The merge patch of the mutable changes; undefined when there is none. */
  readonly patch: NetworkPatch | undefined;
  /** The changes no update can make: Apply refuses the document while there is one. */
  readonly immutable: Change[];
}

export interface AddressGroupDiff {
  readonly changes: Change[];
  /** The `address_group` of the PUT: only the changed fields; undefined when there is none. */
  readonly update: AddressGroupUpdate | undefined;
  readonly immutable: Change[];
}

/** The workspace a network without the label is in, and the capacity of a group that does not say (API defaults). */
const DEFAULT_WORKSPACE = '0';
const DEFAULT_MAX_CAPACITY = 20;
const DEFAULT_ENTERPRISE_PROJECT = '0';

// ---- comparison ----

/**
 * A JSON text of a value with its object keys sorted: equal texts, equal values, whatever the key order. Undefined
 * for a value nested deeper than a document may be (MAX_DEPTH): such a value equals nothing a document holds, and
 * following it would overflow the stack.
 */
export function canonicalForm(value: unknown): string | undefined {
  return canonicalFormAt(value, 0);
}

function canonicalFormAt(value: unknown, depth: number): string | undefined {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (depth >= MAX_DEPTH) return undefined;
  const items: string[] = [];
  if (Array.isArray(value)) {
    for (const item of value) {
      const form = canonicalFormAt(item, depth + 1);
      if (form === undefined) return undefined;
      items.push(form);
    }
    return `[${items.join(',')}]`;
  }
  const entries = Object.entries(value)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [key, item] of entries) {
    const form = canonicalFormAt(item, depth + 1);
    if (form === undefined) return undefined;
    items.push(`${JSON.stringify(key)}:${form}`);
  }
  return `{${items.join(',')}}`;
}

/** The canonical form of a value the comparison needs one of; a clear error, not a stack overflow, when it is too deep. */
export function canonicalJson(value: unknown): string {
  const form = canonicalForm(value);
  if (form === undefined) throw new RangeError(`a value nested deeper than ${MAX_DEPTH} levels cannot be compared`);
  return form;
}

/** Lists compared as sets of items: the service keeps no meaningful order of peers, links or entries. */
function sameItems(a: readonly unknown[], b: readonly unknown[]): boolean {
  const sortedA = a.map(canonicalJson).sort();
  const sortedB = b.map(canonicalJson).sort();
  return sortedA.length === sortedB.length && sortedA.every((item, i) => item === sortedB[i]);
}

/** What a list change does, in words: the items added and removed, each as `describe` names it (shown escaped). */
function listSummary<T>(
  field: string,
  before: readonly T[],
  after: readonly T[],
  describe: (item: T) => string,
): string {
  const beforeKeys = new Set(before.map(canonicalJson));
  const afterKeys = new Set(after.map(canonicalJson));
  const shown = (item: T) => shownValue(describe(item));
  const added = after.filter((item) => !beforeKeys.has(canonicalJson(item))).map(shown);
  const removed = before.filter((item) => !afterKeys.has(canonicalJson(item))).map(shown);
  if (after.length === 0) return `${field}: ${l10n.t('remove all ({0})', removed.join(', '))}`;
  const parts = [
    added.length > 0 ? l10n.t('add {0}', added.join(', ')) : '',
    removed.length > 0 ? l10n.t('remove {0}', removed.join(', ')) : '',
  ].filter(Boolean);
  return `${field}: ${parts.join('; ')}`;
}

/** A text field's value in a summary: quoted, and shown escaped (a live value cannot add a line or hide a difference). */
const quoted = (value: string) => (value === '' ? '(none)' : quotedValue(value));

// ---- networks ----

/** The fields a network and a network document share, with the API's defaults applied. */
interface ComparableNetwork {
  name: string;
  cidr: string;
  workspace: string;
  description: string;
  ipv6: boolean;
  peers: Required<PeerConnection>[];
  sfs: SfsTurboConnection[];
}

function comparableNetwork(
  network: Pick<Network, 'spec'> & { metadata: Pick<Network['metadata'], 'labels' | 'annotations'> },
): ComparableNetwork {
  const labels = network.metadata.labels ?? {};
  return {
    name: labels[NAME_LABEL],
    cidr: network.spec.cidr,
    workspace: labels[WORKSPACE_LABEL] ?? DEFAULT_WORKSPACE,
    description: network.metadata.annotations?.[DESCRIPTION_ANNOTATION] ?? '',
    ipv6: network.spec.ipv6enable === true,
    peers: (network.spec.connection?.peerConnectionList ?? []).map((peer) => ({
      peerVpcId: peer.peerVpcId,
      peerSubnetId: peer.peerSubnetId,
      defaultGateWay: peer.defaultGateWay === true,
    })),
    sfs: (network.spec.connection?.sfsTurboConnectionList ?? []).map(sfsAsWritten),
  };
}

// Why a change no update can make is refused: functions, translated when asked (after the display language is set).
export const NETWORK_NAME_IMMUTABLE = () =>
  l10n.t(
    "A network's name cannot change: it is part of the network's ID ({0}), and the update API takes no name. Create a new network to use another name.",
    '{name}-{project_id}',
  );
export const NETWORK_CIDR_IMMUTABLE = () =>
  l10n.t(
    "A network's CIDR block cannot change after creation: the update API takes no cidr. Create a new network for another block.",
  );
export const NETWORK_IPV6_OFF_IMMUTABLE = () =>
  l10n.t('IPv6 cannot be switched off once on: the update API only switches it on.');

/**
 * The difference between a live network and a document naming it. The patch is a JSON merge patch of the mutable
 * fields that changed: a list is replaced whole (merge patch cannot edit a list's items), a list emptied or left
 * out is `null`, a description left out is `null`, and ipv6enable is only ever `true`.
 */
export function diffNetwork(live: Network, document: NetworkDocument): NetworkDiff {
  checkLiveNetwork(live);
  const before = comparableNetwork(live);
  const after = comparableNetwork(document);
  const changes: Change[] = [];
  const patch: { metadata?: NonNullable<NetworkPatch['metadata']>; spec?: NonNullable<NetworkPatch['spec']> } = {};
  const patchMetadata = () => (patch.metadata ??= {});
  const patchConnection = () => ((patch.spec ??= {}).connection ??= {});

  if (before.name !== after.name) {
    changes.push({
      path: ['metadata', 'labels', NAME_LABEL],
      before: before.name,
      after: after.name,
      mutable: false,
      why: NETWORK_NAME_IMMUTABLE(),
      summary: `name: ${quoted(before.name)} → ${quoted(after.name)}`,
    });
  }
  if (before.workspace !== after.workspace) {
    changes.push({
      path: ['metadata', 'labels', WORKSPACE_LABEL],
      before: before.workspace,
      after: after.workspace,
      mutable: true,
      summary: `workspace: ${quoted(before.workspace)} → ${quoted(after.workspace)}`,
    });
    (patchMetadata().labels ??= {})[WORKSPACE_LABEL] = after.workspace;
  }
  if (before.description !== after.description) {
    changes.push({
      path: ['metadata', 'annotations', DESCRIPTION_ANNOTATION],
      before: before.description,
      after: after.description,
      mutable: true,
      summary:
        after.description === ''
          ? `description: ${l10n.t('remove {0}', quoted(before.description))}`
          : `description: ${quoted(before.description)} → ${quoted(after.description)}`,
    });
    (patchMetadata().annotations ??= {})[DESCRIPTION_ANNOTATION] = after.description === '' ? null : after.description;
  }
  if (before.cidr !== after.cidr) {
    changes.push({
      path: ['spec', 'cidr'],
      before: before.cidr,
      after: after.cidr,
      mutable: false,
      why: NETWORK_CIDR_IMMUTABLE(),
      summary: `CIDR: ${shownValue(before.cidr)} → ${shownValue(after.cidr)}`,
    });
  }
  if (before.ipv6 !== after.ipv6) {
    const switchingOn = after.ipv6;
    changes.push({
      path: ['spec', 'ipv6enable'],
      before: before.ipv6,
      after: after.ipv6,
      mutable: switchingOn,
      ...(switchingOn ? {} : { why: NETWORK_IPV6_OFF_IMMUTABLE() }),
      summary: `IPv6: ${switchingOn ? l10n.t('switch on') : l10n.t('switch off')}`,
    });
    if (switchingOn) (patch.spec ??= {}).ipv6enable = true;
  }
  if (!sameItems(before.peers, after.peers)) {
    changes.push({
      path: ['spec', 'connection', 'peerConnectionList'],
      before: before.peers,
      after: after.peers,
      mutable: true,
      summary: listSummary(
        l10n.t('peer connections'),
        before.peers,
        after.peers,
        (peer) => `${peer.peerVpcId}/${peer.peerSubnetId}${peer.defaultGateWay ? ` ${l10n.t('(default route)')}` : ''}`,
      ),
    });
    patchConnection().peerConnectionList =
      after.peers.length === 0 ? null : (document.spec.connection?.peerConnectionList ?? []).map(peerAsWritten);
  }
  if (!sameItems(before.sfs, after.sfs)) {
    changes.push({
      path: ['spec', 'connection', 'sfsTurboConnectionList'],
      before: before.sfs,
      after: after.sfs,
      mutable: true,
      summary: listSummary(l10n.t('SFS Turbo links'), before.sfs, after.sfs, (link) => `${link.name} (${link.sfsId})`),
    });
    patchConnection().sfsTurboConnectionList = after.sfs.length === 0 ? null : after.sfs;
  }
  return {
    changes,
    patch: Object.keys(patch).length > 0 ? patch : undefined,
    immutable: changes.filter((change) => !change.mutable),
  };
}

// ---- address groups ----

export const GROUP_IP_VERSION_IMMUTABLE = () =>
  l10n.t(
    "An address group's IP version cannot change after creation: the update API takes no ip_version. Create a new group for the other version.",
  );
export const GROUP_ENTERPRISE_PROJECT_IMMUTABLE = () =>
  l10n.t(
    "An address group's enterprise project cannot change through an update: the update API takes no enterprise_project_id.",
  );

/**
 * The difference between a live group and a document naming it. Entries are compared as entries with remarks (a
 * live group's ip_set and mirrored ip_extra_set are one list; a remark null, '' or absent is none), as sets. The
 * update carries the entries in the list the document uses: ip_extra_set keeps remarks, ip_set drops them.
 */
export function diffAddressGroup(live: AddressGroup, document: AddressGroupDocument): AddressGroupDiff {
  checkLiveGroup(live);
  const wanted = document.address_group;
  const changes: Change[] = [];
  const update: AddressGroupUpdate = {};
  const at = (field: string): JsonPath => ['address_group', field];

  if (live.name !== wanted.name) {
    changes.push({
      path: at('name'),
      before: live.name,
      after: wanted.name,
      mutable: true,
      summary: `name: ${quoted(live.name)} → ${quoted(wanted.name)}`,
    });
    update.name = wanted.name;
  }
  const liveDescription = live.description ?? '';
  const wantedDescription = wanted.description ?? '';
  if (liveDescription !== wantedDescription) {
    changes.push({
      path: at('description'),
      before: liveDescription,
      after: wantedDescription,
      mutable: true,
      summary:
        wantedDescription === ''
          ? `description: ${l10n.t('remove {0}', quoted(liveDescription))}`
          : `description: ${quoted(liveDescription)} → ${quoted(wantedDescription)}`,
    });
    // A PUT, not a merge patch: an empty description is how one is removed.
    update.description = wantedDescription;
  }
  if (live.ip_version !== wanted.ip_version) {
    changes.push({
      path: at('ip_version'),
      before: live.ip_version,
      after: wanted.ip_version,
      mutable: false,
      why: GROUP_IP_VERSION_IMMUTABLE(),
      summary: `${l10n.t('IP version')}: ${live.ip_version} → ${wanted.ip_version}`,
    });
  }
  const liveCapacity = live.max_capacity ?? DEFAULT_MAX_CAPACITY;
  const wantedCapacity = wanted.max_capacity ?? DEFAULT_MAX_CAPACITY;
  if (liveCapacity !== wantedCapacity) {
    changes.push({
      path: at('max_capacity'),
      before: liveCapacity,
      after: wantedCapacity,
      mutable: true,
      summary: `max_capacity: ${liveCapacity} → ${wantedCapacity}`,
    });
    update.max_capacity = wantedCapacity;
  }
  const liveEntries = entriesWithRemarks(live);
  const wantedEntries = entriesWithRemarks(wanted);
  if (!sameItems(liveEntries, wantedEntries)) {
    const list = wanted.ip_extra_set !== undefined ? 'ip_extra_set' : 'ip_set';
    changes.push({
      path: at(list),
      before: liveEntries,
      after: wantedEntries,
      mutable: true,
      summary: listSummary(l10n.t('entries'), liveEntries, wantedEntries, (entry) =>
        entry.remarks ? `${entry.ip} (${entry.remarks})` : entry.ip,
      ),
    });
    if (list === 'ip_extra_set') update.ip_extra_set = wantedEntries;
    else update.ip_set = wantedEntries.map((entry) => entry.ip);
  }
  const liveProject = live.enterprise_project_id ?? DEFAULT_ENTERPRISE_PROJECT;
  const wantedProject = wanted.enterprise_project_id ?? DEFAULT_ENTERPRISE_PROJECT;
  if (liveProject !== wantedProject) {
    changes.push({
      path: at('enterprise_project_id'),
      before: liveProject,
      after: wantedProject,
      mutable: false,
      why: GROUP_ENTERPRISE_PROJECT_IMMUTABLE(),
      summary: `${l10n.t('enterprise project')}: ${quoted(liveProject)} → ${quoted(wantedProject)}`,
    });
  }
  return {
    changes,
    update: Object.keys(update).length > 0 ? update : undefined,
    immutable: changes.filter((change) => !change.mutable),
  };
}

// ---- either kind ----

/** A kind's difference: a network's (with its merge patch), a group's (with its PUT). */
export type DiffOf<K extends Kind> = { readonly network: NetworkDiff; readonly addressGroup: AddressGroupDiff }[K];

const DIFFS: { readonly [K in Kind]: (live: ResourceOf<K>, document: DocumentOf<K>) => DiffOf<K> } = {
  network: diffNetwork,
  addressGroup: diffAddressGroup,
};

/**
 * The difference between a live resource and a document's request, when they are of the same kind (undefined when
 * not: a document is never compared with a resource of another kind). Throws as the kind's diff does.
 */
export function diffOf<K extends Kind>(live: LiveResource<K>, request: DocumentRequest): DiffOf<K> | undefined {
  return isRequestOf(request, live.kind) ? DIFFS[live.kind](live.resource, request.document) : undefined;
}

// ---- the editor's side of it ----

/**
 * A value laid out like another: object keys in the other's order (keys it lacks after), and list items the two
 * share in the other's order (the rest after), recursively. Compare with Live shows the live side laid out like the
 * document, so that the diff editor marks what differs, not what is merely ordered otherwise. Linear in the items:
 * each item's canonical form is computed once (`canonical`, which a test counts), and items are found by it.
 */
export function alignedTo(
  value: unknown,
  layout: unknown,
  canonical: (value: unknown) => string | undefined = canonicalForm,
): unknown {
  if (Array.isArray(value)) {
    if (!Array.isArray(layout)) return value;
    // The indices of equal items, in order, each list with how many of them are placed already.
    const byForm = new Map<string, { indices: number[]; placed: number }>();
    value.forEach((item, index) => {
      const form = canonical(item);
      // An item without a form (too deep) is equal to nothing: it stays with the rest.
      if (form === undefined) return;
      const equal = byForm.get(form);
      if (equal) equal.indices.push(index);
      else byForm.set(form, { indices: [index], placed: 0 });
    });
    const placed = new Uint8Array(value.length);
    const ordered: unknown[] = [];
    for (const wanted of layout) {
      const form = canonical(wanted);
      const equal = form === undefined ? undefined : byForm.get(form);
      const index = equal?.indices[equal.placed];
      if (equal === undefined || index === undefined) continue;
      equal.placed++;
      placed[index] = 1;
      ordered.push(value[index]);
    }
    const itemLayout = layout.find(isRecord);
    return [...ordered, ...value.filter((_item, index) => placed[index] === 0)].map((item) =>
      alignedTo(item, itemLayout, canonical),
    );
  }
  if (!isRecord(value) || !isRecord(layout)) return value;
  const keys = [
    ...Object.keys(layout).filter((key) => Object.hasOwn(value, key)),
    ...Object.keys(value).filter((key) => !Object.hasOwn(layout, key)),
  ];
  // fromEntries defines own properties: a key such as "__proto__" stays data.
  return Object.fromEntries(keys.map((key) => [key, alignedTo(value[key], layout[key], canonical)]));
}

/**
 * What Apply asks a person to confirm before an update: the resource, then one line per change, then where it lives.
 * Every live value in it is shown escaped (summaries are written so), so that none can add a line, reorder one or
 * hide a difference.
 */
export function applyConfirmation(
  resource: { readonly kind: Kind; readonly name: string; readonly id: string },
  where: { readonly projectId: string; readonly region: string },
  changes: readonly Change[],
): { message: string; detail: string } {
  return {
    message:
      changes.length === 1
        ? l10n.t('Apply 1 change to {0} {1}?', KINDS[resource.kind].noun, shownValue(resource.name))
        : l10n.t('Apply {0} changes to {1} {2}?', changes.length, KINDS[resource.kind].noun, shownValue(resource.name)),
    detail: `${changes.map((change) => `• ${change.summary}`).join('\n')}\n\n${l10n.t(
      '{0} in project {1} ({2}).',
      shownValue(resource.id),
      shownValue(where.projectId),
      shownValue(where.region),
    )}`,
  };
}

/**
 * The live side of Compare with Live: the resource written as a document, laid out like the user's document; a
 * group's entries in the list the document uses (or ip_extra_set whenever a live entry has a remark, which ip_set
 * would hide), and the document's `$schema` and `dry_run`, which are no part of a resource, as the document has them.
 */
export function liveSideOf<K extends Kind>(live: LiveResource<K>, document: unknown): unknown {
  const written: object = KINDS[live.kind].asDocument(live.resource, document);
  const notResource = isRecord(document)
    ? Object.fromEntries(
        ['$schema', 'dry_run'].filter((key) => Object.hasOwn(document, key)).map((key) => [key, document[key]]),
      )
    : {};
  return alignedTo({ ...notResource, ...written }, document);
}

/** Where a change sits in a document's text: the node at its path, or the nearest enclosing one present (a field left out). */
export function changeRange(text: string, change: Change): { offset: number; length: number } {
  const { root } = parseDocument(text);
  if (!root) return { offset: 0, length: 0 };
  for (let depth = change.path.length; depth > 0; depth--) {
    const node = findNodeAtLocation(root, change.path.slice(0, depth));
    // A value's property (its key and value) when there is one: the squiggle covers the field, not only its value.
    if (node) {
      return node.parent?.type === 'property'
        ? { offset: node.parent.offset, length: node.parent.length }
        : { offset: node.offset, length: node.length };
    }
  }
  return { offset: root.offset, length: 1 };
}

/** Per kind, what a document for a new resource leaves out or renames (a group's name is no one's: it stays). */
const FOR_NEW_RESOURCE: Readonly<Record<Kind, (text: string, liveName: string) => string>> = {
  network: (text, liveName) => {
    let result = text;
    for (const { path } of UPDATE_ONLY_NETWORK_FIELDS) result = withoutProperty(result, path);
    const { root } = parseDocument(result);
    const name = root && findNodeAtLocation(root, ['metadata', 'labels', NAME_LABEL]);
    if (name?.value === liveName) {
      result = `${result.slice(0, name.offset)}${JSON.stringify(correctedNetworkName(`${liveName.slice(0, 28)}-new`))}${result.slice(name.offset + name.length)}`;
    }
    return result;
  },
  addressGroup: (text) => text,
};

/**
 * The text of a document for a new resource, from a document whose changes no update can make (Create as New):
 * unlinked, so without what only an update carries (a network's description annotation and SFS Turbo links), and — for a network whose
 * name is still the live one's, which names are unique — under a new name. The rest of the text is left as written.
 */
export function documentForNewResource(text: string, kind: Kind, liveName: string): string {
  return FOR_NEW_RESOURCE[kind](text, liveName);
}

/**
 * The text without the property at `path` (unchanged when it is not there): from the end of the property before it,
 * so that its comma goes too; or, when it is the first, up to the next one; or, when it is the only one, all that is
 * inside the braces. (jsonc-parser's `modify` does this too, but would bring its formatter into the bundle.)
 */
function withoutProperty(text: string, path: JsonPath): string {
  const { root } = parseDocument(text);
  const property = root && findNodeAtLocation(root, path)?.parent;
  const object = property?.type === 'property' ? property.parent : undefined;
  if (!property || !object?.children) return text;
  const index = object.children.indexOf(property);
  const previous = object.children[index - 1];
  const next = object.children[index + 1];
  const [start, end] = previous
    ? [previous.offset + previous.length, property.offset + property.length]
    : next
      ? [property.offset, next.offset]
      : [object.offset + 1, object.offset + object.length - 1];
  return text.slice(0, start) + text.slice(end);
}
