import * as vscode from 'vscode';
import type { AddressGroupDependency } from '../../core/api/addressGroups';
import type { Connection } from '../../core/api/connection';
import { shownValue } from '../../core/display';
import { type Kind, KINDS, tagged } from '../../core/kinds';
import type { Services } from '../services';
import { Refusal } from '../errors';
import { abortSignalFor } from '../cancellation';
import { openResource } from '../live/resourceDocuments';
import { type LiveResource, resourceId, resourceName } from '../resourceEvents';
import { asLiveResource } from './resourceArgument';

function requireResource(arg: unknown, command: string): LiveResource {
  const resource = asLiveResource(arg);
  if (!resource) {
    throw new Refusal(vscode.l10n.t('{0} runs on a network or an address group in the Huawei Cloud explorer', command));
  }
  return resource;
}

const label = (resource: LiveResource) => `${KINDS[resource.kind].noun} ${shownValue(resourceName(resource))}`;

/** Open as JSON: the live resource, read-only, as the service answers it now. */
export function openResourceAsJson(ctx: Services, arg?: unknown): Promise<vscode.TextEditor> {
  return openResource(ctx.resourceDocuments, requireResource(arg, 'Open as JSON'));
}

/** Copy ID: the network's ID (`metadata.name`) or the group's UUID. */
export async function copyId(_ctx: Services, arg?: unknown): Promise<string> {
  const resource = requireResource(arg, 'Copy ID');
  const id = resourceId(resource);
  await vscode.env.clipboard.writeText(id);
  void vscode.window.setStatusBarMessage(`Copied ${shownValue(id)}`, 3000);
  return id;
}

/** "security group web (sg-1)" for a dependency of an address group, shown escaped (the answer checked only the type and the ID). */
function describeDependencies(dependencies: readonly AddressGroupDependency[]): string[] {
  return dependencies.flatMap((group) =>
    group.dependency.map((rule) => {
      const owner = rule.type === 'sg' ? 'security group' : rule.type === 'acl' ? 'network ACL' : shownValue(rule.type);
      const name: unknown = rule.instance_name;
      return `${owner} ${typeof name === 'string' && name !== '' ? `${shownValue(name)} (${shownValue(rule.instance_id)})` : shownValue(rule.instance_id)}`;
    }),
  );
}

/**
 * Delete…: a modal confirmation naming the resource. A network's deletion is asynchronous (it shows "Deleting"
 * until it is gone); a group in use by security-group or ACL rules (VPC.9907) lists them and offers Force Delete,
 * which removes those rules too.
 */
export async function deleteResource(ctx: Services, arg?: unknown): Promise<'deleted' | 'deleting' | 'cancelled'> {
  const resource = requireResource(arg, 'Delete');
  const id = resourceId(resource);
  const kind = KINDS[resource.kind];
  const deleteButton = vscode.l10n.t('Delete');
  const confirmed = await vscode.window.showWarningMessage(
    vscode.l10n.t('Delete {0} ({1})?', label(resource), shownValue(id)),
    { modal: true, detail: kind.deleteConsequence },
    deleteButton,
  );
  if (confirmed !== deleteButton) return 'cancelled';
  return vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('Huawei Cloud: deleting {0}', label(resource)),
      cancellable: true,
    },
    async (_progress, token) => {
      const signal = abortSignalFor(token);
      const connection = await ctx.connections.open({ signal });
      let deletion;
      try {
        deletion = await deleteLive(connection, resource, signal);
      } catch (error) {
        // A resource in use elsewhere (a group in security-group or ACL rules) may go with its uses, if asked.
        const force = kind.forceDelete;
        if (!force?.inUse(error)) throw error;
        const users = describeDependencies(await force.users(connection, id, { signal }));
        if (!(await confirmForceDelete(resourceName(resource), users))) return 'cancelled';
        const { alreadyGone } = await force.delete(connection, id, { signal });
        return gone(ctx, resource, alreadyGone ? 'alreadyGone' : 'deletedWithRules', connection);
      }
      if (deletion.alreadyGone) return gone(ctx, resource, 'alreadyGone', connection);
      if (!deletion.deleting) return gone(ctx, resource, 'deleted', connection);
      // A deletion accepted that takes a while: the resource answers, being deleted, until it is gone.
      ctx.resources.fire({ type: 'deleting', resource: deletion.deleting, connectionKey: connection.identity });
      // A deletion accepted cannot be undone: no document is this resource any more, though it answers until gone.
      await ctx.links.forgetResource(connection, resource.kind, id);
      ctx.log.info(`${kind.sentenceNoun} ${resourceName(resource)} (${id}) is being deleted`);
      void vscode.window.showInformationMessage(
        vscode.l10n.t('{0} {1} is being deleted.', kind.sentenceNoun, shownValue(resourceName(resource))),
      );
      return 'deleting';
    },
  );
}

