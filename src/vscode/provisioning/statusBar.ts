import * as vscode from 'vscode';
import { EMULATOR_NAME } from '../../core/cloud/credentials';
import { statusBarView } from '../../core/provisioning/statusBar';
import type { Services } from '../services';
import { readSettings } from '../settings';

/** The item's id: VS Code keys the user's hide/show choice on it, and the workbench names its element after it. */
export const STATUS_BAR_ITEM_ID = 'huaweicloud.status';

/**
 * Activation reads no setting (a tested rule: it only wires things), so the connection label — the region setting —
 * is read this long after it, when the window has started; anything the tracker reports renders at once.
 */
const FIRST_RENDER_DELAY_MS = 1_000;

/** The connection as the status bar names it, from the settings and the emulator switch: nothing is opened. */
export function connectionLabel(ctx: Services): string {
  return ctx.connections.usingEmulator !== undefined ? EMULATOR_NAME : readSettings().region;
}

/**
 * The one status bar item: the connection when idle, the provisioning operations while they run or when they
 * failed (see `statusBarView`), the operations list on click. Created at activation, shown from its first render.
 */
export function registerStatusBar(ctx: Services): void {
  const item = ctx.own(vscode.window.createStatusBarItem(STATUS_BAR_ITEM_ID, vscode.StatusBarAlignment.Left, -10));
  item.name = 'Huawei Cloud';
  let timer: ReturnType<typeof setTimeout> | undefined;

  const render = () => {
    clearTimeout(timer);
    timer = undefined;
    const now = Date.now();
    const view = statusBarView(ctx.tracking.operations(), connectionLabel(ctx), now);
    item.text = view.text;
    const tooltip = new vscode.MarkdownString(view.tooltip, true);
    item.tooltip = tooltip;
    item.backgroundColor =
      view.background === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    item.command = view.command;
    item.accessibilityInformation = {
      label: `Huawei Cloud: ${view.text.replace(/\$\([\w~-]+\)\s*/g, '')}`,
      role: 'button',
    };
    item.show();
    // A check mark expires, an elapsed time moves on: no timer is left when nothing will change by itself.
    if (view.renderAgainAt !== undefined) timer = setTimeout(render, Math.max(0, view.renderAgainAt - now));
  };

  const first = setTimeout(render, FIRST_RENDER_DELAY_MS);
  ctx.own({
    dispose: () => {
      clearTimeout(first);
      clearTimeout(timer);
    },
  });
  const renderNow = () => {
    clearTimeout(first);
    render();
  };
  ctx.own(ctx.tracking.onDidChange(renderNow));
  // The emulator switched on or off, or the region changed.
  ctx.own(ctx.connections.onDidChange(renderNow));
}
