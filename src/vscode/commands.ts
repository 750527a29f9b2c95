import * as vscode from 'vscode';
import { Command, type CommandId } from './commandIds';
import type { Services } from './services';
import { reportError } from './errors';

type Handler = (ctx: Services, ...args: unknown[]) => unknown;

/**
 * Each command with the title its errors are reported under. Handlers are imported when first run, so that
 * activation evaluates none of them (nor the network stack and checks they import).
 */
const handlers: Record<CommandId, { what: string; load: () => Promise<Handler> }> = {
  [Command.showLog]: { what: 'Show Log', load: async () => (ctx) => ctx.log.show(true) },
  [Command.configureCredentials]: {
    what: 'Configure Credentials',
    load: async () => (await import('./commands/credentials')).configureCredentials,
  },
  [Command.checkConnection]: {
    what: 'Check Connection',
    load: async () => (await import('./commands/checkConnection')).checkConnection,
  },
  [Command.signOut]: { what: 'Sign Out', load: async () => (await import('./commands/credentials')).signOut },
  [Command.newNetworkDocument]: {
    what: 'New Network Document',
    load: async () => (await import('./commands/newDocument')).newNetworkDocument,
  },
  [Command.newAddressGroupDocument]: {
    what: 'New Address Group Document',
    load: async () => (await import('./commands/newDocument')).newAddressGroupDocument,
  },
  [Command.startEmulator]: {
    what: 'Start Local Emulator',
    load: async () => (await import('./commands/emulator')).startEmulator,
  },
  [Command.stopEmulator]: {
    what: 'Stop Local Emulator',
    load: async () => (await import('./commands/emulator')).stopEmulator,
  },
  [Command.showOperations]: {
    what: 'Show Provisioning Operations',
    load: async () => (await import('./provisioning/operationsList')).showOperations,
  },
  [Command.createFromDocument]: {
    what: 'Create from Document',
    load: async () => (await import('./commands/createFromDocument')).createFromDocument,
  },
  [Command.dryRunDocument]: {
    what: 'Dry Run',
    load: async () => (await import('./commands/createFromDocument')).dryRunDocument,
  },
  [Command.openResource]: {
    what: 'Open as JSON',
    load: async () => (await import('./explorer/resourceCommands')).openResourceAsJson,
  },
  [Command.copyId]: { what: 'Copy ID', load: async () => (await import('./explorer/resourceCommands')).copyId },
  [Command.copyValue]: { what: 'Copy', load: async () => (await import('./explorer/commands')).copyValue },
  [Command.openInConsole]: {
    what: 'Open in Console',
    load: async () => (await import('./explorer/openInConsole')).openInConsole,
  },
  [Command.deleteResource]: {
    what: 'Delete',
    load: async () => (await import('./explorer/resourceCommands')).deleteResource,
  },
  [Command.selectRegion]: {
    what: 'Select Region / Project',
    load: async () => (await import('./commands/selectRegion')).selectRegion,
  },
  [Command.refresh]: { what: 'Refresh', load: async () => (await import('./explorer/commands')).refresh },
  [Command.loadMore]: { what: 'Load More', load: async () => (await import('./explorer/commands')).loadMore },
  [Command.filter]: { what: 'Filter by Name', load: async () => (await import('./explorer/commands')).filterByName },
  [Command.clearFilter]: { what: 'Clear Filter', load: async () => (await import('./explorer/commands')).clearFilter },
  [Command.selectWorkspace]: {
    what: 'Select ModelArts Workspace',
    load: async () => (await import('./explorer/commands')).selectWorkspace,
  },
  [Command.revealResource]: {
    what: 'Reveal in Explorer',
    load: async () => (await import('./explorer/commands')).revealResource,
  },
  [Command.compareWithLive]: {
    what: 'Compare with Live',
    load: async () => (await import('./live/apply')).compareWithLive,
  },
  [Command.applyDocument]: { what: 'Apply Document', load: async () => (await import('./live/apply')).applyDocument },
  [Command.editResource]: { what: 'Edit as Document', load: async () => (await import('./live/apply')).editResource },
  [Command.createAsNewResource]: {
    what: 'Create as New',
    load: async () => (await import('./live/apply')).createAsNewResource,
  },
  [Command.linkDocument]: {
    what: 'Link to Address Group',
    load: async () => (await import('./live/linkCommands')).linkDocument,
  },
  [Command.unlinkDocument]: { what: 'Unlink', load: async () => (await import('./live/linkCommands')).unlinkDocument },
};

export function registerCommands(ctx: Services): void {
  for (const [id, { what, load }] of Object.entries(handlers)) {
    ctx.own(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        try {
          return await (
            await load()
          )(ctx, ...args);
        } catch (error) {
          reportError(ctx.log, what, error);
          return undefined;
        }
      }),
    );
  }
}
