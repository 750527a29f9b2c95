// The workspace-trust guard of ConnectionService.open, against a stub of the VS Code API: in an untrusted workspace
// nothing is read (settings, secrets, files) and nothing is sent; the local emulator is allowed; granting trust
// takes effect on the next call. The same behaviour in a real VS Code: test/integration-untrusted/.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import * as esbuild from 'esbuild';
import { apiCalls, installVscodeStub, vscodeStub } from '../../support/vscodeStub.mjs';
import { projectRoot } from '../../../scripts/lib/codeServer.mjs';
import { type FakeCloud, startFakeCloud, TEST_KEY } from '../../support/fakeCloud';

const require = createRequire(import.meta.url);
const fs = require('node:fs') as Record<string, unknown>;
const PROJECT = '0123456789abcdef0123456789abcdef';

interface Service {
  open(): Promise<{ projectId: string; credentials: { source: string } }>;
  useEmulator(url: string | undefined): void;
  dispose(): void;
}
type ServiceClass = new (secrets: unknown, log: unknown, userAgent: string) => Service;

/** The stub's workspace, with the trust flag and settings these tests set. */
const workspace = vscodeStub.workspace as Record<string, unknown>;

describe('workspace trust: ConnectionService.open', () => {
  let dir: string;
  let ConnectionService: ServiceClass;
  let cloud: FakeCloud;
  const secretReads: string[] = [];
  const secrets = {
    get: async (key: string) => {
      secretReads.push(key);
      return (
        {
          'huaweicloud.accessKeyId': TEST_KEY.accessKeyId,
          'huaweicloud.secretAccessKey': TEST_KEY.secretAccessKey,
        } as Record<string, string>
      )[key];
    },
    onDidChange: () => ({ dispose() {} }),
  };
  const log = { info() {}, warn() {}, error() {} };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hwc-trust-'));
    const bundle = join(dir, 'connections.js');
    await esbuild.build({
      entryPoints: [join(projectRoot, 'src/vscode/connections.ts')],
      outfile: bundle,
      bundle: true,
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      external: ['vscode'],
      mainFields: ['module', 'main'],
      logLevel: 'silent',
    });
    installVscodeStub();
    ({ ConnectionService } = require(bundle) as { ConnectionService: ServiceClass });
    cloud = await startFakeCloud((call) =>
      call.path === '/v3/projects'
        ? { status: 200, body: { projects: [{ id: PROJECT, name: call.query.get('name') }] } }
        : { status: 404, body: { error_code: 'APIGW.0101', error_msg: 'The API does not exist' } },
    );
    // Settings that send to the fake cloud with the key of the (stubbed) secret storage: never to Huawei Cloud.
    const settings: Record<string, unknown> = {
      endpoints: { iam: cloud.url, modelarts: cloud.url, vpc: cloud.url },
      credentialSource: 'secretStorage',
    };
    workspace.getConfiguration = (...args: unknown[]) => {
      apiCalls.push('workspace.getConfiguration');
      assert.equal(args[0], 'huaweicloud');
      return {
        get: (key: string, fallback: unknown) => settings[key] ?? fallback,
        inspect: (key: string) => ({ key, globalValue: settings[key] }),
      };
    };
  });
  after(async () => {
    await cloud.close();
    rmSync(dir, { recursive: true, force: true });
  });
  afterEach(() => {
    apiCalls.length = 0;
    secretReads.length = 0;
    cloud.calls.length = 0;
    cloud.rejected.length = 0;
  });

  it('refuses in an untrusted workspace before reading a setting, secret or file, with a configuration error that says how to trust', async () => {
    workspace.isTrusted = false;
    const service = new ConnectionService(secrets, log, 'test');
    const reads: string[] = [];
    const spied = ['readFile', 'readFileSync', 'existsSync', 'statSync', 'openSync'] as const;
    const originals = spied.map((name) => fs[name]);
    const originalPromises = (fs.promises as Record<string, unknown>).readFile;
    spied.forEach((name, i) => {
      fs[name] = (...args: unknown[]) => {
        reads.push(name);
        return (originals[i] as (...a: unknown[]) => unknown)(...args);
      };
    });
    (fs.promises as Record<string, unknown>).readFile = (...args: unknown[]) => {
      reads.push('promises.readFile');
      return (originalPromises as (...a: unknown[]) => unknown)(...args);
    };
    const env = process.env;
    const envReads: string[] = [];
    process.env = new Proxy(env, {
      get: (target, key) => {
        envReads.push(String(key));
        return Reflect.get(target, key);
      },
    });
    let error: unknown;
    try {
      const opened = service.open();
      assert.ok(opened instanceof Promise, 'open() throws instead of returning a rejected promise');
      error = await opened.then(
        () => undefined,
        (e: unknown) => e,
      );
    } finally {
      process.env = env;
      spied.forEach((name, i) => {
        fs[name] = originals[i];
      });
      (fs.promises as Record<string, unknown>).readFile = originalPromises;
      service.dispose();
    }
    assert.ok(error instanceof Error, 'open() did not fail');
    const refusal = error as Error & { kind?: string; notSent?: boolean };
    assert.equal(refusal.name, 'UntrustedWorkspaceError');
    assert.equal(refusal.kind, 'configuration');
    assert.equal(refusal.notSent, true);
    assert.match(refusal.message, /workspace is not trusted/);
    assert.match(refusal.message, /nothing is sent to Huawei Cloud from an untrusted folder/);
    assert.match(refusal.message, /Workspaces: Manage Workspace Trust/);
    assert.deepEqual(apiCalls, [], 'settings were read');
    assert.deepEqual(secretReads, [], 'secrets were read');
    assert.deepEqual(reads, [], 'files were read');
    assert.deepEqual(
      envReads.filter((name) => name.startsWith('HUAWEICLOUD')),
      [],
      'the environment was read',
    );
    assert.deepEqual([cloud.calls, cloud.rejected], [[], []]);
  });

  it('connects once trust is granted, on the same service: no reload', async () => {
    workspace.isTrusted = false;
    const service = new ConnectionService(secrets, log, 'test');
    try {
      await assert.rejects(service.open(), { name: 'UntrustedWorkspaceError' });
      workspace.isTrusted = true;
      const connection = await service.open();
      assert.equal(connection.projectId, PROJECT);
      assert.equal(connection.credentials.source, 'secretStorage');
      assert.deepEqual(
        cloud.calls.map((call) => call.path),
        ['/v3/projects'],
      );
    } finally {
      service.dispose();
    }
  });

  it('allows the local emulator the extension started, untrusted: its well-known key, no secret read', async () => {
    workspace.isTrusted = false;
    const service = new ConnectionService(secrets, log, 'test');
    try {
      // The fake cloud stands in for the emulator; it refuses the emulator's key, which shows the request was sent.
      service.useEmulator(cloud.url);
      await assert.rejects(
        service.open(),
        (error: Error & { status?: number }) => error.name !== 'UntrustedWorkspaceError' && error.status === 401,
      );
      assert.deepEqual(cloud.rejected, ['GET /v3/projects?name=cn-north-4']);
      assert.deepEqual(secretReads, []);
      service.useEmulator(undefined);
      await assert.rejects(service.open(), { name: 'UntrustedWorkspaceError' });
    } finally {
      service.dispose();
    }
  });
});
