// How each node looks: a pure function of the node, which the VS Code layer only maps to a TreeItem. Every value from
// a server is shown escaped: in labels and descriptions (plain text) a line break, a bidirectional override or a
// zero-width character is written as an escape; tooltips are Markdown in which such a value cannot turn into a
// link or a heading either.
import * as l10n from '@vscode/l10n';
import { shownMarkdown, shownValue } from '../display';
import { describeFilter } from './nameFilter';
import { type Kind, KINDS } from '../kinds';
import { ExplorerCommand, type ExplorerNode, isResourceNode, type ResourceNode } from './nodes';
import {
  addressGroupEntries,
  addressGroupStatus,
  asRecord,
  asString,
  displayName,
  formatTime,
  networkPhase,
  networkWorkspace,
} from './resources';

export interface NodeDescription {
  readonly label: string;
  readonly description: string | undefined;
  /** A codicon id (`pass`, `sync~spin`…). */
  readonly iconId: string | undefined;
  /** A theme colour id (`charts.green`…) for the icon. */
  readonly iconColor: string | undefined;
  /** What menus match with `viewItem == …`. */
  readonly contextValue: string;
  /** Markdown. */
  readonly tooltip: string | undefined;
  readonly collapsible: 'none' | 'collapsed' | 'expanded';
  /** What a screen reader says for the row, when it is more than the label and description (a phase shown only as an icon). */
  readonly accessibilityLabel?: string;
  /** Run when the node is clicked. */
  readonly commandId?: string;
  readonly commandArgs?: readonly unknown[];
}

/** The contextValue of each kind of node; a resource node's is its kind's (`huaweicloud.network`…), which menus match. */
export const ContextValue = {
  connection: 'huaweicloud.connection',
  service: (kind: Kind, filtered: boolean) =>
    `huaweicloud.service.${KINDS[kind].listSegment}${filtered ? '.filtered' : ''}`,
  resource: (kind: Kind) => KINDS[kind].contextValue,
  /** An item that failed the API's shape check: no resource command applies to it. */
  malformed: 'huaweicloud.malformed',
  detail: 'huaweicloud.detail',
  /** A detail row whose value Copy takes. */
  copyableDetail: 'huaweicloud.detail.copyable',
  loadMore: 'huaweicloud.loadMore',
  error: 'huaweicloud.error',
  message: 'huaweicloud.message',
} as const;

/** Markdown lines joined with hard line breaks. */
const lines = (...items: (string | undefined)[]) => items.filter((item) => item !== undefined).join('  \n');
const fact = (name: string, value: string | undefined) =>
  value === undefined || value === '' ? undefined : `${name}: ${shownMarkdown(value)}`;

/** A group's hover lists its entries (the service allows 20; a broken answer may hold more: the rest are counted). */
const ENTRIES_IN_A_TOOLTIP = 20;

function entriesInTooltip(entries: readonly { ip: string; remarks: string | undefined }[]): string | undefined {
  if (entries.length === 0) return undefined;
  const shown = entries
    .slice(0, ENTRIES_IN_A_TOOLTIP)
    .map((entry) => `- ${shownMarkdown(entry.ip)}${entry.remarks ? ` — ${shownMarkdown(entry.remarks)}` : ''}`);
  const more =
    entries.length > ENTRIES_IN_A_TOOLTIP
      ? `- ${l10n.t('… and {0} more', entries.length - ENTRIES_IN_A_TOOLTIP)}`
      : undefined;
  return `${l10n.t('Entries:')}\n${[...shown, ...(more ? [more] : [])].join('\n')}\n`;
}

/**
 * Where the project ID came from, in words for people (Check Connection, the explorer's tooltip): `IAM` is a
 * service's name and stays as it is.
 */
export function projectIdOriginName(origin: string): string {
  if (origin === 'setting') return l10n.t('setting');
  if (origin === 'credentials') return l10n.t('credentials');
  return origin;
}

export function describe(node: ExplorerNode): NodeDescription {
  const look = lookOf(node);
  return {
    ...look,
    label: shownValue(look.label),
    description: look.description === undefined ? undefined : shownValue(look.description),
    ...(look.accessibilityLabel === undefined ? {} : { accessibilityLabel: shownValue(look.accessibilityLabel) }),
  };
}

