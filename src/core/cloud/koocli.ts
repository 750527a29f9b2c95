// KooCLI's configuration file, ~/.hcloud/config.json, as `hcloud configure init` / `set` write it:
//   { "authEncrypt": "false", "current": "default",
//     "profiles": [{ "name": "default", "mode": "AKSK", "accessKeyId": "…", "secretAccessKey": "…",
//                    "securityToken": "", "region": "cn-north-4", "projectId": "", "domainId": "", … }] }
// (sources in docs/credentials-and-security.md#koocli). It is the user's file, but it is read as hostile all the same:
// bounded before it is parsed, shape-checked field by field, and no value of it — a key above all — is ever put
// in an error. The one exception is a profile name, checked to be a plain name: it names the connection (the explorer,
// Check Connection); errors name only a profile the user typed in huaweicloud.koocliProfile.
import { join } from 'node:path';
import * as l10n from '@vscode/l10n';
import { jsonNesting } from '../jsonNesting';
import { isRecord } from '../values';
import { HuaweiCloudError } from './errors';

/**
 * Far above any real file (a few hundred bytes per profile), and small enough that reading and parsing it costs
 * nothing: a larger file is refused before it is read whole.
 */
export const KOOCLI_MAX_BYTES = 256 * 1024;

/** Deeper than KooCLI nests (object › profiles › profile › custom parameters), with room to spare. */
const KOOCLI_MAX_DEPTH = 16;

/** What a profile name must look like to be shown: letters and digits of any script, `_ . @ -`, up to 64. */
const PROFILE_NAME = /^[\p{L}\p{N}_.@-]{1,64}$/u;

/** Region IDs as Huawei Cloud writes them (`cn-north-4`, `ap-southeast-1`), as huaweicloud.region is checked. */
const REGION_ID = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** Keys no JSON of KooCLI's has, and that would reach an object's prototype if the file were merged anywhere. */
const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * What the other sources are, for messages that send the user elsewhere. Functions here and below, so that each is
 * translated when an error is made (after the VS Code layer has configured the display language).
 */
const otherSources = (): string =>
  l10n.t(
    'or choose another source with "Huawei Cloud: Configure Credentials" (an access key in VS Code\'s secret storage, the environment, or the SDK credentials file)',
  );

/** Why each of KooCLI's other modes gives no keys to read, and what to use instead. */
const UNSUPPORTED_MODES: Readonly<Record<string, () => string>> = {
  ecsAgency: () =>
    l10n.t(
      'it takes temporary keys from the metadata service of the ECS it runs on, which this extension does not ask',
    ),
  SSO: () => l10n.t('it signs in through IAM Identity Center, which this extension does not do'),
  token: () => l10n.t('it holds an IAM token, and this extension signs with an access key'),
  agency: () => l10n.t("it assumes another account's agency, which this extension does not do"),
};

export function koocliConfigPath(environment: { readonly homedir: string }): string {
  return join(environment.homedir, '.hcloud', 'config.json');
}

export interface KooCliProfile {
  /** The profile's name, checked to be a plain name (`PROFILE_NAME`). */
  readonly name: string;
  /** How errors name the profile: by name only when the user typed it in huaweicloud.koocliProfile. */
  readonly where: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly securityToken: string | undefined;
  /** A region ID, checked; undefined when the profile names none. */
  readonly region: string | undefined;
  readonly projectId: string | undefined;
}

function refused(message: string): HuaweiCloudError {
  return new HuaweiCloudError(message, { kind: 'configuration', notSent: true });
}

/** A file past `KOOCLI_MAX_BYTES`, whether the reader or the parser found it so. */
export function koocliFileTooLarge(path: string): HuaweiCloudError {
  return refused(
    l10n.t(
      'KooCLI\'s configuration file {0} is larger than {1} KB, far larger than KooCLI writes it: check the file, or run "hcloud configure clear" and "hcloud configure init" again',
      path,
      KOOCLI_MAX_BYTES / 1024,
    ),
  );
}

