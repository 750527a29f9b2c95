// Where the AK/SK come from. In `auto`, the first source that has an AK and SK wins, in this order:
//   1. VS Code's secret storage (entered with "Huawei Cloud: Configure Credentials");
//   2. the environment: HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK, HUAWEICLOUD_SDK_SECURITY_TOKEN, HUAWEICLOUD_SDK_PROJECT_ID;
//   3. the SDK credentials file: ~/.huaweicloud/credentials (or HUAWEICLOUD_SDK_CREDENTIALS_FILE), section [basic];
//   4. KooCLI's configuration: ~/.hcloud/config.json, the profile named by huaweicloud.koocliProfile or its current one.
// The `huaweicloud.credentialSource` setting pins one. Messages name sources and variables, never values.
import { join } from 'node:path';
import * as l10n from '@vscode/l10n';
import { HuaweiCloudError } from './errors';
import { KOOCLI_MAX_BYTES, koocliConfigPath, koocliFileTooLarge, readKooCliProfile } from './koocli';
import type { SigningKey } from './signer';

export type CredentialSource = 'secretStorage' | 'environment' | 'sdkCredentialsFile' | 'koocli';
export type CredentialSourceSetting = 'auto' | CredentialSource;
export const AUTO_ORDER: readonly CredentialSource[] = ['secretStorage', 'environment', 'sdkCredentialsFile', 'koocli'];

/** Keys under which "Configure Credentials" keeps the values in VS Code's SecretStorage. */
export const SECRET_KEYS = {
  accessKeyId: 'huaweicloud.accessKeyId',
  secretAccessKey: 'huaweicloud.secretAccessKey',
  securityToken: 'huaweicloud.securityToken',
} as const;

export interface Credentials {
  readonly key: SigningKey;
  /** `emulator`: the well-known key of a local emulator the extension started (never from settings). */
  readonly source: CredentialSource | 'emulator';
  /** For people: where the keys were found ("environment (HUAWEICLOUD_SDK_AK)"). */
  readonly origin: string;
  /** A project ID that came with the credentials (environment, SDK file, KooCLI profile). */
  readonly projectId?: string | undefined;
  /**
   * The region that project belongs to, when the source says (a KooCLI profile's `region`). Without it, the project
   * is taken to belong to the first region it is used in (`ProjectRegions`).
   */
  readonly projectRegion?: string | undefined;
  /** The named profile the keys came from (KooCLI), shown with the source wherever the connection is named. */
  readonly profile?: string | undefined;
  /** An IAM endpoint that came with the credentials (environment or SDK file). */
  readonly iamEndpoint?: string | undefined;
}

/**
 * What a connection over the emulator's well-known key is called, everywhere a person reads it. A function, so that
 * it is translated when shown (after the VS Code layer has configured the display language).
 */
export const emulatorName = (): string => l10n.t('Local emulator');

/**
 * How many of an access key ID's characters name a connection: enough to tell two accounts' keys apart at a glance,
 * while the key itself (which the Authorization header carries in full) is not written out where people read.
 */
const ACCESS_KEY_CHARACTERS_SHOWN = 4;

/**
 * The name a connection is shown by (the explorer's root, the status bar, Check Connection, notifications): "Local
 * emulator" for the emulator the extension started; "KooCLI profile 'dev'" for keys from a KooCLI profile (the
 * profile is what its user calls that account); else the access key by its first characters ("AK HPUA…"): the
 * other sources carry no account or profile name (the SDK file has one section, [basic]), and the source itself
 * says where the key came from, not whose it is: that goes in tooltips.
 */
export function connectionName(credentials: Pick<Credentials, 'source' | 'key' | 'profile'>): string {
  if (credentials.source === 'emulator') return emulatorName();
  if (credentials.source === 'koocli' && credentials.profile !== undefined) {
    return l10n.t("KooCLI profile '{0}'", credentials.profile);
  }
  return `AK ${credentials.key.accessKeyId.slice(0, ACCESS_KEY_CHARACTERS_SHOWN)}…`;
}

