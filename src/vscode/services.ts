import * as vscode from 'vscode';
import { ContextKey } from './commandIds';
import { EMULATOR_URL_ENV, emulatorUrlFrom } from '../core/cloud/emulatorDefaults';
import { ConnectionService } from './connections';
import type { EmulatorProcess } from './emulatorProcess';
import { type Lazy, lazy } from '../core/lazy';
import type { Tracker } from '../core/provisioning/tracker';
import { noticeProvisioningEnds } from './provisioning/provisioningNotices';
import { Tracking } from './provisioning/tracking';
import { ResourceDocuments } from './live/resourceDocuments';
import { ResourceEvents } from './resourceEvents';
import type { ExplorerApi } from './explorer/api';
import { DocumentLinks } from './live/documentLinks';
import { DocumentWork } from './live/documentWork';

/** What every part of the VS Code layer receives: one place that owns the disposables, the log and the services. */
export interface Services {
  readonly vscodeContext: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  readonly connections: ConnectionService;
  /** Read-only documents of live resources (Open as JSON). */
  readonly resourceDocuments: ResourceDocuments;
  /** What commands did to resources (created, deleting, deleted), for the explorer and the tracker. */
  readonly resources: ResourceEvents;
  /** The local emulator's process manager, loaded the first time it is asked for. */
  emulator(): Promise<EmulatorProcess>;
  /**
   * The provisioning tracker, loaded on first use: a command that created, updated or deleted a resource calls
   * `track({ kind, resourceKind, resourceId, name, connectionKey: connection.identity, resource })`.
   */
  tracker(): Promise<Tracker>;
  /** What is known of the operations without loading the tracker (`hasOperations`, `operations()`, `onDidChange`). */
  readonly tracking: Tracking;
  /**
   * The explorer of the Resources view (showResource, updateResource, removeResource, refresh, nodeFor, groupsNamed,
   * known, reveal), loaded the first time it is asked for or the view is shown. Asking for it fetches nothing.
   */
  explorer(): Promise<ExplorerApi>;
  /** The explorer if it is loaded, without loading it: what it already fetched can be read for free. */
  loadedExplorer(): ExplorerApi | undefined;
  /** Links of documents to live resources (Apply, Compare, Edit as Document, Link…). */
  readonly links: DocumentLinks;
  /**
   * What commands have under way with documents (a create, dry run or Apply at a time each) and the changes Apply
   * refused, marked on their fields: made the first time a command asks, disposed with the context.
   */
  documentWork(): DocumentWork;
  /**
   * Fires once, when the explorer has been loaded (by the view, or by `explorer()`): what follows the explorer
   * without loading it listens here.
   */
  readonly onDidLoadExplorer: vscode.Event<ExplorerApi>;
  /**
   * Set once, by the Resources view when it is registered: how the explorer is created. Returns the loader to use
   * instead, the one `explorer()` uses too: it creates the explorer once, and tells `onDidLoadExplorer`.
   */
  setExplorerLoader<E extends ExplorerApi>(create: () => Promise<E>): () => Promise<E>;
  /** Registers a disposable for disposal when the extension deactivates. */
  own<T extends vscode.Disposable>(disposable: T): T;
}

/** globalState key: the region each project ID from the credentials was first used in. */
const PROJECT_REGIONS_KEY = 'huaweicloud.credentialsProjectRegions';