/** How a node looks, with its values as they are: `describe` shows its label and description escaped. */
function lookOf(node: ExplorerNode): NodeDescription {
  if (isResourceNode(node)) return resourceLook(node);
  switch (node.kind) {
    case 'connection':
      // Named by whose keys it uses (or as the emulator), the region beside it; where the keys came from is in the tooltip.
      return {
        label: node.name,
        description: node.region,
        iconId: node.source === 'emulator' ? 'vm' : 'cloud',
        iconColor: undefined,
        contextValue: ContextValue.connection,
        tooltip: lines(
          `**${shownMarkdown(node.name)}** · ${shownMarkdown(node.region)}`,
          fact(l10n.t('Credentials from'), node.origin),
          fact(l10n.t('Project'), l10n.t('{0} (from {1})', node.projectId, projectIdOriginName(node.projectIdOrigin))),
        ),
        collapsible: 'expanded',
      };
    case 'service': {
      // A filtered list shows a filter icon (its tooltip and its first row say the filter in full): a description,
      // or the end of a label, is what the tree cuts at the default width.
      const kind = KINDS[node.resourceKind];
      return {
        label: kind.listLabel,
        description:
          kind.inWorkspaces && node.workspaceId !== undefined ? l10n.t('workspace {0}', node.workspaceId) : undefined,
        iconId: node.filter !== undefined ? 'filter' : kind.icon,
        iconColor: undefined,
        contextValue: ContextValue.service(node.resourceKind, node.filter !== undefined),
        tooltip: lines(
          `**${kind.listLabel}**`,
          kind.inWorkspaces ? fact(l10n.t('Workspace'), node.workspaceId) : undefined,
          node.filter === undefined
            ? l10n.t('All names (Filter by Name narrows the list)')
            : node.filter.match === 'contains'
              ? l10n.t(
                  'Filtered: {0} (among those loaded; Search further… loads more)',
                  shownMarkdown(describeFilter(node.filter)),
                )
              : l10n.t('Filtered: {0}', shownMarkdown(describeFilter(node.filter))),
        ),
        collapsible: 'collapsed',
      };
    }
    case 'detail':
      return {
        label: node.label,
        description: node.value,
        iconId: node.iconId,
        iconColor: node.iconColor,
        contextValue:
          node.copyText === undefined || node.copyText === '' ? ContextValue.detail : ContextValue.copyableDetail,
        tooltip: node.tooltip,
        collapsible: node.children.length > 0 ? 'collapsed' : 'none',
      };
    case 'loadMore':
      if (node.search !== undefined) {
        return {
          label: node.loading ? l10n.t('Searching…') : l10n.t('Search further…'),
          description: l10n.t('{0} of {1} loaded match', node.matched ?? 0, node.loaded),
          iconId: node.loading ? 'loading~spin' : 'search',
          iconColor: undefined,
          contextValue: ContextValue.loadMore,
          tooltip: l10n.t('Load further pages to find more names containing "{0}"', shownMarkdown(node.search)),
          collapsible: 'none',
          ...(node.loading ? {} : { commandId: ExplorerCommand.loadMore, commandArgs: [node] }),
        };
      }
      return {
        label: node.loading ? l10n.t('Loading…') : l10n.t('Load more…'),
        description: l10n.t('{0} loaded', node.loaded),
        iconId: node.loading ? 'loading~spin' : 'more',
        iconColor: undefined,
        contextValue: ContextValue.loadMore,
        tooltip: node.loading ? l10n.t('Loading the next page…') : l10n.t('Load the next page of this list'),
        collapsible: 'none',
        // While it loads, a click would only hand out the same load: no command then.
        ...(node.loading ? {} : { commandId: ExplorerCommand.loadMore, commandArgs: [node] }),
      };
    case 'error':
      return {
        label: node.what,
        description: node.summary,
        iconId: 'error',
        iconColor: 'errorForeground',
        contextValue: ContextValue.error,
        tooltip: lines(
          `**${shownMarkdown(node.what)}**`,
          shownMarkdown(node.message),
          fact(l10n.t('Request ID'), node.requestId),
        ),
        collapsible: 'expanded',
      };
    case 'message':
      return {
        label: node.text,
        description: node.description,
        iconId: node.iconId,
        iconColor: undefined,
        contextValue: ContextValue.message,
        tooltip: node.tooltip === undefined ? undefined : shownMarkdown(node.tooltip),
        collapsible: 'none',
        ...(node.commandId === undefined ? {} : { commandId: node.commandId, commandArgs: node.commandArgs ?? [] }),
      };
  }
}

