// Select ModelArts Workspace: what its pick offers — the workspaces of the project (name, ID, status, the current one
// marked), and always "Type a workspace ID…", which is also the way on when the list cannot be read (a user without
// the modelarts:workspace:list permission gets 403). Every value from the service is shown escaped.
import * as l10n from '@vscode/l10n';
import { consoleWord, shownValue } from '../display';
import { DEFAULT_WORKSPACE } from '../api/workspaceIds';
import type { Workspace } from '../api/workspaces';

/** What the pick shows of one choice; the VS Code layer maps it to a QuickPickItem. */
export interface WorkspaceChoice {
  /** `select`: list that workspace's networks; `type`: ask for an ID in an input box. */
  readonly action: 'select' | 'type';
  /** The workspace's ID, for `select`. */
  readonly id: string | undefined;
  readonly label: string;
  readonly description: string | undefined;
  readonly detail: string | undefined;
  /** A codicon id. */
  readonly iconId: string;
  /** The workspace listed now. */
  readonly current: boolean;
}

/** What reading the list gave: the workspaces (and whether that is all of them), or why there are none. */
export type WorkspaceListing =
  | { readonly workspaces: readonly Workspace[]; readonly complete: boolean; readonly totalCount?: number | undefined }
  | { readonly failure: string };

/** A workspace description longer than this is cut in the pick's detail line. */
const DESCRIPTION_IN_A_CHOICE = 120;

/** The label of the choice that asks for an ID; a function, translated when the pick is made. */
export const typeAnId = (): string => l10n.t('Type a workspace ID…');

/**
 * The pick's choices: the workspaces as listed (the current one marked; listed as well when the service did not list
 * it), then Type a workspace ID…, which says why when the list is incomplete or could not be read.
 */
export function workspaceChoices(listing: WorkspaceListing, current: string): WorkspaceChoice[] {
  const type = (description: string | undefined, detail: string | undefined, iconId = 'edit'): WorkspaceChoice => ({
    action: 'type',
    id: undefined,
    label: typeAnId(),
    description,
    detail,
    iconId,
    current: false,
  });
  if ('failure' in listing) {
    return [type(l10n.t('the workspaces could not be listed'), shownValue(listing.failure), 'warning')];
  }
  const choices = listing.workspaces.map((workspace): WorkspaceChoice => {
    const isCurrent = workspace.id === current;
    const status =
      workspace.status === undefined || workspace.status === '' ? undefined : consoleWord(workspace.status);
    const description =
      workspace.description === undefined || workspace.description === ''
        ? undefined
        : workspace.description.length > DESCRIPTION_IN_A_CHOICE
          ? `${workspace.description.slice(0, DESCRIPTION_IN_A_CHOICE)}…`
          : workspace.description;
    const detail = [status, workspace.status_info || undefined, description]
      .filter((part) => part !== undefined)
      .join(' · ');
    return {
      action: 'select',
      id: workspace.id,
      label: shownValue(workspace.name),
      description: workspaceMarks(workspace.id, workspace.id === DEFAULT_WORKSPACE, isCurrent),
      detail: detail === '' ? undefined : shownValue(detail),
      iconId: isCurrent
        ? 'check'
        : workspace.status === undefined || workspace.status === 'NORMAL'
          ? 'briefcase'
          : 'warning',
      current: isCurrent,
    };
  });
  if (!listing.workspaces.some((workspace) => workspace.id === current)) {
    // Typed earlier, or not visible to this user: still the one listed now, and still offered.
    choices.unshift({
      action: 'select',
      id: current,
      // `default` is the default workspace's name, as the service and the console call it: not translated.
      label: current === DEFAULT_WORKSPACE ? 'default' : l10n.t('Workspace {0}', shownValue(current)),
      description: l10n.t('{0} · current', shownValue(current)),
      detail: l10n.t('Not in the list the service gave'),
      iconId: 'check',
      current: true,
    });
  }
  const shown = listing.workspaces.length;
  const incomplete = listing.complete
    ? undefined
    : listing.totalCount === undefined
      ? l10n.t('Only {0} workspaces could be listed: type the ID of another', shown)
      : l10n.t('Only {0} of {1} workspaces could be listed: type the ID of another', shown, listing.totalCount);
  return [
    ...choices,
    type(incomplete === undefined ? l10n.t('one not listed') : l10n.t('the list is incomplete'), incomplete),
  ];
}

/** A workspace's ID (escaped), marked as the default one and as the one listed now. */
function workspaceMarks(id: string, isDefault: boolean, isCurrent: boolean): string {
  const shown = shownValue(id);
  if (isDefault && isCurrent) return l10n.t('{0} (default) · current', shown);
  if (isDefault) return l10n.t('{0} (default)', shown);
  if (isCurrent) return l10n.t('{0} · current', shown);
  return shown;
}
