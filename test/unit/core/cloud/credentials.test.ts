import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  connectionName,
  type CredentialEnvironment,
  parseIni,
  resolveCredentials,
  SECRET_KEYS,
} from '../../../../src/core/cloud/credentials';
import { HuaweiCloudError } from '../../../../src/core/cloud/errors';
import { isAmbiguous } from '../../../../src/core/cloud/requests';

function environment(
  options: { secrets?: Record<string, string>; env?: Record<string, string>; files?: Record<string, string> } = {},
): CredentialEnvironment {
  return {
    secret: async (key) => options.secrets?.[key],
    env: options.env ?? {},
    homedir: '/home/u',
    readFile: async (path) => {
      const text = options.files?.[path];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return text;
    },
  };
}

const STORED = { [SECRET_KEYS.accessKeyId]: 'AK-STORED', [SECRET_KEYS.secretAccessKey]: 'SK-STORED' };
const ENV = { HUAWEICLOUD_SDK_AK: 'AK-ENV', HUAWEICLOUD_SDK_SK: 'SK-ENV', HUAWEICLOUD_SDK_PROJECT_ID: 'p-env' };
const FILE = {
  '/home/u/.huaweicloud/credentials':
    '# mine\n[basic]\nak = AK-FILE\nsk = SK-FILE\nproject_id = p-file\niam_endpoint = https://iam.example.test\n',
};

