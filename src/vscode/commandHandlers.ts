// The command handlers, in one module that the first command run loads (src/vscode/commands.ts): one chunk rather
// than one per command, as most are a few hundred lines that share what they import.
export { checkConnection } from './commands/checkConnection';
export { createFromDocument, dryRunDocument } from './commands/createFromDocument';
export { configureCredentials, signOut } from './commands/credentials';
export { startEmulator, stopEmulator } from './commands/emulator';
export { newAddressGroupDocument, newNetworkDocument } from './commands/newDocument';
export { selectRegion } from './commands/selectRegion';
export {
  clearFilter,
  copyValue,
  filterByName,
  loadMore,
  refresh,
  revealResource,
  selectWorkspace,
} from './explorer/commands';
export { openInConsole } from './explorer/openInConsole';
export { copyId, deleteResource, openResourceAsJson } from './explorer/resourceCommands';
export { applyDocument, compareWithLive, createAsNewResource, editResource } from './live/apply';
export { linkDocument, unlinkDocument } from './live/linkCommands';
export { showOperations } from './provisioning/operationsList';
