import * as vscode from 'vscode';
import { shownValue } from '../../core/display';
import { ProvisioningNotices } from '../../core/provisioning/provisioningNotices';
import { Command } from '../commandIds';
import { readSettings } from '../settings';
import type { Tracking } from './tracking';

/**
 * Says once how each Create or Apply still in progress when its command reported ended: a success as information
 * with Reveal in Explorer (unless `huaweicloud.notifications.provisioningSucceeded` is off), a failure or a timeout
 * as an error with its reason and Show Log.
 */
export function noticeProvisioningEnds(tracking: Tracking, log: vscode.LogOutputChannel): vscode.Disposable {
  const notices = new ProvisioningNotices();
  return tracking.onDidChange((changed) => {
    for (const { op, notice } of notices.seen(changed, shownValue)) {
      if (notice.severity === 'error') {
        void vscode.window
          .showErrorMessage(notice.message, vscode.l10n.t('Show Log'))
          .then((choice) => choice && log.show(true));
      } else if (readSettings().notifyProvisioningSucceeded) {
        void vscode.window
          .showInformationMessage(notice.message, vscode.l10n.t('Reveal in Explorer'))
          .then((choice) => {
            if (choice) {
              void vscode.commands.executeCommand(Command.revealResource, {
                resourceKind: op.resourceKind,
                resourceId: op.resourceId,
              });
            }
          });
      }
    }
  });
}
