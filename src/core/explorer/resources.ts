// What the explorer reads from a network or an address group: the phase or status as an icon and a word, the
// facts shown as detail nodes, and the checks of a filtered list. Every read is defensive: an answer passed the
// API's shape check (an ID, a name) but nothing more is guaranteed, and one odd field must degrade one node, not
// throw while VS Code asks for a page.
import * as l10n from '@vscode/l10n';
import type { AddressGroup } from '../api/addressGroups';
import { consoleWord, shownMarkdown, shownValue } from '../display';
import { DESCRIPTION_ANNOTATION, NAME_LABEL, WORKSPACE_LABEL } from '../api/networkIds';
import type { Network } from '../api/networks';
import { parseTimestamp } from '../cloud/timestamps';
import { DEFAULT_WORKSPACE } from '../api/workspaceIds';
import { type Kind, KINDS, type ResourceOf } from '../kinds';
import { type DetailNode, ids, type Malformed } from './nodes';

export { DESCRIPTION_ANNOTATION, WORKSPACE_LABEL } from '../api/networkIds';
export { DEFAULT_WORKSPACE, workspaceIdProblem } from '../api/workspaceIds';

/** A phase or status as a person sees it: a word, a codicon, and a theme colour id. */
export interface Presentation {
  readonly text: string;
  readonly iconId: string;
  readonly iconColor: string | undefined;
  /** Still changing by itself (Creating, UPDATING, Connecting…). */
  readonly transitional: boolean;
}

const COLORS = {
  ok: 'charts.green',
  busy: 'charts.yellow',
  failed: 'charts.red',
  warning: 'problemsWarningIcon.foreground',
  muted: 'disabledForeground',
} as const;

const busy = (text: string): Presentation => ({
  text,
  iconId: 'sync~spin',
  iconColor: COLORS.busy,
  transitional: true,
});
const ok = (text: string): Presentation => ({ text, iconId: 'pass', iconColor: COLORS.ok, transitional: false });
const failed = (text: string): Presentation => ({
  text,
  iconId: 'error',
  iconColor: COLORS.failed,
  transitional: false,
});
const other = (text: string): Presentation => ({
  text,
  iconId: 'circle-outline',
  iconColor: undefined,
  transitional: false,
});

// ---- safe reads ----

