import * as vscode from 'vscode';
import { EMULATOR_IDENTITY_PREFIX } from '../../core/cloud/emulatorDefaults';
import { HuaweiCloudError } from '../../core/cloud/errors';
import { getLive } from '../../core/kinds';
import type { Look, Operation, Tracker, TrackerOptions, TrackRequest } from '../../core/provisioning/tracker';
import type { ConnectionService } from '../connections';
import { type ResourceChange, resourceId, resourceName } from '../resourceEvents';
import { type Lazy, lazy } from '../../core/lazy';
import { readSettings } from '../settings';

/** Where the tracker's snapshot is kept (workspace state: the operations belong to this window's work). */
export const OPERATIONS_STATE_KEY = 'huaweicloud.provisioningOperations';

/** The tracking of one resource change: a create, update or deletion to follow, or a deletion already over. */
export function trackRequestFor(change: ResourceChange, connectionKey: string): TrackRequest {
  if (change.type === 'deleted') {
    return {
      kind: 'delete',
      resourceKind: change.kind,
      resourceId: change.id,
      name: change.name ?? change.id,
      connectionKey,
      gone: true,
    };
  }
  const resource = change.resource;
  return {
    kind: change.type === 'created' ? 'create' : change.type === 'updated' ? 'update' : 'delete',
    resourceKind: resource.kind,
    resourceId: resourceId(resource),
    name: resourceName(resource),
    connectionKey,
    resource,
    ...((change.type === 'created' || change.type === 'updated') && change.requestId
      ? { requestId: change.requestId }
      : {}),
  };
}

/**
 * The extension's one provisioning tracker, loaded only when it is needed: when an operation is first tracked,
 * when the operations list is opened, or at activation when the workspace state holds operations from before a
 * window reload (reading that state is in memory). Its GETs go through the current connection, and only when that
 * connection is the operation's own; its snapshot is written to the workspace state at every change.
 */
export class Tracking implements vscode.Disposable {
  /** Set as soon as the tracker exists, before it restores the saved operations (which fires changes). */
  private loaded: Tracker | undefined;
  private disposed = false;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<readonly Operation[]>();
  /** Fires with the operations that changed: the status bar renders, the tree refreshes their nodes. */
  readonly onDidChange = this.changed.event;
  /** Counts connection changes, so that only the last one's reopening decides. */
  private connectionChanges = 0;

