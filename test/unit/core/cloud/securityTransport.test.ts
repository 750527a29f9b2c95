// Where signed requests may go: plain http only to loopback, however the URL is spelt; never where a redirect
// points, whichever call; and never where a workspace's settings say (huaweicloud.endpoints is an application
// setting, and the extension recognises every form in which a workspace may have written it, to say it is ignored).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openConnection } from '../../../../src/core/api/connection';
import { validateEndpoint } from '../../../../src/core/cloud/endpoints';
import { HuaweiCloudError } from '../../../../src/core/cloud/errors';
import { HttpClient } from '../../../../src/core/cloud/http';
import { ProjectIdCache } from '../../../../src/core/cloud/project';
import { settingsFileSets } from '../../../../src/core/cloud/workspaceSettings';
import { projectRoot } from '../../../../scripts/lib/codeServer.mjs';
import { clientOperations } from '../../../support/clientOperations';
import { type HostileServer, startHostileServer } from '../../../support/hostileServer';

const PROJECT = '0123456789abcdef0123456789abcdef';
const KEY = {
  accessKeyId: 'TRANSPORTAK000000000',
  secretAccessKey: 'transport-secret-key-0123456789',
  securityToken: 'transport-security-token-0123456789',
};

describe('security: plain http only to loopback', () => {
  it('accepts loopback however it is spelt, and writes it as the URL parser normalises it', () => {
    const loopback: Record<string, string> = {
      'http://127.0.0.1:4790': 'http://127.0.0.1:4790',
      'http://127.1:4790/': 'http://127.0.0.1:4790',
      'http://0x7f000001': 'http://127.0.0.1',
      'http://127.255.255.254': 'http://127.255.255.254',
      'http://[::1]:8080': 'http://[::1]:8080',
      'http://[0:0:0:0:0:0:0:1]': 'http://[::1]',
      'http://LOCALHOST:1': 'http://localhost:1',
      // The URL parser maps this Unicode "ⅼ" (U+217C) to "l" (IDNA): it does name this machine.
      'http://ⅼocalhost': 'http://localhost',
      'https://vpc.example.test/base/': 'https://vpc.example.test/base',
    };
    for (const [url, normalised] of Object.entries(loopback)) assert.equal(validateEndpoint(url, 'x'), normalised, url);
  });

  it('refuses plain http to anything else, and what is not a plain base URL, before anything is sent', () => {
    const refused = [
      'http://10.0.0.1',
      'http://0.0.0.0:4790',
      'http://[::]:4790',
      'http://[::ffff:127.0.0.1]',
      'http://[::2]',
      'http://127.0.0.1.nip.io',
      'http://localhost.',
      'http://localhost.example.test',
      'http://localhost%2eexample.test',
      'http://127.0.0.1:80@evil.example.test',
      'http://evil.example.test\\@127.0.0.1',
      'http://1ocalhost',
      'http://vpc.cn-north-4.myhuaweicloud.com',
      'http://evil.example.test#@127.0.0.1',
      'http://evil.example.test?@127.0.0.1',
      'https://user:password@vpc.example.test',
      'ws://127.0.0.1:4790',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/plain,x',
      'vpc.example.test',
      '//127.0.0.1',
      '',
    ];
    for (const url of refused) {
      assert.throws(
        () => validateEndpoint(url, 'huaweicloud.endpoints.vpc'),
        (error: unknown) =>
          error instanceof HuaweiCloudError &&
          error.kind === 'configuration' &&
          /^huaweicloud\.endpoints\.vpc: /.test(error.message),
        url,
      );
    }
  });

  describe('a connection with such an endpoint', () => {
    let iam: HostileServer;
    before(async () => {
      iam = await startHostileServer(() => ({
        kind: 'answer',
        status: 200,
        headers: { 'Content-Type': 'application/json' },
        body: Buffer.from(JSON.stringify({ projects: [{ id: PROJECT, name: 'cn-north-4' }] })),
        what: 'a project',
        traits: [],
      }));
    });
    after(() => iam.close());

    const open = (endpoints: Record<string, string>, env: Record<string, string> = {}) =>
      openConnection(
        { region: 'cn-north-4', projectId: '', credentialSource: 'environment', endpoints },
        {
          credentialEnvironment: {
            secret: async () => undefined,
            homedir: '/nonexistent',
            readFile: async () => {
              throw Object.assign(new Error('none'), { code: 'ENOENT' });
            },
            env: { HUAWEICLOUD_SDK_AK: KEY.accessKeyId, HUAWEICLOUD_SDK_SK: KEY.secretAccessKey, ...env },
          },
          projectIds: new ProjectIdCache(),
        },
      );

    it('is refused before the first request (the IAM lookup) is sent', async () => {
      await assert.rejects(open({ iam: iam.url, modelarts: 'http://modelarts.example.test', vpc: iam.url }), {
        kind: 'configuration',
        message: /huaweicloud\.endpoints\.modelarts: .*must use https/,
      });
      await assert.rejects(
        open({ modelarts: iam.url, vpc: iam.url }, { HUAWEICLOUD_SDK_IAM_ENDPOINT: 'http://iam.example.test' }),
        { kind: 'configuration', message: /the IAM endpoint of the credentials: .*must use https/ },
      );
      assert.deepEqual(iam.received, []);
      // The same settings with loopback endpoints do connect: the refusal above was the endpoint's.
      assert.equal((await open({ iam: iam.url, modelarts: iam.url, vpc: iam.url })).projectId, PROJECT);
      assert.deepEqual(iam.received, ['GET /v3/projects']);
    });
  });
});