export const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
export const asString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** A timestamp of either API as `2019-06-28 02:06:38 UTC`; the raw text when it cannot be read. */
export function formatTime(value: unknown): string | undefined {
  const parsed = parseTimestamp(value);
  if (parsed) return `${parsed.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

// ---- networks ----

const labelsOf = (network: Network | Malformed) => asRecord(asRecord(network.metadata)?.labels);

/** The name people gave a resource (a network's name label, a group's name), else its ID: what its node is labelled. */
export function displayName(kind: Kind, resource: unknown): string {
  return KINDS[kind].nameIn(resource) || KINDS[kind].idIn(resource) || '(no name)';
}

/** The name people gave the network (its `os.modelarts/name` label), else its ID. */
export const networkDisplayName = (network: Network | Malformed): string => displayName('network', network);

export function networkWorkspace(network: Network | Malformed): string {
  return asString(labelsOf(network)?.[WORKSPACE_LABEL]) ?? DEFAULT_WORKSPACE;
}

export function networkPhase(network: Network | Malformed): Presentation {
  if (asRecord(network.metadata)?.deletionTimestamp) {
    return { text: 'Deleting', iconId: 'trash', iconColor: COLORS.muted, transitional: true };
  }
  const phase = asRecord(network.status)?.phase;
  if (phase === undefined || phase === null || phase === '') return busy('Pending');
  if (typeof phase !== 'string') {
    return { text: 'unknown phase', iconId: 'question', iconColor: COLORS.warning, transitional: false };
  }
  if (phase === 'Creating') return busy(phase);
  if (phase === 'Active') return ok(phase);
  if (phase === 'Abnormal') return failed(phase);
  return other(phase);
}

/** A peer connection's or an SFS Turbo link's phase. */
export function linkPhase(phase: unknown): Presentation {
  if (phase === 'Connecting' || phase === 'Creating') return busy(phase);
  if (phase === 'Active') return ok(phase);
  if (phase === 'Abnormal' || phase === 'Failed' || phase === 'Error') return failed(phase);
  return typeof phase === 'string' && phase !== '' ? other(phase) : other('no phase');
}

/** What is odd about a network that passed the API's shape check; empty when nothing is. */
export function networkDefects(network: Network): string[] {
  const defects: string[] = [];
  const metadata = asRecord(network.metadata);
  const labels = metadata?.labels;
  if (labels !== undefined && !asRecord(labels)) defects.push(l10n.t('{0} is not an object', 'metadata.labels'));
  else if (asString(asRecord(labels)?.[NAME_LABEL]) === undefined) {
    defects.push(l10n.t('it has no {0} label', NAME_LABEL));
  }
  const status = network.status;
  if (status !== undefined && status !== null && !asRecord(status)) {
    defects.push(l10n.t('{0} is not an object', 'status'));
  }
  const phase = asRecord(status)?.phase;
  if (phase !== undefined && phase !== null && typeof phase !== 'string') {
    defects.push(l10n.t('{0} is not text', 'status.phase'));
  }
  const connection = asRecord(network.spec)?.connection;
  if (connection !== undefined && connection !== null && !asRecord(connection)) {
    defects.push(l10n.t('{0} is not an object', 'spec.connection'));
  }
  for (const list of ['peerConnectionList', 'sfsTurboConnectionList']) {
    const value = asRecord(connection)?.[list];
    if (value !== undefined && value !== null && (!Array.isArray(value) || !value.every((item) => asRecord(item)))) {
      defects.push(l10n.t('{0} is not a list of objects', `spec.connection.${list}`));
    }
  }
  for (const field of ['creationTimestamp', 'deletionTimestamp']) {
    const value = metadata?.[field];
    if (value !== undefined && value !== null && typeof value !== 'string') {
      defects.push(l10n.t('{0} is not text', `metadata.${field}`));
    }
  }
  return defects;
}

// ---- address groups ----

/** A group's status: `text` as the console writes it, the API's value in `raw` (for tooltips). */
export function addressGroupStatus(
  group: AddressGroup | Malformed,
): Presentation & { readonly raw: string | undefined } {
  const status: unknown = group.status;
  const raw = typeof status === 'string' && status !== '' ? status : undefined;
  if (status === 'NORMAL') return { ...ok(consoleWord(status)), raw };
  if (status === 'UPDATING') return { ...busy(consoleWord(status)), raw };
  if (status === 'UPDATE_FAILED') return { ...failed(consoleWord(status)), raw };
  if (status === undefined || status === null || status === '') return { ...other('no status'), raw };
  if (raw === undefined) {
    return { text: 'unknown status', iconId: 'question', iconColor: COLORS.warning, transitional: false, raw };
  }
  return { ...other(consoleWord(raw)), raw };
}

/** Each entry of a group with its remarks: ip_set in order, remarks from ip_extra_set, then ip_extra_set's others. */
export function addressGroupEntries(group: AddressGroup | Malformed): { ip: string; remarks: string | undefined }[] {
  const extra = asArray(group.ip_extra_set)
    .map(asRecord)
    .filter((entry) => entry !== undefined && typeof entry.ip === 'string') as { ip: string; remarks?: unknown }[];
  const remarksOf = new Map<string, string>();
  for (const entry of extra) {
    if (typeof entry.remarks === 'string' && entry.remarks !== '' && !remarksOf.has(entry.ip)) {
      remarksOf.set(entry.ip, entry.remarks);
    }
  }
  const entries = asArray(group.ip_set)
    .filter((ip): ip is string => typeof ip === 'string')
    .map((ip) => ({ ip, remarks: remarksOf.get(ip) }));
  const listed = new Set(entries.map((entry) => entry.ip));
  for (const entry of extra) {
    if (listed.has(entry.ip)) continue;
    listed.add(entry.ip);
    entries.push({ ip: entry.ip, remarks: remarksOf.get(entry.ip) });
  }
  return entries;
}

/** Entries the one line of a group's choice names before it only counts them. */
const ENTRIES_IN_A_CHOICE = 6;

/**
 * How a group is offered among the groups of its name (Link to Address Group…): its ID, its version, status and
 * description, and its first entries, enough to tell two groups of one name apart; every value shown escaped.
 */
export function addressGroupChoice(
  group: AddressGroup,
  inExplorer: boolean,
): { label: string; description: string; detail: string } {
  const entries = addressGroupEntries(group).map((entry) =>
    entry.remarks ? `${entry.ip} (${entry.remarks})` : entry.ip,
  );
  const listed = entries.slice(0, ENTRIES_IN_A_CHOICE).join(', ');
  const description = asString(group.description);
  const version = group.ip_version === 4 || group.ip_version === 6 ? `IPv${group.ip_version}` : 'unknown IP version';
  return {
    label: shownValue(asString(group.id) ?? ''),
    description: shownValue(
      `${version} · ${addressGroupStatus(group).text}${inExplorer ? ' · in the explorer' : ''}${description ? ` · ${description}` : ''}`,
    ),
    detail: shownValue(
      entries.length === 0
        ? 'no entries'
        : entries.length > ENTRIES_IN_A_CHOICE
          ? `${listed}, … (${entries.length} entries)`
          : listed,
    ),
  };
}

export function addressGroupDefects(group: AddressGroup): string[] {
  const defects: string[] = [];
  if (
    group.ip_set !== undefined &&
    group.ip_set !== null &&
    (!Array.isArray(group.ip_set) || !group.ip_set.every((ip) => typeof ip === 'string'))
  ) {
    defects.push(l10n.t('{0} is not a list of addresses', 'ip_set'));
  }
  if (
    group.ip_extra_set !== undefined &&
    group.ip_extra_set !== null &&
    (!Array.isArray(group.ip_extra_set) ||
      !group.ip_extra_set.every((entry) => typeof asRecord(entry)?.ip === 'string'))
  ) {
    defects.push(l10n.t('{0} is not a list of {1}', 'ip_extra_set', '{ip, remarks}'));
  }
  const status: unknown = group.status;
  if (status !== undefined && status !== null && typeof status !== 'string') {
    defects.push(l10n.t('{0} is not text', 'status'));
  }
  const capacity: unknown = group.max_capacity;
  if (capacity !== undefined && capacity !== null && typeof capacity !== 'number') {
    defects.push(l10n.t('{0} is not a number', 'max_capacity'));
  }
  for (const field of ['created_at', 'updated_at', 'description', 'enterprise_project_id'] as const) {
    const value: unknown = group[field];
    if (value !== undefined && value !== null && typeof value !== 'string') {
      defects.push(l10n.t('{0} is not text', field));
    }
  }
  return defects;
}

// ---- filters ----

/**
 * Whether a network belongs in a list filtered by display name and workspace. The servers filter too; this
 * checks what they returned (a server that ignores a filter would otherwise fill the list with everything).
 */
export function networkMatches(network: Network, filter: string | undefined, workspaceId: string | undefined): boolean {
  return (
    (filter === undefined || asString(labelsOf(network)?.[NAME_LABEL]) === filter) &&
    (workspaceId === undefined || networkWorkspace(network) === workspaceId)
  );
}

export function addressGroupMatches(group: AddressGroup, filter: string | undefined): boolean {
  return filter === undefined || group.name === filter;
}

/**
 * What is wrong with a name to filter networks by, if anything. It goes into a label selector
 * (`os.modelarts/name=<name>`): a label value's syntax (letters, digits, `-`, `_`, `.`, up to 63, starting and
 * ending with a letter or digit) keeps a `,` or `=` from adding terms to it.
 */
export function networkFilterProblem(name: string): string | undefined {
  if (name === '') return l10n.t('Enter the network name to look for.');
  if (!/^[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?$/.test(name)) {
    return l10n.t(
      'A network name has letters, digits, "-", "_" and "." only, at most 63, and starts and ends with a letter or digit.',
    );
  }
  return undefined;
}

/** What is wrong with a name to filter address groups by (the API's name rule: 1-64 of letters, digits, `_ - .`). */
export function addressGroupFilterProblem(name: string): string | undefined {
  if (name === '') return l10n.t('Enter the address group name to look for.');
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(name)) {
    return l10n.t('An address group name has 1-64 letters, digits, "_", "-" and "." only.');
  }
  return undefined;
}

/** What is wrong with a part of a name to look for among loaded names, if anything: it must be able to occur in a name. */
export function namePartProblem(kind: Kind, text: string): string | undefined {
  if (text === '') return l10n.t('Enter the {0} name, or a part of it, to look for.', KINDS[kind].noun);
  const { partPattern, partRule } = EXPLORER_KINDS[kind];
  return partPattern.test(text) ? undefined : l10n.t('{0}: no name contains this.', partRule);
}

// ---- details ----

/** A detail row; Copy takes its value, or `copy` when given (`null`: a row with nothing to copy, such as a count). */
function detail(
  parentId: string,
  key: string,
  label: string,
  value: string | undefined,
  extra: Partial<Pick<DetailNode, 'iconId' | 'iconColor' | 'tooltip'>> & {
    children?: (id: string) => DetailNode[];
    copy?: string | null;
  } = {},
): DetailNode {
  const id = ids.child(parentId, key);
  return {
    kind: 'detail',
    id,
    parentId,
    label,
    value,
    copyText: extra.copy === null ? undefined : (extra.copy ?? value),
    iconId: extra.iconId,
    iconColor: extra.iconColor,
    tooltip: extra.tooltip,
    children: extra.children?.(id) ?? [],
  };
}

/** Keys unique among siblings: a second `10.0.0.1` in a malformed list becomes `10.0.0.1#2`. */
function uniqueKeys<T>(items: T[], key: (item: T) => string): [string, T][] {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const base = key(item);
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return [count === 1 ? base : `${base}#${count}`, item];
  });
}

