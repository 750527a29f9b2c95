// Activation only registers: it reads the entry (dist/extension.js) and no other file of ours, no setting and no
// secret, spawns nothing and sends nothing; a JSON document that is not ours loads nothing more; one of ours loads
// the features. The extension is built as shipped (scripts/lib/bundleOptions.mjs) and activated against a stub of
// the VS Code API, with Node's module loader and I/O watched.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageChannel } from 'node:worker_threads';
import { after, before, describe, it } from 'node:test';
import * as esbuild from 'esbuild';
import {
  apiCalls,
  documentEvents,
  extensionContext,
  installVscodeStub,
  installVscodeStubForEsm,
  vscodeStub,
} from '../../support/vscodeStub.mjs';
import { projectRoot } from '../../../scripts/lib/codeServer.mjs';
import { extensionBundleOptions } from '../../../scripts/lib/bundleOptions.mjs';

// The modules as CommonJS sees them: mutable, unlike the ES namespace objects, and the same objects.
const require = createRequire(import.meta.url);
const [fs, childProcess, net, http, https] = [
  'node:fs',
  'node:child_process',
  'node:net',
  'node:http',
  'node:https',
].map((name) => require(name) as Record<string, unknown>);

/** Spies on Node's I/O: returns the names called until `stop()`. */
function spyOnIo(): { calls: string[]; stop(): void } {
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
    ] as [object, string][]
  ).map(([target, name]) => [target, name, (target as Record<string, unknown>)[name]] as const);
  const calls: string[] = [];
  for (const [target, name, original] of spies) {
    Object.defineProperty(target, name, {
      configurable: true,
      writable: true,
      value: (...args: unknown[]) => {
        calls.push(name);
        return (original as (...a: unknown[]) => unknown)(...args);
      },
    });
  }
  return {
    calls,
    stop: () => {
      for (const [target, name, original] of spies) {
        Object.defineProperty(target, name, { configurable: true, writable: true, value: original });
      }
    },
  };
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A text document as the workspace events hand it over. */
function document(path: string, text: string, languageId = 'json') {
  const uri = { path, scheme: 'file', toString: () => `file://${path}` };
  return { uri, languageId, getText: () => text, isClosed: false, version: 1 };
}

