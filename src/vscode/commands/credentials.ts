import * as vscode from 'vscode';
import { Command, ContextKey } from '../commandIds';
import {
  credentialValueDefect,
  resolveCredentials,
  SECRET_KEYS,
  sdkCredentialsFilePath,
  type CredentialSource,
} from '../../core/cloud/credentials';
import { koocliConfigPath } from '../../core/cloud/koocli';
import type { Services } from '../services';
import { SECTION } from '../settings';

interface SourceItem extends vscode.QuickPickItem {
  source: CredentialSource | 'auto';
}

/** AKs are upper-case letters and digits; a lenient check that still catches a pasted SK or stray whitespace. */
function validateAccessKey(value: string): string | undefined {
  if (value.trim() === '') return vscode.l10n.t('Enter the access key ID (AK).');
  if (/\s/.test(value.trim())) return vscode.l10n.t('An AK has no spaces.');
  if (!/^[A-Za-z0-9]{8,128}$/.test(value.trim())) {
    return vscode.l10n.t('An AK has only letters and digits (usually 20 upper-case characters).');
  }
  return undefined;
}

/** The same rule the credentials are checked by when they are used: printable ASCII, no spaces. */
function validateSecret(what: 'sk' | 'token') {
  return (value: string): string | undefined => {
    if (value.trim() === '') return what === 'sk' ? vscode.l10n.t('Enter the secret access key (SK).') : undefined;
    const defect = credentialValueDefect(value.trim());
    if (!defect) return undefined;
    return what === 'sk'
      ? vscode.l10n.t('The secret access key (SK) contains {0}: it has printable ASCII characters only.', defect)
      : vscode.l10n.t('The security token contains {0}: it has printable ASCII characters only.', defect);
  };
}

async function setSource(source: CredentialSource | 'auto'): Promise<void> {
  await vscode.workspace
    .getConfiguration(SECTION)
    .update('credentialSource', source, vscode.ConfigurationTarget.Global);
}

/** Asks for AK, SK and an optional security token and keeps them in VS Code's SecretStorage; never in settings. */
async function enterAccessKey(ctx: Services): Promise<boolean> {
  const accessKeyId = await vscode.window.showInputBox({
    title: vscode.l10n.t('Huawei Cloud: Access Key (1/3)'),
    prompt: vscode.l10n.t('Access key ID (AK)'),
    ignoreFocusOut: true,
    validateInput: validateAccessKey,
  });
  if (accessKeyId === undefined) return false;
  const secretAccessKey = await vscode.window.showInputBox({
    title: vscode.l10n.t('Huawei Cloud: Access Key (2/3)'),
    prompt: vscode.l10n.t("Secret access key (SK): kept in VS Code's secret storage"),
    password: true,
    ignoreFocusOut: true,
    validateInput: validateSecret('sk'),
  });
  if (secretAccessKey === undefined) return false;
  const securityToken = await vscode.window.showInputBox({
    title: vscode.l10n.t('Huawei Cloud: Access Key (3/3)'),
    prompt: vscode.l10n.t('Security token, for temporary credentials only; leave empty otherwise'),
    password: true,
    ignoreFocusOut: true,
    validateInput: validateSecret('token'),
  });
  if (securityToken === undefined) return false;

  const secrets = ctx.vscodeContext.secrets;
  await secrets.store(SECRET_KEYS.accessKeyId, accessKeyId.trim());
  await secrets.store(SECRET_KEYS.secretAccessKey, secretAccessKey.trim());
  if (securityToken.trim()) await secrets.store(SECRET_KEYS.securityToken, securityToken.trim());
  else await secrets.delete(SECRET_KEYS.securityToken);
  // Secret storage is first in `auto`; a setting pinned to another source would hide the new keys.
  const current = vscode.workspace.getConfiguration(SECTION).get<string>('credentialSource', 'auto');
  if (current !== 'auto' && current !== 'secretStorage') await setSource('auto');
  await vscode.commands.executeCommand('setContext', ContextKey.accessKeyStored, true);
  ctx.log.info(`Credentials saved in VS Code's secret storage (AK ${accessKeyId.trim().slice(0, 4)}…)`);
  return true;
}

/** Switches to a source the user keeps outside VS Code, after checking that it has keys. */
async function useExternalSource(
  ctx: Services,
  source: 'environment' | 'sdkCredentialsFile' | 'koocli',
): Promise<boolean> {
  const credentials = await resolveCredentials(source, await ctx.connections.credentialEnvironment());
  await setSource(source);
  // The source's ID, not its origin: the origin is in the display language, and the log stays English.
  ctx.log.info(
    `Credential source set to ${source}${credentials.profile !== undefined ? ` (KooCLI profile '${credentials.profile}')` : ''}`,
  );
  return true;
}

