/** Command ids, as contributed in package.json: one place, imported by whatever runs or offers a command. */
export const Command = {
  showLog: 'huaweicloud.showLog',
  configureCredentials: 'huaweicloud.configureCredentials',
  checkConnection: 'huaweicloud.checkConnection',
  signOut: 'huaweicloud.signOut',
  newNetworkDocument: 'huaweicloud.newNetworkDocument',
  newAddressGroupDocument: 'huaweicloud.newAddressGroupDocument',
  startEmulator: 'huaweicloud.startEmulator',
  stopEmulator: 'huaweicloud.stopEmulator',
  showOperations: 'huaweicloud.showOperations',
  createFromDocument: 'huaweicloud.createFromDocument',
  dryRunDocument: 'huaweicloud.dryRunDocument',
  openResource: 'huaweicloud.openResource',
  copyId: 'huaweicloud.copyId',
  copyValue: 'huaweicloud.copyValue',
  openInConsole: 'huaweicloud.openInConsole',
  deleteResource: 'huaweicloud.deleteResource',
  selectRegion: 'huaweicloud.selectRegion',
  refresh: 'huaweicloud.refresh',
  loadMore: 'huaweicloud.loadMore',
  filter: 'huaweicloud.filter',
  clearFilter: 'huaweicloud.clearFilter',
  selectWorkspace: 'huaweicloud.selectWorkspace',
  revealResource: 'huaweicloud.revealResource',
  compareWithLive: 'huaweicloud.compareWithLive',
  applyDocument: 'huaweicloud.applyDocument',
  editResource: 'huaweicloud.editResource',
  linkDocument: 'huaweicloud.linkDocument',
  unlinkDocument: 'huaweicloud.unlinkDocument',
  createAsNewResource: 'huaweicloud.createAsNewResource',
} as const;

export type CommandId = (typeof Command)[keyof typeof Command];

/** Context keys the manifest's `when` clauses read. */
export const ContextKey = {
  /** Whether any credential source has keys: the view's welcome content differs. */
  credentialsConfigured: 'huaweicloud.credentialsConfigured',
  /** Whether this session's local emulator runs: Start or Stop is offered, not both. */
  emulatorRunning: 'huaweicloud.emulatorRunning',
  /** Whether VS Code's secret storage holds an access key: Sign Out is offered only then. */
  accessKeyStored: 'huaweicloud.accessKeyStored',
  /**
   * Whether the active editor's document is a live resource for Apply (linked, or a network named like one the
   * explorer shows): its title offers Compare and Apply then, Create otherwise.
   */
  activeDocumentTargetsLive: 'huaweicloud.activeDocumentTargetsLive',
  // Set once each, when it first happens in the window (src/vscode/milestones.ts): the walkthrough's steps.
  /** A connection opened (credentials or the emulator). */
  connectionOpened: 'huaweicloud.connectionOpened',
  /** An open network or address-group document that had errors has none left. */
  documentFixed: 'huaweicloud.documentFixed',
  /** A create from a document succeeded. */
  resourceCreated: 'huaweicloud.resourceCreated',
  /** A create, followed in the status bar, settled as it should. */
  provisioningSucceeded: 'huaweicloud.provisioningSucceeded',
  /** An Apply updated a resource. */
  resourceUpdated: 'huaweicloud.resourceUpdated',
} as const;

/** Diagnostic codes other parts act on (the lightbulb offers Create as New on a change Apply refused). */
export const DiagnosticCode = {
  immutableChange: 'apply.immutable',
} as const;
