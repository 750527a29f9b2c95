// KooCLI's ~/.hcloud/config.json as a credential source: each way the file can be, and what it ends in. The secrets
// and the current profile's name are distinctive, so that every refusal can be checked to quote none of them.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  connectionName,
  type CredentialEnvironment,
  type CredentialSourceSetting,
  resolveCredentials,
} from '../../../../src/core/cloud/credentials';
import { HuaweiCloudError } from '../../../../src/core/cloud/errors';
import { KOOCLI_MAX_BYTES } from '../../../../src/core/cloud/koocli';
import { isAmbiguous } from '../../../../src/core/cloud/requests';
import { koocliProfile } from '../../../support/koocliConfig';

const PATH = '/home/u/.hcloud/config.json';
const AK = 'HPUAKOOCLIAKVALUE123';
const SK = 'kooSkSECRETVALUEshouldNeverShow';
const TOKEN = 'kooTokSECRETTOKENVALUE';
const PROJECT = '0123456789abcdef0123456789abcdef';
/** The file's current profile: a value of the file, which no error may quote. */
const CURRENT = 'curprofzq';

type Profile = Record<string, unknown>;
const aksk = (overrides: Profile = {}): Profile =>
  koocliProfile({ name: CURRENT, accessKeyId: AK, secretAccessKey: SK, ...overrides });
/** The shape `hcloud configure list` shows, keys in plain text (`--cli-auth-encrypt=false`). */
const config = (profiles: Profile[] = [aksk()], top: Record<string, unknown> = {}) =>
  JSON.stringify({
    authEncrypt: 'false',
    language: 'en',
    offline: 'true',
    agreePrivacy: 'true',
    current: CURRENT,
    profiles,
    ...top,
  });

function environment(
  options: {
    file?: string | Error;
    koocliProfile?: string;
    env?: Record<string, string>;
    files?: Record<string, string>;
  } = {},
): CredentialEnvironment & { reads: { path: string; maxBytes: number | undefined }[] } {
  const reads: { path: string; maxBytes: number | undefined }[] = [];
  return {
    reads,
    secret: async () => undefined,
    env: options.env ?? {},
    homedir: '/home/u',
    koocliProfile: options.koocliProfile,
    readFile: async (path, readOptions) => {
      reads.push({ path, maxBytes: readOptions?.maxBytes });
      if (path === PATH && options.file instanceof Error) throw options.file;
      const text = path === PATH ? (options.file as string | undefined) : options.files?.[path];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return text;
    },
  };
}

/** A refusal: a configuration error, never sent, quoting no secret and not the file's current profile. */
async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.catch((e: unknown) => e);
  assert.ok(error instanceof HuaweiCloudError, `not refused: ${JSON.stringify(error)}`);
  assert.equal(error.kind, 'configuration');
  assert.equal(error.notSent, true);
  assert.equal(isAmbiguous(error), false);
  const everything = JSON.stringify({ ...error, message: error.message, summary: error.summary });
  for (const value of [AK, SK, TOKEN, CURRENT, 'SECRET']) {
    assert.ok(!everything.includes(value), `the error quotes a value of the file (${value}): ${error.message}`);
  }
  return error.summary;
}

