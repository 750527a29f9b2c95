import * as vscode from 'vscode';
import { checkConnection } from './commands/checkConnection';
import { configureCredentials, signOut } from './commands/credentials';
import { startEmulator, stopEmulator } from './commands/emulator';
import { newAddressGroupDocument, newNetworkDocument } from './commands/newDocument';
import type { ExtensionContext } from './context';
import { reportError } from './errors';

/** Command ids, as contributed in package.json. */
export const Command = {
  showLog: 'huaweicloud.showLog',
  configureCredentials: 'huaweicloud.configureCredentials',
  checkConnection: 'huaweicloud.checkConnection',
  signOut: 'huaweicloud.signOut',
  newNetworkDocument: 'huaweicloud.newNetworkDocument',
  newAddressGroupDocument: 'huaweicloud.newAddressGroupDocument',
  startEmulator: 'huaweicloud.startEmulator',
  stopEmulator: 'huaweicloud.stopEmulator',
} as const;

type CommandId = (typeof Command)[keyof typeof Command];

/** Each command as a handler over the shared context, with the title its errors are reported under. */
const handlers: Record<CommandId, { what: string; run: (ctx: ExtensionContext, ...args: unknown[]) => unknown }> = {
  [Command.showLog]: { what: 'Show Log', run: (ctx) => ctx.log.show(true) },
  [Command.configureCredentials]: { what: 'Configure Credentials', run: configureCredentials },
  [Command.checkConnection]: { what: 'Check Connection', run: checkConnection },
  [Command.signOut]: { what: 'Sign Out', run: signOut },
  [Command.newNetworkDocument]: { what: 'New Network Document', run: newNetworkDocument },
  [Command.newAddressGroupDocument]: { what: 'New Address Group Document', run: newAddressGroupDocument },
  [Command.startEmulator]: { what: 'Start Local Emulator', run: startEmulator },
  [Command.stopEmulator]: { what: 'Stop Local Emulator', run: stopEmulator },
};

export function registerCommands(ctx: ExtensionContext): void {
  for (const [id, { what, run }] of Object.entries(handlers)) {
    ctx.own(vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await run(ctx, ...args);
      } catch (error) {
        reportError(ctx, what, error);
        return undefined;
      }
    }));
  }
}
