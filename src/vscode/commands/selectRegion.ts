import * as vscode from 'vscode';
import { PROJECT_ID_PATTERN, REGION_PATTERN, REGIONS } from '../../core/cloud/regions';
import type { Services } from '../services';
import { abortSignalFor } from '../cancellation';
import { SECTION } from '../settings';

interface RegionItem extends vscode.QuickPickItem {
  readonly region?: string;
}

/** A setting the workspace overrides would hide what is written to the user settings: say so. */
function warnIfOverridden(key: string): void {
  const inspected = vscode.workspace.getConfiguration(SECTION).inspect(key);
  if (inspected?.workspaceValue !== undefined || inspected?.workspaceFolderValue !== undefined) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t(
        'Huawei Cloud: this workspace sets huaweicloud.{0}, which wins over the user setting just written.',
        key,
      ),
    );
  }
}

async function pickRegion(current: string): Promise<string | undefined> {
  const items: RegionItem[] = REGIONS.map((region) => ({
    label: region.id,
    description: region.name,
    region: region.id,
    ...(region.id === current ? { detail: `$(check) ${vscode.l10n.t('current')}` } : {}),
  }));
  items.push({
    label: `$(edit) ${vscode.l10n.t('Other region…')}`,
    description: vscode.l10n.t('a private region or another Huawei-stack cloud'),
  });
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Huawei Cloud: Select Region (1/2)'),
    placeHolder: vscode.l10n.t('Current: {0}', current),
    matchOnDescription: true,
  });
  if (!picked) return undefined;
  if (picked.region) return picked.region;
  return vscode.window
    .showInputBox({
      title: vscode.l10n.t('Huawei Cloud: Select Region (1/2)'),
      prompt: vscode.l10n.t('Region ID'),
      value: current,
      validateInput: (value) =>
        REGION_PATTERN.test(value.trim())
          ? undefined
          : vscode.l10n.t('A region ID such as cn-north-4 or ap-southeast-1.'),
    })
    .then((value) => value?.trim());
}

/**
 * Select Region / Project: the region into the user settings, then its project — looked up through IAM (a project
 * ID that came with the credentials belongs to one region and is not reused for another), or typed.
 */
export async function selectRegion(ctx: Services): Promise<{ region: string; projectId: string } | undefined> {
  const config = vscode.workspace.getConfiguration(SECTION);
  const region = await pickRegion(config.get<string>('region', 'cn-north-4'));
  if (!region) return undefined;
  const how = await vscode.window.showQuickPick(
    [
      {
        label: `$(search) ${vscode.l10n.t('Look the project up through IAM')}`,
        description: `GET /v3/projects?name=${region}`,
        typed: false,
      },
      {
        label: `$(edit) ${vscode.l10n.t('Enter a project ID…')}`,
        description: vscode.l10n.t('32 hexadecimal characters'),
        typed: true,
      },
    ],
    { title: vscode.l10n.t('Huawei Cloud: Select Project of {0} (2/2)', region) },
  );
  if (!how) return undefined;
  let projectId = '';
  if (how.typed) {
    const typed = await vscode.window.showInputBox({
      title: vscode.l10n.t('Huawei Cloud: Project of {0} (2/2)', region),
      prompt: vscode.l10n.t('Project ID'),
      validateInput: (value) =>
        PROJECT_ID_PATTERN.test(value.trim())
          ? undefined
          : vscode.l10n.t('A project ID is 32 lowercase hexadecimal characters.'),
    });
    if (typed === undefined) return undefined;
    projectId = typed.trim();
  }
  await config.update('region', region, vscode.ConfigurationTarget.Global);
  await config.update('projectId', projectId || undefined, vscode.ConfigurationTarget.Global);
  warnIfOverridden('region');
  warnIfOverridden('projectId');
  if (projectId) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Huawei Cloud: region {0}, project {1}.', region, projectId),
    );
    return { region, projectId };
  }
  const connection = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('Huawei Cloud: looking up the project of {0}', region),
      cancellable: true,
    },
    (_progress, token) => ctx.connections.open({ signal: abortSignalFor(token) }),
  );
  void vscode.window.showInformationMessage(
    vscode.l10n.t(
      'Huawei Cloud: region {0}, project {1} (from {2}).',
      region,
      connection.projectId,
      connection.projectIdOrigin,
    ),
  );
  return { region, projectId: connection.projectId };
}
