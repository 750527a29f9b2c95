// The explorer's commands. Each resolves its argument once — a node from the tree, an object from a caller, nothing
// from the palette — into one typed value. Errors go to the command wrapper (src/vscode/commands.ts).
import * as vscode from 'vscode';
import { shownValue } from '../../core/display';
import { type ExplorerNode, isExplorerNode, isResourceNode } from '../../core/explorer/nodes';
import { isKind, type Kind, KIND_LIST, KINDS } from '../../core/kinds';
import { describeFilter, type FilterChoice, filterChoices, type NameFilter } from '../../core/explorer/nameFilter';
import { type WorkspaceChoice, workspaceChoices, type WorkspaceListing } from '../../core/explorer/workspaceChoices';
import { HuaweiCloudError } from '../../core/cloud/errors';
import { DEFAULT_WORKSPACE, EXPLORER_KINDS, namePartProblem, workspaceIdProblem } from '../../core/explorer/resources';
import type { Services } from '../services';
import type { ResourceNode } from './api';

/** The kind a node belongs to (a service, a resource, its Load more…), if any. */
function kindOf(node: ExplorerNode | undefined): Kind | undefined {
  if (!node) return undefined;
  if (node.kind === 'service' || node.kind === 'loadMore') return node.resourceKind;
  if (isResourceNode(node)) return node.kind;
  return undefined;
}

/** From the palette: which list? */
async function pickKind(title: string): Promise<Kind | undefined> {
  const picked = await vscode.window.showQuickPick(
    KIND_LIST.map((resourceKind) => ({
      label: KINDS[resourceKind].listLabel,
      resourceKind,
    })),
    { title, placeHolder: vscode.l10n.t('Which list?') },
  );
  return picked?.resourceKind;
}

/** Refresh: the whole tree from the view title or the palette; one node from its context menu. */
export async function refresh(ctx: Services, node?: unknown): Promise<void> {
  const explorer = await ctx.explorer();
  await explorer.refresh(isExplorerNode(node) ? node : undefined);
}

/** Load More: the next page of the node's group, and only that. */
export async function loadMore(ctx: Services, node?: unknown): Promise<void> {
  if (!isExplorerNode(node) || (node.kind !== 'loadMore' && node.kind !== 'service')) return;
  const explorer = await ctx.explorer();
  await explorer.loadMore(node);
}

/** What the filter box shows of a choice (`filterChoices` in src/core says what is offered, in which order). */
type FilterItem = vscode.QuickPickItem & { readonly choice: FilterChoice };

function filterItem(kind: Kind, choice: FilterChoice): FilterItem {
  const one = KINDS[kind].noun;
  // Every item is always shown: the choices are worked out here, and VS Code's own matching must not hide Clear filter.
  switch (choice.action) {
    case 'clear':
      return {
        label: vscode.l10n.t('Clear filter'),
        iconPath: new vscode.ThemeIcon('clear-all'),
        description: vscode.l10n.t('now: {0}', shownValue(describeFilter(choice.current))),
        detail: vscode.l10n.t('List every {0} again', one),
        alwaysShow: true,
        choice,
      };
    case 'invalid':
      return {
        label: shownValue(choice.text),
        iconPath: new vscode.ThemeIcon('error'),
        description: 'cannot be a name',
        detail: choice.problem,
        alwaysShow: true,
        choice,
      };
    case 'set': {
      const { filter } = choice;
      if (filter.match === 'contains') {
        return {
          label: shownValue(filter.text),
          iconPath: new vscode.ThemeIcon('search'),
          alwaysShow: true,
          choice,
          description: `names containing it · ${choice.loadedMatches} loaded`,
          detail: 'Matches what is loaded; Search further… in the list looks through more pages',
        };
      }
      return choice.loaded
        ? {
            label: shownValue(filter.text),
            iconPath: new vscode.ThemeIcon(KINDS[kind].icon),
            description: 'loaded',
            alwaysShow: true,
            choice,
          }
        : {
            label: shownValue(filter.text),
            iconPath: new vscode.ThemeIcon('filter'),
            description: vscode.l10n.t('exact name · ask the server'),
            detail: vscode.l10n.t('Lists the {0} of exactly this name', KINDS[kind].plural),
            alwaysShow: true,
            choice,
          };
    }
  }
}

/**
 * Filter by Name, on a group (or from the palette, which asks for the group): one box that offers the names already
 * loaded as you type; a name not among them is sent as the servers' exact filter, a part of loaded names matches what
 * is loaded (Search further… looks through more pages). The same box changes the filter (a new name replaces it) and
 * clears it (its first item while one is active). A caller (a test) may pass `{ name, match? }` or `{ clear: true }`
 * as a second argument instead of answering the box.
 */
