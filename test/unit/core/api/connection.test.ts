import * as assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { openConnection } from '../../../../src/core/api/connection';
import type { CredentialEnvironment } from '../../../../src/core/cloud/credentials';
import { HuaweiCloudError } from '../../../../src/core/cloud/errors';
import { ProjectIdCache } from '../../../../src/core/cloud/project';
import { parseTimestamp } from '../../../../src/core/cloud/timestamps';
import { type FakeCloud, startFakeCloud, TEST_KEY } from '../../../support/fakeCloud';

const PROJECT = '0123456789abcdef0123456789abcdef';

describe('connection: project lookup through IAM', () => {
  let cloud: FakeCloud;
  let projects: { id: string; name: string }[];
  const env = (extra: Record<string, string> = {}): CredentialEnvironment => ({
    secret: async () => undefined,
    env: { HUAWEICLOUD_SDK_AK: TEST_KEY.accessKeyId, HUAWEICLOUD_SDK_SK: TEST_KEY.secretAccessKey, ...extra },
    homedir: '/nonexistent',
    readFile: async () => {
      throw Object.assign(new Error('no'), { code: 'ENOENT' });
    },
  });
  const settings = (overrides: object = {}) => ({
    region: 'cn-north-4',
    projectId: '',
    credentialSource: 'auto' as const,
    endpoints: { iam: cloud.url, vpc: cloud.url, modelarts: cloud.url },
    ...overrides,
  });
  const open = (cache = new ProjectIdCache(), overrides: object = {}, credentialEnvironment = env()) =>
    openConnection(settings(overrides), {
      credentialEnvironment,
      projectIds: cache,
      http: { retry: { maxAttempts: 1, maxElapsedMs: 0, baseDelayMs: 0, maxDelayMs: 0 } },
    });

  const answerProjects = (call: { path: string; query: URLSearchParams }) =>
    call.path === '/v3/projects'
      ? {
          status: 200,
          body: { projects: projects.filter((p) => !call.query.get('name') || p.name === call.query.get('name')) },
        }
      : { status: 404, body: {} };

  before(async () => {
    cloud = await startFakeCloud(answerProjects);
  });
  after(() => cloud.close());
  beforeEach(() => {
    cloud.calls.length = 0;
    projects = [
      { id: PROJECT, name: 'cn-north-4' },
      { id: 'other', name: 'cn-north-4_sub' },
    ];
  });

  it('looks the project up by region name, unsigned by any project header, and remembers it', async () => {
    const cache = new ProjectIdCache();
    const connection = await open(cache);
    assert.equal(connection.projectId, PROJECT);
    assert.equal(connection.projectIdOrigin, 'IAM');
    assert.equal(connection.networks.projectId, PROJECT);
    assert.equal(cloud.calls[0]?.target, '/v3/projects?name=cn-north-4');
    assert.equal(cloud.calls[0]?.headers['x-project-id'], undefined);
    await open(cache);
    assert.equal(cloud.calls.length, 1);
  });

  it('uses a configured project ID, then one from the credentials, without asking IAM', async () => {
    assert.equal((await open(new ProjectIdCache(), { projectId: 'fromsetting' })).projectIdOrigin, 'setting');
    const fromEnv = await open(new ProjectIdCache(), {}, env({ HUAWEICLOUD_SDK_PROJECT_ID: 'fromenv' }));
    assert.deepEqual([fromEnv.projectId, fromEnv.projectIdOrigin], ['fromenv', 'credentials']);
    assert.equal(cloud.calls.length, 0);
  });

  it('uses a project ID from the credentials only in the region it was first used in; elsewhere asks IAM', async () => {
    const remembered = new Map<string, string>();
    const projectRegions = {
      regionOf: (id: string) => remembered.get(id),
      remember: (id: string, region: string) => {
        remembered.set(id, region);
      },
    };
    const withEnvProject = env({ HUAWEICLOUD_SDK_PROJECT_ID: 'fromenv' });
    const connect = (region: string) =>
      openConnection(settings({ region }), {
        credentialEnvironment: withEnvProject,
        projectIds: new ProjectIdCache(),
        projectRegions,
        http: { retry: { maxAttempts: 1, maxElapsedMs: 0, baseDelayMs: 0, maxDelayMs: 0 } },
      });
    projects = [
      { id: PROJECT, name: 'cn-north-4' },
      { id: 'f'.repeat(32), name: 'ap-southeast-1' },
    ];
    assert.deepEqual(await connect('cn-north-4').then((c) => [c.projectId, c.projectIdOrigin]), [
      'fromenv',
      'credentials',
    ]);
    assert.equal(remembered.get('fromenv'), 'cn-north-4');
    assert.deepEqual(await connect('ap-southeast-1').then((c) => [c.projectId, c.projectIdOrigin]), [
      'f'.repeat(32),
      'IAM',
    ]);
    assert.deepEqual(await connect('cn-north-4').then((c) => [c.projectId, c.projectIdOrigin]), [
      'fromenv',
      'credentials',
    ]);
  });

  it("uses a KooCLI profile's project ID only in the profile's own region, even the first time; elsewhere asks IAM", async () => {
    const remembered = new Map<string, string>();
    const projectRegions = {
      regionOf: (id: string) => remembered.get(id),
      remember: (id: string, region: string) => {
        remembered.set(id, region);
      },
    };
    const koocli: CredentialEnvironment = {
      secret: async () => undefined,
      env: {},
      homedir: '/home/u',
      readFile: async () =>
        JSON.stringify({
          authEncrypt: 'false',
          current: 'dev',
          profiles: [
            {
              name: 'dev',
              mode: 'AKSK',
              accessKeyId: TEST_KEY.accessKeyId,
              secretAccessKey: TEST_KEY.secretAccessKey,
              region: 'ap-southeast-1',
              projectId: 'fromkoocli',
            },
          ],
        }),
    };
    const connect = (region: string) =>
      openConnection(settings({ region, credentialSource: 'koocli' }), {
        credentialEnvironment: koocli,
        projectIds: new ProjectIdCache(),
        projectRegions,
        http: { retry: { maxAttempts: 1, maxElapsedMs: 0, baseDelayMs: 0, maxDelayMs: 0 } },
      });
    // The first region used is not the profile's: the profile's project is not taken there.
    const north = await connect('cn-north-4');
    assert.deepEqual([north.projectId, north.projectIdOrigin], [PROJECT, 'IAM']);
    assert.equal(remembered.get('fromkoocli'), undefined);
    const south = await connect('ap-southeast-1');
    assert.deepEqual([south.projectId, south.projectIdOrigin], ['fromkoocli', 'credentials']);
    assert.deepEqual(south.credentials, {
      source: 'koocli',
      origin: "KooCLI profile 'dev' in /home/u/.hcloud/config.json",
      name: "KooCLI profile 'dev'",
    });
  });

  it('fails clearly when IAM has no such project or several, and does not remember the failure', async () => {
    projects = [];
    const cache = new ProjectIdCache();
    await assert.rejects(
      open(cache),
      /IAM has no project named "cn-north-4" for these credentials: check huaweicloud\.region, or set huaweicloud\.projectId/,
    );
    projects = [
      { id: 'a', name: 'cn-north-4' },
      { id: 'b', name: 'cn-north-4' },
    ];
    await assert.rejects(
      open(cache),
      /IAM has 2 projects named "cn-north-4" \(a, b\): set huaweicloud\.projectId to one of them/,
    );
    projects = [{ id: PROJECT, name: 'cn-north-4' }];
    assert.equal((await open(cache)).projectId, PROJECT);
  });

  it('refuses a hand-edited huaweicloud.projectId that is no project ID, sending nothing', async () => {
    const error = await open(new ProjectIdCache(), { projectId: 'evil\nx' }).catch((e: unknown) => e);
    assert.ok(
      error instanceof HuaweiCloudError &&
        error.kind === 'configuration' &&
        /huaweicloud\.projectId is not a project ID/.test(error.message),
      String(error),
    );
    assert.equal(cloud.calls.length, 0);
  });

  it('trusts no IAM answer of another shape: no list, a project without an ID, an ID that is no ID', async () => {
    for (const body of [
      {},
      { projects: 'all' },
      { projects: [{ name: 'cn-north-4' }] },
      { projects: [{ id: '../../x?', name: 'cn-north-4' }] },
    ]) {
      cloud.handle(() => ({ status: 200, body }));
      const error = await open(new ProjectIdCache()).catch((e: unknown) => e);
      assert.ok(error instanceof HuaweiCloudError && error.kind === 'unexpected', String(error));
    }
  });

  it('shares one IAM lookup between callers, and one cancelling does not cancel the others', async () => {
    const answer = (call: Parameters<Parameters<FakeCloud['handle']>[0]>[0]) => ({
      status: 200,
      body: { projects: projects.filter((p) => p.name === call.query.get('name')) },
    });
    cloud.handle(async (call) => {
      await new Promise((r) => setTimeout(r, 200));
      return answer(call);
    });
    try {
      const cache = new ProjectIdCache();
      const controller = new AbortController();
      const first = openConnection(
        settings(),
        { credentialEnvironment: env(), projectIds: cache },
        { signal: controller.signal },
      );
      const second = openConnection(settings(), { credentialEnvironment: env(), projectIds: cache });
      setTimeout(() => controller.abort(), 50);
      await assert.rejects(first, (e: unknown) => e instanceof HuaweiCloudError && e.kind === 'cancelled');
      assert.equal((await second).projectId, PROJECT);
      assert.equal(cloud.calls.length, 1);
    } finally {
      cloud.handle(answerProjects);
    }
  });

  it('reports the credential source and the endpoints in use', async () => {
    const connection = await open();
    assert.equal(connection.credentials.source, 'environment');
    assert.equal(connection.endpoints.vpc, cloud.url);
  });

  it('refuses a plain-http endpoint off loopback before sending anything', async () => {
    const error = await open(new ProjectIdCache(), { endpoints: { vpc: 'http://vpc.example.test' } }).catch(
      (e: unknown) => e,
    );
    assert.ok(error instanceof HuaweiCloudError && error.kind === 'configuration');
    assert.equal(cloud.calls.length, 0);
  });
});

describe('timestamps', () => {
  it('parses both API forms, with and without a zone (UTC)', () => {
    assert.equal(parseTimestamp('2019-06-28T02:06:38')?.toISOString(), '2019-06-28T02:06:38.000Z');
    assert.equal(parseTimestamp('2019-06-28T02:06:38.000+00:00')?.toISOString(), '2019-06-28T02:06:38.000Z');
    assert.equal(parseTimestamp('2022-09-16T09:44:59Z')?.toISOString(), '2022-09-16T09:44:59.000Z');
    assert.equal(parseTimestamp('2019-06-28 10:06:38+0800')?.toISOString(), '2019-06-28T02:06:38.000Z');
    assert.equal(parseTimestamp('2019-06-28T02:06:38.123456Z')?.toISOString(), '2019-06-28T02:06:38.123Z');
  });

  it('gives undefined, never an invalid date, for anything else', () => {
    for (const value of ['', 'yesterday', '2019-13-45T99:99:99', 42, null, undefined, '2019-06-28']) {
      assert.equal(parseTimestamp(value), undefined, String(value));
    }
  });
});