/** A string field of the file: absent or empty → undefined; any other type is refused, naming the field only. */
function stringField(record: Record<string, unknown>, field: string, where: string): string | undefined {
  if (!Object.hasOwn(record, field)) return undefined;
  const value = record[field];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw refused(l10n.t('{0}: "{1}" is not a string, as KooCLI writes it', where, field));
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/**
 * Parses `text` as KooCLI's config.json, refusing what KooCLI never writes: text past `KOOCLI_MAX_BYTES`, nesting
 * past `KOOCLI_MAX_DEPTH` (checked before parsing, which recurses), invalid JSON, and prototype keys anywhere.
 */
function parseConfig(text: string, path: string): Record<string, unknown> {
  // Length in UTF-16 units, never less than a third of the bytes: the reader bounded the bytes already.
  if (text.length > KOOCLI_MAX_BYTES) throw koocliFileTooLarge(path);
  if (jsonNesting(text, KOOCLI_MAX_DEPTH).deeperThan) {
    throw refused(
      l10n.t(
        'KooCLI\'s configuration file {0} nests deeper than {1} levels, which KooCLI never writes: check the file, or run "hcloud configure test"',
        path,
        KOOCLI_MAX_DEPTH,
      ),
    );
  }
  let prototypeKey: string | undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text, (key, value: unknown) => {
      if (PROTOTYPE_KEYS.has(key)) prototypeKey ??= key;
      return value;
    });
  } catch {
    // The parser's message quotes the text around the error, which may be a key: only the fact is said.
    throw refused(
      l10n.t(
        'KooCLI\'s configuration file {0} is not valid JSON: run "hcloud configure test" to check it, or "hcloud configure init" to write it again',
        path,
      ),
    );
  }
  if (prototypeKey !== undefined) {
    throw refused(
      l10n.t(
        'KooCLI\'s configuration file {0} has a key named "{1}", which KooCLI never writes: the file is not read',
        path,
        prototypeKey,
      ),
    );
  }
  if (!isRecord(parsed)) {
    throw refused(
      l10n.t("KooCLI's configuration file {0} is not a JSON object, as KooCLI writes it: the file is not read", path),
    );
  }
  return parsed;
}

/**
 * The chosen profile of KooCLI's config.json text: `named` (huaweicloud.koocliProfile) when set, else the file's
 * `current` one. Undefined when no profile is named and the file has none (nothing is configured in KooCLI);
 * anything else that gives no usable key is an error saying what is wrong and what to do.
 */
