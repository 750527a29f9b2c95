// A connection's identity (the provisioning tracker's connection key): the same for two openings of one connection,
// different when the credential source, the access key, the region, the project or an endpoint differs; never
// changed by the security token or the SK, and never holding the access key in clear.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { connectionIdentity, openConnection } from '../../../../src/core/api/connection';
import type { CredentialEnvironment } from '../../../../src/core/cloud/credentials';
import { ProjectIdCache } from '../../../../src/core/cloud/project';

const PROJECT = '0123456789abcdef0123456789abcdef';
const AK = 'IDENTITYTESTAK00000A';

function environment(values: Record<string, string>): CredentialEnvironment {
  return {
    secret: async () => undefined,
    env: values,
    homedir: '/nonexistent',
    readFile: async () => {
      throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
    },
  };
}

/** Opens a connection with a project ID set, so that nothing is sent. */
async function identityOf(
  overrides: {
    env?: Record<string, string>;
    region?: string;
    projectId?: string;
    endpoints?: Record<string, string>;
  } = {},
): Promise<string> {
  const connection = await openConnection(
    {
      region: overrides.region ?? 'cn-north-4',
      projectId: overrides.projectId ?? PROJECT,
      credentialSource: 'auto',
      endpoints: overrides.endpoints ?? {},
    },
    {
      credentialEnvironment: environment(overrides.env ?? { HUAWEICLOUD_SDK_AK: AK, HUAWEICLOUD_SDK_SK: 'sk-one' }),
      projectIds: new ProjectIdCache(),
    },
  );
  return connection.identity;
}

describe('connection identity', () => {
  it('is stable across openings, whatever the SK or security token', async () => {
    const first = await identityOf();
    assert.match(first, /^[0-9a-f]{32}$/);
    assert.equal(await identityOf(), first);
    assert.equal(
      await identityOf({
        env: { HUAWEICLOUD_SDK_AK: AK, HUAWEICLOUD_SDK_SK: 'sk-two', HUAWEICLOUD_SDK_SECURITY_TOKEN: 'token-renewed' },
      }),
      first,
    );
  });

  it('differs by access key, region, project and endpoint', async () => {
    const base = await identityOf();
    const others = [
      await identityOf({ env: { HUAWEICLOUD_SDK_AK: 'IDENTITYTESTAK00000B', HUAWEICLOUD_SDK_SK: 'sk-one' } }),
      await identityOf({ region: 'ap-southeast-1' }),
      await identityOf({ projectId: 'fedcba9876543210fedcba9876543210' }),
      await identityOf({
        endpoints: { modelarts: 'http://127.0.0.1:4790', vpc: 'http://127.0.0.1:4790', iam: 'http://127.0.0.1:4790' },
      }),
      await identityOf({
        endpoints: { modelarts: 'http://127.0.0.1:4791', vpc: 'http://127.0.0.1:4791', iam: 'http://127.0.0.1:4791' },
      }),
    ];
    assert.equal(new Set([base, ...others]).size, others.length + 1);
  });

  it('differs by credential source, and does not hold the access key in clear', () => {
    const parts = {
      accessKeyId: AK,
      region: 'cn-north-4',
      projectId: PROJECT,
      endpoints: { modelarts: 'https://m', vpc: 'https://v' },
    };
    const fromEnvironment = connectionIdentity({ ...parts, source: 'environment' });
    assert.notEqual(connectionIdentity({ ...parts, source: 'secretStorage' }), fromEnvironment);
    assert.ok(!fromEnvironment.includes(AK));
  });
});
