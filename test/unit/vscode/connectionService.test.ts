// ConnectionService keeps one connection, against a stub of the VS Code API: the explorer and the tracker ask for it
// constantly, so secrets and the SDK file are read once, and read again only when a setting, a stored secret, the
// emulator or the SDK file's modification time changes.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import * as esbuild from 'esbuild';
import { installVscodeStub, vscodeStub } from '../../support/vscodeStub.mjs';
import { projectRoot } from '../../../scripts/lib/codeServer.mjs';
import { type FakeCloud, startFakeCloud, TEST_KEY } from '../../support/fakeCloud';

const require = createRequire(import.meta.url);
const PROJECT = '0123456789abcdef0123456789abcdef';

interface Connection {
  projectId: string;
  credentials: { source: string; origin: string };
}
interface Service {
  open(options?: { signal?: AbortSignal }): Promise<Connection>;
  useEmulator(url: string | undefined): void;
  dispose(): void;
}
type ServiceClass = new (secrets: unknown, log: unknown, userAgent: string) => Service;
type Listener = (event: unknown) => void;

const workspace = vscodeStub.workspace as Record<string, unknown>;

describe('ConnectionService keeps one connection', () => {
  let dir: string;
  let ConnectionService: ServiceClass;
  let cloud: FakeCloud;
  let settings: Record<string, unknown>;
  let stored: Record<string, string>;
  let secretReads: string[];
  let secretListeners: Listener[];
  let configListeners: Listener[];
  const log = { info() {}, warn() {}, error() {} };
  const secrets = {
    get: async (key: string) => {
      secretReads.push(key);
      return stored[key];
    },
    onDidChange: (listener: Listener) => {
      secretListeners.push(listener);
      return { dispose() {} };
    },
  };
  const iamCalls = () => cloud.calls.filter((call) => call.path === '/v3/projects').length;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hwc-connections-'));
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
    workspace.isTrusted = true;
    workspace.getConfiguration = () => ({
      get: (key: string, fallback: unknown) => settings[key] ?? fallback,
      inspect: (key: string) => ({ key, globalValue: settings[key] }),
    });
    workspace.onDidChangeConfiguration = (listener: Listener) => {
      configListeners.push(listener);
      return { dispose() {} };
    };
  });
  after(async () => {
    await cloud.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    settings = {
      endpoints: { iam: cloud.url, modelarts: cloud.url, vpc: cloud.url },
      credentialSource: 'secretStorage',
    };
    stored = {
      'huaweicloud.accessKeyId': TEST_KEY.accessKeyId,
      'huaweicloud.secretAccessKey': TEST_KEY.secretAccessKey,
    };
    secretReads = [];
    secretListeners = [];
    configListeners = [];
  });
  afterEach(() => {
    cloud.calls.length = 0;
  });

  it('opens once for many callers: one read of the secrets, one IAM lookup, the same connection', async () => {
    const service = new ConnectionService(secrets, log, 'test');
    try {
      const [a, b] = await Promise.all([service.open(), service.open()]);
      const c = await service.open();
      assert.equal(a, b);
      assert.equal(a, c);
      assert.equal(iamCalls(), 1);
      assert.equal(secretReads.length, 3, 'AK, SK and token, read once');
    } finally {
      service.dispose();
    }
  });

  it('one caller giving up does not cancel the opening the others wait for', async () => {
    const service = new ConnectionService(secrets, log, 'test');
    try {
      const controller = new AbortController();
      const impatient = service.open({ signal: controller.signal });
      const patient = service.open();
      controller.abort();
      await assert.rejects(impatient, { kind: 'cancelled' });
      assert.equal((await patient).projectId, PROJECT);
    } finally {
      service.dispose();
    }
  });

  it('opens again after a stored secret or a connection setting changes, and only then', async () => {
    const service = new ConnectionService(secrets, log, 'test');
    try {
      const first = await service.open();
      for (const listener of secretListeners) listener({ key: 'other.extension.key' });
      for (const listener of configListeners) {
        listener({ affectsConfiguration: (section: string) => section === 'editor.fontSize' });
      }
      assert.equal(await service.open(), first, 'an unrelated change dropped the connection');

      for (const listener of secretListeners) listener({ key: 'huaweicloud.securityToken' });
      const afterSecret = await service.open();
      assert.notEqual(afterSecret, first);
      assert.equal(
        iamCalls(),
        1,
        'a refreshed token looked the project up again (its failure would end what is followed)',
      );

      for (const listener of configListeners) {
        listener({ affectsConfiguration: (section: string) => section === 'huaweicloud.region' });
      }
      const afterSetting = await service.open();
      assert.notEqual(afterSetting, afterSecret);
      assert.equal(iamCalls(), 2, 'the project ID is looked up again after a setting changed');
    } finally {
      service.dispose();
    }
  });

  it('does not keep a failed opening: the next call tries again', async () => {
    stored = {};
    const service = new ConnectionService(secrets, log, 'test');
    try {
      await assert.rejects(service.open(), { kind: 'configuration' });
      stored = {
        'huaweicloud.accessKeyId': TEST_KEY.accessKeyId,
        'huaweicloud.secretAccessKey': TEST_KEY.secretAccessKey,
      };
      assert.equal((await service.open()).credentials.source, 'secretStorage');
    } finally {
      service.dispose();
    }
  });

  it('reads the SDK credentials file again when its modification time changes', async () => {
    const file = join(dir, 'credentials');
    writeFileSync(
      file,
      `[basic]\nak = ${TEST_KEY.accessKeyId}\nsk = ${TEST_KEY.secretAccessKey}\nproject_id = ${PROJECT}\n`,
    );
    utimesSync(file, new Date('2026-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z'));
    const previous = process.env.HUAWEICLOUD_SDK_CREDENTIALS_FILE;
    process.env.HUAWEICLOUD_SDK_CREDENTIALS_FILE = file;
    settings.credentialSource = 'sdkCredentialsFile';
    const service = new ConnectionService(secrets, log, 'test');
    try {
      const first = await service.open();
      assert.equal(first.credentials.source, 'sdkCredentialsFile');
      assert.equal(await service.open(), first);
      writeFileSync(
        file,
        `[basic]\nak = ${TEST_KEY.accessKeyId}\nsk = ${TEST_KEY.secretAccessKey}\nproject_id = ${'f'.repeat(32)}\n`,
      );
      utimesSync(file, new Date('2026-01-02T00:00:00Z'), new Date('2026-01-02T00:00:00Z'));
      const second = await service.open();
      assert.notEqual(second, first);
      assert.equal(second.projectId, 'f'.repeat(32));
    } finally {
      service.dispose();
      if (previous === undefined) delete process.env.HUAWEICLOUD_SDK_CREDENTIALS_FILE;
      else process.env.HUAWEICLOUD_SDK_CREDENTIALS_FILE = previous;
    }
  });

  describe('KooCLI profiles', () => {
    let home: string;
    let previousHome: string | undefined;
    const writeConfig = (profiles: { name: string; projectId: string }[], modified: string) => {
      const file = join(home, '.hcloud', 'config.json');
      mkdirSync(join(home, '.hcloud'), { recursive: true });
      writeFileSync(
        file,
        JSON.stringify({
          authEncrypt: 'false',
          current: 'default',
          profiles: profiles.map((profile) => ({
            ...profile,
            mode: 'AKSK',
            accessKeyId: TEST_KEY.accessKeyId,
            secretAccessKey: TEST_KEY.secretAccessKey,
            region: 'cn-north-4',
          })),
        }),
      );
      utimesSync(file, new Date(modified), new Date(modified));
      return file;
    };
    beforeEach(() => {
      home = mkdtempSync(join(dir, 'home-'));
      previousHome = process.env.HOME;
      // os.homedir() reads HOME on each call: the service looks for ~/.hcloud/config.json under this one.
      process.env.HOME = home;
      settings.credentialSource = 'koocli';
    });
    afterEach(() => {
      if (previousHome === undefined) delete process.env.HOME;
      else process.env.HOME = previousHome;
    });

    it("reads config.json again when it changes, and the profile of the user's setting only", async () => {
      writeConfig(
        [
          { name: 'default', projectId: PROJECT },
          { name: 'dev', projectId: 'd'.repeat(32) },
        ],
        '2026-01-01T00:00:00Z',
      );
      const service = new ConnectionService(secrets, log, 'test');
      try {
        const first = await service.open();
        assert.deepEqual([first.credentials.source, first.projectId], ['koocli', PROJECT]);
        assert.equal(await service.open(), first);
        writeConfig([{ name: 'default', projectId: 'e'.repeat(32) }], '2026-01-02T00:00:00Z');
        const second = await service.open();
        assert.notEqual(second, first);
        assert.equal(second.projectId, 'e'.repeat(32));

        // A workspace's value is not the user's: it is not read (application scope), and changes nothing.
        writeConfig(
          [
            { name: 'default', projectId: PROJECT },
            { name: 'dev', projectId: 'd'.repeat(32) },
          ],
          '2026-01-03T00:00:00Z',
        );
        const inspect = (key: string) =>
          key === 'koocliProfile' ? { key, workspaceValue: 'dev' } : { key, globalValue: settings[key] };
        const original = workspace.getConfiguration;
        workspace.getConfiguration = () => ({
          get: (key: string, fallback: unknown) => (key === 'koocliProfile' ? 'dev' : (settings[key] ?? fallback)),
          inspect,
        });
        try {
          assert.equal((await service.open()).credentials.origin.startsWith("KooCLI profile 'default'"), true);
        } finally {
          workspace.getConfiguration = original;
        }
        settings.koocliProfile = 'dev';
        const dev = await service.open();
        assert.deepEqual(
          [dev.credentials.origin.startsWith("KooCLI profile 'dev'"), dev.projectId],
          [true, 'd'.repeat(32)],
        );
      } finally {
        service.dispose();
        delete settings.koocliProfile;
      }
    });

    // A config.json that never ends (a link to /dev/zero): read whole, it would fill the memory; read to the bound,
    // it is refused at once.
    it('reads no more of config.json than the bound, and says it is too large', { timeout: 20_000 }, async () => {
      const file = writeConfig([{ name: 'default', projectId: PROJECT }], '2026-01-01T00:00:00Z');
      rmSync(file);
      symlinkSync('/dev/zero', file);
      const service = new ConnectionService(secrets, log, 'test');
      try {
        await assert.rejects(service.open(), (error: Error) => {
          assert.match(error.message, /KooCLI's configuration file .*config\.json is larger than 256 KB/);
          return true;
        });
      } finally {
        service.dispose();
      }
    });
  });

  it('switching the emulator on or off opens again', async () => {
    const service = new ConnectionService(secrets, log, 'test');
    try {
      const first = await service.open();
      service.useEmulator(cloud.url);
      // The fake cloud refuses the emulator's well-known key: a failure shows a new connection was tried.
      await assert.rejects(service.open(), { status: 401 });
      service.useEmulator(undefined);
      assert.notEqual(await service.open(), first);
    } finally {
      service.dispose();
    }
  });
});
