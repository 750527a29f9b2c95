// Select ModelArts Workspace: what its pick offers — the workspaces of the project (name, ID, status, the current one
// marked), and always "Type a workspace ID…", which is also the way on when the list cannot be read (a user without
// the modelarts:workspace:list permission gets 403). Every value from the service is shown escaped.
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

export const TYPE_AN_ID = 'Type a workspace ID…';

/**
 * The pick's choices: the workspaces as listed (the current one marked; listed as well when the service did not list
 * it), then Type a workspace ID…, which says why when the list is incomplete or could not be read.
 */
export function workspaceChoices(listing: WorkspaceListing, current: string): WorkspaceChoice[] {
  const type = (description: string | undefined, detail: string | undefined, iconId = 'edit'): WorkspaceChoice => ({
    action: 'type',
    id: undefined,
    label: TYPE_AN_ID,
    description,
    detail,
    iconId,
    current: false,
  });
  if ('failure' in listing) {
    return [type('the workspaces could not be listed', shownValue(listing.failure), 'warning')];
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
      description: shownValue(
        `${workspace.id}${workspace.id === DEFAULT_WORKSPACE ? ' (default)' : ''}${isCurrent ? ' · current' : ''}`,
      ),
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
      label: shownValue(current === DEFAULT_WORKSPACE ? 'default' : `Workspace ${current}`),
      description: shownValue(`${current} · current`),
      detail: 'Not in the list the service gave',
      iconId: 'check',
      current: true,
    });
  }
  const shown = listing.workspaces.length;
  const incomplete = listing.complete
    ? undefined
    : `Only ${shown}${listing.totalCount === undefined ? '' : ` of ${listing.totalCount}`} workspaces could be listed: type the ID of another`;
  return [...choices, type(incomplete === undefined ? 'one not listed' : 'the list is incomplete', incomplete)];
}