describe('security: no redirect is followed, whichever call meets it', () => {
  let origin: HostileServer;
  let elsewhere: HostileServer;
  /** For a create: only its POST meets a redirect, so that the create is sent. */
  let onlyPostsRedirect = false;
  before(async () => {
    elsewhere = await startHostileServer(() => ({
      kind: 'answer',
      status: 200,
      headers: { 'Content-Type': 'application/json' },
      body: Buffer.from('{"items":[],"address_groups":[]}'),
      what: 'elsewhere',
      traits: [],
    }));
    let count = 0;
    origin = await startHostileServer((method, path) => {
      if (onlyPostsRedirect && method !== 'POST') {
        // What a create looks at before and after it posts: nothing of that name, so that its POST is sent.
        const gone = /\/networks\/[^/]+$/.test(path);
        const body = gone
          ? { error_code: 'ModelArts.50025001', error_msg: 'Network not exist.' }
          : { kind: 'NetworkList', metadata: { continue: '' }, items: [], address_groups: [], page_info: {} };
        return {
          kind: 'answer',
          status: gone ? 404 : 200,
          headers: { 'Content-Type': 'application/json' },
          body: Buffer.from(JSON.stringify(body)),
          what: 'nothing of that name',
          traits: [],
        };
      }
      const status = [301, 302, 303, 307, 308][count++ % 5] as number;
      return {
        kind: 'answer',
        status,
        headers: { Location: `${elsewhere.url}/steal`, 'Content-Type': 'application/json' },
        body: Buffer.from('{}'),
        what: `${status}`,
        traits: ['redirects'],
      };
    });
  });
  after(async () => {
    await origin.close();
    await elsewhere.close();
  });

  it('every API call ends with an error naming the redirect (a create: outcome unknown), and nothing reaches where it points', async () => {
    const client = new HttpClient({
      signingKey: async () => KEY,
      sleep: async () => {},
      timeoutMs: 2_000,
      retry: { maxAttempts: 4, maxElapsedMs: 5_000, baseDelayMs: 1, maxDelayMs: 1 },
    });
    for (const [name, operation] of Object.entries(clientOperations(origin.url, client, PROJECT))) {
      if (name.startsWith('the explorer')) {
        // The explorer turns each failure into an error node: it ends, with a tree of error nodes.
        assert.equal(operation.check(await operation.run(AbortSignal.timeout(10_000))), undefined, name);
        continue;
      }
      onlyPostsRedirect = name.endsWith('.create');
      const posts = origin.received.filter((request) => request.startsWith('POST')).length;
      const error = await operation.run(AbortSignal.timeout(10_000)).then(
        () => assert.fail(`${name} succeeded through a redirect`),
        (thrown: unknown) => thrown,
      );
      onlyPostsRedirect = false;
      assert.ok(error instanceof HuaweiCloudError, `${name}: ${String(error)}`);
      assert.match(
        error.message,
        /HTTP 30\d: the server answered with a redirect to http:\/\/127\.0\.0\.1:\d+, and Huawei Cloud's APIs never redirect/,
        name,
      );
      if (name.endsWith('.create')) {
        assert.equal(
          origin.received.filter((request) => request.startsWith('POST')).length,
          posts + 1,
          `${name}: the create was not sent once`,
        );
        assert.equal(error.changeOutcome, 'unknown', `${name}: a create answered with a redirect may have happened`);
      }
    }
    assert.ok(origin.received.length >= 21);
    assert.deepEqual(elsewhere.received, []);
  });
});

