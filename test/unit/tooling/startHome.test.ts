// What `npm start` keeps between starts (scripts/lib/startHome.mjs) and the user settings it writes into its profile
// (scripts/lib/codeServer.mjs): the port it comes back to, the links file the extension takes in, a person's own
// settings kept.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { writeUserSettings } from '../../../scripts/lib/codeServer.mjs';
import { choosePort, linksFile, rememberedPort, startFiles, startHome } from '../../../scripts/lib/startHome.mjs';
import { parseLinkImport } from '../../../src/core/live/links';

describe("npm start's folder", () => {
  let dir: string;
  let busy: Server;
  let busyPort: number;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hwc-start-home-'));
    busy = createServer();
    busyPort = await new Promise<number>((resolve) =>
      busy.listen(0, '127.0.0.1', () => resolve((busy.address() as { port: number }).port)),
    );
  });
  after(() => {
    busy.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is .vscode-test/start unless HWC_START_HOME names another', () => {
    assert.match(startHome({}), /\/\.vscode-test\/start$/);
    assert.equal(startHome({ HWC_START_HOME: dir }), dir);
    assert.equal(startFiles(dir).state, join(dir, 'emulator-state.json'));
  });

  it('remembers a port, and nothing that is not one', () => {
    const file = join(dir, 'port');
    assert.equal(rememberedPort(file), undefined);
    for (const [text, port] of [
      ['4791\n', 4791],
      ['0', undefined],
      ['70000', undefined],
      ['x', undefined],
      ['', undefined],
    ] as const) {
      writeFileSync(file, text);
      assert.equal(rememberedPort(file), port, JSON.stringify(text));
    }
  });

  it("takes HWC_PORT, else the last start's port when it is free, else another, saying so", async () => {
    assert.deepEqual(await choosePort({ requested: 5001, remembered: 5002 }), { port: 5001 });
    const free = await choosePort({});
    assert.deepEqual(await choosePort({ remembered: free.port }), { port: free.port });
    const taken = await choosePort({ remembered: busyPort });
    assert.notEqual(taken.port, busyPort);
    assert.match(taken.note ?? '', new RegExp(`^port ${busyPort}, used last time, is in use`));
    assert.notEqual((await choosePort({ avoid: free.port })).port, free.port);
  });

  it('writes the links file the extension takes in: file Uris, in the scope of the emulator connection (its region and project)', () => {
    const scenario = {
      region: 'cn-north-4',
      projectId: 'p1',
      documents: [
        { path: '/w/sample/valid/web servers.address-group.json', kind: 'addressGroup', id: 'g1', name: 'web-servers' },
      ],
    };
    assert.deepEqual(parseLinkImport(JSON.stringify(linksFile(scenario))), {
      scope: { source: 'emulator', region: 'cn-north-4', projectId: 'p1' },
      links: [
        {
          document: 'file:///w/sample/valid/web%20servers.address-group.json',
          kind: 'addressGroup',
          id: 'g1',
          name: 'web-servers',
        },
      ],
    });
  });

  it("writes its settings into the profile's user settings, keeping a person's own and their comments", () => {
    const file = join(dir, 'settings.json');
    writeUserSettings(file, { 'huaweicloud.endpoints': { iam: 'http://127.0.0.1:1' } });
    const first = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    assert.equal(first['telemetry.telemetryLevel'], 'off', 'a new profile is quiet');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        /^\{/,
        '{\n  // mine\n  "editor.fontSize": 15,\n  "telemetry.telemetryLevel": "error",',
      ),
    );
    writeUserSettings(file, { 'huaweicloud.endpoints': { iam: 'http://127.0.0.1:2' } });
    const text = readFileSync(file, 'utf8');
    assert.match(text, /\/\/ mine\n {2}"editor\.fontSize": 15,\n {2}"telemetry\.telemetryLevel": "error"/);
    assert.match(text, /"iam": "http:\/\/127\.0\.0\.1:2"/);
    assert.doesNotMatch(text, /127\.0\.0\.1:1/);
    // What npm start does with the endpoint settings earlier starts wrote: the emulator is named otherwise now.
    writeUserSettings(file, { 'huaweicloud.endpoints': undefined, 'huaweicloud.credentialSource': undefined });
    const cleared = readFileSync(file, 'utf8');
    assert.doesNotMatch(cleared, /huaweicloud/);
    assert.match(cleared, /\/\/ mine\n {2}"editor\.fontSize": 15/);
  });
});
