// Checks of a document against what already exists on the connection in use, as the explorer (and the provisioning
// tracker) last fetched it: a network block that overlaps an existing network's, a network name that exists, an
// address-group name other groups carry. Nothing here sends anything — opening a file must never cost a request —
// so what was not listed is simply not known; Compare and Apply settle it for certain.
import * as l10n from '@vscode/l10n';
import { findNodeAtLocation, type Node } from 'jsonc-parser';
import type { AddressGroup } from '../api/addressGroups';
import { type AddressEntry, overlaps, parseEntry } from '../documents/addresses';
import { quotedValue, shownValue } from '../display';
import { prepareDocument } from '../documents/documentRequest';
import { kindFromContent, parseDocument } from '../documents/checks';
import { changeRange, diffOf } from './liveDocuments';
import { NAME_LABEL, networkIdFor } from '../api/networkIds';
import type { Network } from '../api/networks';
import type { Operation } from '../provisioning/tracker';
import { type Kind, KINDS, type LiveResource, type ResourceOf, tagged } from '../kinds';

/** What the explorer holds of the connection it lists (see `known`). */
export interface KnownResources {
  /** The connection's `Connection.identity`. */
  readonly identity: string;
  readonly projectId: string;
  readonly networks: readonly Network[];
  readonly addressGroups: readonly AddressGroup[];
}

export interface LiveFinding {
  /** An error for what Apply will refuse, a warning for what would clash, information for what Apply will do differently. */
  readonly severity: 'error' | 'warning' | 'information';
  readonly message: string;
  /** Where it applies, in UTF-16 code units of the text. */
  readonly offset: number;
  readonly length: number;
  /** A stable identifier of the rule. */
  readonly rule: LiveRule;
}

export const LiveRule = {
  cidrOverlaps: 'network.cidr-overlaps-live',
  networkExists: 'network.exists-live',
  groupNameUsed: 'address-group.name-used-live',
  /** The code of Apply's own refusal (DiagnosticCode.immutableChange): the lightbulb offers Create as New on either. */
  immutableChange: 'apply.immutable',
} as const;
export type LiveRule = (typeof LiveRule)[keyof typeof LiveRule];

/** How many resources a finding names before it says "and N more". */
export const NAMED_AT_MOST = 3;

const isString = (value: unknown): value is string => typeof value === 'string';

/** A network's display name: its name label, or undefined when the server sent none. */
const displayNameOf = (network: Network): string | undefined => {
  const name = network.metadata?.labels?.[NAME_LABEL];
  return isString(name) ? name : undefined;
};

/** A network whose deletion was accepted: it answers GET until it is gone. */
const isDeleting = (network: Network): boolean => network.metadata?.deletionTimestamp !== undefined;

/** The network a document names: the same display name, or (a server that lost the label) the ID it derives to. */
export const isNamed = (network: Network, name: string, projectId: string): boolean =>
  displayNameOf(network) === name || network.metadata?.name === networkIdFor(name, projectId);

/** "a", "a and b", "a, b, c and 2 more". */
function enumerate(items: readonly string[]): string {
  const named = items.slice(0, NAMED_AT_MOST);
  const more = items.length - named.length;
  if (more > 0) return l10n.t('{0} and {1} more', named.join(', '), more);
  return named.length <= 1 ? named.join('') : l10n.t('{0} and {1}', named.slice(0, -1).join(', '), named.at(-1) ?? '');
}

/** A string value at a path, with its node. */
function stringAt(root: Node, path: string[]): { node: Node; value: string } | undefined {
  const node = findNodeAtLocation(root, path);
  return node?.type === 'string' && isString(node.value) ? { node, value: node.value } : undefined;
}

/**
 * The networks a network document is not: a document that names a network, or is linked to one (its name changed
 * since), describes it, so that network's block is its own, not another's.
 */
function otherNetworks(root: Node, known: KnownResources, linkedId: string | undefined): readonly Network[] {
  const name = stringAt(root, ['metadata', 'labels', NAME_LABEL]);
  return known.networks.filter(
    (network) => network.metadata.name !== linkedId && !(name && isNamed(network, name.value, known.projectId)),
  );
}

