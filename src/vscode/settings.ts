import * as vscode from 'vscode';
import type { ConnectionSettings } from '../core/api/connection';
import type { CredentialSourceSetting } from '../core/cloud/credentials';
import type { EndpointOverrides } from '../core/cloud/endpoints';
import { clampedInteger, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../core/limits';

export const SECTION = 'huaweicloud';

/** One typed snapshot of the extension's settings (package.json `contributes.configuration` documents each). */
export interface Settings extends ConnectionSettings {
  /** The KooCLI profile whose keys sign (source `koocli`); empty: KooCLI's current profile. */
  readonly koocliProfile: string;
  /** Resources per page in the explorer. */
  readonly pageSize: number;
  /** How long the status bar follows a resource that is still provisioning. */
  readonly provisioningTimeoutMinutes: number;
  /** Whether a Create or Apply that ends after its command reported it gets a notification when it succeeds (failures always do). */
  readonly notifyProvisioningSucceeded: boolean;
  /** Whether Start Local Emulator fills a new emulator (no state kept yet) with the sample resources. */
  readonly emulatorSampleResources: boolean;
}

/** A setting as the user's settings (or the default) give it, whatever a workspace says. */
function userValue<T>(config: vscode.WorkspaceConfiguration, key: string): T | undefined {
  const inspected = config.inspect<T>(key);
  return inspected?.globalValue ?? inspected?.defaultValue;
}

export function readSettings(): Settings {
  const config = vscode.workspace.getConfiguration(SECTION);
  return {
    region: config.get<string>('region', 'cn-north-4').trim(),
    projectId: config.get<string>('projectId', '').trim(),
    // Application scope: only the user's own settings can point signed requests elsewhere, never a workspace.
    // VS Code already drops a workspace's value; the user's value is read by itself all the same, so that no
    // change of scope or host could let one through.
    endpoints: userValue<EndpointOverrides>(config, 'endpoints') ?? {},
    credentialSource: config.get<CredentialSourceSetting>('credentialSource', 'auto'),
    // Application scope too: a workspace must not pick whose keys sign its requests.
    koocliProfile: String(userValue<unknown>(config, 'koocliProfile') ?? '').trim(),
    pageSize: clampedInteger(config.get<unknown>('pageSize'), 1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE),
    provisioningTimeoutMinutes: clampedInteger(config.get<unknown>('provisioningTimeoutMinutes'), 1, 180, 20),
    notifyProvisioningSucceeded: config.get<unknown>('notifications.provisioningSucceeded') !== false,
    emulatorSampleResources: config.get<unknown>('emulator.sampleResources') !== false,
  };
}

/** Whether a configuration change touches anything a connection is made of. */
export function affectsConnection(event: vscode.ConfigurationChangeEvent): boolean {
  return ['region', 'projectId', 'endpoints', 'credentialSource', 'koocliProfile'].some((key) =>
    event.affectsConfiguration(`${SECTION}.${key}`),
  );
}
