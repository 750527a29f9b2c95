import * as vscode from 'vscode';
import type { AddressGroupDocument } from '../../core/api/addressGroups';
import type { Connection } from '../../core/api/connection';
import { quotedValue, shownValue } from '../../core/display';
import type { Network } from '../../core/api/networks';
import { type DocumentRequest, prepareDocument } from '../../core/documents/documentRequest';
import { Command } from '../commandIds';
import type { ExtensionContext } from '../context';
import { Refusal } from '../errors';
import { abortSignalFor } from '../cancellation';
import { type LiveResource, resourceId, resourceName } from '../resourceEvents';

/** Documents with a create (or dry run) under way: a second one of the same document is refused. */
const inFlight = new Set<string>();

/** The document a command is about: the Uri it was given (explorer menu, editor title, CodeLens), or the active editor's. */
export async function targetDocument(arg: unknown): Promise<vscode.TextDocument> {
  if (arg instanceof vscode.Uri) return vscode.workspace.openTextDocument(arg);
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    throw new Refusal('open a network or address-group document first (*.network.json, *.address-group.json)');
  }
  return editor.document;
}

/**
 * Runs the editor's checks on the document (a `linked` one may hold what only an update sets); a document with
 * errors is refused, and the Problems view shown.
 */
export function checkedRequest(document: vscode.TextDocument, linked: boolean): DocumentRequest {
  const prepared = prepareDocument(document.getText(), document.uri.path, { linked });
  if (prepared.ok) return prepared.request;
  if (prepared.errors.length > 0) void vscode.commands.executeCommand('workbench.actions.view.problems');
  throw new Refusal(prepared.message);
}

export const what = (request: Pick<DocumentRequest, 'kind' | 'name'>) =>
  `${request.kind === 'network' ? 'network' : 'address group'} ${shownValue(request.name)}`;

/** Holds the document's busy key while `work` runs: one create, dry run or Apply of a document at a time. */
export async function exclusively<T>(
  document: vscode.TextDocument,
  action: string,
  work: () => Thenable<T>,
): Promise<T> {
  const key = document.uri.toString();
  if (inFlight.has(key)) {
    throw new Refusal(`${action} of this document is already under way: wait for it to finish`);
  }
  inFlight.add(key);
  try {
    return await work();
  } finally {
    inFlight.delete(key);
  }
}

/**
 * Address-group names are not unique: when groups of that name exist, asks before making another. Returns the IDs
 * that existed (the create's recovery counts only new ones), or undefined when the user declined.
 */
async function confirmAnotherGroup(
  connection: Connection,
  name: string,
  signal: AbortSignal,
): Promise<Set<string> | undefined> {
  // Bounded pages, stopped on a repeated cursor (the client's own walk through the groups of a name).
  const existing = (await connection.addressGroups.groupsNamed(name, { signal })).map((group) => group.id);
  if (existing.length === 0) return new Set();
  const shown = existing.slice(0, 3).map(shownValue).join(', ') + (existing.length > 3 ? ', …' : '');
  const choice = await vscode.window.showWarningMessage(
    `${existing.length === 1 ? 'An address group' : `${existing.length} address groups`} named ${quotedValue(name)} already ${existing.length === 1 ? 'exists' : 'exist'} (${shown}). Names are not unique: create another?`,
    { modal: true },
    'Create Another',
  );
  return choice === 'Create Another' ? new Set(existing) : undefined;
}

/** The phase or status a live resource reports, shown escaped: a network's "" (just created) is Creating, a group without one NORMAL. */
function phaseWord(resource: LiveResource): string {
  const phase: unknown = resource.kind === 'network' ? resource.network.status?.phase : resource.group.status;
  if (typeof phase === 'string' && phase !== '') return shownValue(phase);
  return resource.kind === 'network' ? 'Creating' : 'NORMAL';
}

/** Tells the user what a create did, with the ways to go and look. */
function reportCreated(
  ctx: ExtensionContext,
  resource: LiveResource,
  recovered: boolean,
  requestId: string | undefined,
): void {
  const kindName = resource.kind === 'network' ? 'Network' : 'Address group';
  const phase = phaseWord(resource);
  const how = recovered ? ' (its answer was lost, and it was found created)' : '';
  ctx.log.info(
    `${kindName} ${resourceName(resource)} created${how}: ${resourceId(resource)}, ${phase}${requestId ? ` (request id ${requestId})` : ''}`,
  );
  void vscode.window
    .showInformationMessage(
      `${kindName} ${shownValue(resourceName(resource))} created${how}: ${phase}.`,
      'Reveal in Explorer',
      'Show Log',
    )
    .then((choice) => {
      if (choice === 'Reveal in Explorer') {
        void vscode.commands.executeCommand(Command.revealResource, {
          resourceKind: resource.kind,
          resourceId: resourceId(resource),
        });
      }
      if (choice === 'Show Log') ctx.log.show(true);
    });
}

/**
 * Create from Document: the editor's checks, then the create with a cancellable progress notification. A lost
 * answer is settled by the client (created — recovered, or unknown — look before trying again); the new resource is
 * handed to the explorer and the provisioning tracker, and the document is linked to it.
 */
export async function createFromDocument(ctx: ExtensionContext, arg?: unknown): Promise<LiveResource | undefined> {
  const document = await targetDocument(arg);
  const request = checkedRequest(document, ctx.links.linkFor(document.uri) !== undefined);
  return exclusively(document, 'A create', () => createDocumentResource(ctx, document, request));
}

