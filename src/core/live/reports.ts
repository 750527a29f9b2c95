// What a create or an update that succeeded is reported as: one notification (a warning when the service did what
// was not asked of it) and one line of the log, for Create from Document and Apply alike. Pure: no `vscode`.
import * as l10n from '@vscode/l10n';
import { shownValue } from '../display';
import { KINDS, type LiveResource, phaseOf } from '../kinds';
import type { Change } from './liveDocuments';
import { reportedPhase, resourceId, resourceName } from './liveResource';

export type Done =
  | {
      readonly kind: 'created';
      readonly resource: LiveResource;
      /** The answer was lost, and the resource was found created. */
      readonly recovered: boolean;
      readonly requestId: string | undefined;
    }
  | {
      readonly kind: 'updated';
      readonly resource: LiveResource;
      readonly changes: readonly Change[];
      /** The answer was lost, and the resource read back holds the change. */
      readonly settledAfterLostAnswer: boolean;
      /** The service made the change on the dry run before the update (it ignores `dry_run`). */
      readonly changedByDryRun?: true | undefined;
      readonly requestId: string | undefined;
    };

export interface DoneReport {
  /** The notification's text; live values shown escaped. */
  readonly message: string;
  /** The log's line: the message's facts with the resource's ID and the request id. */
  readonly logLine: string;
  /** A warning rather than information: the service changed something although a dry run was asked. */
  readonly warning: boolean;
}

const withRequestId = (requestId: string | undefined) => (requestId ? ` (request id ${requestId})` : '');

/** What to tell the user of a create or an update that succeeded. */
export function doneReport(done: Done): DoneReport {
  const { resource } = done;
  const subject = KINDS[resource.kind].sentenceNoun;
  // The log stays English (it is for support).
  const logged = KINDS[resource.kind].logNoun;
  if (done.kind === 'created') {
    const phase = reportedPhase(resource);
    const how = done.recovered ? ' (its answer was lost, and it was found created)' : '';
    return {
      message: done.recovered
        ? l10n.t(
            '{0} {1} created (its answer was lost, and it was found created): {2}.',
            subject,
            shownValue(resourceName(resource)),
            phase,
          )
        : l10n.t('{0} {1} created: {2}.', subject, shownValue(resourceName(resource)), phase),
      logLine: `${logged} ${resourceName(resource)} created${how}: ${resourceId(resource)}, ${phase}${withRequestId(done.requestId)}`,
      warning: false,
    };
  }
  const phase = shownValue(phaseOf(resource).text);
  const note = done.changedByDryRun
    ? ' by its dry run: the service made the change although a dry run was asked (it ignores "dry_run"), so the update itself was not sent; read back, it holds the change'
    : done.settledAfterLostAnswer
      ? ' (its answer was lost; read back, it holds the change)'
      : '';
  const count = `${done.changes.length} ${done.changes.length === 1 ? 'change' : 'changes'}`;
  const name = shownValue(resourceName(resource));
  const n = done.changes.length;
  const message = done.changedByDryRun
    ? l10n.t(
        '{0} {1} updated by its dry run: the service made the change although a dry run was asked (it ignores "dry_run"), so the update itself was not sent; read back, it holds the change: {2}, now {3}.',
        subject,
        name,
        n === 1 ? l10n.t('1 change') : l10n.t('{0} changes', n),
        phase,
      )
    : done.settledAfterLostAnswer
      ? l10n.t(
          '{0} {1} updated (its answer was lost; read back, it holds the change): {2}, now {3}.',
          subject,
          name,
          n === 1 ? l10n.t('1 change') : l10n.t('{0} changes', n),
          phase,
        )
      : l10n.t(
          '{0} {1} updated: {2}, now {3}.',
          subject,
          name,
          n === 1 ? l10n.t('1 change') : l10n.t('{0} changes', n),
          phase,
        );
  return {
    message,
    logLine: `${logged} ${resourceName(resource)} updated${note}: ${count}, now ${phase}. ${resourceId(resource)}${withRequestId(done.requestId)}: ${done.changes.map((change) => change.summary).join('; ')}`,
    // A service that ignores dry runs is worth a warning: the next document asking for one will change things too.
    warning: done.changedByDryRun === true,
  };
}
