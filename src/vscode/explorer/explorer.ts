// The explorer in VS Code: the core model (src/core/explorer) over the connection service, the tree VS Code reads,
// reveal, and the API other commands call. Loaded the first time the view asks for its roots or someone asks for
// `ctx.explorer()`: never at activation.
import * as vscode from 'vscode';
import type { AddressGroup } from '../../core/api/addressGroups';
import { type Kind, KINDS, type LiveResource, phaseOf, tagged } from '../../core/kinds';
import { resolveCredentials } from '../../core/cloud/credentials';
import { explorerConnectionFor } from '../../core/explorer/connection';
import { type ExplorerConnection, ExplorerModel } from '../../core/explorer/model';
import type { KnownResources } from '../../core/live/liveChecks';
import { describeFilter, type NameFilter, type SearchOutcome } from '../../core/explorer/nameFilter';
import {
  type ExplorerNode,
  isResourceNode,
  type LoadMoreNode,
  type ResourceNode,
  type ServiceNode,
} from '../../core/explorer/nodes';
import { shownValue } from '../../core/display';
import type { Services } from '../services';
import { resourceId, resourceName } from '../resourceEvents';
import { readSettings } from '../settings';
import { UntrustedWorkspaceError, untrustedWorkspaceError } from '../trust';
import type { ExplorerApi } from './api';
import { treeItemFor } from './treeItems';

export const RESOURCES_VIEW_FOCUS = 'huaweicloud.resources.focus';

export class Explorer implements ExplorerApi, vscode.Disposable {
  readonly model: ExplorerModel;
  readonly tree: vscode.TreeDataProvider<ExplorerNode>;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly knownChanges = new vscode.EventEmitter<void>();
  readonly onDidChangeKnown = this.knownChanges.event;

  constructor(
    private readonly ctx: Services,
    readonly treeView: vscode.TreeView<ExplorerNode>,
    /** Tells VS Code which nodes changed (undefined: the whole tree). */
    fire: (nodes: ExplorerNode[] | undefined) => void,
  ) {
    this.model = new ExplorerModel({
      open: (signal) => this.open(signal),
      pageSize: () => readSettings().pageSize,
      actionsFor: (error) => (error instanceof UntrustedWorkspaceError ? ['manageTrust', 'retry'] : undefined),
    });
    const subscription = this.model.onDidChange((nodes) => fire(nodes ? [...nodes] : undefined));
    const knownSubscription = this.model.onDidChangeKnown(() => this.knownChanges.fire());
    // A refresh that finds a resource gone ends the links to it at once.
    const goneSubscription = this.model.onDidFindGone((kind, id) => void ctx.links.resourceGone(kind, id));
    this.disposables.push(
      { dispose: () => subscription.dispose() },
      { dispose: () => knownSubscription.dispose() },
      { dispose: () => goneSubscription.dispose() },
      this.knownChanges,
      // Another connection (settings, keys, the emulator) lists other things: start over.
      ctx.connections.onDidChange(() => this.model.reset()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.model.reset()),
      // What the tracker sees shows in the tree at once: a node in its new phase, a deleted resource gone.
      ctx.tracking.onDidChange((operations) => {
        for (const operation of operations) {
          if (operation.state === 'succeeded' && operation.phase === 'Deleted') {
            this.model.removeResource(operation.resourceKind, operation.resourceId);
          } else if (operation.resource && operation.state !== 'abandoned') {
            this.model.updateResource(operation.resource);
          }
        }
      }),
    );
    const model = this.model;
    this.tree = {
      getTreeItem: (node) => treeItemFor(node),
      // Never a popup from here: a failure is an error node in the tree.
      getChildren: async (node) => {
        const children = await model.children(node);
        this.followTransitional(children);
        return children;
      },
      getParent: (node) => model.parent(node),
    };
  }