function networkFindings(root: Node, known: KnownResources, linkedId: string | undefined): LiveFinding[] {
  const findings: LiveFinding[] = [];
  const name = stringAt(root, ['metadata', 'labels', NAME_LABEL]);
  const others = otherNetworks(root, known, linkedId);

  if (name && name.value !== '') {
    const existing = known.networks.find((network) => isNamed(network, name.value, known.projectId));
    // A document linked to that very network is it: that it exists is no news.
    if (existing && existing.metadata.name !== linkedId) {
      findings.push({
        severity: 'information',
        rule: LiveRule.networkExists,
        offset: name.node.offset,
        length: name.node.length,
        message: isDeleting(existing)
          ? l10n.t(
              '{0} exists as {1}, and is being deleted.',
              quotedValue(name.value),
              shownValue(existing.metadata.name),
            )
          : l10n.t(
              '{0} exists as {1} — Apply will update it.',
              quotedValue(name.value),
              shownValue(existing.metadata.name),
            ),
      });
    }
  }

  const cidr = stringAt(root, ['spec', 'cidr']);
  const parsed = cidr && parseEntry(cidr.value);
  // An entry that is no CIDR block is the document checks' to report.
  if (cidr && parsed?.ok && parsed.entry.kind === 'cidr') {
    const block = parsed.entry;
    const overlapping = others.flatMap((network) => {
      const theirs = liveBlock(network);
      if (!theirs || !overlaps(block, theirs.entry)) return [];
      // Until it is gone, a network being deleted still holds its block.
      return [
        isDeleting(network)
          ? l10n.t(
              '{0} ({1}, being deleted)',
              quotedValue(displayNameOf(network) ?? network.metadata.name),
              shownValue(theirs.text),
            )
          : `${quotedValue(displayNameOf(network) ?? network.metadata.name)} (${shownValue(theirs.text)})`,
      ];
    });
    if (overlapping.length > 0) {
      const what =
        overlapping.length === 1
          ? l10n.t('the network {0}, which exists', enumerate(overlapping))
          : l10n.t('the networks {0}, which exist', enumerate(overlapping));
      findings.push({
        severity: 'warning',
        rule: LiveRule.cidrOverlaps,
        offset: cidr.node.offset,
        length: cidr.node.length,
        message: l10n.t(
          '{0} overlaps {1} on this connection: a VPC peered with both could not tell their addresses apart. Choose a block no other network uses.',
          cidr.value,
          what,
        ),
      });
    }
  }
  return findings;
}

/** A listed network's block, when the server sent one that parses (its answers are not trusted to). */
function liveBlock(network: Network): { text: string; entry: AddressEntry } | undefined {
  const text = network.spec?.cidr;
  if (!isString(text)) return undefined;
  const parsed = parseEntry(text);
  return parsed.ok && parsed.entry.kind === 'cidr' ? { text, entry: parsed.entry } : undefined;
}

function addressGroupFindings(root: Node, known: KnownResources, linkedId: string | undefined): LiveFinding[] {
  const name = stringAt(root, ['address_group', 'name']);
  if (!name || name.value === '') return [];
  // A document linked to a group is that group: only the others of the name are news.
  const named = known.addressGroups.filter((group) => group.name === name.value && group.id !== linkedId);
  if (named.length === 0) return [];
  const count = named.length === 1 ? l10n.t('one address group') : l10n.t('{0} address groups', named.length);
  const ids = enumerate(named.map((group) => shownValue(group.id)));
  return [
    {
      severity: 'information',
      rule: LiveRule.groupNameUsed,
      offset: name.node.offset,
      length: name.node.length,
      message:
        linkedId === undefined
          ? l10n.t(
              '{0} is the name of {1} on this connection ({2}). Names are not unique: link this document to a group to update it; otherwise Apply creates another.',
              quotedValue(name.value),
              count,
              ids,
            )
          : l10n.t(
              '{0} is also the name of {1} on this connection ({2}); this document is linked to {3}, which Apply updates.',
              quotedValue(name.value),
              count,
              ids,
              shownValue(linkedId),
            ),
    },
  ];
}

/** The blocks of these networks that parse (a network being deleted still holds its block). */
export const networkBlocks = (networks: readonly Network[]): AddressEntry[] =>
  networks.flatMap((network) => liveBlock(network)?.entry ?? []);

/**
 * The blocks a network document's block must not overlap: those of the networks known on the connection, but for the
 * one the document is (named or linked). None when nothing is known or the text is no JSON.
 */
export function takenNetworkBlocks(text: string, known: KnownResources | undefined, linkedId?: string): AddressEntry[] {
  if (!known || known.networks.length === 0) return [];
  const { root } = parseDocument(text);
  return root ? networkBlocks(otherNetworks(root, known, linkedId)) : [];
}

/**
 * The changes of a document that no update can make to the live resource it is (its link, or for a network its
 * name), each on its field: Apply would refuse them. None when the document does not pass the checks (its errors are
 * the document checks' to report) or the live copy is malformed (Compare and Apply say so).
 */
function immutableFindings(text: string, kind: Kind, live: LiveResource, linked: boolean): LiveFinding[] {
  const prepared = prepareDocument(text, `document${KINDS[kind].suffix}`, { linked });
  if (!prepared.ok) return [];
  let immutable;
  try {
    immutable = diffOf(live, prepared.request)?.immutable;
  } catch {
    return [];
  }
  if (!immutable) return [];
  const newOne = `Create as New ${KINDS[live.kind].titleNoun}`;
  return immutable.map((change) => ({
    severity: 'error',
    rule: LiveRule.immutableChange,
    ...changeRange(text, change),
    message:
      `${change.summary}: cannot change after creation: Apply will refuse it; ${newOne} (the lightbulb) makes a copy for a new one. ${change.why ?? ''}`.trim(),
  }));
}