export async function configureCredentials(ctx: Services): Promise<void> {
  const environment = await ctx.connections.credentialEnvironment();
  const items: SourceItem[] = [
    {
      source: 'secretStorage',
      label: vscode.l10n.t('$(key) Enter an access key (AK/SK)'),
      detail: vscode.l10n.t("Kept in VS Code's secret storage, never in settings."),
    },
    {
      source: 'environment',
      label: vscode.l10n.t('$(terminal) Use environment variables'),
      detail: environment.env.HUAWEICLOUD_SDK_AK
        ? vscode.l10n.t('HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK, as VS Code was started with them.')
        : vscode.l10n.t('HUAWEICLOUD_SDK_AK is not set in the environment VS Code was started with.'),
    },
    {
      source: 'sdkCredentialsFile',
      label: vscode.l10n.t('$(file) Use the SDK credentials file'),
      detail: vscode.l10n.t('{0}, section {1}', sdkCredentialsFilePath(environment), '[basic]'),
    },
    {
      source: 'koocli',
      label: vscode.l10n.t('$(cloud) Use a KooCLI profile'),
      detail: vscode.l10n.t(
        "{0}: the profile in huaweicloud.koocliProfile, else KooCLI's current one (mode AKSK, keys not encrypted).",
        koocliConfigPath(environment),
      ),
    },
    {
      source: 'auto',
      label: vscode.l10n.t('$(search) Automatic'),
      detail: vscode.l10n.t('The first that has keys: secret storage, environment, SDK credentials file, KooCLI.'),
    },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Huawei Cloud: Configure Credentials'),
    placeHolder: vscode.l10n.t('Where should the access key come from?'),
    ignoreFocusOut: true,
  });
  if (!picked) return;
  let configured: boolean;
  if (picked.source === 'secretStorage') configured = await enterAccessKey(ctx);
  else if (picked.source === 'auto') {
    await setSource('auto');
    configured = true;
  } else configured = await useExternalSource(ctx, picked.source);
  if (!configured) return;
  const check = vscode.l10n.t('Check Connection');
  void vscode.window
    .showInformationMessage(vscode.l10n.t('Huawei Cloud credentials are set.'), check)
    .then((choice) => {
      if (choice === check) void vscode.commands.executeCommand(Command.checkConnection);
    });
}

/** Whether VS Code's secret storage holds any part of an access key; the context key follows it. */
export async function accessKeyStored(ctx: Services): Promise<boolean> {
  const secrets = ctx.vscodeContext.secrets;
  const stored = (await Promise.all(Object.values(SECRET_KEYS).map((key) => secrets.get(key)))).some(
    (value) => !!value,
  );
  await vscode.commands.executeCommand('setContext', ContextKey.accessKeyStored, stored);
  return stored;
}

/**
 * Removes the access key stored in VS Code's secret storage (nothing else: the environment and the SDK file are
 * the user's), then says where credentials come from now, if anywhere.
 */
export async function signOut(ctx: Services): Promise<void> {
  if (!(await accessKeyStored(ctx))) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        "Huawei Cloud: no access key is stored in VS Code's secret storage, so there is nothing to remove. {0}",
        await stillInUse(ctx),
      ),
    );
    return;
  }
  const secrets = ctx.vscodeContext.secrets;
  await Promise.all(Object.values(SECRET_KEYS).map((key) => secrets.delete(key)));
  await accessKeyStored(ctx);
  ctx.log.info("Credentials removed from VS Code's secret storage");
  void vscode.window.showInformationMessage(
    vscode.l10n.t("Huawei Cloud: the access key was removed from VS Code's secret storage. {0}", await stillInUse(ctx)),
  );
}

/** One sentence on what the connection uses once the stored key is gone. */
async function stillInUse(ctx: Services): Promise<string> {
  if (ctx.connections.usingEmulator) {
    return vscode.l10n.t('The local emulator stays the connection, with its own test key.');
  }
  const setting = vscode.workspace.getConfiguration(SECTION).get<CredentialSource | 'auto'>('credentialSource', 'auto');
  try {
    const credentials = await resolveCredentials(setting, await ctx.connections.credentialEnvironment());
    return vscode.l10n.t('Credentials still come from {0}.', credentials.origin);
  } catch {
    return vscode.l10n.t(
      'No other credentials are configured: run "Huawei Cloud: Configure Credentials" to connect again.',
    );
  }
}