  /**
   * Resources listed in a transitional phase (Creating, Deleting, UPDATING, a peer Connecting…) are followed by the
   * tracker while the view is visible, so their nodes refresh by themselves until they settle.
   */
  private followTransitional(nodes: readonly ExplorerNode[]): void {
    const moving = nodes
      .filter(isResourceNode)
      .flatMap((node) => (node.malformed ? [] : [tagged(node.kind, node.resource)]))
      .filter((live) => phaseOf(live).transitional);
    if (moving.length === 0 || !this.treeView.visible) return;
    void (async () => {
      const [connection, tracker] = await Promise.all([this.ctx.connections.open(), this.ctx.tracker()]);
      for (const resource of moving) {
        tracker.track({
          kind: 'observe',
          resourceKind: resource.kind,
          resourceId: resourceId(resource),
          name: resourceName(resource),
          connectionKey: connection.identity,
          resource,
        });
      }
    })().catch((error: unknown) =>
      this.ctx.log.warn(`Following listed resources failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  }

  /**
   * The connection to list. No roots (so the welcome content shows) when no credentials are configured and no
   * emulator runs; an untrusted workspace is refused before anything is read.
   */
  private async open(signal: AbortSignal): Promise<ExplorerConnection | undefined> {
    const emulator = this.ctx.connections.usingEmulator;
    const untrusted = untrustedWorkspaceError(emulator);
    if (untrusted) throw untrusted;
    if (emulator === undefined) {
      // The same rule as the welcome content: credentials that do not resolve are not configured.
      const configured = await resolveCredentials(
        readSettings().credentialSource,
        await this.ctx.connections.credentialEnvironment(),
      ).then(
        () => true,
        () => false,
      );
      if (!configured) return undefined;
    }
    return explorerConnectionFor(await this.ctx.connections.open({ signal }), (line) => this.ctx.log.warn(line));
  }

  async showResource(resource: LiveResource, options: { pinned?: boolean } = {}): Promise<ResourceNode | undefined> {
    this.model.showResource(resource, options);
    const id = resourceId(resource);
    // Revealed only where the person looks already: creating something must not pull the side bar open.
    if (!this.treeView.visible) return this.model.nodeFor(resource.kind, id);
    const node = await this.model.locate(resource.kind, id);
    if (node) await this.treeView.reveal(node, { select: true, focus: false });
    return node;
  }

  updateResource(resource: LiveResource): void {
    this.model.updateResource(resource);
  }

  removeResource(kind: Kind, id: string): void {
    this.model.removeResource(kind, id);
  }

  refresh(node?: ExplorerNode): Promise<void> {
    return this.model.refresh(node);
  }

  nodeFor(kind: Kind, id: string): ResourceNode | undefined {
    return this.model.nodeFor(kind, id);
  }

  groupsNamed(name: string): AddressGroup[] {
    return this.model.groupsNamed(name);
  }

  known(): KnownResources | undefined {
    return this.model.known();
  }

  async reveal(kind: Kind, id: string): Promise<ResourceNode | undefined> {
    if (!this.treeView.visible) await vscode.commands.executeCommand(RESOURCES_VIEW_FOCUS);
    let node = await this.model.locate(kind, id);
    // Not loaded: one GET by ID, and it is shown at the top of its group.
    node ??= await this.model
      .fetchResource(kind, id)
      .then((found) => (found ? this.model.locate(kind, id) : undefined));
    if (node) await this.treeView.reveal(node, { select: true, focus: true });
    return node;
  }

  async loadMore(node: ServiceNode | LoadMoreNode): Promise<void> {
    const kind = node.resourceKind;
    const filter = this.model.query(kind).filter;
    if (filter?.match !== 'contains') return this.model.loadMore(node);
    const outcome = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        cancellable: true,
        title: shownValue(
          vscode.l10n.t('Huawei Cloud: Searching the {0} for {1}', KINDS[kind].plural, describeFilter(filter)),
        ),
      },
      (progress, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        return this.model.searchFurther(kind, {
          signal: controller.signal,
          onPage: ({ pages, maxPages, found }) =>
            progress.report({
              message: vscode.l10n.t('page {0} of at most {1} · {2} found', pages, maxPages, found),
              increment: 100 / maxPages,
            }),
        });
      },
    );
    if (outcome) this.tellSearchEnd(kind, filter, outcome);
  }

  /** A search that stopped on its bound says so, and that Search further goes on; the other ends show in the tree. */
  private tellSearchEnd(kind: Kind, filter: NameFilter, outcome: SearchOutcome): void {
    if (outcome.end !== 'limit') return;
    void vscode.window.showInformationMessage(
      shownValue(
        vscode.l10n.t(
          'Huawei Cloud: {0} more pages of {1} searched, {2} found for {3}. Search further… goes on from there.',
          outcome.pages,
          KINDS[kind].plural,
          outcome.found,
          describeFilter(filter),
        ),
      ),
    );
  }

  query(kind: Kind): { filter: NameFilter | undefined; workspaceId: string | undefined } {
    return this.model.query(kind);
  }

  setFilter(kind: Kind, filter: string | NameFilter | undefined): void {
    this.model.setFilter(kind, filter);
  }

  loadedNames(kind: Kind): string[] {
    return this.model.loadedNames(kind);
  }

  setWorkspace(workspaceId: string): void {
    this.model.setWorkspace(workspaceId);
  }

  async expandGroup(kind: Kind): Promise<void> {
    const service = this.model.serviceFor(kind);
    if (service && this.treeView.visible) {
      await this.treeView.reveal(service, { expand: true, select: false, focus: false });
    }
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
