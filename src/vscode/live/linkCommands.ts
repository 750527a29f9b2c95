// Link to Address Group… and Unlink. Address-group names are not unique, so which group a document is must be
// chosen — by the user among the groups of its name, with their IDs and entries to tell them apart.
import * as vscode from 'vscode';
import type { AddressGroup } from '../../core/api/addressGroups';
import { shownValue } from '../../core/display';
import { documentIdentity } from '../../core/documents/documentRequest';
import { KINDS } from '../../core/kinds';
import { addressGroupChoice } from '../../core/explorer/resources';
import type { ResourceLink } from '../../core/live/links';
import type { Services } from '../services';
import { Refusal } from '../errors';
import { abortSignalFor } from '../cancellation';
import { targetDocument } from '../documents/targetDocument';

/**
 * Links an address-group document to a group of its name: the one given (a CodeLens offering the one the explorer
 * knows), or the one picked among all groups of that name (read now). Resolves with the link, or undefined when the
 * user picked none.
 */
export async function linkDocument(ctx: Services, arg?: unknown, groupId?: unknown): Promise<ResourceLink | undefined> {
  const document = await targetDocument(arg);
  const identity = documentIdentity(document.getText(), document.uri.path);
  // The command is the address groups': names that repeat are why a document must be linked to one.
  if (identity?.kind !== 'addressGroup') {
    const unique = identity && KINDS[identity.kind];
    throw new Refusal(
      unique?.uniqueNames
        ? vscode.l10n.t(
            'a {0} document needs no link: {0} names are unique, so its name says which {0} it is',
            unique.noun,
          )
        : vscode.l10n.t('Link to Address Group… runs on an address-group document with a name'),
    );
  }
  const { connection, candidates } = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('Huawei Cloud: reading the address groups named {0}', shownValue(identity.name)),
      cancellable: true,
    },
    async (_progress, token) => {
      const signal = abortSignalFor(token);
      const opened = await ctx.connections.open({ signal });
      return {
        connection: opened,
        candidates:
          typeof groupId === 'string'
            ? [await opened.addressGroups.get(groupId, { signal })]
            : await opened.addressGroups.groupsNamed(identity.name, { signal }),
      };
    },
  );
  const [given] = candidates;
  if (typeof groupId === 'string' && given && given.name !== identity.name) {
    throw new Refusal(
      vscode.l10n.t(
        'address group {0} is named {1}, and this document {2}: a document is linked to a group of its name',
        given.id,
        given.name,
        identity.name,
      ),
    );
  }
  const group =
    typeof groupId === 'string' ? given : await pickGroup(ctx, identity.name, candidates, connection.projectId);
  if (!group) return undefined;
  const link: ResourceLink = { kind: 'addressGroup', id: group.id, name: group.name };
  await ctx.links.link(connection, document.uri, link);
  void vscode.window.setStatusBarMessage(
    `Linked to address group ${shownValue(group.name)} (${shownValue(group.id)})`,
    5000,
  );
  return link;
}

async function pickGroup(
  ctx: Services,
  name: string,
  groups: AddressGroup[],
  projectId: string,
): Promise<AddressGroup | undefined> {
  if (groups.length === 0) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'No address group is named {0} in project {1}: Create makes one, and links the document to it.',
        shownValue(name),
        projectId,
      ),
    );
    return undefined;
  }
  // The one the explorer shows first: most likely the one the user has in mind.
  const known = new Set(
    ctx
      .loadedExplorer()
      ?.groupsNamed(name)
      .map((group) => group.id) ?? [],
  );
  const items = groups
    .map((group) => ({ ...addressGroupChoice(group, known.has(group.id)), group }))
    .sort((a, b) => Number(known.has(b.group.id)) - Number(known.has(a.group.id)));
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Link to Address Group: {0} named {1}', groups.length, shownValue(name)),
    placeHolder: vscode.l10n.t('Which group is this document? (names are not unique: IDs and entries tell them apart)'),
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked?.group;
}

/** Unlink: the document is no longer any live resource's here (the link of the connection in use). */
export async function unlinkDocument(ctx: Services, arg?: unknown): Promise<boolean> {
  const document = await targetDocument(arg);
  const link = ctx.links.linkFor(document.uri);
  const removed = await ctx.links.unlink(undefined, document.uri);
  void vscode.window.setStatusBarMessage(
    removed && link
      ? `Unlinked from ${shownValue(link.name)} (${shownValue(link.id)})`
      : 'This document was not linked',
    5000,
  );
  return removed;
}
