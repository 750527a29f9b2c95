// The emulator someone else started (`npm start`, through HUAWEICLOUD_EMULATOR_URL) is used as the emulator only once
// it has said so: a loopback port may be a proxy to the cloud. And `--samples` fills a new emulator once.
import * as assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { projectRoot } from '../../../../scripts/lib/codeServer.mjs';
import { AddressGroupsApi } from '../../../../src/core/api/addressGroups';
import { openConnection } from '../../../../src/core/api/connection';
import {
  EMULATOR_CREDENTIALS,
  EMULATOR_IDENTITY,
  EMULATOR_URL_ENV,
  emulatorUrlFrom,
} from '../../../../src/core/cloud/emulatorDefaults';
import { HuaweiCloudError } from '../../../../src/core/cloud/errors';
import { HttpClient } from '../../../../src/core/cloud/http';
import { NetworksApi } from '../../../../src/core/api/networks';
import { ProjectIdCache } from '../../../../src/core/cloud/project';
import { SHOWCASE } from '../../../../src/emulator/scenario';
import { projectIdFor } from '../../../../src/emulator/store';
import { withEmulator } from '../../../support/emulator';
import { listenOnLoopback } from '../../../support/loopback';
import { bundleEmulator } from '../../../support/emulatorBundle';
import { rejection } from '../../../support/rejection';

const REGION = 'cn-north-4';

/** Opens a connection as the extension does for an emulator named in its environment. */
function openAsNamedEmulator(url: string) {
  return openConnection(
    { region: REGION, projectId: '', credentialSource: 'auto', endpoints: { modelarts: url, vpc: url, iam: url } },
    {
      credentialEnvironment: {
        secret: async () => undefined,
        env: {},
        homedir: '/nonexistent',
        readFile: async () => '',
      },
      credentials: {
        key: EMULATOR_CREDENTIALS,
        source: 'emulator',
        origin: `the local emulator at ${url} (named by ${EMULATOR_URL_ENV})`,
      },
      projectIds: new ProjectIdCache(),
      http: { retry: { maxAttempts: 1, maxElapsedMs: 0, baseDelayMs: 0, maxDelayMs: 0 }, timeoutMs: 5_000 },
      confirmEmulator: true,
    },
  );
}

/** A loopback server answering every request with `answer`, keeping the paths it was asked. */
async function loopbackServer(answer: (req: IncomingMessage, res: ServerResponse) => void) {
  const paths: string[] = [];
  const listening = await listenOnLoopback(
    createServer((req, res) => {
      paths.push(`${req.method} ${req.url}`);
      answer(req, res);
    }),
  );
  return { ...listening, paths };
}

describe('HUAWEICLOUD_EMULATOR_URL', () => {
  it('takes plain http on a loopback host, and nothing after the port', () => {
    assert.deepEqual(emulatorUrlFrom('http://127.0.0.1:4790'), { url: 'http://127.0.0.1:4790' });
    assert.deepEqual(emulatorUrlFrom('http://localhost:4790/'), { url: 'http://localhost:4790' });
    assert.deepEqual(emulatorUrlFrom('http://[::1]:4790'), { url: 'http://[::1]:4790' });
    for (const [value, said] of [
      [
        'https://127.0.0.1:4790',
        /names https:\/\/127\.0\.0\.1:4790; it takes a local emulator's address only: http on 127\.0\.0\.1, localhost or \[::1\]/,
      ],
      [
        'http://vpc.cn-north-4.myhuaweicloud.com',
        /names http:\/\/vpc\.cn-north-4\.myhuaweicloud\.com; it takes a local emulator's address only/,
      ],
      ['http://127.0.0.1:4790/v1', /names http:\/\/127\.0\.0\.1:4790\/…; it takes/],
      ['http://127.0.0.1:4790/?next=https://evil.example', /it takes a local emulator's address only/],
      ['http://user:pass@127.0.0.1:4790', /it takes a local emulator's address only/],
      ['127.0.0.1:4790x', /is not a URL; it takes the emulator's address, such as http:\/\/127\.0\.0\.1:4790/],
    ] as const) {
      const parsed = emulatorUrlFrom(value);
      assert.ok('problem' in parsed, `${value} was taken`);
      assert.match(parsed.problem, said);
      assert.doesNotMatch(parsed.problem, /pass|evil/, 'no credentials or query repeated');
    }
  });
});

describe('telling the emulator from a proxy on a loopback port', () => {
  // Real time: the connection signs with it.
  const emulator = withEmulator({ realTime: true });

  it('the emulator says what it is at GET /__emulator/identity', async () => {
    const answer = await fetch(`${emulator.url}/__emulator/identity`);
    assert.equal(answer.status, 200);
    assert.deepEqual(await answer.json(), EMULATOR_IDENTITY);
  });

  it('a connection to an emulator named in the environment opens once it has said so: the Local emulator, its project', async () => {
    const connection = await openAsNamedEmulator(emulator.url);
    assert.equal(connection.credentials.name, 'Local emulator');
    assert.equal(connection.projectId, projectIdFor(REGION));
    assert.ok(connection.identity.startsWith('emulator:'));
    assert.deepEqual((await connection.networks.listPage({ limit: 1 })).items, []);
  });

  for (const [what, answer, said] of [
    [
      "a proxy to the cloud (the gateway's 404 for a path it does not serve)",
      (_req: IncomingMessage, res: ServerResponse) => {
        res.writeHead(404, { 'Content-Type': 'application/json', 'X-Request-Id': 'r-404' });
        res.end(
          JSON.stringify({
            error_code: 'APIGW.0101',
            error_msg: 'The API does not exist or has not been published in the environment',
          }),
        );
      },
      /APIGW\.0101: .*→ 404\] request id r-404/,
    ],
    [
      'a server answering 200 with something else',
      (_req: IncomingMessage, res: ServerResponse) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ emulator: 'another-emulator', projects: [] }));
      },
      /HTTP 200 without the emulator's identity/,
    ],
    [
      'a server answering the identity inside its prototype',
      (_req: IncomingMessage, res: ServerResponse) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end('{"__proto__": {"emulator": "huaweicloud-networks"}}');
      },
      /without the emulator's identity/,
    ],
    [
      'a web page answered 200',
      (_req: IncomingMessage, res: ServerResponse) => {
        res.writeHead(200, { 'Content-Type': 'text/html' });
        res.end('<html><body>Sign in</body></html>');
      },
      /did not answer as the local emulator/,
    ],
    [
      'a redirect to the cloud',
      (_req: IncomingMessage, res: ServerResponse) => {
        res.writeHead(302, { Location: 'https://vpc.cn-north-4.myhuaweicloud.com/__emulator/identity' });
        res.end();
      },
      /redirect/,
    ],
  ] as const) {
    it(`${what} is refused before any API request: nothing but the identity question reaches it`, async () => {
      const server = await loopbackServer(answer);
      try {
        const error = await rejection(openAsNamedEmulator(server.url));
        assert.ok(error instanceof HuaweiCloudError, String(error));
        assert.equal(error.kind, 'configuration');
        assert.match(
          error.message,
          new RegExp(
            `^the local emulator at ${server.url.replace(/[.]/g, '\\.')} \\(named by HUAWEICLOUD_EMULATOR_URL\\) did not answer as the local emulator \\(`,
          ),
        );
        assert.match(error.message, said);
        assert.match(
          error.message,
          /no API request was sent with the emulator's key\. Start the emulator again \(npm start\), or Stop Local Emulator to use your settings$/,
        );
        assert.deepEqual(server.paths, ['GET /__emulator/identity']);
      } finally {
        await server.close();
      }
    });
  }

  it('a cancelled question is a cancellation, not a refusal', async () => {
    const server = await loopbackServer(() => undefined);
    try {
      const controller = new AbortController();
      const opening = openConnection(
        {
          region: REGION,
          projectId: '',
          credentialSource: 'auto',
          endpoints: { modelarts: server.url, vpc: server.url, iam: server.url },
        },
        {
          credentialEnvironment: {
            secret: async () => undefined,
            env: {},
            homedir: '/nonexistent',
            readFile: async () => '',
          },
          credentials: { key: EMULATOR_CREDENTIALS, source: 'emulator', origin: 'the test' },
          projectIds: new ProjectIdCache(),
          confirmEmulator: true,
        },
        { signal: controller.signal },
      );
      setTimeout(() => controller.abort(), 100);
      const error = await rejection(opening);
      assert.ok(error instanceof HuaweiCloudError);
      assert.equal(error.kind, 'cancelled');
    } finally {
      await server.close();
    }
  });
});

