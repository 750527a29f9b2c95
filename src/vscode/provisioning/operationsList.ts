import * as vscode from 'vscode';
import { Command } from '../commandIds';
import { shownValue } from '../../core/display';
import { describeOperation, operationChoice, outcomeOf } from '../../core/provisioning/statusBar';
import type { Operation } from '../../core/provisioning/tracker';
import type { Services } from '../services';
import { connectionLabel } from './statusBar';

/** What `huaweicloud.revealResource` receives. */
export interface RevealResourceArgument {
  readonly resourceKind: Operation['resourceKind'];
  readonly resourceId: string;
}

type Item = vscode.QuickPickItem & { readonly operation?: Operation; readonly selectRegion?: true };

function itemOf(op: Operation, now: number): Item {
  return { ...operationChoice(op, now), operation: op };
}

/**
 * "Show Provisioning Operations" (the status bar's click): recent operations, newest first, under "Select Region /
 * Project…". Picking an operation marks it seen — a failure stops colouring the status bar — and reveals its
 * resource in the explorer, or, where nothing can reveal it, writes it to the log and shows the log. Resolves with
 * the operation picked.
 */
export async function showOperations(ctx: Services): Promise<Operation | undefined> {
  const now = Date.now();
  const operations = ctx.tracking.operations();
  const items: Item[] = [
    {
      label: `$(globe) ${vscode.l10n.t('Select Region / Project…')}`,
      description: shownValue(connectionLabel(ctx)),
      selectRegion: true,
    },
    { label: vscode.l10n.t('Recent operations'), kind: vscode.QuickPickItemKind.Separator },
    ...(operations.length > 0
      ? operations.map((op) => itemOf(op, now))
      : [
          {
            label: `$(info) ${vscode.l10n.t('No provisioning operations yet')}`,
            detail: vscode.l10n.t(
              'Resources created, updated or deleted from here are listed, and followed until ready.',
            ),
          },
        ]),
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Huawei Cloud: Provisioning Operations'),
    placeHolder: operations.some((op) => op.state === 'following')
      ? vscode.l10n.t('Following resources until they settle')
      : vscode.l10n.t('Recent provisioning operations'),
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!picked) return undefined;
  if (picked.selectRegion) {
    await vscode.commands.executeCommand(Command.selectRegion);
    return undefined;
  }
  const op = picked.operation;
  if (!op) return undefined;
  (await ctx.tracker()).acknowledge(op.id);
  // A resource that is gone (deleted) or of another connection cannot be revealed: its story is in the log.
  if (op.phase !== 'Deleted' && op.state !== 'abandoned') {
    await vscode.commands.executeCommand(Command.revealResource, {
      resourceKind: op.resourceKind,
      resourceId: op.resourceId,
    } satisfies RevealResourceArgument);
  } else {
    ctx.log.info(
      `${op.name} (${describeOperation(op)}, ${op.resourceKind} ${op.resourceId}): ${outcomeOf(op)}; ${itemOf(op, Date.now()).detail}`,
    );
    ctx.log.show(true);
  }
  return { ...op, acknowledged: true };
}