export function readKooCliProfile(text: string, path: string, named: string | undefined): KooCliProfile | undefined {
  const config = parseConfig(text, path);
  const profiles = config.profiles;
  if (profiles !== undefined && !Array.isArray(profiles)) {
    throw refused(l10n.t('KooCLI\'s configuration file {0}: "profiles" is not a list, as KooCLI writes it', path));
  }
  const list: unknown[] = profiles ?? [];
  const wanted = named?.trim() || undefined;
  if (wanted !== undefined && !PROFILE_NAME.test(wanted)) {
    throw refused(
      l10n.t(
        'huaweicloud.koocliProfile is not a profile name (letters, digits, "_", ".", "@" and "-", up to 64): correct it, or empty it to use KooCLI\'s current profile',
      ),
    );
  }
  const current = stringField(config, 'current', l10n.t("KooCLI's configuration file {0}", path));
  if (wanted === undefined && current === undefined) {
    if (list.length === 0) return undefined;
    throw refused(
      l10n.t(
        'KooCLI\'s configuration file {0} names no current profile: set huaweicloud.koocliProfile to one of its profiles, or run "hcloud configure set --cli-profile=<name>" to make one current',
        path,
      ),
    );
  }
  // From here on `name` is shown (it names the connection): a current profile whose name is not a plain name is
  // refused without being quoted.
  const name = wanted ?? current ?? '';
  if (!PROFILE_NAME.test(name)) {
    throw refused(
      l10n.t(
        'KooCLI\'s configuration file {0}: the current profile\'s name is not a plain profile name (letters, digits, "_", ".", "@" and "-", up to 64): set huaweicloud.koocliProfile to the profile to use',
        path,
      ),
    );
  }
  const where =
    wanted !== undefined
      ? l10n.t("KooCLI profile '{0}' in {1}", name, path)
      : l10n.t("KooCLI's current profile in {0}", path);
  const nameInCommand = wanted !== undefined ? name : '<name>';
  const matches = list.filter((entry) => isRecord(entry) && entry.name === name);
  if (matches.length === 0) {
    throw refused(
      wanted !== undefined
        ? l10n.t(
            'KooCLI has no profile \'{0}\' (huaweicloud.koocliProfile) in {1}: run "hcloud configure list" to see its profiles, and correct the setting or empty it to use the current profile',
            name,
            path,
          )
        : l10n.t(
            'KooCLI\'s current profile is not among the profiles in {0}: run "hcloud configure list", then "hcloud configure set --cli-profile=<name>" to make one current, or set huaweicloud.koocliProfile',
            path,
          ),
    );
  }
  if (matches.length > 1) {
    throw refused(
      l10n.t(
        '{0}: the file has {1} profiles of that name, where KooCLI writes one: remove the others',
        where,
        matches.length,
      ),
    );
  }
  const profile = matches[0] as Record<string, unknown>;

  const mode = stringField(profile, 'mode', where);
  // Absent in files of KooCLI versions before modes: AK/SK was the only one.
  if (mode !== undefined && mode !== 'AKSK') {
    const why = UNSUPPORTED_MODES[mode];
    throw refused(
      why
        ? l10n.t(
            '{0} uses mode {1}, which this extension does not support ({2}): use a profile in mode AKSK (hcloud configure set --cli-profile=<name> --cli-mode=AKSK --cli-access-key=… --cli-secret-key=…) and name it in huaweicloud.koocliProfile, {3}',
            where,
            mode,
            why(),
            otherSources(),
          )
        : l10n.t(
            '{0} uses an authentication mode other than AKSK, which this extension does not support: use a profile in mode AKSK and name it in huaweicloud.koocliProfile, {1}',
            where,
            otherSources(),
          ),
    );
  }

  // Before any key is looked at: encrypted keys are not keys, and no part of one is used.
  const encrypt = config.authEncrypt;
  if (encrypt === 'true' || encrypt === true) {
    throw refused(
      l10n.t(
        '{0}: KooCLI keeps its keys encrypted (authEncrypt, its default since version 5.2.7), and only KooCLI can read them. To use this profile, run "hcloud configure set --cli-auth-encrypt=false" (KooCLI then stores the keys in plain text in {1}, readable by your user only), {2}',
        where,
        path,
        otherSources(),
      ),
    );
  }
  if (encrypt !== undefined && encrypt !== 'false' && encrypt !== false) {
    throw refused(
      l10n.t(
        'KooCLI\'s configuration file {0}: "authEncrypt" is neither "true" nor "false", so whether its keys are encrypted cannot be told: run "hcloud configure set --cli-auth-encrypt=false", or check the file',
        path,
      ),
    );
  }

  const accessKeyId = stringField(profile, 'accessKeyId', where);
  const secretAccessKey = stringField(profile, 'secretAccessKey', where);
  const securityToken = stringField(profile, 'securityToken', where);
  if (!accessKeyId || !secretAccessKey) {
    const missing =
      !accessKeyId && !secretAccessKey ? l10n.t('no access key') : accessKeyId ? l10n.t('no SK') : l10n.t('no AK');
    throw refused(
      l10n.t(
        '{0} has {1}: run "hcloud configure set --cli-profile={2} --cli-access-key=… --cli-secret-key=…", {3}',
        where,
        missing,
        nameInCommand,
        otherSources(),
      ),
    );
  }
  const region = stringField(profile, 'region', where);
  if (region !== undefined && !REGION_ID.test(region)) {
    throw refused(
      l10n.t(
        '{0}: "region" is not a region ID such as cn-north-4: correct it with "hcloud configure set --cli-region=…"',
        where,
      ),
    );
  }
  return {
    name,
    where,
    accessKeyId,
    secretAccessKey,
    securityToken,
    region,
    projectId: stringField(profile, 'projectId', where),
  };
}
