// The explorer's commands. Each resolves its argument once — a node from the tree, an object from a caller, nothing
// from the palette — into one typed value. Errors go to the command wrapper (src/vscode/commands.ts).
import * as vscode from 'vscode';
import { shownValue } from '../../core/display';
import { type ExplorerNode, isExplorerNode, PLURAL, type ResourceKind, SERVICE_LABEL } from '../../core/explorer/nodes';
import { addressGroupFilterProblem, DEFAULT_WORKSPACE, networkFilterProblem, workspaceIdProblem } from '../../core/explorer/resources';
import type { ExtensionContext } from '../context';
import type { ResourceNode } from './api';

const isKind = (value: unknown): value is ResourceKind => value === 'network' || value === 'addressGroup';

/** The kind a node belongs to (a service, a resource, its Load more…), if any. */
function kindOf(node: ExplorerNode | undefined): ResourceKind | undefined {
  if (!node) return undefined;
  if (node.kind === 'service' || node.kind === 'loadMore') return node.resourceKind;
  if (node.kind === 'network' || node.kind === 'addressGroup') return node.kind;
  return undefined;
}

/** From the palette: which list? */
async function pickKind(title: string): Promise<ResourceKind | undefined> {
  const picked = await vscode.window.showQuickPick(
    (['network', 'addressGroup'] as const).map((resourceKind) => ({ label: SERVICE_LABEL[resourceKind], resourceKind })),
    { title, placeHolder: 'Which list?' },
  );
  return picked?.resourceKind;
}

/** Refresh: the whole tree from the view title or the palette; one node from its context menu. */
export async function refresh(ctx: ExtensionContext, node?: unknown): Promise<void> {
  const explorer = await ctx.explorer();
  await explorer.refresh(isExplorerNode(node) ? node : undefined);
}

/** Load More: the next page of the node's group, and only that. */
export async function loadMore(ctx: ExtensionContext, node?: unknown): Promise<void> {
  if (!isExplorerNode(node) || (node.kind !== 'loadMore' && node.kind !== 'service')) return;
  const explorer = await ctx.explorer();
  await explorer.loadMore(node);
}

/**
 * Filter by Name, on a group (or from the palette, which asks for the group). The servers match names exactly, so
 * the input asks for the exact name. On a filtered group it first offers "Clear filter". A caller (a test) may pass
 * `{ name }` or `{ clear: true }` as a second argument instead of answering the prompts.
 */
export async function filterByName(ctx: ExtensionContext, node?: unknown, choice?: unknown): Promise<void> {
  const explorer = await ctx.explorer();
  const kind = kindOf(isExplorerNode(node) ? node : undefined) ?? await pickKind('Huawei Cloud: Filter by Name');
  if (!kind) return;
  const current = explorer.query(kind).filter;
  const given = typeof choice === 'object' && choice !== null ? choice as { name?: unknown; clear?: unknown } : {};
  let name: string | undefined;
  if (given.clear === true) name = undefined;
  else if (typeof given.name === 'string') name = given.name;
  else {
    if (current !== undefined) {
      const action = await vscode.window.showQuickPick([
        { label: '$(clear-all) Clear filter', detail: `List every ${PLURAL[kind].replace(/s$/, '')} again (now: name is ${current})`, clear: true },
        { label: '$(filter) Filter by another name…', clear: false },
      ], { title: `Huawei Cloud: Filter ${SERVICE_LABEL[kind]} by Name` });
      if (!action) return;
      if (action.clear) {
        explorer.setFilter(kind, undefined);
        return explorer.expandGroup(kind);
      }
    }
    const typed = await vscode.window.showInputBox({
      title: `Huawei Cloud: Filter ${SERVICE_LABEL[kind]} by Name`,
      prompt: kind === 'network'
        ? 'The exact display name (os.modelarts/name) of the network: the server matches it exactly.'
        : 'The exact name of the address group: the server matches it exactly.',
      value: current ?? '',
      validateInput: (value) => (kind === 'network' ? networkFilterProblem(value.trim()) : addressGroupFilterProblem(value.trim())),
    });
    if (typed === undefined) return;
    name = typed.trim();
  }
  explorer.setFilter(kind, name);
  await explorer.expandGroup(kind);
}

/** Clear Filter: the inline action of a filtered group. */
export async function clearFilter(ctx: ExtensionContext, node?: unknown): Promise<void> {
  const kind = kindOf(isExplorerNode(node) ? node : undefined);
  if (!kind) return;
  const explorer = await ctx.explorer();
  explorer.setFilter(kind, undefined);
}

/**
 * Select ModelArts Workspace: networks are listed per workspace (`0` by default). A caller may pass
 * `{ workspaceId }` as a second argument instead of answering the prompt.
 */
export async function selectWorkspace(ctx: ExtensionContext, _node?: unknown, choice?: unknown): Promise<void> {
  const explorer = await ctx.explorer();
  const given = typeof choice === 'object' && choice !== null ? (choice as { workspaceId?: unknown }).workspaceId : undefined;
  let workspaceId = typeof given === 'string' ? given : undefined;
  if (workspaceId === undefined) {
    const typed = await vscode.window.showInputBox({
      title: 'Huawei Cloud: Select ModelArts Workspace',
      prompt: `The ID of the ModelArts workspace whose networks to list (${DEFAULT_WORKSPACE} is the default workspace).`,
      value: explorer.query('network').workspaceId ?? DEFAULT_WORKSPACE,
      validateInput: (value) => workspaceIdProblem(value.trim()),
    });
    if (typed === undefined) return;
    workspaceId = typed.trim();
  }
  explorer.setWorkspace(workspaceId);
  await explorer.expandGroup('network');
}

/** Reveal in Explorer: `{ resourceKind, resourceId }`; resolves with the node, or undefined when it is not there. */
export async function revealResource(ctx: ExtensionContext, target?: unknown): Promise<ResourceNode | undefined> {
  const { resourceKind, resourceId } = (typeof target === 'object' && target !== null ? target : {}) as { resourceKind?: unknown; resourceId?: unknown };
  if (!isKind(resourceKind) || typeof resourceId !== 'string' || resourceId === '') {
    throw new Error('Reveal in Explorer takes { resourceKind: "network" | "addressGroup", resourceId }');
  }
  const explorer = await ctx.explorer();
  const node = await explorer.reveal(resourceKind, resourceId);
  if (!node) {
    const { filter } = explorer.query(resourceKind);
    void vscode.window.showInformationMessage(filter === undefined
      ? `Huawei Cloud: ${shownValue(resourceId)} is not among the ${PLURAL[resourceKind]} of this connection.`
      : `Huawei Cloud: ${shownValue(resourceId)} is not in the ${PLURAL[resourceKind]} listed (name is ${filter}): clear the filter to see it.`);
  }
  return node;
}