describe('KooCLI credentials: an AKSK profile is read', () => {
  it("reads the current profile's keys, token, project and region, named by source and profile", async () => {
    const found = await resolveCredentials(
      'koocli',
      environment({ file: config([aksk({ securityToken: TOKEN, projectId: PROJECT })]) }),
    );
    assert.deepEqual(found.key, { accessKeyId: AK, secretAccessKey: SK, securityToken: TOKEN });
    assert.equal(found.source, 'koocli');
    assert.equal(found.profile, CURRENT);
    assert.equal(found.origin, `KooCLI profile '${CURRENT}' in ${PATH}`);
    assert.equal(found.projectId, PROJECT);
    assert.equal(found.projectRegion, 'cn-north-4');
    assert.equal(connectionName(found), `KooCLI profile '${CURRENT}'`);
  });

  it('reads the profile named by huaweicloud.koocliProfile instead of the current one', async () => {
    const file = config([aksk(), aksk({ name: 'dev', accessKeyId: 'DEVAKDEVAK', region: 'ap-southeast-1' })]);
    const found = await resolveCredentials('koocli', environment({ file, koocliProfile: ' dev ' }));
    assert.deepEqual(
      [found.profile, found.key.accessKeyId, found.origin],
      ['dev', 'DEVAKDEVAK', `KooCLI profile 'dev' in ${PATH}`],
    );
    assert.equal(found.projectRegion, undefined, 'no project ID, so no region to hold it to');
  });

  it('reads an empty token, project and region as absent, and a profile without a mode as AKSK', async () => {
    const { mode: _mode, ...modeless } = aksk({ region: '' });
    const found = await resolveCredentials('koocli', environment({ file: config([modeless]) }));
    assert.deepEqual(found.key, { accessKeyId: AK, secretAccessKey: SK, securityToken: undefined });
    assert.deepEqual([found.projectId, found.projectRegion], [undefined, undefined]);
  });

  it('reads at most KOOCLI_MAX_BYTES of the file', async () => {
    const env = environment({ file: config() });
    await resolveCredentials('koocli', env);
    assert.deepEqual(env.reads, [{ path: PATH, maxBytes: KOOCLI_MAX_BYTES }]);
  });

  it('comes fourth in auto: after the SDK credentials file, and only when the others have no keys', async () => {
    const sdk = { '/home/u/.huaweicloud/credentials': '[basic]\nak=SDKAK\nsk=SDKSK\n' };
    assert.equal(
      (await resolveCredentials('auto', environment({ file: config(), files: sdk }))).source,
      'sdkCredentialsFile',
    );
    const env = { HUAWEICLOUD_SDK_AK: 'ENVAK', HUAWEICLOUD_SDK_SK: 'ENVSK' };
    assert.equal((await resolveCredentials('auto', environment({ file: config(), env }))).source, 'environment');
    assert.equal((await resolveCredentials('auto', environment({ file: config() }))).source, 'koocli');
    // A pinned other source never reads KooCLI's file.
    const pinned = environment({ file: config(), files: sdk });
    await resolveCredentials('sdkCredentialsFile', pinned);
    assert.ok(!pinned.reads.some((read) => read.path === PATH));
  });
});