/** How a resource node looks: its kind's look. */
function resourceLook<K extends Kind>(node: ResourceNode<K>): NodeDescription {
  return RESOURCE_LOOKS[node.kind](node);
}

/** A network: what tells networks apart (the CIDR) leads; the phase is the icon. */
function networkLook(node: ResourceNode<'network'>): NodeDescription {
  const network = node.resource;
  const phase = networkPhase(network);
  const cidr = asString(asRecord(network.spec)?.cidr);
  const degraded = node.degraded !== undefined;
  const description = [node.malformed ? l10n.t('malformed') : undefined, cidr, node.pinned ? l10n.t('new') : undefined]
    .filter((part) => part !== undefined)
    .join(' · ');
  // What tells networks apart (the CIDR) leads, where a narrow sidebar keeps it; the phase is the icon.
  return {
    label: displayName(node.kind, network),
    description,
    accessibilityLabel: [displayName(node.kind, network), node.malformed ? undefined : phase.text, description]
      .filter((part) => part)
      .join(', '),
    iconId: degraded ? 'warning' : phase.iconId,
    iconColor: degraded ? 'problemsWarningIcon.foreground' : phase.iconColor,
    contextValue: node.malformed ? ContextValue.malformed : ContextValue.resource(node.kind),
    tooltip: lines(
      `**${shownMarkdown(displayName(node.kind, network))}** — ${KINDS[node.kind].serviceNoun}`,
      fact('ID', asString(asRecord(network.metadata)?.name)),
      fact(l10n.t('Phase'), phase.text),
      fact(l10n.t('CIDR'), cidr),
      node.malformed ? undefined : fact(l10n.t('Workspace'), networkWorkspace(network)),
      fact(l10n.t('Created'), formatTime(asRecord(network.metadata)?.creationTimestamp)),
      node.pinned ? l10n.t('New here: shown at the top until a loaded page holds it.') : undefined,
      degraded ? `⚠ ${shownMarkdown(node.degraded ?? '')}` : undefined,
    ),
    collapsible: 'collapsed',
  };
}

/** An address group: what tells groups apart (how many entries) leads; the status is the icon. */
function addressGroupLook(node: ResourceNode<'addressGroup'>): NodeDescription {
  const group = node.resource;
  const status = addressGroupStatus(group);
  const entries = node.malformed ? [] : addressGroupEntries(group);
  const version = group.ip_version === 4 || group.ip_version === 6 ? `IPv${group.ip_version}` : undefined;
  const degraded = node.degraded !== undefined;
  const name = displayName(node.kind, group);
  // What tells groups apart (how many entries) leads; the status is the icon.
  const description = [
    node.malformed
      ? l10n.t('malformed')
      : entries.length === 1
        ? l10n.t('1 entry')
        : l10n.t('{0} entries', entries.length),
    version,
    node.pinned ? l10n.t('new') : undefined,
  ]
    .filter((part) => part !== undefined)
    .join(' · ');
  return {
    label: name,
    description,
    accessibilityLabel: [name, node.malformed ? undefined : status.text, description].filter((part) => part).join(', '),
    iconId: degraded ? 'warning' : status.iconId,
    iconColor: degraded ? 'problemsWarningIcon.foreground' : status.iconColor,
    contextValue: node.malformed ? ContextValue.malformed : ContextValue.resource(node.kind),
    tooltip: lines(
      `**${shownMarkdown(name)}** — ${KINDS[node.kind].serviceNoun}`,
      fact('ID', asString(group.id)),
      fact(
        l10n.t('Status'),
        status.raw !== undefined && status.raw !== status.text ? `${status.text} (${status.raw})` : status.text,
      ),
      fact(l10n.t('IP version'), version),
      fact(l10n.t('Description'), asString(group.description)),
      fact(l10n.t('Updated'), formatTime(group.updated_at)),
      entriesInTooltip(entries),
      node.pinned ? l10n.t('New here: shown at the top until a loaded page holds it.') : undefined,
      degraded ? `⚠ ${shownMarkdown(node.degraded ?? '')}` : undefined,
    ),
    collapsible: 'collapsed',
  };
}

const RESOURCE_LOOKS: { readonly [K in Kind]: (node: ResourceNode<K>) => NodeDescription } = {
  network: networkLook,
  addressGroup: addressGroupLook,
};
