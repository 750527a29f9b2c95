import * as vscode from 'vscode';
import { Command, type CommandId } from './commandIds';
import type { ExtensionContext } from './context';
import { reportError } from './errors';

type Handler = (ctx: ExtensionContext, ...args: unknown[]) => unknown;

/**
 * Each command with the title its errors are reported under. Handlers are imported when first run, so that
 * activation evaluates none of them (nor the network stack and checks they import).
 */
const handlers: Record<CommandId, { what: string; load: () => Promise<Handler> }> = {
  [Command.showLog]: { what: 'Show Log', load: async () => (ctx) => ctx.log.show(true) },
  [Command.configureCredentials]: { what: 'Configure Credentials', load: async () => (await import('./commands/credentials')).configureCredentials },
  [Command.checkConnection]: { what: 'Check Connection', load: async () => (await import('./commands/checkConnection')).checkConnection },
  [Command.signOut]: { what: 'Sign Out', load: async () => (await import('./commands/credentials')).signOut },
  [Command.newNetworkDocument]: { what: 'New Network Document', load: async () => (await import('./commands/newDocument')).newNetworkDocument },
  [Command.newAddressGroupDocument]: { what: 'New Address Group Document', load: async () => (await import('./commands/newDocument')).newAddressGroupDocument },
  [Command.startEmulator]: { what: 'Start Local Emulator', load: async () => (await import('./commands/emulator')).startEmulator },
  [Command.stopEmulator]: { what: 'Stop Local Emulator', load: async () => (await import('./commands/emulator')).stopEmulator },
  [Command.showOperations]: { what: 'Show Provisioning Operations', load: async () => (await import('./operationsList')).showOperations },
};

export function registerCommands(ctx: ExtensionContext): void {
  for (const [id, { what, load }] of Object.entries(handlers)) {
    ctx.own(vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await (await load())(ctx, ...args);
      } catch (error) {
        reportError(ctx, what, error);
        return undefined;
      }
    }));
  }
}