/** A count for a detail row: "none", or the phrase for one or for more (`{0}`: how many). */
const count = (n: number, one: string, many: string) => (n === 0 ? l10n.t('none') : n === 1 ? one : many);

/** The facts of a network, as detail nodes under `parentId`. */
export function networkDetails(network: Network, parentId: string): DetailNode[] {
  const metadata = asRecord(network.metadata);
  const spec = asRecord(network.spec);
  const connection = asRecord(spec?.connection);
  const connectionStatus = asRecord(asRecord(network.status)?.connectionStatus);
  const details: DetailNode[] = [
    detail(parentId, 'cidr', l10n.t('CIDR'), asString(spec?.cidr)),
    detail(parentId, 'ipv6', 'IPv6', spec?.ipv6enable === true ? l10n.t('enabled') : l10n.t('disabled')),
    detail(parentId, 'workspace', l10n.t('Workspace'), networkWorkspace(network)),
  ];
  const description = asString(asRecord(metadata?.annotations)?.[DESCRIPTION_ANNOTATION]);
  if (description) details.push(detail(parentId, 'description', l10n.t('Description'), description));

  // Peer connections as asked (spec), each with its phase (status), and any the status reports beyond those.
  const peerKey = (peer: Record<string, unknown>) => `${String(peer.peerVpcId)}/${String(peer.peerSubnetId)}`;
  const statuses = asArray(connectionStatus?.peerConnectionStatus)
    .map(asRecord)
    .filter((peer) => peer !== undefined);
  const phaseOf = new Map(statuses.map((peer) => [peerKey(peer), peer.phase]));
  const peers = asArray(connection?.peerConnectionList)
    .map(asRecord)
    .filter((peer) => peer !== undefined);
  const asked = new Set(peers.map(peerKey));
  const allPeers = [...peers, ...statuses.filter((peer) => !asked.has(peerKey(peer)))];
  details.push(
    detail(
      parentId,
      'peers',
      l10n.t('Peer connections'),
      count(allPeers.length, l10n.t('1 connection'), l10n.t('{0} connections', allPeers.length)),
      {
        copy: null,
        children: (id) =>
          uniqueKeys(allPeers, peerKey).map(([key, peer]) => {
            const phase = linkPhase(phaseOf.get(peerKey(peer)) ?? peer.phase);
            return detail(
              id,
              key,
              `VPC ${String(peer.peerVpcId)}`,
              l10n.t('subnet {0} · {1}', String(peer.peerSubnetId), phase.text),
              {
                copy: String(peer.peerVpcId),
                iconId: phase.iconId,
                iconColor: phase.iconColor,
                tooltip: [
                  l10n.t('Peer VPC {0}', shownMarkdown(String(peer.peerVpcId))),
                  l10n.t('Subnet {0}', shownMarkdown(String(peer.peerSubnetId))),
                  l10n.t('Phase: {0}', shownMarkdown(phase.text)),
                  peer.defaultGateWay === true ? l10n.t('Default route: yes') : l10n.t('Default route: no'),
                ].join('  \n'),
              },
            );
          }),
      },
    ),
  );

  // SFS Turbo links: the status list carries their state; the spec list what was asked.
  const sfsStatus = asArray(connectionStatus?.sfsTurboStatus)
    .map(asRecord)
    .filter((link) => link !== undefined);
  const sfsKey = (link: Record<string, unknown>) => String(link.sfsId ?? link.name);
  const statusOf = new Map(sfsStatus.map((link) => [sfsKey(link), link]));
  const sfsAsked = asArray(connection?.sfsTurboConnectionList)
    .map(asRecord)
    .filter((link) => link !== undefined);
  const askedSfs = new Set(sfsAsked.map(sfsKey));
  const links = [
    ...sfsAsked.map((link) => ({ ...link, ...statusOf.get(sfsKey(link)) })),
    ...sfsStatus.filter((link) => !askedSfs.has(sfsKey(link))),
  ];
  details.push(
    detail(
      parentId,
      'sfsTurbo',
      'SFS Turbo',
      count(links.length, l10n.t('1 link'), l10n.t('{0} links', links.length)),
      {
        copy: null,
        children: (id) =>
          uniqueKeys(links, sfsKey).map(([key, link]) => {
            const status = linkPhase(link.status);
            const facts = [
              `SFS Turbo ${shownMarkdown(String(link.sfsId))}`,
              l10n.t('Status: {0}', shownMarkdown(status.text)),
            ];
            if (typeof link.connectionType === 'string') {
              facts.push(l10n.t('Connection: {0}', shownMarkdown(link.connectionType)));
            }
            if (typeof link.ipAddr === 'string') facts.push(l10n.t('Address: {0}', shownMarkdown(link.ipAddr)));
            return detail(id, key, String(link.name ?? link.sfsId), status.text, {
              copy: String(link.sfsId ?? link.name),
              iconId: status.iconId,
              iconColor: status.iconColor,
              tooltip: facts.join('  \n'),
            });
          }),
      },
    ),
  );

  details.push(detail(parentId, 'id', 'ID', asString(metadata?.name)));
  const created = formatTime(metadata?.creationTimestamp);
  if (created) details.push(detail(parentId, 'created', l10n.t('Created'), created));
  const deleting = formatTime(metadata?.deletionTimestamp);
  if (deleting) {
    details.push(detail(parentId, 'deleting', l10n.t('Deletion requested'), deleting, { iconId: 'trash' }));
  }
  return details;
}