export interface CredentialEnvironment {
  /** Reads VS Code's SecretStorage. */
  readonly secret: (key: string) => Promise<string | undefined>;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly homedir: string;
  /**
   * Reads a file as UTF-8; rejects with code ENOENT when it does not exist, and with code EFBIG (reading no more)
   * when it is longer than `maxBytes`.
   */
  readonly readFile: (path: string, options?: { maxBytes?: number }) => Promise<string>;
  /** The KooCLI profile named by huaweicloud.koocliProfile; empty or absent: KooCLI's current profile. */
  readonly koocliProfile?: string | undefined;
}

/** Parses INI text into sections of key → value. Lines starting with # or ; are comments. */
export function parseIni(text: string): Map<string, Map<string, string>> {
  const sections = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const section = /^\[([^\]]+)\]$/.exec(line);
    if (section) {
      const name = (section[1] ?? '').trim();
      current = sections.get(name) ?? new Map();
      sections.set(name, current);
      continue;
    }
    const equals = line.indexOf('=');
    if (current && equals > 0) current.set(line.slice(0, equals).trim().toLowerCase(), line.slice(equals + 1).trim());
  }
  return sections;
}

export function sdkCredentialsFilePath(environment: Pick<CredentialEnvironment, 'env' | 'homedir'>): string {
  return environment.env.HUAWEICLOUD_SDK_CREDENTIALS_FILE || join(environment.homedir, '.huaweicloud', 'credentials');
}

const nonEmpty = (value: string | undefined): string | undefined =>
  value && value.trim() !== '' ? value.trim() : undefined;

function configurationError(message: string): HuaweiCloudError {
  return new HuaweiCloudError(message, { kind: 'configuration', notSent: true });
}

/**
 * What is wrong with a credential value, if anything. They travel in HTTP headers (the AK in Authorization, the
 * token in X-Security-Token, the project ID in X-Project-Id) and keys are printable ASCII: anything else is a
 * paste gone wrong, and a library refusing it would quote the value in its error.
 */
export function credentialValueDefect(value: string): string | undefined {
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '\n' || char === '\r') return l10n.t('a line break');
    if (code === 0) return l10n.t('a NUL character');
    if (code < 0x20 || code === 0x7f) return l10n.t('a control character');
    if (code === 0x20) return l10n.t('a space');
    if (code > 0x7e) return l10n.t('a character that is not ASCII');
  }
  return undefined;
}

/** The names of one source's values, for messages: where each came from, never what it holds. */
interface ValueNames {
  readonly ak: string;
  readonly sk: string;
  readonly token: string;
  readonly projectId?: string;
}

/**
 * Refuses malformed values before anything is signed or sent, naming the value and where it came from — never its
 * text. A configuration error is never sent, so it cannot start the search for a lost create.
 */
function checkValues(credentials: Credentials, names: ValueNames): Credentials {
  const values: [string, string | undefined][] = [
    [names.ak, credentials.key.accessKeyId],
    [names.sk, credentials.key.secretAccessKey],
    [names.token, credentials.key.securityToken],
    ...(names.projectId ? [[names.projectId, credentials.projectId] as [string, string | undefined]] : []),
  ];
  for (const [name, value] of values) {
    const defect = value === undefined ? undefined : credentialValueDefect(value);
    if (defect) {
      throw configurationError(
        l10n.t('{0} contains {1}: enter it again as printable ASCII characters only', name, defect),
      );
    }
  }
  if (credentials.projectId !== undefined && !/^[A-Za-z0-9_-]{1,64}$/.test(credentials.projectId)) {
    throw configurationError(
      l10n.t(
        '{0} is not a project ID (letters, digits, "-" and "_"; 32 hexadecimal characters on Huawei Cloud)',
        names.projectId ?? l10n.t('the project ID'),
      ),
    );
  }
  return credentials;
}

