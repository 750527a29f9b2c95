// What is said when an operation started by Create or Apply ends after that command reported it still in progress:
// the command's notification has said "created: Creating", the status bar shows the end for a few seconds only, so
// the end is said once more — a success as information, a failure as an error with its reason.
import * as l10n from '@vscode/l10n';
import { consoleWord } from '../display';
import { KINDS } from '../kinds';
import type { Operation } from './tracker';

export interface ProvisioningNotice {
  readonly severity: 'information' | 'error';
  /** Plain text, every server value in it already shown escaped by the caller's `shownValue`. */
  readonly message: string;
}

/** Whether an operation is one whose end is worth a notice: what a Create or an Apply started. */
export function isNoticedOperation(op: Pick<Operation, 'kind'>): boolean {
  return op.kind === 'create' || op.kind === 'update';
}

/**
 * The notice for an operation that has just ended (`succeeded`, `failed`, `timedOut`); undefined for one still
 * followed, one no longer followed because its connection went (`abandoned`: nothing is known of its end), or one
 * no Create or Apply started. `name` and the phase are written as the caller shows values (escaped).
 */
export function provisioningNotice(op: Operation, shown: (value: string) => string): ProvisioningNotice | undefined {
  if (!isNoticedOperation(op)) return undefined;
  const noun = KINDS[op.resourceKind].sentenceNoun;
  const name = shown(op.name);
  const created = op.kind === 'create';
  const phase = shown(consoleWord(op.phase));
  switch (op.state) {
    case 'succeeded':
      return {
        severity: 'information',
        message: created
          ? l10n.t('{0} {1} created: {2}.', noun, name, phase)
          : l10n.t('{0} {1} updated: {2}.', noun, name, phase),
      };
    case 'failed': {
      const why = shown(op.detail ?? l10n.t('it is {0}', op.phase));
      return {
        severity: 'error',
        message: created
          ? l10n.t('{0} {1} could not be created: {2}.', noun, name, why)
          : l10n.t('{0} {1} could not be updated: {2}.', noun, name, why),
      };
    }
    case 'timedOut': {
      const why = shown(op.detail ?? l10n.t('the provisioning timeout passed'));
      return {
        severity: 'error',
        message: created
          ? l10n.t('{0} {1} is not created yet: {2}.', noun, name, why)
          : l10n.t('{0} {1} is not updated yet: {2}.', noun, name, why),
      };
    }
    default:
      return undefined;
  }
}

/**
 * Says each Create's or Apply's end once: `seen` is told every change of the operations, and answers the notices of
 * those that were followed when first seen here and have ended since. An operation already settled when first seen
 * (the command's own notification said its end) or restored settled after a reload is never noticed.
 */
export class ProvisioningNotices {
  private readonly followed = new Set<string>();

  seen(
    changed: readonly Operation[],
    shown: (value: string) => string,
  ): { op: Operation; notice: ProvisioningNotice }[] {
    const notices: { op: Operation; notice: ProvisioningNotice }[] = [];
    for (const op of changed) {
      if (!isNoticedOperation(op)) continue;
      if (op.state === 'following') {
        this.followed.add(op.id);
        continue;
      }
      if (!this.followed.delete(op.id)) continue;
      const notice = provisioningNotice(op, shown);
      if (notice) notices.push({ op, notice });
    }
    return notices;
  }
}
