import * as vscode from 'vscode';
import type { ExtensionContext } from './context';

/** Command ids, as contributed in package.json. */
export const Command = {
  showLog: 'huaweicloud.showLog',
} as const;

type Handler = (...args: unknown[]) => unknown;

/** Each command as a factory over the shared context, registered in one place. */
const handlers: Record<(typeof Command)[keyof typeof Command], (ctx: ExtensionContext) => Handler> = {
  [Command.showLog]: (ctx) => () => ctx.log.show(true),
};

export function registerCommands(ctx: ExtensionContext): void {
  for (const [id, makeHandler] of Object.entries(handlers)) {
    ctx.own(vscode.commands.registerCommand(id, makeHandler(ctx)));
  }
}
