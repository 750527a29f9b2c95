// What the rest of the extension (Create, Delete, the provisioning tracker…) may ask of the explorer, through
// `ctx.explorer()`. Types only: importing this module loads nothing.
import type * as vscode from 'vscode';
import type { AddressGroup } from '../../core/api/addressGroups';
import type { Kind, LiveResource } from '../../core/kinds';
import type { KnownResources } from '../../core/live/liveChecks';
import type { NameFilter } from '../../core/explorer/nameFilter';
import type { ExplorerNode, LoadMoreNode, ResourceNode, ServiceNode } from '../../core/explorer/nodes';

export type { KnownResources } from '../../core/live/liveChecks';
export type { ExplorerNode, ResourceNode } from '../../core/explorer/nodes';

export interface ExplorerApi {
  /**
   * A resource that exists now (just created): it appears in its group at once — at the top until a loaded page
   * holds it, never twice — and, while the view is visible, is revealed and selected. With `pinned: false` it is
   * only updated where the tree already shows it. Resolves with its node when the tree shows it.
   */
  showResource(resource: LiveResource, options?: { pinned?: boolean }): Promise<ResourceNode | undefined>;
  /** Replaces a resource by ID wherever the explorer holds it, and refreshes that node only (the tracker calls it). */
  updateResource(resource: LiveResource): void;
  /** Takes a deleted resource out of the tree. */
  removeResource(kind: Kind, id: string): void;
  /** The whole tree (no node), one list (a service node), one resource (fetched again), or what an error node failed to load. */
  refresh(node?: ExplorerNode): Promise<void>;
  /** The node the tree shows for a resource, if it shows it. */
  nodeFor(kind: Kind, id: string): ResourceNode | undefined;
  /** The address groups already loaded with exactly this name; sends nothing. */
  groupsNamed(name: string): AddressGroup[];
  /**
   * What the explorer holds of the connection it lists (loaded pages of every filter and workspace, pinned
   * resources) with that connection's identity, or undefined while none is open. Synchronous; sends nothing.
   */
  known(): KnownResources | undefined;
  /** Fires when what `known` returns may have changed: a page loaded, a refresh, a resource updated or gone, another connection. */
  readonly onDidChangeKnown: vscode.Event<void>;
  /**
   * Opens the view and selects a resource's node. One the tree has not loaded is fetched by ID and shown at the top
   * of its group. Resolves with the node, or undefined when there is no such resource (or no connection).
   */
  reveal(kind: Kind, id: string): Promise<ResourceNode | undefined>;
  /**
   * Fetches the next page of one group (its service node or its Load more node), and only that; under a filter by
   * a part of a name, searches further pages (bounded, cancellable, with progress in a notification).
   */
  loadMore(node: ServiceNode | LoadMoreNode): Promise<void>;
  /** What a kind lists now: the name (exact, or a part) it is filtered by, and (networks) the ModelArts workspace. */
  query(kind: Kind): { filter: NameFilter | undefined; workspaceId: string | undefined };
  /**
   * Lists only the resources of exactly this name (a string or an exact filter, sent to the servers) or whose names
   * contain a text (matched in what is loaded); undefined clears the filter. Throws on what cannot be a name.
   */
  setFilter(kind: Kind, filter: string | NameFilter | undefined): void;
  /** The names of a kind already loaded, each once: what Filter by Name offers. Sends nothing. */
  loadedNames(kind: Kind): string[];
  /** Lists the networks of another ModelArts workspace. */
  setWorkspace(workspaceId: string): void;
  /** Shows a kind's group expanded (after its filter or workspace changed). */
  expandGroup(kind: Kind): Promise<void>;
  /** The Resources view. */
  readonly treeView: vscode.TreeView<ExplorerNode>;
  /** The tree as VS Code reads it: tests read its rows through it. */
  readonly tree: vscode.TreeDataProvider<ExplorerNode>;
}

/** What `activate()` returns: a small API for tests (and other extensions). */
export interface ExtensionApi {
  explorer(): Promise<ExplorerApi>;
}
