// The entry (src/extension.ts, src/vscode/activation/) holds copies of a few names the features own, so that
// activation reads no module of theirs: each copy is checked here against the original, and the entry's cheap test
// of "is this document ours" against the checks' own first look (kindFromFileName, mayHoldDocument).
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as esbuild from 'esbuild';
import type * as vscode from 'vscode';
import { installVscodeStub } from '../../support/vscodeStub.mjs';
import { projectRoot } from '../../../scripts/lib/codeServer.mjs';
import { DOCUMENT_SIGNS, mayBeOurs, RESOURCE_SCHEME } from '../../../src/vscode/activation/documentSigns';
import {
  contributedCommands,
  EMULATOR_URL_ENV,
  hasShownOperations,
  OPERATIONS_STATE_KEY,
} from '../../../src/vscode/activation/wakeSigns';
import type { Kind, KindEntry } from '../../../src/core/kinds';

interface Originals {
  OPERATIONS_STATE_KEY: string;
  RESOURCE_SCHEME: string;
  EMULATOR_URL_ENV: string;
  KINDS: Record<Kind, KindEntry<Kind>>;
  KIND_LIST: readonly Kind[];
  kindFromFileName(path: string): Kind | undefined;
  mayHoldDocument(text: string): boolean;
}

const textDocument = (path: string, text: string, languageId = 'json', scheme = 'file') =>
  ({ uri: { path, scheme }, languageId, getText: () => text }) as unknown as vscode.TextDocument;

describe("the entry's copies", () => {
  let dir: string;
  let originals: Originals;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hwc-entry-copies-'));
    const outfile = join(dir, 'originals.js');
    await esbuild.build({
      stdin: {
        contents: [
          "export { OPERATIONS_STATE_KEY } from './src/vscode/provisioning/tracking';",
          "export { RESOURCE_SCHEME } from './src/vscode/live/resourceDocuments';",
          "export { EMULATOR_URL_ENV } from './src/core/cloud/emulatorDefaults';",
          "export { KINDS, KIND_LIST, kindFromFileName, mayHoldDocument } from './src/core/kinds';",
        ].join('\n'),
        resolveDir: projectRoot,
        loader: 'ts',
      },
      bundle: true,
      format: 'cjs',
      platform: 'node',
      outfile,
      external: ['vscode'],
      loader: { '.code-snippets': 'json' },
      mainFields: ['module', 'main'],
      logLevel: 'silent',
    });
    installVscodeStub();
    originals = createRequire(import.meta.url)(outfile) as Originals;
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("are the kinds table's suffixes and markers, in its order", () => {
    assert.deepEqual(
      DOCUMENT_SIGNS,
      originals.KIND_LIST.map((kind) => ({
        suffix: originals.KINDS[kind].suffix,
        markers: originals.KINDS[kind].markers,
      })),
    );
  });

  it("are the tracker's state key, the live documents' scheme and npm start's variable", () => {
    assert.equal(OPERATIONS_STATE_KEY, originals.OPERATIONS_STATE_KEY);
    assert.equal(RESOURCE_SCHEME, originals.RESOURCE_SCHEME);
    assert.equal(EMULATOR_URL_ENV, originals.EMULATOR_URL_ENV);
  });

  it('decide "ours" as the checks first look: by file name, or by markers anywhere in JSON', () => {
    const cases: [path: string, text: string][] = [
      ['/w/a.network.json', '{}'],
      ['/w/A.NETWORK.JSON', ''],
      ['/w/b.address-group.json', '[]'],
      ['/w/untitled.json', '{ "kind": "Network", "apiVersion": "v1" }'],
      ['/w/untitled.json', '{ "x": { "kind": "Network" }, "apiVersion": 1 }'],
      ['/w/only-kind.json', '{ "kind": "Network" }'],
      ['/w/g.json', '{ "address_group": {} }'],
      ['/w/settings.json', '{ "editor.fontSize": 14 }'],
      ['/w/package.json', '{ "name": "network.json" }'],
      ['/w/x.network.jsonc', '{}'],
    ];
    for (const [path, text] of cases) {
      const expected = originals.kindFromFileName(path) !== undefined || originals.mayHoldDocument(text);
      assert.equal(mayBeOurs(textDocument(path, text)), expected, `${path}: ${text}`);
    }
    // Not JSON, and the read-only documents of live resources, are never ours.
    assert.equal(mayBeOurs(textDocument('/w/a.network.json', '{}', 'plaintext')), false);
    assert.equal(mayBeOurs(textDocument('/networks/a.network.json', '{}', 'json', RESOURCE_SCHEME)), false);
    assert.equal(mayBeOurs(textDocument('/w/a.network.json', '{}', 'jsonc')), true);
  });

  it("registers the manifest's commands, and shrugs at a manifest without them", () => {
    const manifest = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as {
      contributes: { commands: { command: string }[] };
    };
    const context = (packageJSON: unknown) => ({ extension: { packageJSON } }) as unknown as vscode.ExtensionContext;
    assert.deepEqual(
      contributedCommands(context(manifest)),
      manifest.contributes.commands.map(({ command }) => command),
    );
    assert.deepEqual(contributedCommands(context({})), []);
    assert.deepEqual(contributedCommands(context({ contributes: { commands: [null, { command: 3 }, 'x'] } })), []);
  });

  it('load the features early for stored operations the status bar shows: followed, or ended badly and unseen', () => {
    const stored = (state: string, acknowledged = false) => ({ operations: [{ state, acknowledged }] });
    assert.equal(hasShownOperations(stored('following')), true);
    assert.equal(hasShownOperations(stored('failed')), true);
    assert.equal(hasShownOperations(stored('timedOut')), true);
    assert.equal(hasShownOperations(stored('failed', true)), false);
    assert.equal(hasShownOperations(stored('timedOut', true)), false);
    assert.equal(hasShownOperations(stored('succeeded')), false);
    assert.equal(hasShownOperations(stored('abandoned')), false);
    // Fifty settled operations (what the tracker keeps) do not load anything; one followed among them does.
    const settled = Array.from({ length: 50 }, () => ({ state: 'succeeded', acknowledged: false }));
    assert.equal(hasShownOperations({ operations: settled }), false);
    assert.equal(hasShownOperations({ operations: [...settled, { state: 'following' }] }), true);
    for (const hostile of [undefined, null, 3, { operations: 'x' }, { operations: [null, 7, 'following'] }]) {
      assert.equal(hasShownOperations(hostile), false);
    }
  });
});
