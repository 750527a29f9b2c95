import * as vscode from 'vscode';
import type { Connection } from '../../core/api/connection';
import { quotedValue, shownValue } from '../../core/display';
import { type DocumentRequest, prepareDocument } from '../../core/documents/documentRequest';
import { asksDryRun, createLive, dryRunCheck, idsNamed, KINDS, liveNamed, statedPhaseOf } from '../../core/kinds';
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
  `${KINDS[request.kind].noun} ${shownValue(request.name)}`;

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
 * Names that are not unique (address groups'): when resources of that name exist, asks before making another.
 * Returns the IDs that existed (the create's recovery counts only new ones), or undefined when the user declined.
 */
async function confirmAnother(
  connection: Connection,
  request: DocumentRequest,
  signal: AbortSignal,
): Promise<Set<string> | undefined> {
  // Bounded pages, stopped on a repeated cursor (the client's own walk through the resources of a name).
  const existing = await idsNamed(connection, request, { signal });
  if (existing.length === 0) return new Set();
  const { article, noun, plural } = KINDS[request.kind];
  const one = `${article === 'an' ? 'An' : 'A'} ${noun}`;
  const name = request.name;
  const shown = existing.slice(0, 3).map(shownValue).join(', ') + (existing.length > 3 ? ', …' : '');
  const choice = await vscode.window.showWarningMessage(
    `${existing.length === 1 ? one : `${existing.length} ${plural}`} named ${quotedValue(name)} already ${existing.length === 1 ? 'exists' : 'exist'} (${shown}). Names are not unique: create another?`,
    { modal: true },
    'Create Another',
  );
  return choice === 'Create Another' ? new Set(existing) : undefined;
}

/** The phase or status a live resource reports, shown escaped: a network's "" (just created) is Creating, a group without one NORMAL. */
const phaseWord = (resource: LiveResource): string => shownValue(statedPhaseOf(resource));

/** Tells the user what a create did, with the ways to go and look. */
function reportCreated(
  ctx: ExtensionContext,
  resource: LiveResource,
  recovered: boolean,
  requestId: string | undefined,
): void {
  const kindName = KINDS[resource.kind].sentenceNoun;
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
      let existingBefore: Set<string> | undefined;
      if (KINDS[request.kind].uniqueNames) {
        // Names are unique: a resource of this name is this document's.
        const existing = await liveNamed(connection, request, { signal });
        if (existing) {
          await reportExisting(ctx, connection, document, existing);
          return undefined;
        }
        existingBefore = new Set();
      } else {
        existingBefore = asksDryRun(request) ? new Set() : await confirmAnother(connection, request, signal);
        if (!existingBefore) return undefined;
      }
      progress.report({ message: 'sending…' });
      const result = await createLive(connection, request, { signal, existingBefore: { ids: existingBefore } });
      if ('checkedOnly' in result) {
        reportChecked(ctx, request, result.requestId);
        return undefined;
      }
      const { resource, recoveredAfterLostAnswer: recovered, requestId } = result;
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
async function reportExisting(
  ctx: ExtensionContext,
  connection: Connection,
  document: vscode.TextDocument,
  resource: LiveResource,
): Promise<void> {
  await ctx.links.link(connection, document.uri, {
    kind: resource.kind,
    id: resourceId(resource),
    name: resourceName(resource),
  });
  const { article, noun } = KINDS[resource.kind];
  const message = `${article === 'an' ? 'An' : 'A'} ${noun} named ${shownValue(resourceName(resource))} already exists in project ${connection.projectId} (${shownValue(resourceId(resource))}, ${phaseWord(resource)}): ${noun} names are unique, so nothing was sent and this document is now linked to it. Compare with Live shows how they differ; Apply updates it.`;
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
        const check = dryRunCheck(connection, request, { signal });
        if (check) {
          const { requestId } = await check;
          message = `${what(request)} passes the service's checks (dry run): nothing was created.`;
          ctx.log.info(`${message}${requestId ? ` Request id ${requestId}.` : ''}`);
        } else {
          // No dry run on the server: the local checks, and a look for a resource of the name (names unique).
          const { article, noun, serviceName, derivedId } = KINDS[request.kind];
          const existing = await liveNamed(connection, request, { signal });
          const derived = derivedId?.(connection, request.name);
          message = existing
            ? `${what(request)} passes the local checks, but ${article} ${noun} of that name exists (${shownValue(resourceId(existing))}, ${phaseWord(existing)}): a create would be refused.`
            : `${what(request)} passes the local checks, and no ${noun} of that name exists: it would be created${derived === undefined ? '' : ` as ${shownValue(derived)}`}. (${serviceName} has no server-side dry run.)`;
          ctx.log.info(message);
        }
        void vscode.window.showInformationMessage(message);
        return message;
      },
    ),
  );
}
