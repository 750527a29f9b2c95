// Where the AK/SK come from. In `auto`, the first source that has an AK and SK wins, in this order:
//   1. VS Code's secret storage (entered with "Huawei Cloud: Configure Credentials");
//   2. the environment: HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK, HUAWEICLOUD_SDK_SECURITY_TOKEN, HUAWEICLOUD_SDK_PROJECT_ID;
//   3. the SDK credentials file: ~/.huaweicloud/credentials (or HUAWEICLOUD_SDK_CREDENTIALS_FILE), section [basic];
//   4. KooCLI's configuration: ~/.hcloud/config.json, the profile named by huaweicloud.koocliProfile or its current one.
// The `huaweicloud.credentialSource` setting pins one. Messages name sources and variables, never values.
import { join } from 'node:path';
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

/** What a connection over the emulator's well-known key is called, everywhere a person reads it. */
export const EMULATOR_NAME = 'Local emulator';

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
  if (credentials.source === 'emulator') return EMULATOR_NAME;
  if (credentials.source === 'koocli' && credentials.profile !== undefined) {
    return `KooCLI profile '${credentials.profile}'`;
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
    if (char === '\n' || char === '\r') return 'a line break';
    if (code === 0) return 'a NUL character';
    if (code < 0x20 || code === 0x7f) return 'a control character';
    if (code === 0x20) return 'a space';
    if (code > 0x7e) return 'a character that is not ASCII';
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
      throw configurationError(`${name} contains ${defect}: enter it again as printable ASCII characters only`);
    }
  }
  if (credentials.projectId !== undefined && !/^[A-Za-z0-9_-]{1,64}$/.test(credentials.projectId)) {
    throw configurationError(
      `${names.projectId ?? 'the project ID'} is not a project ID (letters, digits, "-" and "_"; 32 hexadecimal characters on Huawei Cloud)`,
    );
  }
  return credentials;
}

/** Both or neither: a lone AK or SK is a mistake worth saying rather than skipping. */
function pair(ak: string | undefined, sk: string | undefined, akName: string, skName: string, where: string) {
  if (ak && !sk) throw configurationError(`${where}: ${akName} is set but ${skName} is not`);
  if (sk && !ak) throw configurationError(`${where}: ${skName} is set but ${akName} is not`);
  return ak && sk ? { ak, sk } : undefined;
}

async function fromSecretStorage(environment: CredentialEnvironment): Promise<Credentials | undefined> {
  const [ak, sk, token] = await Promise.all([
    environment.secret(SECRET_KEYS.accessKeyId),
    environment.secret(SECRET_KEYS.secretAccessKey),
    environment.secret(SECRET_KEYS.securityToken),
  ]);
  const keys = pair(nonEmpty(ak), nonEmpty(sk), 'the AK', 'the SK', "VS Code's secret storage");
  if (!keys) return undefined;
  const where = "in VS Code's secret storage";
  return checkValues(
    {
      key: { accessKeyId: keys.ak, secretAccessKey: keys.sk, securityToken: nonEmpty(token) },
      source: 'secretStorage',
      origin: "VS Code's secret storage",
    },
    { ak: `the AK ${where}`, sk: `the SK ${where}`, token: `the security token ${where}` },
  );
}

function fromEnvironment(environment: CredentialEnvironment): Credentials | undefined {
  const env = environment.env;
  const keys = pair(
    nonEmpty(env.HUAWEICLOUD_SDK_AK),
    nonEmpty(env.HUAWEICLOUD_SDK_SK),
    'HUAWEICLOUD_SDK_AK',
    'HUAWEICLOUD_SDK_SK',
    'the environment',
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
      origin: 'the environment (HUAWEICLOUD_SDK_AK / HUAWEICLOUD_SDK_SK)',
      projectId: nonEmpty(env.HUAWEICLOUD_SDK_PROJECT_ID),
      iamEndpoint: nonEmpty(env.HUAWEICLOUD_SDK_IAM_ENDPOINT),
    },
    {
      ak: 'the AK from HUAWEICLOUD_SDK_AK',
      sk: 'the SK from HUAWEICLOUD_SDK_SK',
      token: 'the security token from HUAWEICLOUD_SDK_SECURITY_TOKEN',
      projectId: 'the project ID from HUAWEICLOUD_SDK_PROJECT_ID',
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
    throw configurationError(`the SDK credentials file ${path} cannot be read: ${(error as Error).message}`);
  }
  const basic = parseIni(text).get('basic');
  const where = `the SDK credentials file ${path}, section [basic]`;
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
      ak: `ak in ${where}`,
      sk: `sk in ${where}`,
      token: `security_token in ${where}`,
      projectId: `project_id in ${where}`,
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
        `huaweicloud.koocliProfile names KooCLI profile '${environment.koocliProfile.trim()}', but KooCLI's configuration file ${path} does not exist: run "hcloud configure init", or empty the setting`,
      );
    }
    if (code === 'EFBIG') throw koocliFileTooLarge(path);
    // The code only: a reader's message may quote more than the path.
    throw configurationError(`KooCLI's configuration file ${path} cannot be read (${code ?? 'unknown error'})`);
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
      origin: `KooCLI profile '${profile.name}' in ${path}`,
      profile: profile.name,
      projectId: profile.projectId,
      projectRegion: profile.projectId !== undefined ? profile.region : undefined,
    },
    {
      ak: `accessKeyId of ${where}`,
      sk: `secretAccessKey of ${where}`,
      token: `securityToken of ${where}`,
      projectId: `projectId of ${where}`,
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

const NOT_FOUND_HINTS: Record<CredentialSource, string> = {
  secretStorage: 'run "Huawei Cloud: Configure Credentials"',
  environment: 'set HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK before starting VS Code',
  sdkCredentialsFile:
    'write ak and sk under [basic] in ~/.huaweicloud/credentials (or HUAWEICLOUD_SDK_CREDENTIALS_FILE)',
  koocli: 'run "hcloud configure init" to add a KooCLI profile in mode AKSK, or name one in huaweicloud.koocliProfile',
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
      `no Huawei Cloud credentials found in VS Code's secret storage, the environment, ${sdkCredentialsFilePath(environment)} or KooCLI's ${koocliConfigPath(environment)}: ` +
        'run "Huawei Cloud: Configure Credentials", or set HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK',
    );
  }
  throw configurationError(
    `huaweicloud.credentialSource is "${setting}" but it has no AK/SK: ${NOT_FOUND_HINTS[setting]}`,
  );
}
