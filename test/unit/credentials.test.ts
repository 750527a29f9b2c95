import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type CredentialEnvironment, parseIni, resolveCredentials, SECRET_KEYS } from '../../src/core/credentials';
import { HuaweiCloudError } from '../../src/core/errors';

function environment(options: { secrets?: Record<string, string>; env?: Record<string, string>; files?: Record<string, string> } = {}): CredentialEnvironment {
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
const FILE = { '/home/u/.huaweicloud/credentials': '# mine\n[basic]\nak = AK-FILE\nsk = SK-FILE\nproject_id = p-file\niam_endpoint = https://iam.example.test\n' };

describe('credentials', () => {
  it('auto takes secret storage first, then the environment, then the SDK file', async () => {
    assert.equal((await resolveCredentials('auto', environment({ secrets: STORED, env: ENV, files: FILE }))).source, 'secretStorage');
    const fromEnv = await resolveCredentials('auto', environment({ env: ENV, files: FILE }));
    assert.deepEqual([fromEnv.source, fromEnv.key.accessKeyId, fromEnv.projectId], ['environment', 'AK-ENV', 'p-env']);
    const fromFile = await resolveCredentials('auto', environment({ files: FILE }));
    assert.deepEqual([fromFile.source, fromFile.key.secretAccessKey, fromFile.projectId, fromFile.iamEndpoint],
      ['sdkCredentialsFile', 'SK-FILE', 'p-file', 'https://iam.example.test']);
  });

  it('a pinned source uses only that source', async () => {
    const all = environment({ secrets: STORED, env: ENV, files: FILE });
    assert.equal((await resolveCredentials('sdkCredentialsFile', all)).key.accessKeyId, 'AK-FILE');
    assert.equal((await resolveCredentials('environment', all)).key.accessKeyId, 'AK-ENV');
    await assert.rejects(resolveCredentials('secretStorage', environment({ env: ENV })),
      /huaweicloud\.credentialSource is "secretStorage" but it has no AK\/SK: run "Huawei Cloud: Configure Credentials"/);
  });

  it('honours HUAWEICLOUD_SDK_CREDENTIALS_FILE and the security token', async () => {
    const found = await resolveCredentials('auto', environment({
      env: { HUAWEICLOUD_SDK_CREDENTIALS_FILE: '/etc/hw' },
      files: { '/etc/hw': '[other]\nak=x\n[basic]\nak=A\nsk=S\nsecurity_token=T\n' },
    }));
    assert.deepEqual(found.key, { accessKeyId: 'A', secretAccessKey: 'S', securityToken: 'T' });
    const env = await resolveCredentials('auto', environment({ env: { ...ENV, HUAWEICLOUD_SDK_SECURITY_TOKEN: 'TOK' } }));
    assert.equal(env.key.securityToken, 'TOK');
  });

  it('says which half is missing, never the values', async () => {
    const error = await resolveCredentials('auto', environment({ env: { HUAWEICLOUD_SDK_AK: 'AK-ONLY' } })).catch((e: unknown) => e);
    assert.ok(error instanceof HuaweiCloudError);
    assert.equal(error.kind, 'configuration');
    assert.match(error.message, /the environment: HUAWEICLOUD_SDK_AK is set but HUAWEICLOUD_SDK_SK is not/);
    assert.doesNotMatch(error.message, /AK-ONLY/);
  });

  it('explains where it looked when nothing is configured', async () => {
    await assert.rejects(resolveCredentials('auto', environment()),
      /no Huawei Cloud credentials found in VS Code's secret storage, the environment or \/home\/u\/\.huaweicloud\/credentials/);
  });

  it('parses INI with comments, spaces and CRLF', () => {
    const ini = parseIni('; c\r\n[basic]\r\n  AK = a=b \r\n# x\r\nsk=\r\n');
    assert.equal(ini.get('basic')?.get('ak'), 'a=b');
    assert.equal(ini.get('basic')?.get('sk'), '');
  });
});