describe('security: a workspace cannot set huaweicloud.endpoints', () => {
  it('the manifest makes it an application setting, as every setting that could point requests elsewhere', () => {
    const manifest = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as {
      contributes: {
        configuration: {
          properties: Record<string, { scope?: string; properties?: Record<string, { format?: string }> }>;
        };
      };
    };
    const properties = manifest.contributes.configuration.properties;
    assert.equal(properties['huaweicloud.endpoints']?.scope, 'application');
    const urlSettings = Object.entries(properties).filter(
      ([name, schema]) =>
        /endpoint|url/i.test(name) || Object.values(schema.properties ?? {}).some((inner) => inner.format === 'uri'),
    );
    assert.deepEqual(
      urlSettings.filter(([, schema]) => schema.scope !== 'application').map(([name]) => name),
      [],
    );
  });

  it('is recognised in every form a settings file may hold it', () => {
    const sets: Record<string, string> = {
      'the dotted key': '{"huaweicloud.endpoints": {"vpc": "http://127.0.0.1:1"}}',
      'nested under its section': '{"huaweicloud": {"endpoints": {"vpc": "http://127.0.0.1:1"}}}',
      'inside a language override': '{"[json]": {"huaweicloud.endpoints": {}}}',
      'with comments and a trailing comma': '// mine\n{\n  /* here */ "huaweicloud.endpoints": {},\n}',
      'even empty or null': '{"huaweicloud.endpoints": null}',
    };
    for (const [form, text] of Object.entries(sets)) {
      assert.equal(settingsFileSets(text, 'huaweicloud.endpoints'), true, form);
    }
    assert.equal(
      settingsFileSets('{"folders": [], "settings": {"huaweicloud.endpoints": {}}}', 'huaweicloud.endpoints', {
        workspaceFile: true,
      }),
      true,
      'a .code-workspace file',
    );
    const unset: Record<string, string> = {
      'other settings': '{"huaweicloud.region": "cn-north-4", "huaweicloud": {"pageSize": 5}}',
      'a mention in a string': '{"note": "huaweicloud.endpoints"}',
      'a mention in a comment': '// "huaweicloud.endpoints": {}\n{}',
      'a .code-workspace file setting it outside "settings"': '{"huaweicloud.endpoints": {}}',
      'not JSON': 'huaweicloud.endpoints =',
      'nesting far too deep to read': `${'['.repeat(200_000)}${']'.repeat(200_000)}`,
      'a prototype key': '{"__proto__": {"huaweicloud.endpoints": {}}}',
    };
    for (const [form, text] of Object.entries(unset)) {
      assert.equal(
        settingsFileSets(text, 'huaweicloud.endpoints', { workspaceFile: form.startsWith('a .code-workspace') }),
        false,
        form,
      );
    }
  });
});
