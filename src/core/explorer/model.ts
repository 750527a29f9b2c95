// The explorer's tree as data, without VS Code: connection → "ModelArts Networks" / "VPC Address Groups" →
// resources → details. It loads lazily (nothing until a node's children are asked for, one page per group until
// "Load more…"), turns every failure into an error node, keeps one node object per id (VS Code refreshes an element
// by identity), and batches change notifications into one per microtask, naming the nodes that changed.
import * as l10n from '@vscode/l10n';
import type { AddressGroup } from '../api/addressGroups';
import { HuaweiCloudError } from '../cloud/errors';
import { type Kind, KIND_LIST, KINDS, type LiveResource, type ResourceOf, tagged } from '../kinds';
import type { KnownResources } from '../live/liveChecks';
import { type FetchPage, groupKey, ResourceGroup } from './group';
import { describeFilter, type NameFilter, nameMatches, searchPages, type SearchOutcome } from './nameFilter';
import {
  type ConnectionNode,
  ExplorerCommand,
  type DetailNode,
  type ErrorAction,
  type ErrorNode,
  type ExplorerNode,
  ids,
  isResourceNode,
  type LoadMoreNode,
  type MessageNode,
  type ResourceNode,
  type ServiceNode,
} from './nodes';
import { asRecord, DEFAULT_WORKSPACE, EXPLORER_KINDS, namePartProblem, workspaceIdProblem } from './resources';

/** What the explorer lists, over one open connection. */
export interface ExplorerConnection {
  /** The connection's `Connection.identity`: which account, region, project and servers it reaches. */
  readonly identity: string;
  /** `secretStorage`, `environment`, `sdkCredentialsFile` or `emulator`. */
  readonly source: string;
  /** What the connection is called (`connectionName`): "Local emulator", "AK HPUA…". */
  readonly name: string;
  readonly origin: string;
  readonly region: string;
  readonly projectId: string;
  readonly projectIdOrigin: string;
  readonly fetchPage: { readonly [K in Kind]: FetchPage<ResourceOf<K>> };
  /** One resource by ID; undefined when it does not exist (any more). */
  readonly getResource: {
    readonly [K in Kind]: (id: string, signal: AbortSignal) => Promise<ResourceOf<K> | undefined>;
  };
}

export interface ExplorerModelOptions {
  /**
   * The connection to list; undefined when none is configured (the tree then has no roots, so that the view's
   * welcome content shows). A rejection becomes the root error node.
   */
  readonly open: (signal: AbortSignal) => Promise<ExplorerConnection | undefined>;
  /** Resources per page, read at each page. */
  readonly pageSize: () => number;
  /** What a person can do about an error, when the default (Retry; Configure Credentials on 401 or configuration) does not fit. */
  readonly actionsFor?: (error: unknown) => ErrorAction[] | undefined;
}

/** Fired with the nodes that changed, or undefined when the whole tree did. */
export type ExplorerChangeListener = (nodes: readonly ExplorerNode[] | undefined) => void;

interface KindState<K extends Kind> {
  filter: NameFilter | undefined;
  workspaceId: string | undefined;
  /** Every list of this kind loaded since the connection opened, by filter and workspace. */
  readonly groups: Map<string, ResourceGroup<ResourceOf<K>>>;
  /** Resources shown at the top of their group until a loaded page holds them; in the order they were added. */
  readonly pins: Map<string, ResourceOf<K>>;
}

type States = { [K in Kind]: KindState<K> };

/** A kind's lists before anything is loaded: unfiltered, a kind listed per workspace in the default one. */
const freshState = <K extends Kind>(kind: K): KindState<K> => ({
  filter: undefined,
  workspaceId: KINDS[kind].inWorkspaces ? DEFAULT_WORKSPACE : undefined,
  groups: new Map(),
  pins: new Map(),
});

const freshStates = (): States => ({ network: freshState('network'), addressGroup: freshState('addressGroup') });

/** What the servers are asked to filter by: an exact name only. */
const serverFilter = (filter: NameFilter | undefined): string | undefined =>
  filter?.match === 'exact' ? filter.text : undefined;

/** The default actions for an error: Retry, and Configure Credentials when the keys or the configuration are at fault. */
export function defaultErrorActions(error: unknown): ErrorAction[] {
  const credentials = error instanceof HuaweiCloudError && (error.status === 401 || error.kind === 'configuration');
  return credentials ? ['retry', 'configureCredentials'] : ['retry'];
}