/** The facts of an address group, as detail nodes under `parentId`. */
export function addressGroupDetails(group: AddressGroup, parentId: string): DetailNode[] {
  const entries = addressGroupEntries(group);

  const details: DetailNode[] = [
    detail(
      parentId,
      'ipVersion',
      l10n.t('IP version'),
      group.ip_version === 4 || group.ip_version === 6 ? `IPv${group.ip_version}` : undefined,
    ),
    detail(
      parentId,
      'entries',
      l10n.t('Entries'),
      typeof group.max_capacity === 'number'
        ? l10n.t('{0} of {1}', entries.length, group.max_capacity)
        : String(entries.length),
      {
        copy: null,
        children: (id) =>
          uniqueKeys(entries, (entry) => entry.ip).map(([key, entry]) =>
            detail(id, key, entry.ip, entry.remarks, {
              copy: entry.ip,
              tooltip:
                entry.remarks === undefined ? undefined : `${shownMarkdown(entry.ip)}: ${shownMarkdown(entry.remarks)}`,
            }),
          ),
      },
    ),
  ];
  const description = asString(group.description);
  if (description) details.push(detail(parentId, 'description', l10n.t('Description'), description));
  const message = asString(group.status_message);
  if (message) details.push(detail(parentId, 'statusMessage', l10n.t('Status message'), message));
  details.push(detail(parentId, 'id', 'ID', asString(group.id)));
  const created = formatTime(group.created_at);
  if (created) details.push(detail(parentId, 'created', l10n.t('Created'), created));
  const updated = formatTime(group.updated_at);
  if (updated) details.push(detail(parentId, 'updated', l10n.t('Updated'), updated));
  const enterpriseProject = asString(group.enterprise_project_id);
  if (enterpriseProject) {
    details.push(
      detail(
        parentId,
        'enterpriseProject',
        l10n.t('Enterprise project'),
        enterpriseProject === '0' ? l10n.t('0 (default)') : enterpriseProject,
      ),
    );
  }
  return details;
}

