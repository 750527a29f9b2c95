// The explorer's nodes are plain data: a tagged union that the VS Code layer only maps to TreeItems (describe.ts).
// Ids are paths built from raw keys — credential source, region, project, resource ID — never from labels, so
// that VS Code keeps a node expanded and selected across a refresh, a rename or a new page.
import { isKind, type Kind, KINDS, type LiveResource } from '../kinds';
import type { NameFilter } from './nameFilter';

/** Command ids the nodes carry (the VS Code layer's commandIds.ts names the same; a unit test checks it). */
export const ExplorerCommand = {
  refresh: 'huaweicloud.refresh',
  loadMore: 'huaweicloud.loadMore',
  filter: 'huaweicloud.filter',
  configureCredentials: 'huaweicloud.configureCredentials',
  /** VS Code's own Workspace Trust editor. */
  manageTrust: 'workbench.trust.manage',
} as const;

interface NodeBase {
  readonly id: string;
  /** The id of the node this one is a child of; undefined for a root. */
  readonly parentId: string | undefined;
}

/** The root: one connection (a credential source + a region + a project). */
export interface ConnectionNode extends NodeBase {
  readonly kind: 'connection';
  /** `secretStorage`, `environment`, `sdkCredentialsFile` or `emulator`. */
  readonly source: string;
  /** What the connection is called: "Local emulator", "AK HPUA…" (`connectionName`). */
  readonly name: string;
  /** Where the keys were found, for people. */
  readonly origin: string;
  readonly region: string;
  readonly projectId: string;
  readonly projectIdOrigin: string;
}

/** "ModelArts Networks" or "VPC Address Groups": the list of one kind, as filtered. */
export interface ServiceNode extends NodeBase {
  readonly kind: 'service';
  readonly resourceKind: Kind;
  /** The name (exact, or a part of it) the list is filtered by. */
  readonly filter: NameFilter | undefined;
  /** Networks only: the ModelArts workspace listed. */
  readonly workspaceId: string | undefined;
}

interface ResourceNodeBase extends NodeBase {
  /** Held at the top of its group (just created here) until a loaded page holds it. */
  readonly pinned: boolean;
  /** Why the item is shown degraded (a field of the wrong type, or the whole item malformed); undefined when sound. */
  readonly degraded: string | undefined;
}

/** What the server sent for a listed item that failed the API's shape check: read defensively, never trusted. */
export type Malformed = Readonly<Record<string, unknown>>;

/**
 * A resource of a kind: the live resource itself (`{ kind, resource }`), so that a command given the node is given
 * the resource — or, malformed, the item as the server sent it.
 */
export type ResourceNode<K extends Kind = Kind> = {
  [P in K]: ResourceNodeBase &
    (
      | (LiveResource<P> & { readonly malformed: false })
      /** It failed the API's shape check (no ID, say): commands that act on a resource are not offered. */
      | { readonly kind: P; readonly resource: Malformed; readonly malformed: true }
    );
}[K];

/** One fact of a resource (CIDR, a peer connection, an ip_set entry…), possibly with facts of its own. */
export interface DetailNode extends NodeBase {
  readonly kind: 'detail';
  readonly label: string;
  readonly value: string | undefined;
  /** What Copy puts on the clipboard (the CIDR, an entry, an ID…); undefined when the row has nothing to copy (a count). */
  readonly copyText: string | undefined;
  readonly iconId: string | undefined;
  readonly iconColor: string | undefined;
  /** Markdown. */
  readonly tooltip: string | undefined;
  readonly children: readonly DetailNode[];
}

/** "Load more…": fetches the next page of its group, and only that. */
export interface LoadMoreNode extends NodeBase {
  readonly kind: 'loadMore';
  readonly resourceKind: Kind;
  readonly loaded: number;
  readonly loading: boolean;
  /** Under a filter by a part of a name: that text (the node is then Search further…), and how many loaded match. */
  readonly search?: string | undefined;
  readonly matched?: number | undefined;
}

/** What a person can do about a failed load. */
export type ErrorAction = 'retry' | 'configureCredentials' | 'manageTrust';

/** A failed load, in place of what could not be loaded: never a popup. */
export interface ErrorNode extends NodeBase {
  readonly kind: 'error';
  /** What failed, for people ("Could not list the address groups"). */
  readonly what: string;
  /** The error's summary (code and hint), and its full message (server text, request, request id). */
  readonly summary: string;
  readonly message: string;
  readonly code: string | undefined;
  readonly status: number | undefined;
  readonly requestId: string | undefined;
  readonly actions: readonly ErrorAction[];
}

/** A line of text, optionally a command: "No address groups", "Retry", "Configure Credentials", a request id. */
export interface MessageNode extends NodeBase {
  readonly kind: 'message';
  readonly text: string;
  readonly description: string | undefined;
  readonly iconId: string | undefined;
  readonly commandId: string | undefined;
  readonly commandArgs: readonly unknown[] | undefined;
  readonly tooltip: string | undefined;
}

export type ExplorerNode =
  ConnectionNode | ServiceNode | ResourceNode | DetailNode | LoadMoreNode | ErrorNode | MessageNode;

/** The kinds of node that are not a resource (a resource node's kind is its resource's). */
const OTHER_NODE_KINDS: readonly string[] = ['connection', 'service', 'detail', 'loadMore', 'error', 'message'];

/** Whether a value is a node of this explorer (commands receive whatever a menu or a caller passes). */
export function isExplorerNode(value: unknown): value is ExplorerNode {
  if (typeof value !== 'object' || value === null) return false;
  const { kind, id } = value as { kind?: unknown; id?: unknown };
  return typeof id === 'string' && typeof kind === 'string' && (OTHER_NODE_KINDS.includes(kind) || isKind(kind));
}

export function isResourceNode(node: ExplorerNode | undefined): node is ResourceNode {
  return node !== undefined && isKind(node.kind);
}

/**
 * One segment of an id: percent-encoded, `~` included, so that no key from a server (a name with `/`, an ID
 * `~more`) can collide with another node's path or with the explorer's own `~more` / `~error` segments.
 */
export function idSegment(key: string): string {
  return encodeURIComponent(key).replace(/[~!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export const ids = {
  connection: (source: string, region: string, projectId: string) =>
    [source, region, projectId].map(idSegment).join('/'),
  service: (connectionId: string, kind: Kind) => `${connectionId}/${KINDS[kind].listSegment}`,
  resource: (serviceId: string, resourceId: string) => `${serviceId}/${idSegment(resourceId)}`,
  loadMore: (serviceId: string) => `${serviceId}/~more`,
  error: (parentId: string | undefined) => (parentId === undefined ? '~error' : `${parentId}/~error`),
  /** A child of a node, by a key of its own ("cidr", "peers", an ip_set entry). */
  child: (parentId: string, key: string) => `${parentId}/${idSegment(key)}`,
  /** A malformed item without a usable ID: by its place in the loaded list, the only key it has. */
  malformed: (serviceId: string, position: number) => `${serviceId}/~malformed-${position}`,
} as const;