/** Whether a resource belongs in a list of its kind filtered by this exact name (and workspace). */
function matches<K extends Kind>(
  kind: K,
  resource: ResourceOf<K>,
  filter: string | undefined,
  workspaceId: string | undefined,
): boolean {
  return EXPLORER_KINDS[kind].matches(resource, filter, workspaceId);
}

/** What is odd about a resource that passed the API's shape check (a field of the wrong type); empty when nothing is. */
function defectsOf<K extends Kind>(kind: K, resource: ResourceOf<K>): string[] {
  return EXPLORER_KINDS[kind].defects(resource);
}

/** A sound resource's node (a resource that passed the API's shape check), its kind's resource and the node's own fields. */
function resourceNodeOf<K extends Kind>(
  kind: K,
  resource: ResourceOf<K>,
  fields: { id: string; parentId: string; pinned: boolean; degraded: string | undefined },
): ResourceNode<K> {
  return { ...fields, ...tagged(kind, resource), malformed: false };
}

/** A sound resource's facts, as its kind lays them out. */
function detailsOfResource<K extends Kind>(live: LiveResource<K>, nodeId: string): DetailNode[] {
  return EXPLORER_KINDS[live.kind].details(live.resource, nodeId);
}

export class ExplorerModel {
  private states: States = freshStates();
  private opening: Promise<ExplorerConnection | undefined> | undefined;
  private connection: ExplorerConnection | undefined;
  private openController = new AbortController();
  /** Bumped by `reset`: work started before it is dropped when it ends. */
  private generation = 0;
  /** One object per id: VS Code refreshes an element by identity, so a node is updated in place, never replaced. */
  private readonly nodes = new Map<string, ExplorerNode>();
  /** The ids of the children last handed out for each parent ('' for the roots): what to forget when they go. */
  private readonly childIds = new Map<string, string[]>();
  private readonly listeners = new Set<ExplorerChangeListener>();
  private pending: Set<ExplorerNode> | 'all' | undefined;
  private readonly knownListeners = new Set<() => void>();
  /** What `known` returns until the next change of what is held; undefined: to be built. */
  private knownSnapshot: KnownResources | undefined;
  private knownChangePending = false;
  private readonly goneListeners = new Set<(kind: Kind, id: string) => void>();

  constructor(private readonly options: ExplorerModelOptions) {}