// ---- per kind ----

/** What the explorer does with a resource of a kind. */
export interface ExplorerKind<K extends Kind> {
  /** Whether it belongs in a list filtered by this exact name (and, networks, this workspace). */
  readonly matches: (resource: ResourceOf<K>, filter: string | undefined, workspaceId: string | undefined) => boolean;
  /** The name a filter by a part of a name looks in, of a resource or a malformed item (read defensively). */
  readonly shownName: (resource: Malformed) => string | undefined;
  /** What is wrong with a name to filter its list by (the servers are sent it), if anything. */
  readonly filterProblem: (name: string) => string | undefined;
  /** What a part of a name may hold (it must be able to occur in a name), and the rule in words. */
  readonly partPattern: RegExp;
  readonly partRule: string;
  /** What is odd about one that passed the API's shape check. */
  readonly defects: (resource: ResourceOf<K>) => string[];
  /** Its facts, as detail rows under its node. */
  readonly details: (resource: ResourceOf<K>, parentId: string) => DetailNode[];
}

export const EXPLORER_KINDS: { readonly [K in Kind]: ExplorerKind<K> } = {
  network: {
    matches: networkMatches,
    shownName: networkDisplayName,
    filterProblem: networkFilterProblem,
    partPattern: /^[A-Za-z0-9._-]{1,63}$/,
    get partRule() {
      return l10n.t('A network name has letters, digits, "-", "_" and "." only, at most 63');
    },
    defects: networkDefects,
    details: networkDetails,
  },
  addressGroup: {
    matches: (group, filter) => addressGroupMatches(group, filter),
    shownName: (group) => asString(group.name),
    filterProblem: addressGroupFilterProblem,
    partPattern: /^[A-Za-z0-9_.-]{1,64}$/,
    get partRule() {
      return l10n.t('An address group name has 1-64 letters, digits, "_", "-" and "." only');
    },
    defects: addressGroupDefects,
    details: addressGroupDetails,
  },
};
