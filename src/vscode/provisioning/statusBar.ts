import * as vscode from 'vscode';
import { emulatorName } from '../../core/cloud/credentials';
import { type StatusBarView, statusBarView } from '../../core/provisioning/statusBar';
import type { Services } from '../services';
import { configureCoreLocalization } from '../localization';
import { readSettings } from '../settings';

/** The connection as the status bar names it, from the settings and the emulator switch: nothing is opened. */
export function connectionLabel(ctx: Services): string {
  return ctx.connections.usingEmulator !== undefined ? emulatorName() : readSettings().region;
}

function show(item: vscode.StatusBarItem, view: StatusBarView): void {
  item.name = vscode.l10n.t('Huawei Cloud');
  item.text = view.text;
  item.tooltip = new vscode.MarkdownString(view.tooltip, true);
  item.backgroundColor =
    view.background === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  item.command = view.command;
  item.accessibilityInformation = {
    label: vscode.l10n.t('Huawei Cloud: {0}', view.text.replace(/\$\([\w~-]+\)\s*/g, '')),
    role: 'button',
  };
  item.show();
}

/**
 * The item before the features load (activation renders it through this module a second after it starts): the
 * connection of the settings, nothing followed.
 */
export function renderIdle(item: vscode.StatusBarItem): void {
  // This module renders before the features load: the core's status bar text is translated with the same bundle.
  configureCoreLocalization();
  show(item, statusBarView([], readSettings().region, Date.now()));
}

/**
 * The one status bar item, from when the features load: the connection when idle, the provisioning operations while
 * they run or when they failed (see `statusBarView`), the operations list on click.
 */
export function registerStatusBar(ctx: Services, item: vscode.StatusBarItem): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const render = () => {
    clearTimeout(timer);
    timer = undefined;
    const now = Date.now();
    const view = statusBarView(ctx.tracking.operations(), connectionLabel(ctx), now);
    show(item, view);
    // A check mark expires, an elapsed time moves on: no timer is left when nothing will change by itself.
    if (view.renderAgainAt !== undefined) timer = setTimeout(render, Math.max(0, view.renderAgainAt - now));
  };
  ctx.own({ dispose: () => clearTimeout(timer) });
  ctx.own(ctx.tracking.onDidChange(render));
  // The emulator switched on or off, or the region changed.
  ctx.own(ctx.connections.onDidChange(render));
  render();
}
