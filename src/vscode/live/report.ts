// One report of a create or an update that succeeded (the words are the core's: src/core/live/reports.ts), with the
// ways to go and look: Reveal in Explorer, Show Log.
import * as vscode from 'vscode';
import { type Done, doneReport } from '../../core/live/reports';
import { resourceId } from '../../core/live/liveResource';
import { Command } from '../commandIds';
import type { Services } from '../services';

/** Tells the user what a create or an update did: logged, and shown with Reveal in Explorer and Show Log. */
export function reportDone(ctx: Services, done: Done): void {
  const { message, logLine, warning } = doneReport(done);
  ctx.log.info(logLine);
  const actions = ['Reveal in Explorer', 'Show Log'] as const;
  const shown = warning
    ? vscode.window.showWarningMessage(message, ...actions)
    : vscode.window.showInformationMessage(message, ...actions);
  void shown.then((choice) => {
    if (choice === 'Reveal in Explorer') {
      void vscode.commands.executeCommand(Command.revealResource, {
        resourceKind: done.resource.kind,
        resourceId: resourceId(done.resource),
      });
    }
    if (choice === 'Show Log') ctx.log.show(true);
  });
}