export async function filterByName(ctx: Services, node?: unknown, choice?: unknown): Promise<void> {
  const explorer = await ctx.explorer();
  const kind = kindOf(isExplorerNode(node) ? node : undefined) ?? (await pickKind('Huawei Cloud: Filter by Name'));
  if (!kind) return;
  const given =
    typeof choice === 'object' && choice !== null
      ? (choice as { name?: unknown; match?: unknown; clear?: unknown })
      : {};
  let filter: NameFilter | undefined;
  if (given.clear === true) filter = undefined;
  else if (typeof given.name === 'string') {
    filter = { text: given.name, match: given.match === 'contains' ? 'contains' : 'exact' };
  } else {
    const picked = await askFilter(kind, explorer.loadedNames(kind), explorer.query(kind).filter);
    if (!picked) return;
    filter = picked.action === 'clear' ? undefined : picked.filter;
  }
  explorer.setFilter(kind, filter);
  await explorer.expandGroup(kind);
}

/** The filter box: resolves with what was picked, or undefined when it was dismissed. */
function askFilter(
  kind: Kind,
  loadedNames: readonly string[],
  active: NameFilter | undefined,
): Promise<Exclude<FilterChoice, { action: 'invalid' }> | undefined> {
  const rules = {
    exactProblem: (text: string) => EXPLORER_KINDS[kind].filterProblem(text),
    partProblem: (text: string) => namePartProblem(kind, text),
  };
  const { noun, nameWord, listLabel } = KINDS[kind];
  const box = vscode.window.createQuickPick<FilterItem>();
  box.title = vscode.l10n.t('Huawei Cloud: Filter {0} by Name', listLabel);
  box.placeholder = vscode.l10n.t(
    "The {0}'s {1}, or a part of it (the server matches whole names only)",
    noun,
    nameWord,
  );
  const show = (value: string) => {
    box.items = filterChoices(value, loadedNames, active, rules).map((each) => filterItem(kind, each));
    // The default is the first choice, whatever VS Code's sorting of labels does with the list.
    const [first] = box.items;
    box.activeItems = first ? [first] : [];
    box.prompt = undefined;
  };
  show('');
  return new Promise((resolve) => {
    let done = false;
    const finish = (result: Exclude<FilterChoice, { action: 'invalid' }> | undefined) => {
      if (done) return;
      done = true;
      resolve(result);
      box.dispose();
    };
    box.onDidChangeValue(show);
    box.onDidAccept(() => {
      const [item] = box.activeItems.length > 0 ? box.activeItems : box.items;
      if (!item) {
        box.prompt = vscode.l10n.t('Type a name, or a part of one, to filter the {0} by.', KINDS[kind].plural);
        return;
      }
      // Enter on what cannot be a name says why, in the box, and keeps it open.
      if (item.choice.action === 'invalid') {
        box.prompt = item.choice.problem;
        return;
      }
      finish(item.choice);
    });
    box.onDidHide(() => finish(undefined));
    box.show();
  });
}

/** Copy: the value of a detail row (the CIDR, an entry, an ID…) to the clipboard; resolves with what was copied. */
export async function copyValue(_ctx: Services, node?: unknown): Promise<string> {
  if (!isExplorerNode(node) || node.kind !== 'detail' || node.copyText === undefined || node.copyText === '') {
    throw new Error('Copy takes a detail row of the explorer that has a value (a CIDR, an entry, an ID…)');
  }
  await vscode.env.clipboard.writeText(node.copyText);
  void vscode.window.setStatusBarMessage(`Copied ${shownValue(node.copyText)}`, 3000);
  return node.copyText;
}

/** Clear Filter: the inline action of a filtered group. */
export async function clearFilter(ctx: Services, node?: unknown): Promise<void> {
  const kind = kindOf(isExplorerNode(node) ? node : undefined);
  if (!kind) return;
  const explorer = await ctx.explorer();
  explorer.setFilter(kind, undefined);
}

/**
 * Select ModelArts Workspace: networks are listed per workspace (`0` by default). A pick lists the project's
 * workspaces (read while it shows; dismissing it cancels the read) with "Type a workspace ID…", the way on when the
 * list cannot be read. A caller may pass `{ workspaceId }` as a second argument instead of answering the pick.
 */