describe('emulator --samples', () => {
  let dir: string;
  let bundle: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hwc-samples-'));
    bundle = join(dir, 'emulator.js');
    await bundleEmulator(bundle);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs the bundle until it listens; returns its banner, its URL and a stop. */
  const run = async (args: string[]) => {
    const child: ChildProcess = spawn(process.execPath, [bundle, '--port', '0', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      const read = (chunk: Buffer) => {
        output += String(chunk);
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)[\s\S]*settings:/.exec(output);
        if (match?.[1]) resolve(match[1]);
      };
      child.stdout?.on('data', read);
      child.stderr?.on('data', read);
      child.once('exit', (code) => reject(new Error(`exited (${String(code)}): ${output}`)));
    });
    const http = new HttpClient({
      signingKey: async () => EMULATOR_CREDENTIALS,
      retry: { maxAttempts: 1, maxElapsedMs: 0, baseDelayMs: 0, maxDelayMs: 0 },
    });
    const project = projectIdFor(REGION);
    return {
      output,
      networks: new NetworksApi(http, url, project),
      groups: new AddressGroupsApi(http, url, project),
      stop: () =>
        new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill();
        }),
    };
  };

  it("fills a new emulator with the sample documents' resources and the showcase, once: what the user deleted stays deleted", async () => {
    const state = join(dir, 'state.json');
    const first = await run(['--samples', '--state', state]);
    try {
      assert.match(first.output, /samples: \d+ resources made \(training, web-servers and the showcase\)/);
      const names = (await first.networks.listPage({ limit: 50 })).items
        .map((network) => network.metadata.labels['os.modelarts/name'])
        .sort();
      assert.deepEqual(names, [SHOWCASE.abnormal, SHOWCASE.creating, SHOWCASE.peering, 'training'].sort());
      const webServers = (await first.groups.listPage({ name: ['web-servers'] })).addressGroups;
      assert.equal(webServers.length, 1);
      await first.groups.delete((webServers[0] as { id: string }).id);
    } finally {
      await first.stop();
    }
    const again = await run(['--samples', '--state', state]);
    try {
      assert.doesNotMatch(again.output, /samples:/);
      assert.deepEqual((await again.groups.listPage({ name: ['web-servers'] })).addressGroups, []);
    } finally {
      await again.stop();
    }
  });

  it('without --samples a new emulator is empty; with --scenario it is refused, saying why', async () => {
    const empty = await run([]);
    try {
      assert.deepEqual((await empty.networks.listPage({ limit: 5 })).items, []);
    } finally {
      await empty.stop();
    }
    await assert.rejects(
      run(['--samples', '--scenario', join(projectRoot, 'sample', 'valid')]),
      /exited \(2\): emulator: --samples and --scenario cannot be used together/,
    );
  });
});