describe('credentials', () => {
  it('auto takes secret storage first, then the environment, then the SDK file', async () => {
    assert.equal(
      (await resolveCredentials('auto', environment({ secrets: STORED, env: ENV, files: FILE }))).source,
      'secretStorage',
    );
    const fromEnv = await resolveCredentials('auto', environment({ env: ENV, files: FILE }));
    assert.deepEqual([fromEnv.source, fromEnv.key.accessKeyId, fromEnv.projectId], ['environment', 'AK-ENV', 'p-env']);
    const fromFile = await resolveCredentials('auto', environment({ files: FILE }));
    assert.deepEqual(
      [fromFile.source, fromFile.key.secretAccessKey, fromFile.projectId, fromFile.iamEndpoint],
      ['sdkCredentialsFile', 'SK-FILE', 'p-file', 'https://iam.example.test'],
    );
  });

  it('a pinned source uses only that source', async () => {
    const all = environment({ secrets: STORED, env: ENV, files: FILE });
    assert.equal((await resolveCredentials('sdkCredentialsFile', all)).key.accessKeyId, 'AK-FILE');
    assert.equal((await resolveCredentials('environment', all)).key.accessKeyId, 'AK-ENV');
    await assert.rejects(
      resolveCredentials('secretStorage', environment({ env: ENV })),
      /huaweicloud\.credentialSource is "secretStorage" but it has no AK\/SK: run "Huawei Cloud: Configure Credentials"/,
    );
  });

  it('honours HUAWEICLOUD_SDK_CREDENTIALS_FILE and the security token', async () => {
    const found = await resolveCredentials(
      'auto',
      environment({
        env: { HUAWEICLOUD_SDK_CREDENTIALS_FILE: '/etc/hw' },
        files: { '/etc/hw': '[other]\nak=x\n[basic]\nak=A\nsk=S\nsecurity_token=T\n' },
      }),
    );
    assert.deepEqual(found.key, { accessKeyId: 'A', secretAccessKey: 'S', securityToken: 'T' });
    const env = await resolveCredentials(
      'auto',
      environment({ env: { ...ENV, HUAWEICLOUD_SDK_SECURITY_TOKEN: 'TOK' } }),
    );
    assert.equal(env.key.securityToken, 'TOK');
  });

  it('says which half is missing, never the values', async () => {
    const error = await resolveCredentials('auto', environment({ env: { HUAWEICLOUD_SDK_AK: 'AK-ONLY' } })).catch(
      (e: unknown) => e,
    );
    assert.ok(error instanceof HuaweiCloudError);
    assert.equal(error.kind, 'configuration');
    assert.match(error.message, /the environment: HUAWEICLOUD_SDK_AK is set but HUAWEICLOUD_SDK_SK is not/);
    assert.doesNotMatch(error.message, /AK-ONLY/);
  });

  it('explains where it looked when nothing is configured', async () => {
    await assert.rejects(
      resolveCredentials('auto', environment()),
      /no Huawei Cloud credentials found in VS Code's secret storage, the environment, \/home\/u\/\.huaweicloud\/credentials or KooCLI's \/home\/u\/\.hcloud\/config\.json/,
    );
  });

  it('parses INI with comments, spaces and CRLF', () => {
    const ini = parseIni('; c\r\n[basic]\r\n  AK = a=b \r\n# x\r\nsk=\r\n');
    assert.equal(ini.get('basic')?.get('ak'), 'a=b');
    assert.equal(ini.get('basic')?.get('sk'), '');
  });

  describe('malformed values are refused where they are resolved, named by where they came from, never quoted', () => {
    const SECRET_TEXT = 'SECRETPART';
    const defects: [string, string][] = [
      ['a line break', `tok\nen${SECRET_TEXT}`],
      ['a NUL character', `tok\0${SECRET_TEXT}`],
      ['a character that is not ASCII', `tok€${SECRET_TEXT}`],
      ['a control character', `tok\u001b${SECRET_TEXT}`],
      ['a space', `tok en${SECRET_TEXT}`],
    ];
    const refusal = async (promise: Promise<unknown>): Promise<HuaweiCloudError> => {
      const error = await promise.catch((e: unknown) => e);
      assert.ok(error instanceof HuaweiCloudError, `not refused: ${String(error)}`);
      assert.equal(error.kind, 'configuration');
      assert.equal(error.notSent, true);
      assert.equal(isAmbiguous(error), false, 'a refused credential must not start the lost-create search');
      assert.doesNotMatch(JSON.stringify({ ...error, message: error.message }), new RegExp(SECRET_TEXT));
      return error;
    };

    for (const [defect, value] of defects) {
      it(`a security token holding ${defect}, from each source`, async () => {
        const env = await refusal(
          resolveCredentials('auto', environment({ env: { ...ENV, HUAWEICLOUD_SDK_SECURITY_TOKEN: value } })),
        );
        assert.equal(
          env.summary,
          `the security token from HUAWEICLOUD_SDK_SECURITY_TOKEN contains ${defect}: enter it again as printable ASCII characters only`,
        );
        const stored = await refusal(
          resolveCredentials('auto', environment({ secrets: { ...STORED, [SECRET_KEYS.securityToken]: value } })),
        );
        assert.match(stored.summary, new RegExp(`^the security token in VS Code's secret storage contains ${defect}`));
      });
    }

    it('an AK, an SK and a project ID are checked too', async () => {
      const ak = await refusal(
        resolveCredentials('environment', environment({ env: { ...ENV, HUAWEICLOUD_SDK_AK: `AK\n${SECRET_TEXT}` } })),
      );
      assert.match(ak.summary, /^the AK from HUAWEICLOUD_SDK_AK contains a line break/);
      const sk = await refusal(
        resolveCredentials(
          'auto',
          environment({ secrets: { ...STORED, [SECRET_KEYS.secretAccessKey]: `SK\0${SECRET_TEXT}` } }),
        ),
      );
      assert.match(sk.summary, /^the SK in VS Code's secret storage contains a NUL character/);
      const file = await refusal(
        resolveCredentials(
          'auto',
          environment({
            files: { '/home/u/.huaweicloud/credentials': `[basic]\nak=A\nsk=S\nproject_id=p/${SECRET_TEXT}\n` },
          }),
        ),
      );
      assert.match(
        file.summary,
        /^project_id in the SDK credentials file \/home\/u\/\.huaweicloud\/credentials, section \[basic\] is not a project ID/,
      );
    });
  });
});

describe('connectionName: what a connection is called where people read it', () => {
  it('is "Local emulator" for the emulator, else the AK by its first four characters, never the SK', () => {
    const key = { accessKeyId: 'HPUAQWERTYUIOPASDFGH', secretAccessKey: 'secret-access-key' };
    assert.equal(connectionName({ source: 'emulator', key }), 'Local emulator');
    for (const source of ['environment', 'secretStorage', 'sdkCredentialsFile'] as const) {
      assert.equal(connectionName({ source, key }), 'AK HPUA…');
    }
    assert.equal(connectionName({ source: 'environment', key: { ...key, accessKeyId: 'AB' } }), 'AK AB…');
  });
});