/** Both or neither: a lone AK or SK is a mistake worth saying rather than skipping. */
function pair(ak: string | undefined, sk: string | undefined, akName: string, skName: string, where: string) {
  if (ak && !sk) throw configurationError(l10n.t('{0}: {1} is set but {2} is not', where, akName, skName));
  if (sk && !ak) throw configurationError(l10n.t('{0}: {1} is set but {2} is not', where, skName, akName));
  return ak && sk ? { ak, sk } : undefined;
}

async function fromSecretStorage(environment: CredentialEnvironment): Promise<Credentials | undefined> {
  const [ak, sk, token] = await Promise.all([
    environment.secret(SECRET_KEYS.accessKeyId),
    environment.secret(SECRET_KEYS.secretAccessKey),
    environment.secret(SECRET_KEYS.securityToken),
  ]);
  const storage = l10n.t("VS Code's secret storage");
  const keys = pair(nonEmpty(ak), nonEmpty(sk), l10n.t('the AK'), l10n.t('the SK'), storage);
  if (!keys) return undefined;
  return checkValues(
    {
      key: { accessKeyId: keys.ak, secretAccessKey: keys.sk, securityToken: nonEmpty(token) },
      source: 'secretStorage',
      origin: storage,
    },
    {
      ak: l10n.t("the AK in VS Code's secret storage"),
      sk: l10n.t("the SK in VS Code's secret storage"),
      token: l10n.t("the security token in VS Code's secret storage"),
    },
  );
}

function fromEnvironment(environment: CredentialEnvironment): Credentials | undefined {
  const env = environment.env;
  const keys = pair(
    nonEmpty(env.HUAWEICLOUD_SDK_AK),
    nonEmpty(env.HUAWEICLOUD_SDK_SK),
    'HUAWEICLOUD_SDK_AK',
    'HUAWEICLOUD_SDK_SK',
    l10n.t('the environment'),
  );
  if (!keys) return undefined;
  return checkValues(
    {
      key: {
        accessKeyId: keys.ak,
        secretAccessKey: keys.sk,
        securityToken: nonEmpty(env.HUAWEICLOUD_SDK_SECURITY_TOKEN),
      },
      source: 'environment',
      origin: l10n.t('the environment ({0})', 'HUAWEICLOUD_SDK_AK / HUAWEICLOUD_SDK_SK'),
      projectId: nonEmpty(env.HUAWEICLOUD_SDK_PROJECT_ID),
      iamEndpoint: nonEmpty(env.HUAWEICLOUD_SDK_IAM_ENDPOINT),
    },
    {
      ak: l10n.t('the AK from {0}', 'HUAWEICLOUD_SDK_AK'),
      sk: l10n.t('the SK from {0}', 'HUAWEICLOUD_SDK_SK'),
      token: l10n.t('the security token from {0}', 'HUAWEICLOUD_SDK_SECURITY_TOKEN'),
      projectId: l10n.t('the project ID from {0}', 'HUAWEICLOUD_SDK_PROJECT_ID'),
    },
  );
}

async function fromSdkFile(environment: CredentialEnvironment): Promise<Credentials | undefined> {
  const path = sdkCredentialsFilePath(environment);
  let text: string;
  try {
    text = await environment.readFile(path);
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return undefined;
    throw configurationError(
      l10n.t('the SDK credentials file {0} cannot be read: {1}', path, (error as Error).message),
    );
  }
  const basic = parseIni(text).get('basic');
  const where = l10n.t('the SDK credentials file {0}, section {1}', path, '[basic]');
  const keys = pair(nonEmpty(basic?.get('ak')), nonEmpty(basic?.get('sk')), 'ak', 'sk', where);
  if (!keys) return undefined;
  return checkValues(
    {
      key: { accessKeyId: keys.ak, secretAccessKey: keys.sk, securityToken: nonEmpty(basic?.get('security_token')) },
      source: 'sdkCredentialsFile',
      origin: where,
      projectId: nonEmpty(basic?.get('project_id')),
      iamEndpoint: nonEmpty(basic?.get('iam_endpoint')),
    },
    {
      ak: l10n.t('ak in {0}', where),
      sk: l10n.t('sk in {0}', where),
      token: l10n.t('security_token in {0}', where),
      projectId: l10n.t('project_id in {0}', where),
    },
  );
}