export async function selectWorkspace(ctx: Services, _node?: unknown, choice?: unknown): Promise<void> {
  const explorer = await ctx.explorer();
  const given =
    typeof choice === 'object' && choice !== null ? (choice as { workspaceId?: unknown }).workspaceId : undefined;
  let workspaceId = typeof given === 'string' ? given : undefined;
  if (workspaceId === undefined) {
    workspaceId = await pickWorkspace(ctx, explorer.query('network').workspaceId ?? DEFAULT_WORKSPACE);
    if (workspaceId === undefined) return;
  }
  explorer.setWorkspace(workspaceId);
  await explorer.expandGroup('network');
}

type WorkspaceItem = vscode.QuickPickItem & { readonly choice: WorkspaceChoice };

/** The workspace picked (or typed), or undefined when the pick or the input box was dismissed. */
async function pickWorkspace(ctx: Services, current: string): Promise<string | undefined> {
  const reading = new AbortController();
  const listing = (async (): Promise<WorkspaceListing> => {
    try {
      const connection = await ctx.connections.open({ signal: reading.signal });
      const list = await connection.workspaces.listAll({ sortBy: 'name', order: 'asc' }, { signal: reading.signal });
      if (!list.complete) {
        ctx.log.warn(
          `Select ModelArts Workspace: the service listed ${list.workspaces.length}${list.totalCount === undefined ? '' : ` of ${list.totalCount}`} workspaces; the walk through its pages stopped there`,
        );
      }
      return list;
    } catch (error) {
      if (reading.signal.aborted) return { failure: 'cancelled' };
      ctx.log.warn(
        `Select ModelArts Workspace: the workspaces could not be listed: ${error instanceof Error ? error.message : String(error)}`,
      );
      return {
        failure:
          error instanceof HuaweiCloudError ? error.summary : error instanceof Error ? error.message : String(error),
      };
    }
  })();
  const items = listing.then((read) =>
    workspaceChoices(read, current).map((each): WorkspaceItem => ({
      label: each.label,
      iconPath: new vscode.ThemeIcon(each.iconId),
      ...(each.description === undefined ? {} : { description: each.description }),
      ...(each.detail === undefined ? {} : { detail: each.detail }),
      // Typing filters the workspaces by name or ID; typing an ID nobody has must still leave this way on.
      alwaysShow: each.action === 'type',
      choice: each,
    })),
  );
  let picked: WorkspaceItem | undefined;
  try {
    picked = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('Huawei Cloud: Select ModelArts Workspace'),
      placeHolder: vscode.l10n.t(
        'The workspace whose networks to list (now {0}); type to filter by name or ID',
        shownValue(current),
      ),
      matchOnDescription: true,
      matchOnDetail: true,
    });
  } finally {
    // Picked or dismissed before the list came: nothing more is read.
    reading.abort();
  }
  if (!picked) return undefined;
  if (picked.choice.action === 'select' && picked.choice.id !== undefined) return picked.choice.id;
  const typed = await vscode.window.showInputBox({
    title: vscode.l10n.t('Huawei Cloud: Select ModelArts Workspace'),
    prompt: vscode.l10n.t(
      'The ID of the ModelArts workspace whose networks to list ({0} is the default workspace).',
      DEFAULT_WORKSPACE,
    ),
    value: current,
    validateInput: (value) => workspaceIdProblem(value.trim()),
  });
  return typed === undefined ? undefined : typed.trim();
}

/** Reveal in Explorer: `{ resourceKind, resourceId }`; resolves with the node, or undefined when it is not there. */
export async function revealResource(ctx: Services, target?: unknown): Promise<ResourceNode | undefined> {
  const { resourceKind, resourceId } = (typeof target === 'object' && target !== null ? target : {}) as {
    resourceKind?: unknown;
    resourceId?: unknown;
  };
  if (!isKind(resourceKind) || typeof resourceId !== 'string' || resourceId === '') {
    throw new Error(
      `Reveal in Explorer takes { resourceKind: ${KIND_LIST.map((kind) => `"${kind}"`).join(' | ')}, resourceId }`,
    );
  }
  const explorer = await ctx.explorer();
  const node = await explorer.reveal(resourceKind, resourceId);
  if (!node) {
    const { filter } = explorer.query(resourceKind);
    void vscode.window.showInformationMessage(
      filter === undefined
        ? vscode.l10n.t(
            'Huawei Cloud: {0} is not among the {1} of this connection.',
            shownValue(resourceId),
            KINDS[resourceKind].plural,
          )
        : vscode.l10n.t(
            'Huawei Cloud: {0} is not in the {1} listed ({2}): clear the filter to see it.',
            shownValue(resourceId),
            KINDS[resourceKind].plural,
            shownValue(describeFilter(filter)),
          ),
    );
  }
  return node;
}
