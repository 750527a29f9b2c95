// Create from Document and Validate Document on Server (Dry Run): the palette's and the CodeLenses' commands on a
// document. The create itself is src/vscode/live/create.ts, which Apply uses too.
import * as vscode from 'vscode';
import { shownValue } from '../../core/display';
import { dryRunCheck, KINDS, liveNamed } from '../../core/kinds';
import { describeRequest as what } from '../../core/live/applyPlan';
import { reportedPhase, resourceId } from '../../core/live/liveResource';
import type { LiveResource } from '../../core/live/liveDocuments';
import type { Services } from '../services';
import { abortSignalFor } from '../cancellation';
import { checkedRequest, targetDocument } from '../documents/targetDocument';
import { createDocumentResource } from '../live/create';

/**
 * Create from Document: the editor's checks, then the create with a cancellable progress notification. A lost
 * answer is settled by the client (created — recovered, or unknown — look before trying again); the new resource is
 * handed to the explorer and the provisioning tracker, and the document is linked to it.
 */
export async function createFromDocument(ctx: Services, arg?: unknown): Promise<LiveResource | undefined> {
  const document = await targetDocument(arg);
  const request = checkedRequest(document, ctx.links.linkFor(document.uri) !== undefined);
  return ctx.documentWork().exclusively(document, 'A create', () => createDocumentResource(ctx, document, request));
}

/**
 * Validate Document on Server (Dry Run): an address group is sent with `dry_run: true` (202 = it passes, nothing is
 * created); a network, which has no dry run, gets the local checks and a look for the ID it would get.
 */
export async function dryRunDocument(ctx: Services, arg?: unknown): Promise<string> {
  const document = await targetDocument(arg);
  const request = checkedRequest(document, ctx.links.linkFor(document.uri) !== undefined);
  return ctx.documentWork().exclusively(document, 'A dry run', () =>
    vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: vscode.l10n.t('Huawei Cloud: checking {0} on the server', what(request)),
        cancellable: true,
      },
      async (_progress, token) => {
        const signal = abortSignalFor(token);
        const connection = await ctx.connections.open({ signal });
        let message: string;
        const check = dryRunCheck(connection, request, { signal });
        if (check) {
          const { requestId } = await check;
          message = vscode.l10n.t("{0} passes the service's checks (dry run): nothing was created.", what(request));
          ctx.log.info(`${message}${requestId ? ` Request id ${requestId}.` : ''}`);
        } else {
          // No dry run on the server: the local checks, and a look for a resource of the name (names unique).
          const { aNoun, noun, serviceName, derivedId } = KINDS[request.kind];
          const existing = await liveNamed(connection, request, { signal });
          const derived = derivedId?.(connection, request.name);
          message = existing
            ? vscode.l10n.t(
                '{0} passes the local checks, but {1} of that name exists ({2}, {3}): a create would be refused.',
                what(request),
                aNoun,
                shownValue(resourceId(existing)),
                reportedPhase(existing),
              )
            : derived === undefined
              ? vscode.l10n.t(
                  '{0} passes the local checks, and no {1} of that name exists: it would be created. ({2} has no server-side dry run.)',
                  what(request),
                  noun,
                  serviceName,
                )
              : vscode.l10n.t(
                  '{0} passes the local checks, and no {1} of that name exists: it would be created as {2}. ({3} has no server-side dry run.)',
                  what(request),
                  noun,
                  shownValue(derived),
                  serviceName,
                );
          ctx.log.info(message);
        }
        void vscode.window.showInformationMessage(message);
        return message;
      },
    ),
  );
}