  onDidChange(listener: ExplorerChangeListener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Fires when a refresh finds a resource gone (GET answers not found): whatever stood for it should end. */
  onDidFindGone(listener: (kind: Kind, id: string) => void): { dispose(): void } {
    this.goneListeners.add(listener);
    return { dispose: () => this.goneListeners.delete(listener) };
  }

  /** Fires (once per microtask at most) when what `known` returns may have changed. */
  onDidChangeKnown(listener: () => void): { dispose(): void } {
    this.knownListeners.add(listener);
    return { dispose: () => this.knownListeners.delete(listener) };
  }

  // ---- the tree ----

  /** The children of a node, or the roots; loads what is needed, and turns a failure into an error node. */
  async children(node?: ExplorerNode): Promise<ExplorerNode[]> {
    if (!node) return this.roots();
    if (isResourceNode(node)) return this.setChildren(node.id, this.detailsOf(node));
    switch (node.kind) {
      case 'connection':
        return this.setChildren(
          node.id,
          KIND_LIST.map((kind) => this.serviceNode(node.id, kind)),
        );
      case 'service':
        return this.serviceChildren(node);
      case 'detail':
        return this.setChildren(node.id, [...node.children]);
      case 'error':
        return this.setChildren(node.id, this.errorChildren(node));
      default:
        return [];
    }
  }

  /** The parent of a node handed out by `children` (what VS Code's `reveal` walks up). */
  parent(node: ExplorerNode): ExplorerNode | undefined {
    return node.parentId === undefined ? undefined : this.nodes.get(node.parentId);
  }

  /** The node of this id, if the tree shows it. */
  node(id: string): ExplorerNode | undefined {
    return this.nodes.get(id);
  }

  private async roots(): Promise<ExplorerNode[]> {
    const generation = this.generation;
    let connection: ExplorerConnection | undefined;
    try {
      connection = await this.open();
    } catch (error) {
      if (generation !== this.generation) return this.roots();
      return this.setChildren(undefined, [
        this.errorNode(undefined, l10n.t('Could not connect to Huawei Cloud'), error),
      ]);
    }
    if (generation !== this.generation) return this.roots();
    this.setConnection(connection);
    if (!connection) return this.setChildren(undefined, []);
    return this.setChildren(undefined, [this.connectionNode(connection)]);
  }

  /** The opening in flight or done, shared; a failed one is not kept, so that the next look opens again. */
  private open(): Promise<ExplorerConnection | undefined> {
    if (!this.opening) {
      const opening = this.options.open(this.openController.signal);
      this.opening = opening;
      opening.catch(() => {
        if (this.opening === opening) this.opening = undefined;
      });
    }
    return this.opening;
  }

  private connectionNode(connection: ExplorerConnection): ConnectionNode {
    return this.intern({
      kind: 'connection',
      id: ids.connection(connection.source, connection.region, connection.projectId),
      parentId: undefined,
      source: connection.source,
      name: connection.name,
      origin: connection.origin,
      region: connection.region,
      projectId: connection.projectId,
      projectIdOrigin: connection.projectIdOrigin,
    });
  }

  private serviceNode(connectionId: string, kind: Kind): ServiceNode {
    const state = this.states[kind];
    return this.intern({
      kind: 'service',
      id: ids.service(connectionId, kind),
      parentId: connectionId,
      resourceKind: kind,
      filter: state.filter,
      workspaceId: state.workspaceId,
    });
  }

  /** The service node of a kind, when the tree shows the connection. */
  private serviceNodeOf(kind: Kind): ServiceNode | undefined {
    const connection = this.connection;
    if (!connection) return undefined;
    const node = this.nodes.get(
      ids.service(ids.connection(connection.source, connection.region, connection.projectId), kind),
    );
    return node?.kind === 'service' ? node : undefined;
  }

  /** The group a kind lists now (its filter and workspace), created (not loaded) when new. */
  private currentGroup<K extends Kind>(kind: K): ResourceGroup<ResourceOf<K>> | undefined {
    const connection = this.connection;
    if (!connection) return undefined;
    const state: KindState<K> = this.states[kind];
    // The servers filter by an exact name only: a part of a name is looked for in the unfiltered list.
    const filter = serverFilter(state.filter);
    const key = groupKey(kind, state.workspaceId, filter);
    let group = state.groups.get(key);
    if (!group) {
      const { workspaceId } = state;
      group = new ResourceGroup<ResourceOf<K>>({
        filter,
        workspaceId,
        fetchPage: connection.fetchPage[kind],
        limit: this.options.pageSize,
        idOf: (resource) => KINDS[kind].idIn(resource),
        matches: (resource) => matches(kind, resource, filter, workspaceId),
        // A pinned resource that a loaded page holds is shown there, once.
        onPage: (resources) => {
          for (const resource of resources) {
            const id = KINDS[kind].idIn(resource);
            if (id !== undefined) state.pins.delete(id);
          }
          this.knownChanged();
        },
      });
      state.groups.set(key, group);
    }
    return group;
  }

  /** Whether a resource (or a malformed item, read defensively) is shown under a kind's name filter as it is now. */
  private shownByFilter(kind: Kind, resource: unknown): boolean {
    const filter = this.states[kind].filter;
    // An exact filter is the servers': its group checked what they returned already.
    if (filter?.match !== 'contains') return true;
    const record = asRecord(resource);
    return nameMatches(record === undefined ? undefined : EXPLORER_KINDS[kind].shownName(record), filter);
  }

  /** The open connection; after a refresh of the whole tree, opened again (a caller may ask for a group first). */
  private async ensureConnection(): Promise<ExplorerConnection | undefined> {
    if (this.connection) return this.connection;
    const generation = this.generation;
    const connection = await this.open().catch(() => undefined);
    if (generation === this.generation) this.setConnection(connection);
    return this.connection;
  }

  private async serviceChildren(service: ServiceNode): Promise<ExplorerNode[]> {
    const kind = service.resourceKind;
    const connection = await this.ensureConnection();
    // A node of another connection (the tree is being asked again from its root): nothing under it now.
    if (
      !connection ||
      service.parentId !== ids.connection(connection.source, connection.region, connection.projectId)
    ) {
      return [];
    }
    const generation = this.generation;
    const group = this.currentGroup(kind);
    if (!group) return [];
    // The first page only: Load more is asked for. A group that failed stays failed until Retry — never retried
    // on its own (five rejected signatures in a row lock the access key).
    if (!group.isStarted) void group.loadFirst();
    if (group.loading && !group.isLoadingMore) await group.loading;
    // Reset, or the filter changed, while the page loaded: answer for the tree as it is now.
    if (generation !== this.generation || group !== this.currentGroup(kind)) {
      return this.children(this.nodes.get(service.id) ?? service);
    }

    const state = this.states[kind];
    const children: ExplorerNode[] = [];
    for (const [id, resource] of [...state.pins].reverse()) {
      if (
        !group.has(id) &&
        matches(kind, resource, group.filter, group.workspaceId) &&
        this.shownByFilter(kind, resource)
      ) {
        children.push(this.resourceNode(kind, service.id, resource, { pinned: true }));
      }
    }
    group.entries.forEach((entry, position) => {
      if (!this.shownByFilter(kind, entry.ok ? entry.resource : entry.raw)) return;
      children.push(
        entry.ok
          ? this.resourceNode(kind, service.id, entry.resource, { pinned: false })
          : this.malformedNode(kind, service.id, entry.raw, entry.problem, position),
      );
    });
    const search = state.filter?.match === 'contains' ? state.filter.text : undefined;
    const matched = search === undefined ? undefined : children.length;
    if (group.error !== undefined && !group.loading) {
      children.push(this.errorNode(service.id, l10n.t('Could not list the {0}', KINDS[kind].plural), group.error));
    } else if (group.hasMore || group.isLoadingMore) {
      children.push(
        this.intern<LoadMoreNode>({
          kind: 'loadMore',
          id: ids.loadMore(service.id),
          parentId: service.id,
          resourceKind: kind,
          loaded: group.entries.length,
          loading: group.isLoadingMore,
          search,
          matched,
        }),
      );
    }
    if (group.dropped > 0) {
      children.push(
        this.message(service.id, 'dropped', l10n.t('{0} more the server returned are not shown', group.dropped), {
          iconId: 'info',
          tooltip: l10n.t(
            'The server returned {0} {1} that do not match {2}: they are not shown.',
            group.dropped,
            KINDS[kind].plural,
            this.describeQuery(kind, group.filter, group.workspaceId),
          ),
        }),
      );
    }
    if (children.length === 0) {
      const query = this.describeQuery(kind, state.filter, group.workspaceId);
      children.push(
        this.message(
          service.id,
          'empty',
          query === '' ? l10n.t('No {0}', KINDS[kind].plural) : l10n.t('No {0} ({1})', KINDS[kind].plural, query),
          {
            iconId: 'info',
          },
        ),
      );
      // An empty list is where a first resource starts: its document, one click away.
      const { titleNoun, serviceNoun, newDocumentCommand } = KINDS[kind];
      children.push(
        this.message(service.id, 'newDocument', l10n.t('New {0} Document', titleNoun), {
          iconId: 'new-file',
          commandId: newDocumentCommand,
          tooltip: l10n.t('Write a {0} document, then Create from Document', serviceNoun),
        }),
      );
    }
    // The filter as the first row: the list's own label would be cut at the default width, a row of its own is not.
    if (state.filter !== undefined) {
      const said = describeFilter(state.filter);
      children.unshift(
        this.message(service.id, 'filter', `${said[0]?.toUpperCase() ?? ''}${said.slice(1)}`, {
          iconId: 'filter',
          commandId: ExplorerCommand.filter,
          commandArgs: [this.nodes.get(service.id) ?? service],
          tooltip:
            state.filter.match === 'contains'
              ? l10n.t(
                  "Listed: the {0} whose {1} (among those loaded; Search further… loads more). Click to change the filter; the list's Clear Filter clears it.",
                  KINDS[kind].plural,
                  said,
                )
              : l10n.t(
                  "Listed: the {0} whose {1}. Click to change the filter; the list's Clear Filter clears it.",
                  KINDS[kind].plural,
                  said,
                ),
        }),
      );
    }
    return this.setChildren(service.id, children);
  }

  private describeQuery(kind: Kind, filter: string | NameFilter | undefined, workspaceId: string | undefined): string {
    const parts: string[] = [];
    if (filter !== undefined) {
      parts.push(describeFilter(typeof filter === 'string' ? { text: filter, match: 'exact' } : filter));
    }
    if (KINDS[kind].inWorkspaces && workspaceId !== undefined) parts.push(l10n.t('workspace {0}', workspaceId));
    return parts.join(', ');
  }

  private resourceNode(
    kind: Kind,
    serviceId: string,
    resource: ResourceOf<Kind>,
    { pinned }: { pinned: boolean },
  ): ResourceNode {
    const defects = defectsOf(kind, resource);
    return this.intern(
      resourceNodeOf(kind, resource, {
        id: ids.resource(serviceId, KINDS[kind].idIn(resource) ?? ''),
        parentId: serviceId,
        pinned,
        degraded: defects.length > 0 ? defects.join('; ') : undefined,
      }),
    );
  }

  /** An item that is not a resource: shown, degraded, by its place in the list (it may have no usable ID). */
  private malformedNode(kind: Kind, serviceId: string, raw: unknown, problem: string, position: number): ResourceNode {
    return this.intern<ResourceNode>({
      kind,
      id: ids.malformed(serviceId, position),
      parentId: serviceId,
      resource: asRecord(raw) ?? {},
      pinned: false,
      degraded: problem,
      malformed: true,
    });
  }

  private detailsOf(node: ResourceNode): DetailNode[] {
    if (!node.malformed) return detailsOfResource(node, node.id);
    let text: string;
    try {
      text = JSON.stringify(node.resource) ?? l10n.t('(nothing)');
    } catch {
      text = l10n.t('(cannot be shown)');
    }
    return [
      {
        kind: 'detail',
        id: ids.child(node.id, 'problem'),
        parentId: node.id,
        label: l10n.t('Problem'),
        value: node.degraded,
        copyText: node.degraded,
        iconId: 'warning',
        iconColor: 'problemsWarningIcon.foreground',
        tooltip: undefined,
        children: [],
      },
      {
        kind: 'detail',
        id: ids.child(node.id, 'raw'),
        parentId: node.id,
        label: l10n.t('As received'),
        value: text.length > 200 ? `${text.slice(0, 199)}…` : text,
        copyText: text,
        iconId: undefined,
        iconColor: undefined,
        tooltip: undefined,
        children: [],
      },
    ];
  }

  private errorNode(parentId: string | undefined, what: string, error: unknown): ErrorNode {
    const cloudError = error instanceof HuaweiCloudError ? error : undefined;
    const message = error instanceof Error ? error.message : String(error);
    return this.intern<ErrorNode>({
      kind: 'error',
      id: ids.error(parentId),
      parentId,
      what,
      summary: cloudError?.summary ?? message,
      message,
      code: cloudError?.code,
      status: cloudError?.status,
      requestId: cloudError?.requestId,
      actions: this.options.actionsFor?.(error) ?? defaultErrorActions(error),
    });
  }

  private errorChildren(node: ErrorNode): MessageNode[] {
    const children: MessageNode[] = [];
    if (node.requestId) {
      children.push(
        this.message(node.id, 'requestId', l10n.t('Request ID'), {
          description: node.requestId,
          iconId: 'tag',
          tooltip: l10n.t('What Huawei Cloud support asks for.'),
        }),
      );
    }
    for (const action of node.actions) {
      if (action === 'retry') {
        children.push(
          this.message(node.id, 'retry', l10n.t('Retry'), {
            iconId: 'refresh',
            commandId: ExplorerCommand.refresh,
            commandArgs: [node],
          }),
        );
      }
      if (action === 'configureCredentials') {
        children.push(
          this.message(node.id, 'configureCredentials', l10n.t('Configure Credentials'), {
            iconId: 'key',
            commandId: ExplorerCommand.configureCredentials,
          }),
        );
      }
      if (action === 'manageTrust') {
        children.push(
          this.message(node.id, 'manageTrust', l10n.t('Manage Workspace Trust'), {
            iconId: 'shield',
            commandId: ExplorerCommand.manageTrust,
          }),
        );
      }
    }
    return children;
  }

  private message(
    parentId: string,
    key: string,
    text: string,
    extra: Partial<Omit<MessageNode, 'kind' | 'id' | 'parentId' | 'text'>> = {},
  ): MessageNode {
    return this.intern<MessageNode>({
      kind: 'message',
      id: ids.child(parentId, `~${key}`),
      parentId,
      text,
      description: extra.description,
      iconId: extra.iconId,
      commandId: extra.commandId,
      commandArgs: extra.commandArgs,
      tooltip: extra.tooltip,
    });
  }

  // ---- node identity ----

  /** The one object of this id, updated in place with the new data. */
  private intern<N extends ExplorerNode>(node: N): N {
    const existing = this.nodes.get(node.id);
    if (existing && existing.kind === node.kind) {
      for (const key of Object.keys(existing)) {
        if (!(key in node)) delete (existing as unknown as Record<string, unknown>)[key];
      }
      Object.assign(existing, node);
      return existing as N;
    }
    this.nodes.set(node.id, node);
    return node;
  }

  /** Records what a parent shows now, and forgets the nodes it no longer shows (and theirs). */
  private setChildren(parentId: string | undefined, children: ExplorerNode[]): ExplorerNode[] {
    const key = parentId ?? '';
    const now = new Set(children.map((child) => child.id));
    for (const id of this.childIds.get(key) ?? []) if (!now.has(id)) this.forget(id);
    const interned = children.map((child) => this.intern(child));
    this.childIds.set(
      key,
      interned.map((child) => child.id),
    );
    return interned;
  }

  private forget(id: string): void {
    const children = this.childIds.get(id);
    this.childIds.delete(id);
    this.nodes.delete(id);
    for (const child of children ?? []) this.forget(child);
  }

  // ---- changes ----

  /** Notes a change; listeners hear of all changes of this turn at once, in a microtask. */
  private changed(node?: ExplorerNode): void {
    const pending = this.pending;
    if (pending === 'all') return;
    if (pending === undefined) queueMicrotask(() => this.flush());
    if (!node) this.pending = 'all';
    else if (pending) pending.add(node);
    else this.pending = new Set([node]);
  }

  private flush(): void {
    const pending = this.pending;
    this.pending = undefined;
    if (pending === undefined) return;
    // A node the tree no longer shows needs no refresh (VS Code would not know it).
    const nodes = pending === 'all' ? undefined : [...pending].filter((node) => this.nodes.get(node.id) === node);
    if (nodes && nodes.length === 0) return;
    for (const listener of this.listeners) listener(nodes);
  }

  // ---- actions ----

  /** The filter and workspace a kind lists now. */
  query(kind: Kind): { filter: NameFilter | undefined; workspaceId: string | undefined } {
    const { filter, workspaceId } = this.states[kind];
    return { filter, workspaceId };
  }

  /**
   * Lists only the resources of exactly this name (a string, or an exact filter: sent to the servers), or whose
   * names contain this text (matched in what is loaded; Search further loads more); undefined lists all. Throws on
   * a name the servers cannot filter by, or a text no name can contain.
   */
  setFilter(kind: Kind, filter: string | NameFilter | undefined): void {
    const next = typeof filter === 'string' ? { text: filter, match: 'exact' as const } : filter;
    if (next !== undefined) {
      const problem =
        next.match === 'contains' ? namePartProblem(kind, next.text) : EXPLORER_KINDS[kind].filterProblem(next.text);
      if (problem) throw new Error(problem);
    }
    const current = this.states[kind].filter;
    if (current?.text === next?.text && current?.match === next?.match) return;
    this.states[kind].filter = next === undefined ? undefined : { text: next.text, match: next.match };
    this.serviceChanged(kind);
  }

  /** The names loaded (or pinned) of a kind, each once, in the order held: what the filter box offers. */
  loadedNames(kind: Kind): string[] {
    const names = this.held(kind).map((resource) => KINDS[kind].nameIn(resource));
    return [...new Set(names.filter((name): name is string => name !== undefined && name !== ''))];
  }

  /**
   * Looks for more names containing the filter's text: loads further pages of the list until they bring a page's
   * worth of matches, the list ends, at most `maxPages` pages, or the signal aborts. Undefined when the kind has no
   * contains filter (or no connection).
   */
  async searchFurther(
    kind: Kind,
    options: {
      signal?: AbortSignal;
      maxPages?: number;
      onPage?: (progress: { pages: number; maxPages: number; found: number }) => void;
    } = {},
  ): Promise<SearchOutcome | undefined> {
    const filter = this.states[kind].filter;
    const group = this.currentGroup(kind);
    if (filter?.match !== 'contains' || !group) return undefined;
    const matches = () =>
      group.entries.filter((entry) => this.shownByFilter(kind, entry.ok ? entry.resource : entry.raw)).length;
    const outcome = await searchPages(
      {
        loadNext: () => {
          const load = group.isStarted ? group.loadMore() : group.loadFirst();
          this.showLoading(kind);
          return load;
        },
        hasMore: () => !group.isStarted || group.hasMore,
        matches,
        failed: () => group.error !== undefined,
      },
      {
        wanted: this.options.pageSize(),
        maxPages: options.maxPages,
        signal: options.signal,
        onPage: (progress) => {
          this.serviceChanged(kind);
          options.onPage?.(progress);
        },
      },
    );
    this.serviceChanged(kind);
    return outcome;
  }

  /** Lists the networks of another ModelArts workspace. */
  setWorkspace(workspaceId: string): void {
    const problem = workspaceIdProblem(workspaceId);
    if (problem) throw new Error(problem);
    if (this.states.network.workspaceId === workspaceId) return;
    this.states.network.workspaceId = workspaceId;
    this.serviceChanged('network');
  }

  private setConnection(connection: ExplorerConnection | undefined): void {
    if (this.connection === connection) return;
    this.connection = connection;
    this.knownChanged();
  }

  /** The service node, updated (its description holds the filter and workspace), and its children asked again. */
  private serviceChanged(kind: Kind): void {
    const service = this.serviceNodeOf(kind);
    if (!service) return;
    this.changed(this.serviceNode(service.parentId ?? '', kind));
  }

  /** The service node of a kind, if the tree shows it. */
  serviceFor(kind: Kind): ServiceNode | undefined {
    return this.serviceNodeOf(kind);
  }

  /** Fetches the next page of a group — the group of `node` (its service node, or its Load more node) — and only that. */
  async loadMore(node: ServiceNode | LoadMoreNode): Promise<void> {
    const kind = node.resourceKind;
    const group = this.currentGroup(kind);
    if (!group) return;
    const load = group.isStarted ? group.loadMore() : group.loadFirst();
    this.showLoading(kind);
    await load;
    this.serviceChanged(kind);
  }

  /** The Load more node turns into "Loading…" while its page loads. */
  private showLoading(kind: Kind): void {
    const service = this.serviceNodeOf(kind);
    const loadMore = service && this.nodes.get(ids.loadMore(service.id));
    if (loadMore?.kind === 'loadMore') this.changed(this.intern<LoadMoreNode>({ ...loadMore, loading: true }));
  }

  /**
   * Refresh: the whole tree (no node, the connection, the root error), one list (a service node: every filter of
   * its kind is listed again), one resource (fetched again by ID: gone, it leaves the tree), a detail's resource;
   * an error node retries what failed, a Load more node loads. Pinned resources stay pinned.
   */
  async refresh(node?: ExplorerNode): Promise<void> {
    if (!node || node.kind === 'connection' || (node.kind === 'error' && node.parentId === undefined)) {
      this.dropConnection();
      this.changed();
      return;
    }
    if (isResourceNode(node)) return this.refreshResource(node);
    switch (node.kind) {
      case 'service':
        for (const group of this.states[node.resourceKind].groups.values()) group.abort();
        this.states[node.resourceKind].groups.clear();
        this.knownChanged();
        this.changed(node);
        return;
      case 'error':
        return this.retry(node);
      case 'loadMore':
        return this.loadMore(node);
      default: {
        const parent = this.parent(node);
        return parent ? this.refresh(parent) : undefined;
      }
    }
  }

  private async retry(node: ErrorNode): Promise<void> {
    const parent = node.parentId === undefined ? undefined : this.nodes.get(node.parentId);
    if (parent?.kind !== 'service') return this.refresh(parent);
    const kind = parent.resourceKind;
    const group = this.currentGroup(kind);
    if (!group) return;
    const load = group.retry();
    // The error node goes at once: the children show the load (first page: VS Code waits for it).
    this.changed(parent);
    await load;
    this.serviceChanged(kind);
  }

  private async refreshResource(node: ResourceNode): Promise<void> {
    const connection = this.connection;
    const id = KINDS[node.kind].idIn(node.resource);
    if (!connection || node.malformed || id === undefined) {
      const parent = this.parent(node);
      return parent ? this.refresh(parent) : undefined;
    }
    const generation = this.generation;
    const live = await this.getLive(connection, node.kind, id);
    if (generation !== this.generation) return;
    if (live === undefined) {
      this.removeResource(node.kind, id);
      for (const listener of this.goneListeners) listener(node.kind, id);
    } else {
      this.updateResource(live);
    }
  }

  /** One resource by ID through the connection, with its kind; undefined when it does not exist (any more). */
  private async getLive<K extends Kind>(
    connection: ExplorerConnection,
    kind: K,
    id: string,
  ): Promise<LiveResource<K> | undefined> {
    const resource = await connection.getResource[kind](id, this.openController.signal);
    return resource && tagged(kind, resource);
  }

  private dropConnection(): void {
    this.generation++;
    this.openController.abort();
    this.openController = new AbortController();
    this.opening = undefined;
    this.connection = undefined;
    for (const state of Object.values(this.states)) {
      for (const group of state.groups.values()) group.abort();
      state.groups.clear();
    }
    this.knownChanged();
  }

  /** The connection changed: everything goes — lists, filters, workspace, pinned resources — and the tree is asked again. */
  reset(): void {
    this.dropConnection();
    this.states = freshStates();
    this.nodes.clear();
    this.childIds.clear();
    this.changed();
  }

  /**
   * A resource that exists now (just created, or found): at the top of its group until a loaded page holds it —
   * never twice — or, when a loaded page holds it already, updated there. With `pinned: false` it is only updated
   * where the tree shows it. Its node: `locate`.
   */
  showResource<K extends Kind>(live: LiveResource<K>, options: { pinned?: boolean } = {}): void {
    const { kind, resource } = live;
    const id = KINDS[kind].idIn(resource);
    if (id === undefined) throw new Error(`a resource of kind ${kind} without an ID cannot be shown`);
    const state: KindState<K> = this.states[kind];
    const loaded = [...state.groups.values()].some((group) => group.has(id));
    if (loaded || options.pinned === false) {
      this.updateResource(live);
      return;
    }
    // Newest at the top: re-added at the end of the insertion order, which is shown reversed.
    state.pins.delete(id);
    state.pins.set(id, resource);
    this.knownChanged();
    const service = this.serviceNodeOf(kind);
    if (service) this.changed(service);
  }

  /** Replaces a resource by ID wherever it is held, and refreshes that node only. */
  updateResource<K extends Kind>(live: LiveResource<K>): void {
    const { kind, resource } = live;
    const id = KINDS[kind].idIn(resource);
    if (id === undefined) return;
    const state: KindState<K> = this.states[kind];
    let held = state.pins.has(id);
    for (const group of state.groups.values()) held = group.replace(id, resource) || held;
    if (state.pins.has(id)) state.pins.set(id, resource);
    if (held) this.knownChanged();
    const node = this.nodeFor(kind, id);
    if (node) this.changed(this.resourceNode(kind, node.parentId ?? '', resource, { pinned: node.pinned }));
  }

  /** Takes a resource out of every list (deleted), and refreshes its group. */
  removeResource(kind: Kind, id: string): void {
    const state = this.states[kind];
    let held = state.pins.delete(id);
    for (const group of state.groups.values()) held = group.remove(id) || held;
    if (held) this.knownChanged();
    const service = this.serviceNodeOf(kind);
    if (service && this.nodes.has(ids.resource(service.id, id))) this.changed(service);
  }

  /** The node the tree shows for a resource, if it shows it. */
  nodeFor(kind: Kind, id: string): ResourceNode | undefined {
    const service = this.serviceNodeOf(kind);
    const node = service && this.nodes.get(ids.resource(service.id, id));
    return isResourceNode(node) && node.kind === kind ? node : undefined;
  }

  /**
   * The node of a resource, building the tree down to it as VS Code would (roots, services, the group's first page):
   * what `reveal` needs. Undefined when the tree does not show it (not loaded, filtered out, no connection).
   */
  async locate(kind: Kind, id: string): Promise<ResourceNode | undefined> {
    const [root] = await this.children();
    if (root?.kind !== 'connection') return undefined;
    const services = await this.children(root);
    const service = services.find((node) => node.kind === 'service' && node.resourceKind === kind);
    if (!service) return undefined;
    await this.children(service);
    return this.nodeFor(kind, id);
  }

  /**
   * Fetches one resource by ID (one GET) and shows it — pinned at the top of its group unless a loaded page holds
   * it. False when it does not exist or nothing is connected.
   */
  async fetchResource(kind: Kind, id: string): Promise<boolean> {
    const connection = this.connection;
    if (!connection) return false;
    const generation = this.generation;
    const live = await this.getLive(connection, kind, id);
    if (generation !== this.generation || live === undefined) return false;
    this.showResource(live);
    return true;
  }

  /** The address groups already loaded (or pinned) with exactly this name; sends nothing. */
  groupsNamed(name: string): AddressGroup[] {
    return this.held('addressGroup').filter((group) => group.name === name);
  }

  /**
   * What the explorer holds of the connection it lists — the pages loaded under every filter and workspace, and the
   * pinned resources, each once — or undefined while no connection is open. Synchronous; sends nothing. The same
   * object until `onDidChangeKnown` fires.
   */
  known(): KnownResources | undefined {
    const connection = this.connection;
    if (!connection) return undefined;
    this.knownSnapshot ??= {
      identity: connection.identity,
      projectId: connection.projectId,
      networks: this.held('network'),
      addressGroups: this.held('addressGroup'),
    };
    return this.knownSnapshot;
  }

  /** The resources of a kind that are loaded or pinned, each once (a loaded page's copy over a pin's). */
  private held<K extends Kind>(kind: K): ResourceOf<K>[] {
    const state: KindState<K> = this.states[kind];
    const found = new Map<string, ResourceOf<K>>(state.pins);
    for (const list of state.groups.values()) {
      for (const entry of list.entries) {
        const id = entry.ok ? KINDS[kind].idIn(entry.resource) : undefined;
        if (entry.ok && id !== undefined) found.set(id, entry.resource);
      }
    }
    return [...found.values()];
  }

  /** What `known` returns changes: built again when next asked, and listeners hear of it once this turn. */
  private knownChanged(): void {
    this.knownSnapshot = undefined;
    if (this.knownChangePending) return;
    this.knownChangePending = true;
    queueMicrotask(() => {
      this.knownChangePending = false;
      for (const listener of this.knownListeners) listener();
    });
  }
}