async function fromKooCli(environment: CredentialEnvironment): Promise<Credentials | undefined> {
  const path = koocliConfigPath(environment);
  let text: string;
  try {
    text = await environment.readFile(path, { maxBytes: KOOCLI_MAX_BYTES });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT') {
      if (!environment.koocliProfile?.trim()) return undefined;
      // A profile named in the settings but no file is a mistake worth saying, even in `auto`.
      throw configurationError(
        l10n.t(
          "huaweicloud.koocliProfile names KooCLI profile '{0}', but KooCLI's configuration file {1} does not exist: run \"hcloud configure init\", or empty the setting",
          environment.koocliProfile.trim(),
          path,
        ),
      );
    }
    if (code === 'EFBIG') throw koocliFileTooLarge(path);
    // The code only: a reader's message may quote more than the path.
    throw configurationError(
      l10n.t("KooCLI's configuration file {0} cannot be read ({1})", path, code ?? l10n.t('unknown error')),
    );
  }
  const profile = readKooCliProfile(text, path, environment.koocliProfile);
  if (!profile) return undefined;
  const where = profile.where;
  return checkValues(
    {
      key: {
        accessKeyId: profile.accessKeyId,
        secretAccessKey: profile.secretAccessKey,
        securityToken: profile.securityToken,
      },
      source: 'koocli',
      origin: l10n.t("KooCLI profile '{0}' in {1}", profile.name, path),
      profile: profile.name,
      projectId: profile.projectId,
      projectRegion: profile.projectId !== undefined ? profile.region : undefined,
    },
    {
      ak: l10n.t('accessKeyId of {0}', where),
      sk: l10n.t('secretAccessKey of {0}', where),
      token: l10n.t('securityToken of {0}', where),
      projectId: l10n.t('projectId of {0}', where),
    },
  );
}

const READERS: Record<
  CredentialSource,
  (environment: CredentialEnvironment) => Promise<Credentials | undefined> | Credentials | undefined
> = {
  secretStorage: fromSecretStorage,
  environment: fromEnvironment,
  sdkCredentialsFile: fromSdkFile,
  koocli: fromKooCli,
};

/** Functions, so that each is translated when an error is made. */
const NOT_FOUND_HINTS: Record<CredentialSource, () => string> = {
  secretStorage: () => l10n.t('run "Huawei Cloud: Configure Credentials"'),
  environment: () => l10n.t('set HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK before starting VS Code'),
  sdkCredentialsFile: () =>
    l10n.t('write ak and sk under [basic] in ~/.huaweicloud/credentials (or HUAWEICLOUD_SDK_CREDENTIALS_FILE)'),
  koocli: () =>
    l10n.t(
      'run "hcloud configure init" to add a KooCLI profile in mode AKSK, or name one in huaweicloud.koocliProfile',
    ),
};

/** The credentials of the chosen source, or in `auto` of the first source that has any. */
export async function resolveCredentials(
  setting: CredentialSourceSetting,
  environment: CredentialEnvironment,
): Promise<Credentials> {
  const order = setting === 'auto' ? AUTO_ORDER : [setting];
  for (const source of order) {
    const found = await READERS[source](environment);
    if (found) return found;
  }
  if (setting === 'auto') {
    throw configurationError(
      l10n.t(
        'no Huawei Cloud credentials found in VS Code\'s secret storage, the environment, {0} or KooCLI\'s {1}: run "Huawei Cloud: Configure Credentials", or set HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK',
        sdkCredentialsFilePath(environment),
        koocliConfigPath(environment),
      ),
    );
  }
  throw configurationError(
    l10n.t('huaweicloud.credentialSource is "{0}" but it has no AK/SK: {1}', setting, NOT_FOUND_HINTS[setting]()),
  );
}
