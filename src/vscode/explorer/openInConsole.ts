import * as vscode from 'vscode';
import { consolePage } from '../../core/explorer/consolePages';
import type { Services } from '../services';
import { Refusal } from '../errors';
import { abortSignalFor } from '../cancellation';
import { resourceId, resourceName } from '../resourceEvents';
import { asLiveResource } from './resourceArgument';

/**
 * Open in Console: the resource's page in Huawei Cloud's web console for the connection's region (src/core/
 * consolePages.ts says which page), opened in the browser. The emulator, and a connection to other endpoints, have
 * no known console: that is said, and nothing is opened. Resolves with the address opened, if any.
 */
export async function openInConsole(ctx: Services, arg?: unknown): Promise<string | undefined> {
  const resource = asLiveResource(arg);
  if (!resource) {
    throw new Refusal(
      vscode.l10n.t('Open in Console runs on a network or an address group in the Huawei Cloud explorer'),
    );
  }
  // The tree's rows belong to the connection that is open: this resolves at once, without a request.
  const connection = await vscode.window.withProgress(
    { location: { viewId: 'huaweicloud.resources' } },
    (_progress, token) => ctx.connections.open({ signal: abortSignalFor(token) }),
  );
  const page = consolePage(
    resource.kind,
    { id: resourceId(resource), name: resourceName(resource) },
    {
      region: connection.region,
      source: connection.credentials.source,
      endpoints: connection.endpoints,
    },
  );
  if (!page.ok) {
    // The reason's ID: the message is in the display language, and the log stays English.
    ctx.log.info(`Open in Console: nothing opened (${page.reason})`);
    void vscode.window.showWarningMessage(page.message);
    return undefined;
  }
  ctx.log.info(`Open in Console: ${page.url}`);
  const opened = await vscode.env.openExternal(vscode.Uri.parse(page.url));
  if (opened && page.note) {
    const copyId = vscode.l10n.t('Copy ID');
    void vscode.window.showInformationMessage(page.note, copyId).then(async (choice) => {
      if (choice === copyId) await vscode.env.clipboard.writeText(resourceId(resource));
    });
  }
  return opened ? page.url : undefined;
}