  constructor(
    private readonly workspaceState: vscode.Memento,
    private readonly connections: ConnectionService,
    private readonly log: vscode.LogOutputChannel,
    /** Tests set a short backoff; the extension keeps the tracker's own. */
    private readonly tuning: Pick<TrackerOptions, 'backoff' | 'clock'> = {},
  ) {
    this.disposables.push(
      this.changed,
      connections.onDidChange(() => void this.connectionChanged()),
      // Trust granted: a connection refused as untrusted may now be opened.
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.loaded?.credentialsChanged()),
    );
  }

  /** Operations known now, newest first, without loading anything (none before the tracker is loaded). */
  operations(): readonly Operation[] {
    return this.loaded?.operations() ?? [];
  }

  /** Whether there is anything to list or show: synchronous, for the status bar. */
  get hasOperations(): boolean {
    return this.operations().length > 0;
  }

  /** Loads the tracker after a window reload when the workspace state holds operations; otherwise does nothing. */
  restore(): void {
    const stored = this.workspaceState.get<{ operations?: unknown[] }>(OPERATIONS_STATE_KEY);
    if (Array.isArray(stored?.operations) && stored.operations.length > 0) {
      this.tracker().catch((error: unknown) =>
        this.log.error(`Provisioning operations could not be restored: ${String(error)}`),
      );
    }
  }

  /** The tracker, loaded (and given back its saved operations) on first use. */
  readonly tracker: Lazy<Tracker> = lazy(() => this.load());

  private async load(): Promise<Tracker> {
    // The state machine loads with the first operation, not with the extension.
    const { Tracker } = await import('../../core/provisioning/tracker');
    if (this.disposed) throw new Error('the extension is being deactivated');
    const tracker: Tracker = new Tracker({
      ...this.tuning,
      fetch: (op, signal) => this.fetch(tracker, op, signal),
      timeoutMs: () => readSettings().provisioningTimeoutMinutes * 60_000,
      log: (line) => this.log.info(line),
    });
    this.disposables.push(
      tracker,
      tracker.onDidChange((changed) => {
        void Promise.resolve(this.workspaceState.update(OPERATIONS_STATE_KEY, tracker.snapshot())).catch(
          (error: unknown) => {
            this.log.warn(`Provisioning operations could not be saved in the workspace state: ${String(error)}`);
          },
        );
        this.changed.fire(changed);
      }),
    );
    this.loaded = tracker;
    tracker.restore(this.withoutStoppedEmulator(this.workspaceState.get(OPERATIONS_STATE_KEY)));
    return tracker;
  }

  /**
   * A saved snapshot whose operations on a local emulator that no longer runs (a window reload stops it) end as no
   * longer followed: looking at them would open the connection of the settings instead.
   */
  private withoutStoppedEmulator(stored: unknown): unknown {
    const snapshot = stored as { operations?: unknown } | undefined;
    if (this.connections.usingEmulator !== undefined || !Array.isArray(snapshot?.operations)) return stored;
    const operations = snapshot.operations.map((op: unknown) => {
      const candidate = op as { connectionKey?: unknown; state?: unknown } | null;
      const onEmulator =
        typeof candidate?.connectionKey === 'string' && candidate.connectionKey.startsWith(EMULATOR_IDENTITY_PREFIX);
      return onEmulator && candidate?.state === 'following'
        ? {
            ...candidate,
            state: 'abandoned',
            paused: false,
            detail: vscode.l10n.t('no longer followed: the local emulator it ran on has stopped'),
          }
        : op;
    });
    return { ...snapshot, operations };
  }

  /**
   * Follows what commands do to resources: a create or an update until the resource settles, a deletion until it is gone, a
   * deletion already over as done. The tracker loads with the first change.
   */
  follow(changes: vscode.Event<ResourceChange>): vscode.Disposable {
    return changes(
      (change) =>
        void this.trackChange(change).catch((error: unknown) => {
          this.log.warn(
            `Provisioning: ${change.type === 'deleted' ? change.id : change.type} could not be followed: ${error instanceof Error ? error.message : String(error)}`,
          );
        }),
    );
  }

  private async trackChange(change: ResourceChange): Promise<void> {
    const connectionKey = change.connectionKey ?? (await this.connections.open()).identity;
    (await this.tracker()).track(trackRequestFor(change, connectionKey));
  }

  /** One GET of an operation's resource, through the current connection if — and only if — it is the operation's own. */
  private async fetch(tracker: Tracker, op: Operation, signal: AbortSignal): Promise<Look> {
    const connection = await this.connections.open({ signal });
    if (connection.identity !== op.connectionKey) {
      // Settings, keys or the emulator changed since: the operation's connection is gone. Telling the tracker
      // abandons every operation of another connection, this one included (its signal aborts).
      tracker.connectionChanged(connection.identity);
      throw new HuaweiCloudError(vscode.l10n.t('cancelled: the connection changed'), {
        kind: 'cancelled',
        notSent: true,
      });
    }
    return { resource: await getLive(connection, op.resourceKind, op.resourceId, { signal }) };
  }

  /**
   * After a change of settings, stored keys or the emulator: the connection is opened again to learn its key, and
   * operations of any other connection are abandoned; the same key means its credentials changed, so operations
   * paused by a 401 resume. Nothing is opened when nothing is followed.
   */
  private async connectionChanged(): Promise<void> {
    const tracker = this.loaded;
    const change = ++this.connectionChanges;
    if (!tracker) return;
    if (!tracker.following) {
      // Nothing to abandon, and the new key is not worth a connection: the tracker forgets the old one, so that
      // what is tracked next on the new connection is followed.
      tracker.connectionChanged(undefined);
      return;
    }
    let identity: string | undefined;
    try {
      identity = (await this.connections.open()).identity;
    } catch (error) {
      this.log.info(
        `Provisioning operations: no connection can be opened after the change (${error instanceof Error ? error.message : String(error)})`,
      );
    }
    if (change !== this.connectionChanges || this.disposed) return;
    tracker.credentialsChanged();
    tracker.connectionChanged(identity);
  }

  dispose(): void {
    this.disposed = true;
    for (const disposable of this.disposables) disposable.dispose();
  }
}
