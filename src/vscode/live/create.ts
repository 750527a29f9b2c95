// The create of a checked document: what Create from Document sends, and what Apply sends when nothing lives yet.
// Of a kind whose names are unique (a network), a resource of the name is the document's: it is linked instead; of a
// kind whose names repeat (an address group), another of a name is asked for first; a document asking for a dry run
// is only checked. The new resource is linked to its document, handed to the explorer and the tracker, and reported.
// What differs per kind is its entry in the table of kinds (src/core/kinds.ts).
import * as vscode from 'vscode';
import type { Connection } from '../../core/api/connection';
import { quotedValue, shownValue } from '../../core/display';
import type { DocumentRequest } from '../../core/documents/documentRequest';
import { asksDryRun, createLive, idsNamed, KINDS, liveNamed } from '../../core/kinds';
import { describeRequest as what } from '../../core/live/applyPlan';
import type { LiveResource } from '../../core/live/liveDocuments';
import { reportedPhase, resourceId, resourceName } from '../../core/live/liveResource';
import { abortSignalFor } from '../cancellation';
import { Command } from '../commandIds';
import type { Services } from '../services';
import { reportDone } from './report';

/** The create itself, for a document already checked and held busy (Create, and Apply when nothing lives yet). */
export function createDocumentResource(
  ctx: Services,
  document: vscode.TextDocument,
  request: DocumentRequest,
): Thenable<LiveResource | undefined> {
  return vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('Huawei Cloud: creating {0}', what(request)),
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
      reportDone(ctx, { kind: 'created', resource, recovered, requestId });
      return resource;
    },
  );
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
  const { sentenceANoun, plural } = KINDS[request.kind];
  const shown = existing.slice(0, 3).map(shownValue).join(', ') + (existing.length > 3 ? ', …' : '');
  const another = vscode.l10n.t('Create Another');
  const choice = await vscode.window.showWarningMessage(
    existing.length === 1
      ? vscode.l10n.t(
          '{0} named {1} already exists ({2}). Names are not unique: create another?',
          sentenceANoun,
          quotedValue(request.name),
          shown,
        )
      : vscode.l10n.t(
          '{0} {1} named {2} already exist ({3}). Names are not unique: create another?',
          existing.length,
          plural,
          quotedValue(request.name),
          shown,
        ),
    { modal: true },
    another,
  );
  return choice === another ? new Set(existing) : undefined;
}

/**
 * A create of a resource whose name exists, of a kind whose names are unique (a network): the document is that
 * resource's — it is linked to it, and Compare with Live and Apply are offered. Nothing is sent.
 */
async function reportExisting(
  ctx: Services,
  connection: Connection,
  document: vscode.TextDocument,
  resource: LiveResource,
): Promise<void> {
  await ctx.links.link(connection, document.uri, {
    kind: resource.kind,
    id: resourceId(resource),
    name: resourceName(resource),
  });
  const { sentenceANoun, noun } = KINDS[resource.kind];
  ctx.log.info(
    `${KINDS[resource.kind].logNoun} ${resourceName(resource)} already exists in project ${connection.projectId} (${resourceId(resource)}): nothing was sent; the document is now linked to it`,
  );
  const message = vscode.l10n.t(
    '{0} named {1} already exists in project {2} ({3}, {4}): {5} names are unique, so nothing was sent and this document is now linked to it. Compare with Live shows how they differ; Apply updates it.',
    sentenceANoun,
    shownValue(resourceName(resource)),
    connection.projectId,
    shownValue(resourceId(resource)),
    reportedPhase(resource),
    noun,
  );
  const compare = vscode.l10n.t('Compare with Live');
  const apply = vscode.l10n.t('Apply');
  void vscode.window.showWarningMessage(message, compare, apply).then((choice) => {
    if (choice === compare) void vscode.commands.executeCommand(Command.compareWithLive, document.uri);
    if (choice === apply) void vscode.commands.executeCommand(Command.applyDocument, document.uri);
  });
}

function reportChecked(ctx: Services, request: DocumentRequest, requestId: string | undefined): void {
  const message = `${what(request)} passes the service's checks (dry run): nothing was created.`;
  ctx.log.info(`${message}${requestId ? ` Request id ${requestId}.` : ''}`);
  void vscode.window.showInformationMessage(message);
}