/** Per kind: what the explorer holds of it, the findings of a document of it, and whether a resource has a name. */
const BY_KIND: {
  readonly [K in Kind]: {
    readonly known: (known: KnownResources) => readonly ResourceOf<K>[];
    readonly findings: (root: Node, known: KnownResources, linkedId: string | undefined) => LiveFinding[];
    readonly hasName: (resource: ResourceOf<K>, name: string, projectId: string) => boolean;
  };
} = {
  network: { known: (known) => known.networks, findings: networkFindings, hasName: isNamed },
  addressGroup: {
    known: (known) => known.addressGroups,
    findings: addressGroupFindings,
    hasName: (group, name) => group.name === name,
  },
};

/** The IDs of the resources of a kind the explorer holds that have this name (a network also by the ID it derives to). */
export function knownNamed<K extends Kind>(kind: K, name: string, known: KnownResources): string[] {
  const { hasName } = BY_KIND[kind];
  return BY_KIND[kind]
    .known(known)
    .filter((resource) => hasName(resource, name, known.projectId))
    .flatMap((resource) => KINDS[kind].idIn(resource) ?? []);
}

/** The live resource a document is, as known: the linked one, or (names unique) the one of its name. */
function liveCounterpart<K extends Kind>(
  root: Node,
  kind: K,
  known: KnownResources,
  linkedId: string | undefined,
): LiveResource<K> | undefined {
  const { idIn, namePath, uniqueNames } = KINDS[kind];
  const { hasName } = BY_KIND[kind];
  const held = BY_KIND[kind].known(known);
  const name = stringAt(root, [...namePath]);
  // Linked, the link says which resource it is; else only a name no other resource has can.
  const resource =
    linkedId !== undefined
      ? held.find((candidate) => idIn(candidate) === linkedId)
      : uniqueNames && name
        ? held.find((candidate) => hasName(candidate, name.value, known.projectId))
        : undefined;
  return resource && tagged(kind, resource);
}

/**
 * The live-aware findings of a document: none when nothing is known (no connection listed yet), when the text is
 * of no known kind, or when nothing clashes. `kind` is the one the file name gives; without it the content decides.
 * `linkedId` is the resource the document is linked to, if any: the document is that resource, not a clash with it.
 */
export function liveFindings(
  text: string,
  kind: Kind | undefined,
  known: KnownResources | undefined,
  linkedId?: string,
): LiveFinding[] {
  if (!known || (known.networks.length === 0 && known.addressGroups.length === 0)) return [];
  const { root } = parseDocument(text);
  if (!root) return [];
  const documentKind = kind ?? kindFromContent(root);
  if (!documentKind) return [];
  const findings = BY_KIND[documentKind].findings(root, known, linkedId);
  const live = liveCounterpart(root, documentKind, known, linkedId);
  return live ? [...findings, ...immutableFindings(text, documentKind, live, linkedId !== undefined)] : findings;
}

/**
 * What the explorer holds, with what the tracker is following right now on the same connection: a resource it
 * looks at again and again is current even when no loaded page holds it. Settled operations add
 * nothing: their resource may have gone since, and the explorer holds what it lists. The explorer's copy of a
 * resource wins (the tracker updates it too).
 */
export function withFollowed(known: KnownResources, operations: readonly Operation[]): KnownResources {
  const following = operations.filter(
    (op) => op.state === 'following' && op.connectionKey === known.identity && op.resource !== undefined,
  );
  if (following.length === 0) return known;
  const held: Held = {
    network: heldOf('network', known.networks),
    addressGroup: heldOf('addressGroup', known.addressGroups),
  };
  // Newest first: an older operation of the same resource adds nothing.
  for (const op of following) if (op.resource) hold(held, op.resource, op.resourceId);
  return { ...known, networks: held.network.list, addressGroups: held.addressGroup.list };
}

/** Per kind, the resources known and their IDs. */
interface HeldOf<K extends Kind> {
  readonly ids: Set<string>;
  readonly list: ResourceOf<K>[];
}
type Held = { [K in Kind]: HeldOf<K> };

function heldOf<K extends Kind>(kind: K, resources: readonly ResourceOf<K>[]): HeldOf<K> {
  return {
    ids: new Set(resources.flatMap((resource) => KINDS[kind].idIn(resource) ?? [])),
    list: [...resources],
  };
}

function hold<K extends Kind>(held: Held, live: LiveResource<K>, id: string): void {
  const of = held[live.kind];
  if (of.ids.has(id)) return;
  of.ids.add(id);
  of.list.push(live.resource);
}
