// Activation only wires things: it must read no file, no secret and no setting, spawn nothing, and send nothing.
// The bundle is built as shipped (scripts/lib/bundleOptions.mjs) and activated against a stub of the VS Code API, with the I/O of Node spied on.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as esbuild from 'esbuild';
import { apiCalls, extensionContext, installVscodeStub } from '../../support/vscodeStub.mjs';
import { projectRoot } from '../../../scripts/lib/codeServer.mjs';
import { bundleOptions } from '../../../scripts/lib/bundleOptions.mjs';

// The modules as CommonJS sees them (what the bundle requires): mutable, unlike the ES namespace objects.
const require = createRequire(import.meta.url);
const [fs, childProcess, net, http, https] = [
  'node:fs',
  'node:child_process',
  'node:net',
  'node:http',
  'node:https',
].map((name) => require(name) as Record<string, unknown>);

describe('activation', () => {
  let dir: string;
  let bundle: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hwc-activation-'));
    bundle = join(dir, 'extension.js');
    await esbuild.build({
      ...bundleOptions({ production: true }),
      entryPoints: { extension: 'src/extension.ts' },
      outdir: dir,
    });
    installVscodeStub();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads no file, setting or secret, spawns nothing and sends nothing', async () => {
    const extension = require(bundle) as { activate(context: unknown): void };
    const io: string[] = [];
    const spies = (
      [
        [fs, 'readFileSync'],
        [fs, 'readFile'],
        [fs, 'openSync'],
        [fs, 'open'],
        [fs, 'existsSync'],
        [fs, 'statSync'],
        [fs, 'readdirSync'],
        [fs, 'writeFileSync'],
        [fs, 'mkdirSync'],
        [fs?.promises as object, 'readFile'],
        [fs?.promises as object, 'open'],
        [fs?.promises as object, 'mkdir'],
        [fs?.promises as object, 'stat'],
        [childProcess, 'spawn'],
        [childProcess, 'execFile'],
        [net, 'connect'],
        [net, 'createConnection'],
        [http, 'request'],
        [https, 'request'],
        [globalThis, 'fetch'],
      ] as [object | undefined, string][]
    ).map(([target, name]): [object, string] => [target as object, name]);
    const originals = spies.map(([target, name]) => (target as Record<string, unknown>)[name]);
    spies.forEach(([target, name], i) => {
      const original = originals[i] as (...args: unknown[]) => unknown;
      Object.defineProperty(target, name, {
        configurable: true,
        writable: true,
        value: (...args: unknown[]) => {
          io.push(name);
          return original(...args);
        },
      });
    });
    const context = extensionContext(projectRoot) as {
      subscriptions: unknown[];
      secrets: { get: () => Promise<undefined> };
    };
    const secretReads: number[] = [];
    context.secrets.get = async () => {
      secretReads.push(1);
      return undefined;
    };
    try {
      apiCalls.length = 0;
      extension.activate(context);
      // What activation schedules for right after (checking already-open documents) counts too.
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      spies.forEach(([target, name], i) =>
        Object.defineProperty(target, name, { configurable: true, writable: true, value: originals[i] }),
      );
    }
    assert.deepEqual(io, []);
    assert.deepEqual(secretReads, []);
    assert.ok(!apiCalls.includes('workspace.getConfiguration'), 'activation read settings');
    assert.ok(context.subscriptions.length >= 10, `only ${context.subscriptions.length} disposables were registered`);
    const manifest = require(join(projectRoot, 'package.json')) as { contributes: { commands: unknown[] } };
    assert.equal(
      apiCalls.filter((call) => call === 'commands.registerCommand').length,
      manifest.contributes.commands.length,
    );
  });

  it('evaluates only what it wires: no network stack, no checks, no emulator process code, no undici', async () => {
    // The same code built with every package left outside, so that loading one shows as a require of it; and a
    // getter on Headers, which is what loads undici (ofetch's module body reads it).
    // Inside the project, so that the packages it leaves outside resolve as they would.
    mkdirSync(join(projectRoot, 'out'), { recursive: true });
    const lazyDir = mkdtempSync(join(projectRoot, 'out', 'lazy-activation-'));
    const lazyBundle = join(lazyDir, 'extension.js');
    try {
      await esbuild.build({
        ...bundleOptions({ production: false }),
        entryPoints: { extension: 'src/extension.ts' },
        outdir: lazyDir,
        packages: 'external',
        sourcemap: false,
      });
      const Module = require('node:module') as { _load: (request: string, ...rest: unknown[]) => unknown };
      const originalLoad = Module._load;
      const required: string[] = [];
      Module._load = function load(this: unknown, request: string, ...rest: unknown[]) {
        required.push(request);
        return originalLoad.call(this, request, ...rest);
      };
      const headers = Object.getOwnPropertyDescriptor(globalThis, 'Headers');
      let headersRead = 0;
      Object.defineProperty(globalThis, 'Headers', {
        configurable: true,
        get() {
          headersRead++;
          return headers?.get ? headers.get.call(globalThis) : headers?.value;
        },
      });
      try {
        const extension = require(lazyBundle) as { activate(context: unknown): void };
        extension.activate(extensionContext(projectRoot));
        await new Promise((r) => setTimeout(r, 50));
      } finally {
        Module._load = originalLoad;
        if (headers) Object.defineProperty(globalThis, 'Headers', headers);
      }
      const loadedPackages = required.filter(
        (request) =>
          !request.startsWith('node:') && request !== 'vscode' && !request.startsWith('.') && !request.startsWith('/'),
      );
      assert.deepEqual(loadedPackages, [], 'packages evaluated at activation');
      assert.ok(
        !required.includes('node:child_process') && !required.includes('node:crypto'),
        `node modules required: ${required.join(', ')}`,
      );
      assert.equal(headersRead, 0, 'undici was loaded at activation');
    } finally {
      rmSync(lazyDir, { recursive: true, force: true });
    }
  });
});
