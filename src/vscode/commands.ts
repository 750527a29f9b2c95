import * as vscode from 'vscode';
import { Command, type CommandId } from './commandIds';
import type { Services } from './services';
import { reportError } from './errors';

type Handler = (ctx: Services, ...args: unknown[]) => unknown;

/** The handlers' module, loaded with the first command run. */
const handlerModules = () => import('./commandHandlers');

/**
 * Each command with the title its errors are reported under: `what` in the log (which stays English), `shown` in the
 * notification (translated when an error is shown). Handlers are imported when the first command runs, so that
 * activation evaluates none of them (nor the network stack and checks they import).
 */
const handlers: Record<CommandId, { what: string; shown: () => string; load: () => Promise<Handler> }> = {
  [Command.showLog]: {
    what: 'Show Log',
    shown: () => vscode.l10n.t('Show Log'),
    load: async () => (ctx) => ctx.log.show(true),
  },
  [Command.configureCredentials]: {
    what: 'Configure Credentials',
    shown: () => vscode.l10n.t('Configure Credentials'),
    load: async () => (await handlerModules()).configureCredentials,
  },
  [Command.checkConnection]: {
    what: 'Check Connection',
    shown: () => vscode.l10n.t('Check Connection'),
    load: async () => (await handlerModules()).checkConnection,
  },
  [Command.signOut]: {
    what: 'Sign Out',
    shown: () => vscode.l10n.t('Sign Out'),
    load: async () => (await handlerModules()).signOut,
  },
  [Command.newNetworkDocument]: {
    what: 'New Network Document',
    shown: () => vscode.l10n.t('New Network Document'),
    load: async () => (await handlerModules()).newNetworkDocument,
  },
  [Command.newAddressGroupDocument]: {
    what: 'New Address Group Document',
    shown: () => vscode.l10n.t('New Address Group Document'),
    load: async () => (await handlerModules()).newAddressGroupDocument,
  },
  [Command.startEmulator]: {
    what: 'Start Local Emulator',
    shown: () => vscode.l10n.t('Start Local Emulator'),
    load: async () => (await handlerModules()).startEmulator,
  },
  [Command.stopEmulator]: {
    what: 'Stop Local Emulator',
    shown: () => vscode.l10n.t('Stop Local Emulator'),
    load: async () => (await handlerModules()).stopEmulator,
  },
  [Command.showOperations]: {
    what: 'Show Provisioning Operations',
    shown: () => vscode.l10n.t('Show Provisioning Operations'),
    load: async () => (await handlerModules()).showOperations,
  },
  [Command.createFromDocument]: {
    what: 'Create from Document',
    shown: () => vscode.l10n.t('Create from Document'),
    load: async () => (await handlerModules()).createFromDocument,
  },
  [Command.dryRunDocument]: {
    what: 'Dry Run',
    shown: () => vscode.l10n.t('Dry Run'),
    load: async () => (await handlerModules()).dryRunDocument,
  },
  [Command.openResource]: {
    what: 'Open as JSON',
    shown: () => vscode.l10n.t('Open as JSON'),
    load: async () => (await handlerModules()).openResourceAsJson,
  },
  [Command.copyId]: {
    what: 'Copy ID',
    shown: () => vscode.l10n.t('Copy ID'),
    load: async () => (await handlerModules()).copyId,
  },
  [Command.copyValue]: {
    what: 'Copy',
    shown: () => vscode.l10n.t('Copy'),
    load: async () => (await handlerModules()).copyValue,
  },
  [Command.openInConsole]: {
    what: 'Open in Console',
    shown: () => vscode.l10n.t('Open in Console'),
    load: async () => (await handlerModules()).openInConsole,
  },
  [Command.deleteResource]: {
    what: 'Delete',
    shown: () => vscode.l10n.t('Delete'),
    load: async () => (await handlerModules()).deleteResource,
  },
  [Command.selectRegion]: {
    what: 'Select Region / Project',
    shown: () => vscode.l10n.t('Select Region / Project'),
    load: async () => (await handlerModules()).selectRegion,
  },
  [Command.refresh]: {
    what: 'Refresh',
    shown: () => vscode.l10n.t('Refresh'),
    load: async () => (await handlerModules()).refresh,
  },
  [Command.loadMore]: {
    what: 'Load More',
    shown: () => vscode.l10n.t('Load More'),
    load: async () => (await handlerModules()).loadMore,
  },
  [Command.filter]: {
    what: 'Filter by Name',
    shown: () => vscode.l10n.t('Filter by Name'),
    load: async () => (await handlerModules()).filterByName,
  },
  [Command.clearFilter]: {
    what: 'Clear Filter',
    shown: () => vscode.l10n.t('Clear Filter'),
    load: async () => (await handlerModules()).clearFilter,
  },
  [Command.selectWorkspace]: {
    what: 'Select ModelArts Workspace',
    shown: () => vscode.l10n.t('Select ModelArts Workspace'),
    load: async () => (await handlerModules()).selectWorkspace,
  },
  [Command.revealResource]: {
    what: 'Reveal in Explorer',
    shown: () => vscode.l10n.t('Reveal in Explorer'),
    load: async () => (await handlerModules()).revealResource,
  },
  [Command.compareWithLive]: {
    what: 'Compare with Live',
    shown: () => vscode.l10n.t('Compare with Live'),
    load: async () => (await handlerModules()).compareWithLive,
  },
  [Command.applyDocument]: {
    what: 'Apply Document',
    shown: () => vscode.l10n.t('Apply Document'),
    load: async () => (await handlerModules()).applyDocument,
  },
  [Command.editResource]: {
    what: 'Edit as Document',
    shown: () => vscode.l10n.t('Edit as Document'),
    load: async () => (await handlerModules()).editResource,
  },
  [Command.createAsNewResource]: {
    what: 'Create as New',
    shown: () => vscode.l10n.t('Create as New'),
    load: async () => (await handlerModules()).createAsNewResource,
  },
  [Command.linkDocument]: {
    what: 'Link to Address Group',
    shown: () => vscode.l10n.t('Link to Address Group'),
    load: async () => (await handlerModules()).linkDocument,
  },
  [Command.unlinkDocument]: {
    what: 'Unlink',
    shown: () => vscode.l10n.t('Unlink'),
    load: async () => (await handlerModules()).unlinkDocument,
  },
};

/** Runs a command (the entry registered every contributed one): its handler loads on first use. */
export async function runCommand(ctx: Services, id: string, args: unknown[]): Promise<unknown> {
  const handler = Object.hasOwn(handlers, id) ? handlers[id as CommandId] : undefined;
  try {
    if (!handler) throw new Error(`${id} is not a command of this extension`);
    return await (
      await handler.load()
    )(ctx, ...args);
  } catch (error) {
    reportError(ctx.log, handler?.what ?? id, error, handler?.shown() ?? id);
    return undefined;
  }
}
