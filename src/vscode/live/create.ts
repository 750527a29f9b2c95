// The create of a checked document: what Create from Document sends, and what Apply sends when nothing lives yet.
// A network whose name exists is linked instead (names are unique); another address group of a name asks first (they
// are not); a group document asking for a dry run is only checked. The new resource is linked to its document,
// handed to the explorer and the tracker, and reported.
import * as vscode from 'vscode';
import type { Connection } from '../../core/api/connection';
import type { Network } from '../../core/api/networks';
import { quotedValue, shownValue } from '../../core/display';
import type { DocumentRequest } from '../../core/documents/documentRequest';
import { describeRequest as what } from '../../core/live/applyPlan';
import type { LiveResource } from '../../core/live/liveDocuments';
import { reportedPhase, resourceId, resourceName } from '../../core/live/liveResource';
import { abortSignalFor } from '../cancellation';
import { Command } from '../commandIds';
import type { ExtensionContext } from '../context';
import { reportDone } from './report';

/** What a kind's create sent: the new resource, or nothing (declined, linked instead, or only checked). */
type Created = { readonly resource: LiveResource; readonly recovered: boolean; readonly requestId: string | undefined };

interface CreateStep<K extends DocumentRequest['kind']> {
  (
    ctx: ExtensionContext,
    connection: Connection,
    document: vscode.TextDocument,
    request: Extract<DocumentRequest, { kind: K }>,
    progress: vscode.Progress<{ message?: string }>,
    signal: AbortSignal,
  ): Promise<Created | undefined>;
}

const CREATE: { readonly [K in DocumentRequest['kind']]: CreateStep<K> } = {
  async network(ctx, connection, document, request, progress, signal) {
    const existing = await connection.networks.findByDisplayName(request.name, { signal });
    if (existing) {
      await reportExistingNetwork(ctx, connection, document, existing);
      return undefined;
    }
    progress.report({ message: 'sending…' });
    const result = await connection.networks.create(request.document, { signal, existingBefore: { ids: new Set() } });
    return {
      resource: { kind: 'network', network: result.resource },
      recovered: result.recoveredAfterLostAnswer,
      requestId: result.requestId,
    };
  },
  async addressGroup(ctx, connection, _document, request, progress, signal) {
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
    return {
      resource: { kind: 'addressGroup', group: result.resource },
      recovered: result.recoveredAfterLostAnswer,
      requestId: result.requestId,
    };
  },
};

function createStep<K extends DocumentRequest['kind']>(
  kind: K,
  ...args: Parameters<CreateStep<K>>
): Promise<Created | undefined> {
  return CREATE[kind](...args);
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
      const created = await createStep(request.kind, ctx, connection, document, request, progress, signal);
      if (!created) return undefined;
      const { resource, recovered, requestId } = created;
      await ctx.links.link(connection, document.uri, {
        kind: resource.kind,
        id: resourceId(resource),
        name: resourceName(resource),
      });
      ctx.resources.fire({ type: 'created', resource, recovered, requestId, connectionKey: connection.identity });
      reportDone(ctx, { kind: 'created', resource, recovered, requestId });
      return resource;
    },
  );
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
  const message = `A network named ${shownValue(resourceName(resource))} already exists in project ${connection.projectId} (${shownValue(existing.metadata.name)}, ${reportedPhase(resource)}): network names are unique, so nothing was sent and this document is now linked to it. Compare with Live shows how they differ; Apply updates it.`;
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