describe('activation', () => {
  let dir: string;
  let outputs: esbuild.Metafile['outputs'];
  const loaded: string[] = [];
  const ours = () => loaded.filter((url) => url.startsWith(pathToFileURL(dir).href));
  /** The file of the chunk whose entry is `source` (a module imported with import()). */
  const chunkOf = (source: string) => {
    const file = Object.keys(outputs).find((output) => outputs[output]?.entryPoint === source);
    if (!file) throw new Error(`the build has no file whose entry is ${source}`);
    return pathToFileURL(join(projectRoot, file)).href;
  };
  /** When activate() was called: the status bar's first render is a second after it. */
  let activatedAt = 0;
  let context: { subscriptions: { dispose(): void }[]; secrets: unknown } | undefined;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hwc-activation-'));
    const results = await Promise.all(
      extensionBundleOptions({ production: true }).map((options) => esbuild.build({ ...options, outdir: dir })),
    );
    outputs = Object.assign({}, ...results.map((result) => result.metafile?.outputs ?? {}));
    const { port1, port2 } = new MessageChannel();
    port1.on('message', (url: string) => loaded.push(url));
    port1.unref();
    // The entry is CommonJS (require('vscode')); the modules it loads are ES modules (import … from 'vscode').
    installVscodeStub();
    installVscodeStubForEsm(port2);
  });
  after(() => {
    context?.subscriptions.forEach((disposable) => disposable.dispose());
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the entry and nothing else: no chunk, no package, no setting, no secret, no spawn, no request', async () => {
    const headers = Object.getOwnPropertyDescriptor(globalThis, 'Headers');
    let headersRead = 0;
    // Reading Headers is what loads undici in Node (ofetch's module body does): activation must not.
    Object.defineProperty(globalThis, 'Headers', {
      configurable: true,
      get() {
        headersRead++;
        return headers?.get ? headers.get.call(globalThis) : headers?.value;
      },
    });
    const activated = extensionContext(projectRoot) as unknown as {
      subscriptions: { dispose(): void }[];
      secrets: unknown;
    };
    context = activated;
    const secretReads: string[] = [];
    (activated.secrets as { get: (key: string) => Promise<undefined> }).get = async (key) => {
      secretReads.push(key);
      return undefined;
    };
    // What CommonJS loads (the entry, and anything it would require) is seen in Module._load.
    const Module = require('node:module') as { _load: (request: string, ...rest: unknown[]) => unknown };
    const load = Module._load;
    const required: string[] = [];
    Module._load = function recordedLoad(this: unknown, request: string, ...rest: unknown[]) {
      required.push(request);
      return load.call(this, request, ...rest);
    };
    const esmBefore = loaded.length;
    // Reading the entry is I/O of its own: the spies watch what activation does once it is loaded.
    const extension = require(join(dir, 'extension.js')) as { activate(context: unknown): unknown };
    const io = spyOnIo();
    try {
      apiCalls.length = 0;
      extension.activate(activated);
      activatedAt = Date.now();
      // What activation schedules for right after (a look at the documents already open) counts too.
      await settle(100);
    } finally {
      io.stop();
      Module._load = load;
      if (headers) Object.defineProperty(globalThis, 'Headers', headers);
    }
    assert.deepEqual([...new Set(required)], [join(dir, 'extension.js'), 'vscode'], 'modules required at activation');
    assert.deepEqual(loaded.slice(esmBefore), [], 'ES modules loaded at activation');
    assert.deepEqual(io.calls, []);
    assert.deepEqual(secretReads, []);
    assert.equal(headersRead, 0, 'undici was loaded at activation');
    assert.ok(!apiCalls.includes('workspace.getConfiguration'), 'activation read settings');
    const manifest = require(join(projectRoot, 'package.json')) as { contributes: { commands: unknown[] } };
    assert.equal(
      apiCalls.filter((call) => call === 'commands.registerCommand').length,
      manifest.contributes.commands.length,
    );
    assert.ok(
      apiCalls.includes('window.createTreeView') && apiCalls.includes('workspace.registerTextDocumentContentProvider'),
    );
  });

  it('loads nothing more when JSON documents that are not ours open and change', async () => {
    const before = ours().length;
    const io = spyOnIo();
    try {
      documentEvents.open.fire(document('/home/u/.config/Code/User/settings.json', '{ "editor.fontSize": 14 }'));
      documentEvents.open.fire(document('/w/package.json', '{ "name": "x", "kind": "Network" }'));
      documentEvents.open.fire(document('/w/tsconfig.json', '{ "compilerOptions": {} }', 'jsonc'));
      documentEvents.change.fire({ document: document('/w/package.json', '{ "name": "y" }') });
      // Our own read-only documents of live resources hold the markers, and are not documents to check.
      documentEvents.open.fire({
        ...document('/networks/x.network.json', '{"kind":"Network","apiVersion":"v1"}'),
        uri: {
          path: '/networks/x.network.json',
          scheme: 'huaweicloud-resource',
          toString: () => 'huaweicloud-resource:x',
        },
      });
      await settle(400);
    } finally {
      io.stop();
    }
    assert.deepEqual(ours().slice(before), []);
    assert.deepEqual(io.calls, []);
  });

  it('a second after activation, the status bar shows the region through its own module, not the features', async () => {
    await settle(Math.max(0, activatedAt + 1_200 - Date.now()));
    const item = (vscodeStub.window as unknown as { lastStatusBarItem?: { text: string } }).lastStatusBarItem;
    assert.equal(item?.text, '$(cloud) cn-north-4');
    assert.ok(ours().includes(chunkOf('src/vscode/provisioning/statusBar.ts')), ours().join('\n'));
    assert.ok(!ours().includes(chunkOf('src/vscode/features.ts')), 'the features loaded');
  });

  it('loads the features once a JSON document becomes one of ours (a group pasted into an untitled document), and they register', async () => {
    assert.ok(!ours().includes(chunkOf('src/vscode/features.ts')));
    apiCalls.length = 0;
    documentEvents.change.fire({ document: document('/w/Untitled-1', '{ "address_group": { "name": "a" } }') });
    // An edit of another document does not cancel that document's search.
    documentEvents.change.fire({ document: document('/w/other.json', '{}') });
    await settle(600);
    assert.ok(ours().includes(chunkOf('src/vscode/features.ts')), ours().join('\n'));
    // The features started: their document providers are registered.
    assert.ok(apiCalls.includes('languages.registerHoverProvider'), apiCalls.join(', '));
  });

  it('puts every module in one file of the build: nothing is loaded twice', () => {
    const where = new Map<string, string[]>();
    for (const [file, output] of Object.entries(outputs)) {
      for (const input of Object.keys(output.inputs)) where.set(input, [...(where.get(input) ?? []), file]);
    }
    const twice = [...where].filter(([, files]) => files.length > 1);
    assert.deepEqual(twice, []);
    assert.ok(where.size > 50, `${where.size} modules`);
  });
});