/** Deletes a resource through its kind's API: gone at once, or being deleted (with the resource as it now is). */
async function deleteLive<K extends Kind>(
  connection: Connection,
  resource: LiveResource<K>,
  signal: AbortSignal,
): Promise<{ alreadyGone: boolean; deleting: LiveResource<K> | undefined }> {
  const { alreadyGone, deleting } = await KINDS[resource.kind].delete(connection, resource.resource, { signal });
  return { alreadyGone, deleting: deleting && tagged(resource.kind, deleting) };
}

/**
 * Force Delete takes the rules that use the group with it, so neither Enter nor a hurried click does it: the
 * dialog's first (default) button keeps the group, and Force Delete… then asks for the group's name typed out, as
 * Azure asks before deleting a resource group.
 */
async function confirmForceDelete(name: string, users: readonly string[]): Promise<boolean> {
  const shown = shownValue(name);
  const keep: vscode.MessageItem = { title: vscode.l10n.t('Keep the Group') };
  const force: vscode.MessageItem = { title: vscode.l10n.t('Force Delete…') };
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('Address group {0} is in use and was not deleted.', shown),
    {
      modal: true,
      detail: vscode.l10n.t(
        'Used by: {0}.\nForce Delete deletes the group and removes those rules.',
        users.length > 0 ? users.join('; ') : vscode.l10n.t('rules the service did not list'),
      ),
    },
    keep,
    force,
  );
  if (choice !== force) return false;
  const typed = await vscode.window.showInputBox({
    title: vscode.l10n.t('Force Delete address group {0}', shown),
    prompt: vscode.l10n.t("Type the group's name, {0}, to delete it and remove the rules that use it.", shown),
    placeHolder: shown,
    ignoreFocusOut: true,
    // A name with characters nobody can type is typed as it is shown, escapes included.
    validateInput: (value) =>
      value === name || value === shown
        ? undefined
        : vscode.l10n.t('Type {0} exactly to confirm; Escape cancels.', shown),
  });
  return typed === name || typed === shown;
}

/** How a deletion ended, as the log (English) and the notification (translated) say it. */
const GONE = {
  alreadyGone: {
    logged: 'was already gone',
    shown: (noun: string, name: string) => vscode.l10n.t('{0} {1} was already gone.', noun, name),
  },
  deleted: {
    logged: 'is deleted',
    shown: (noun: string, name: string) => vscode.l10n.t('{0} {1} is deleted.', noun, name),
  },
  deletedWithRules: {
    logged: 'is deleted, with the rules that used it',
    shown: (noun: string, name: string) =>
      vscode.l10n.t('{0} {1} is deleted, with the rules that used it.', noun, name),
  },
} as const;

async function gone(
  ctx: Services,
  resource: LiveResource,
  how: keyof typeof GONE,
  connection: Connection,
): Promise<'deleted'> {
  ctx.resources.fire({
    type: 'deleted',
    kind: resource.kind,
    id: resourceId(resource),
    name: resourceName(resource),
    connectionKey: connection.identity,
  });
  // No document is this resource any more: their links go.
  await ctx.links.forgetResource(connection, resource.kind, resourceId(resource));
  ctx.log.info(
    `${KINDS[resource.kind].logNoun} ${resourceName(resource)} ${GONE[how].logged}. (${resourceId(resource)})`,
  );
  void vscode.window.showInformationMessage(
    GONE[how].shown(KINDS[resource.kind].sentenceNoun, shownValue(resourceName(resource))),
  );
  return 'deleted';
}