describe('KooCLI credentials: each way a profile gives no usable key ends in its own message', () => {
  const hostileDepth = `{"profiles":${'['.repeat(5000)}${']'.repeat(5000)}}`;
  const cases: {
    name: string;
    file?: string | Error;
    koocliProfile?: string;
    setting?: CredentialSourceSetting;
    message: RegExp;
  }[] = [
    {
      name: 'keys encrypted by KooCLI (authEncrypt "true", its default since 5.2.7)',
      file: config([aksk()], { authEncrypt: 'true' }),
      message:
        /^KooCLI's current profile in \/home\/u\/\.hcloud\/config\.json: KooCLI keeps its keys encrypted \(authEncrypt, its default since version 5\.2\.7\), and only KooCLI can read them\. To use this profile, run "hcloud configure set --cli-auth-encrypt=false" .*, or choose another source with "Huawei Cloud: Configure Credentials"/,
    },
    {
      name: 'keys encrypted, in auto too (KooCLI is the last source: its reason is the answer)',
      setting: 'auto',
      file: config([aksk({ accessKeyId: 'ENC(abc)', secretAccessKey: 'ENC(def)' })], { authEncrypt: true }),
      message: /KooCLI keeps its keys encrypted/,
    },
    {
      name: 'authEncrypt neither "true" nor "false"',
      file: config([aksk()], { authEncrypt: 'maybe' }),
      message: /"authEncrypt" is neither "true" nor "false", so whether its keys are encrypted cannot be told/,
    },
    {
      name: 'mode ecsAgency',
      file: config([aksk({ mode: 'ecsAgency', accessKeyId: '', secretAccessKey: '' })]),
      message:
        /^KooCLI's current profile in .*config\.json uses mode ecsAgency, which this extension does not support \(it takes temporary keys from the metadata service of the ECS it runs on.*\): use a profile in mode AKSK \(hcloud configure set --cli-profile=<name> --cli-mode=AKSK .*\) and name it in huaweicloud\.koocliProfile, or choose another source/,
    },
    {
      name: 'mode SSO',
      file: config([aksk({ mode: 'SSO' })]),
      message:
        /uses mode SSO, which this extension does not support \(it signs in through IAM Identity Center.*\): use a profile in mode AKSK/,
    },
    {
      name: 'a mode KooCLI may add later, not quoted',
      file: config([aksk({ mode: 'quantumSECRET' })]),
      message:
        /uses an authentication mode other than AKSK, which this extension does not support: use a profile in mode AKSK/,
    },
    {
      name: 'a named profile that does not exist (the name typed in the setting is named)',
      koocliProfile: 'prod',
      file: config(),
      message:
        /^KooCLI has no profile 'prod' \(huaweicloud\.koocliProfile\) in \/home\/u\/\.hcloud\/config\.json: run "hcloud configure list"/,
    },
    {
      name: 'a current profile that does not exist',
      file: config([aksk({ name: 'other' })]),
      message: /^KooCLI's current profile is not among the profiles in .*: run "hcloud configure list"/,
    },
    {
      name: 'no current profile while there are profiles',
      file: config([aksk()], { current: '' }),
      message: /names no current profile: set huaweicloud\.koocliProfile to one of its profiles/,
    },
    {
      name: 'a current profile whose name is no plain name',
      file: config([aksk({ name: 'a b\nSECRET' })], { current: 'a b\nSECRET' }),
      message: /the current profile's name is not a plain profile name/,
    },
    {
      name: 'a setting that is no profile name',
      koocliProfile: 'dev; rm -rf',
      file: config(),
      message: /^huaweicloud\.koocliProfile is not a profile name/,
    },
    {
      name: 'two profiles of one name',
      file: config([aksk(), aksk()]),
      message: /the file has 2 profiles of that name, where KooCLI writes one/,
    },
    {
      name: 'an AKSK profile without keys',
      file: config([aksk({ accessKeyId: '', secretAccessKey: '' })]),
      message:
        /^KooCLI's current profile in .* has no access key: run "hcloud configure set --cli-profile=<name> --cli-access-key=…/,
    },
    {
      name: 'an AK without its SK',
      file: config([aksk({ secretAccessKey: '' })]),
      message: / has no SK: /,
    },
    {
      name: 'a named profile while the file does not exist',
      koocliProfile: 'dev',
      message:
        /^huaweicloud\.koocliProfile names KooCLI profile 'dev', but KooCLI's configuration file \/home\/u\/\.hcloud\/config\.json does not exist: run "hcloud configure init"/,
    },
    {
      name: 'no file, pinned',
      message: /^huaweicloud\.credentialSource is "koocli" but it has no AK\/SK: run "hcloud configure init"/,
    },
    {
      name: 'no file, nor any other source, in auto',
      setting: 'auto',
      message: /no Huawei Cloud credentials found in .* or KooCLI's \/home\/u\/\.hcloud\/config\.json/,
    },
    {
      name: 'a file with no profiles (hcloud configure clear)',
      file: JSON.stringify({ authEncrypt: 'false', current: '', profiles: [] }),
      message: /^huaweicloud\.credentialSource is "koocli" but it has no AK\/SK/,
    },
    {
      name: 'a file that cannot be read',
      file: Object.assign(new Error(`EACCES: permission denied ${SK}`), { code: 'EACCES' }),
      message: /^KooCLI's configuration file \/home\/u\/\.hcloud\/config\.json cannot be read \(EACCES\)$/,
    },
    {
      name: 'a file larger than the reader reads (EFBIG)',
      file: Object.assign(new Error('too large'), { code: 'EFBIG' }),
      message: /^KooCLI's configuration file .* is larger than 256 KB, far larger than KooCLI writes it/,
    },
    {
      name: 'a huge text (a reader that read it all)',
      file: config([aksk({ padding: SK.repeat(KOOCLI_MAX_BYTES / SK.length + 1) })]),
      message: /is larger than 256 KB/,
    },
    {
      name: 'nesting deeper than KooCLI writes (refused before parsing)',
      file: hostileDepth,
      message: /nests deeper than 16 levels, which KooCLI never writes/,
    },
    {
      name: 'not JSON (the parser would quote the text)',
      file: `{"current": "${CURRENT}", "profiles": [{"secretAccessKey": "${SK}" oops}]}`,
      message: /^KooCLI's configuration file .* is not valid JSON: run "hcloud configure test"/,
    },
    {
      name: 'a __proto__ key',
      file: `{"__proto__": {"current": "${CURRENT}"}, "current": "${CURRENT}", "profiles": []}`,
      message: /has a key named "__proto__", which KooCLI never writes: the file is not read/,
    },
    {
      name: 'a constructor key inside a profile',
      file: config([aksk({ constructor: { polluted: true } })]),
      message: /has a key named "constructor"/,
    },
    {
      name: 'a file that is a list',
      file: JSON.stringify([aksk()]),
      message: /is not a JSON object, as KooCLI writes it/,
    },
    {
      name: '"profiles" that is no list',
      file: config(undefined, { profiles: { [CURRENT]: aksk() } }),
      message: /"profiles" is not a list, as KooCLI writes it/,
    },
    {
      name: 'a "current" that is no string',
      file: config(undefined, { current: 7 }),
      message: /"current" is not a string, as KooCLI writes it/,
    },
    {
      name: 'an accessKeyId that is no string',
      file: config([aksk({ accessKeyId: 12345 })]),
      message: /^KooCLI's current profile in .*: "accessKeyId" is not a string, as KooCLI writes it/,
    },
    {
      name: 'a mode that is no string',
      file: config([aksk({ mode: ['AKSK'] })]),
      message: /"mode" is not a string/,
    },
    {
      name: 'a region that is no region ID',
      file: config([aksk({ region: 'cn-north-4/../x' })]),
      message: /"region" is not a region ID such as cn-north-4/,
    },
    {
      name: "an SK with a line break (the values are checked as every source's are)",
      file: config([aksk({ secretAccessKey: `kooSk\n${SK}` })]),
      message: /^secretAccessKey of KooCLI's current profile in .* contains a line break/,
    },
    {
      name: 'a project ID that is no project ID',
      file: config([aksk({ projectId: `../${SK}` })]),
      message: /^projectId of KooCLI's current profile in .* is not a project ID/,
    },
  ];
  for (const testCase of cases) {
    it(testCase.name, async () => {
      const summary = await refusal(
        resolveCredentials(
          testCase.setting ?? 'koocli',
          environment({
            ...(testCase.file !== undefined ? { file: testCase.file } : {}),
            ...(testCase.koocliProfile !== undefined ? { koocliProfile: testCase.koocliProfile } : {}),
          }),
        ),
      );
      assert.match(summary, testCase.message);
    });
  }

  it('in auto, a file with no profiles is nothing configured, not an error of its own', async () => {
    const summary = await refusal(
      resolveCredentials('auto', environment({ file: JSON.stringify({ current: '', profiles: [] }) })),
    );
    assert.match(summary, /^no Huawei Cloud credentials found/);
  });
});