/** The create itself, for a document already checked and held busy (Create, and Apply when nothing lives yet). */
export function createDocumentResource(
  ctx: ExtensionContext,
  document: vscode.TextDocument,
  request: DocumentRequest,
): Thenable<LiveResource | undefined> {
  return vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: `Huawei Cloud: creating ${what(request)}`,
      cancellable: true,
    },
    async (progress, token) => {
      const signal = abortSignalFor(token);
      const connection = await ctx.connections.open({ signal });
      let resource: LiveResource;
      let recovered: boolean;
      let requestId: string | undefined;
      if (request.kind === 'network') {
        const existing = await connection.networks.findByDisplayName(request.name, { signal });
        if (existing) {
          await reportExistingNetwork(ctx, connection, document, existing);
          return undefined;
        }
        progress.report({ message: 'sending…' });
        const result = await connection.networks.create(request.document, {
          signal,
          existingBefore: { ids: new Set() },
        });
        ({ recoveredAfterLostAnswer: recovered, requestId } = result);
        resource = { kind: 'network', network: result.resource };
      } else {
        const existingBefore =
          request.document.dry_run === true
            ? new Set<string>()
            : await confirmAnotherGroup(connection, request.name, signal);
        if (!existingBefore) return undefined;
        progress.report({ message: 'sending…' });
        const result = await connection.addressGroups.create(request.document, {
          signal,
          existingBefore: { ids: existingBefore },
        });
        if ('checkedOnly' in result) {
          reportChecked(ctx, request, result.requestId);
          return undefined;
        }
        ({ recoveredAfterLostAnswer: recovered, requestId } = result);
        resource = { kind: 'addressGroup', group: result.resource };
      }
      await ctx.links.link(connection, document.uri, {
        kind: resource.kind,
        id: resourceId(resource),
        name: resourceName(resource),
      });
      ctx.resources.fire({ type: 'created', resource, recovered, requestId, connectionKey: connection.identity });
      reportCreated(ctx, resource, recovered, requestId);
      return resource;
    },
  );
}

/**
 * A create of a network whose name exists: names are unique, so the document is that network's — it is linked to
 * it, and Compare with Live and Apply are offered. Nothing is sent.
 */
async function reportExistingNetwork(
  ctx: ExtensionContext,
  connection: Connection,
  document: vscode.TextDocument,
  existing: Network,
): Promise<void> {
  const resource: LiveResource = { kind: 'network', network: existing };
  await ctx.links.link(connection, document.uri, {
    kind: 'network',
    id: resourceId(resource),
    name: resourceName(resource),
  });
  const message = `A network named ${shownValue(resourceName(resource))} already exists in project ${connection.projectId} (${shownValue(existing.metadata.name)}, ${phaseWord(resource)}): network names are unique, so nothing was sent and this document is now linked to it. Compare with Live shows how they differ; Apply updates it.`;
  ctx.log.info(message);
  void vscode.window.showWarningMessage(message, 'Compare with Live', 'Apply').then((choice) => {
    if (choice === 'Compare with Live') void vscode.commands.executeCommand(Command.compareWithLive, document.uri);
    if (choice === 'Apply') void vscode.commands.executeCommand(Command.applyDocument, document.uri);
  });
}

function reportChecked(ctx: ExtensionContext, request: DocumentRequest, requestId: string | undefined): void {
  const message = `${what(request)} passes the service's checks (dry run): nothing was created.`;
  ctx.log.info(`${message}${requestId ? ` Request id ${requestId}.` : ''}`);
  void vscode.window.showInformationMessage(message);
}

/**
 * Validate Document on Server (Dry Run): an address group is sent with `dry_run: true` (202 = it passes, nothing is
 * created); a network, which has no dry run, gets the local checks and a look for the ID it would get.
 */
export async function dryRunDocument(ctx: ExtensionContext, arg?: unknown): Promise<string> {
  const document = await targetDocument(arg);
  const request = checkedRequest(document, ctx.links.linkFor(document.uri) !== undefined);
  return exclusively(document, 'A dry run', () =>
    vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `Huawei Cloud: checking ${what(request)} on the server`,
        cancellable: true,
      },
      async (_progress, token) => {
        const signal = abortSignalFor(token);
        const connection = await ctx.connections.open({ signal });
        let message: string;
        if (request.kind === 'addressGroup') {
          const body: AddressGroupDocument = request.document;
          const { requestId } = await connection.addressGroups.dryRun(body, { signal });
          message = `${what(request)} passes the service's checks (dry run): nothing was created.`;
          ctx.log.info(`${message}${requestId ? ` Request id ${requestId}.` : ''}`);
        } else {
          const existing = await connection.networks.findByDisplayName(request.name, { signal });
          message = existing
            ? `${what(request)} passes the local checks, but a network of that name exists (${shownValue(existing.metadata.name)}, ${phaseWord({ kind: 'network', network: existing })}): a create would be refused.`
            : `${what(request)} passes the local checks, and no network of that name exists: it would be created as ${shownValue(connection.networks.derivedId(request.name))}. (ModelArts has no server-side dry run.)`;
          ctx.log.info(message);
        }
        void vscode.window.showInformationMessage(message);
        return message;
      },
    ),
  );
}