export function createServices(vscodeContext: vscode.ExtensionContext): Services {
  const own = <T extends vscode.Disposable>(disposable: T): T => {
    vscodeContext.subscriptions.push(disposable);
    return disposable;
  };
  const log = own(vscode.window.createOutputChannel('Huawei Cloud', { log: true }));
  const version = String(vscodeContext.extension.packageJSON.version);
  const connections = own(
    new ConnectionService(vscodeContext.secrets, log, `huaweicloud-networks-vscode/${version}`, {
      // A memento read is in memory: no I/O at activation, and nothing is read before a connection is opened.
      regionOf: (projectId) => {
        const known = vscodeContext.globalState.get<Record<string, string>>(PROJECT_REGIONS_KEY) ?? {};
        return Object.hasOwn(known, projectId) ? known[projectId] : undefined;
      },
      remember: (projectId, region) => {
        const known = vscodeContext.globalState.get<Record<string, string>>(PROJECT_REGIONS_KEY) ?? {};
        if (!Object.hasOwn(known, projectId) || known[projectId] !== region) {
          void vscodeContext.globalState.update(PROJECT_REGIONS_KEY, { ...known, [projectId]: region });
        }
      },
    }),
  );
  // `npm start` names the emulator it started: this session connects to it as to one Start Local Emulator started,
  // once it has said it is one (an environment variable is in memory: no I/O at activation).
  const namedEmulator = process.env[EMULATOR_URL_ENV];
  if (namedEmulator) {
    const named = emulatorUrlFrom(namedEmulator);
    if ('url' in named) {
      connections.useEmulator(named.url, { startedElsewhere: true });
      void vscode.commands.executeCommand('setContext', ContextKey.emulatorRunning, true);
    } else {
      log.warn(`${named.problem}: ignored, the connection follows your settings`);
    }
  }
  const resources = own(new ResourceEvents());
  const resourceDocuments = own(new ResourceDocuments(connections, log));
  const emulator = lazy(() =>
    import('./emulatorProcess').then(
      ({ EmulatorProcess }) =>
        new EmulatorProcess(
          vscodeContext.asAbsolutePath('dist/emulator.js'),
          vscodeContext.globalStorageUri.fsPath,
          log,
          (logged, shown) => {
            connections.useEmulator(undefined);
            void vscode.commands.executeCommand('setContext', ContextKey.emulatorRunning, false);
            log.warn(logged);
            void vscode.window.showWarningMessage(
              vscode.l10n.t('Huawei Cloud: {0}; the connection is back to your settings.', shown),
            );
          },
        ),
    ),
  );
  own({ dispose: () => emulator.loaded?.dispose() });
  const tracking = own(new Tracking(vscodeContext.workspaceState, connections, log));
  // What commands do to resources is followed until it settles (the tracker loads with the first change).
  own(tracking.follow(resources.onDidChange));
  own(noticeProvisioningEnds(tracking, log));
  let loadExplorer: Lazy<ExplorerApi> | undefined;
  const explorerLoaded = own(new vscode.EventEmitter<ExplorerApi>());
  const links = own(new DocumentLinks(vscodeContext.workspaceState, connections, log, vscodeContext.globalStorageUri));
  // The tracker saw a deletion finish (GET says gone): the documents linked to that resource are no longer it.
  own(
    tracking.onDidChange((operations) => {
      for (const operation of operations) {
        if (operation.state === 'succeeded' && operation.phase === 'Deleted') {
          void links.resourceGone(operation.resourceKind, operation.resourceId);
        }
      }
    }),
  );
  let documentWork: DocumentWork | undefined;
  own({
    dispose: () => {
      documentWork?.dispose();
      documentWork = undefined;
    },
  });
  return {
    links,
    documentWork: () => (documentWork ??= new DocumentWork()),
    loadedExplorer: () => loadExplorer?.loaded,
    vscodeContext,
    log,
    connections,
    resources,
    resourceDocuments,
    own,
    tracking,
    tracker: () => tracking.tracker(),
    emulator,
    explorer: () => (loadExplorer ? loadExplorer() : Promise.reject(new Error('the Resources view is not registered'))),
    onDidLoadExplorer: explorerLoaded.event,
    setExplorerLoader: <E extends ExplorerApi>(create: () => Promise<E>) => {
      const load = lazy(() =>
        create().then((explorer) => {
          explorerLoaded.fire(explorer);
          return explorer;
        }),
      );
      loadExplorer = load;
      return load;
    },
  };
}
