import * as vscode from 'vscode';
import type { Services } from '../services';
import { abortSignalFor } from '../cancellation';
import { readSettings } from '../settings';
import { projectIdOriginName } from '../../core/explorer/describe';

/** What Check Connection found: no secret in it, so tests and other extensions may read it. */
export interface ConnectionReport {
  region: string;
  projectId: string;
  projectIdOrigin: string;
  credentialSource: string;
  credentialOrigin: string;
  /** What the connection is called: "Local emulator", "AK HPUA…" (`connectionName`). */
  connectionName: string;
  endpoints: Record<string, string>;
  networks: { count: number; more: boolean };
  addressGroups: { count: number; more: boolean };
}

const count = ({ count: n, more }: { count: number; more: boolean }) => `${n}${more ? '+' : ''}`;

export async function checkConnection(ctx: Services): Promise<ConnectionReport> {
  const report = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('Huawei Cloud: checking the connection'),
      cancellable: true,
    },
    async (progress, token) => {
      const signal = abortSignalFor(token);
      const connection = await ctx.connections.open({ signal });
      progress.report({ message: vscode.l10n.t('listing resources in {0}…', connection.region) });
      const limit = readSettings().pageSize;
      // One after the other: keys being checked are not proven yet, and two lists sent together would send a
      // wrong signature twice (five in a row lock the access key). A refusal of the first sends nothing more.
      const networks = await connection.networks.listPage({ limit }, { signal });
      const groups = await connection.addressGroups.listPage({ limit }, { signal });
      return {
        region: connection.region,
        projectId: connection.projectId,
        projectIdOrigin: connection.projectIdOrigin,
        credentialSource: connection.credentials.source,
        credentialOrigin: connection.credentials.origin,
        connectionName: connection.credentials.name,
        endpoints: { ...connection.endpoints },
        networks: { count: networks.items.length, more: networks.continueToken !== undefined },
        addressGroups: { count: groups.addressGroups.length, more: groups.nextMarker !== undefined },
      } satisfies ConnectionReport;
    },
  );
  const networks = count(report.networks);
  const groups = count(report.addressGroups);
  // The emulator is named first: its region and project are the emulator's, and nothing here reaches the cloud.
  // The same sentence twice: in English for the log, translated for the notification.
  const emulator = report.credentialSource === 'emulator';
  const logged = emulator
    ? `Connected to the ${report.connectionName} at ${report.endpoints.vpc} (${report.region}, project ${report.projectId}), not Huawei Cloud: ${networks} ModelArts networks, ${groups} VPC address groups.`
    : `Connected to ${report.region} (project ${report.projectId}, from ${report.projectIdOrigin}) with credentials from ${report.credentialOrigin}: ${networks} ModelArts networks, ${groups} VPC address groups.`;
  const resources = vscode.l10n.t('{0} ModelArts networks, {1} VPC address groups', networks, groups);
  const summary = emulator
    ? vscode.l10n.t(
        'Connected to the {0} at {1} ({2}, project {3}), not Huawei Cloud: {4}.',
        report.connectionName,
        report.endpoints.vpc ?? '',
        report.region,
        report.projectId,
        resources,
      )
    : vscode.l10n.t(
        'Connected to {0} (project {1}, from {2}) with credentials from {3}: {4}.',
        report.region,
        report.projectId,
        projectIdOriginName(report.projectIdOrigin),
        report.credentialOrigin,
        resources,
      );
  ctx.log.info(
    `${logged} Endpoints: ${Object.entries(report.endpoints)
      .map(([service, url]) => `${service} ${url}`)
      .join(', ')}`,
  );
  const showLog = vscode.l10n.t('Show Log');
  void vscode.window
    .showInformationMessage(summary, showLog)
    .then((choice) => choice === showLog && ctx.log.show(true));
  return report;
}
