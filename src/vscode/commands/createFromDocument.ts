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
            ? `${what(request)} passes the local checks, but ${article} ${noun} of that name exists (${shownValue(resourceId(existing))}, ${reportedPhase(existing)}): a create would be refused.`
            : `${what(request)} passes the local checks, and no ${noun} of that name exists: it would be created${derived === undefined ? '' : ` as ${shownValue(derived)}`}. (${serviceName} has no server-side dry run.)`;
          ctx.log.info(message);
        }
        void vscode.window.showInformationMessage(message);
        return message;
      },
    ),
  );
}
