// The table of kinds (src/core/kinds.ts): every kind has every field; its words agree with each other; its file
// suffix, schema, snippet, command and contextValue are the ones the manifest, the schema compiler and the document
// checks use; and what the rest of the extension reads through it (IDs, names, phases, documents) is read right.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseTree } from 'jsonc-parser';
import { projectRoot } from '../../../scripts/lib/codeServer.mjs';
import { readManifest } from '../../../scripts/lib/manifest.mjs';
import { schemaFiles } from '../../../scripts/lib/schemaFiles.mjs';
import { checkDocument, kindFromContent } from '../../../src/core/documents/checks';
import { documentIdentity, prepareDocument } from '../../../src/core/documents/documentRequest';
import {
  documentOf,
  idOf,
  isKind,
  type Kind,
  KIND_LIST,
  type LiveResource,
  kindFromFileName,
  kindFromText,
  KINDS,
  mayHoldDocument,
  nameOf,
  phaseOf,
  statedPhaseOf,
  tagged,
} from '../../../src/core/kinds';
import { Command } from '../../../src/vscode/commandIds';
import { addressGroup, network, PROJECT } from '../../support/explorerFakes';

// As VS Code shows it in English: the titles' %key% placeholders resolved through package.nls.json.
const manifest = readManifest() as {
  contributes: {
    commands: { command: string; title: string }[];
    jsonValidation: { fileMatch: string; url: string }[];
    menus: Record<string, { command: string; when?: string }[]>;
  };
};
const compiledSchemas = schemaFiles() as Record<string, string>;
const snippets = JSON.parse(readFileSync(join(projectRoot, 'snippets/json.code-snippets'), 'utf8')) as Record<
  string,
  { body: string[] }
>;

/** The documents of the repository that are named as some kind's: the samples and the reference examples. */
const namedDocuments = ['sample/valid', 'sample/invalid', 'test/fixtures/examples'].flatMap((folder) =>
  readdirSync(join(projectRoot, folder)).map((file) => join(folder, file)),
);

/** A snippet's body as a document: its tab stops replaced by their defaults, a choice by its first option. */
const snippetText = (body: readonly string[]) =>
  body
    .join('\n')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1')
    .replace(/\$\d+/g, '');

/** One resource of each kind, as its service answers it. */
const SAMPLES: { readonly [K in Kind]: LiveResource<K> } = {
  network: tagged('network', network('net-a', { phase: 'Creating' })),
  addressGroup: tagged('addressGroup', addressGroup(1, { status: 'UPDATING' })),
};

describe('the table of kinds', () => {
  it('lists each kind once, under its own name, in the order the explorer shows them', () => {
    assert.deepEqual(KIND_LIST, ['network', 'addressGroup']);
    for (const kind of KIND_LIST) assert.equal(KINDS[kind].kind, kind);
    assert.ok(Object.isFrozen(KIND_LIST));
    for (const kind of KIND_LIST) assert.equal(isKind(kind), true);
    for (const value of ['Network', 'address-group', 'toString', '__proto__', '', undefined, 3, {}]) {
      assert.equal(isKind(value), false, String(value));
    }
  });

  it('gives every kind every field: no word empty, no reader or call missing', () => {
    const fields = Object.keys(KINDS.network).sort();
    for (const kind of KIND_LIST) {
      const entry = KINDS[kind] as unknown as Record<string, unknown>;
      assert.deepEqual(Object.keys(entry).sort(), fields, kind);
      for (const [field, value] of Object.entries(entry)) {
        if (typeof value === 'string') assert.notEqual(value.trim(), '', `${kind}.${field}`);
        // An optional part (a dry run, a derived ID…) is a kind's own: undefined says the kind has none.
        else {
          assert.ok(
            ['undefined', 'boolean', 'object', 'function'].includes(typeof value) && value !== null,
            `${kind}.${field}`,
          );
        }
      }
      assert.ok(KINDS[kind].markers.length > 0 && KINDS[kind].namePath.length > 0, kind);
    }
  });

  it('words: one noun per kind, and every other form of it made from it, so that messages agree', () => {
    const capitalised = (text: string) => `${text[0]?.toUpperCase()}${text.slice(1)}`;
    const titled = (text: string) => text.split(' ').map(capitalised).join(' ');
    for (const kind of KIND_LIST) {
      const { noun, plural, aNoun, sentenceANoun, sentenceNoun, titleNoun, serviceName, serviceNoun, listLabel } =
        KINDS[kind];
      assert.equal(plural, `${noun}s`, kind);
      assert.equal(aNoun, `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`, kind);
      assert.equal(sentenceANoun, capitalised(aNoun), kind);
      // The log's word is the English one, whatever the display language.
      assert.equal(KINDS[kind].logNoun, sentenceNoun, kind);
      assert.equal(sentenceNoun, capitalised(noun), kind);
      assert.equal(titleNoun, titled(noun), kind);
      assert.equal(serviceNoun, `${serviceName} ${noun}`, kind);
      assert.equal(listLabel, `${serviceName} ${titleNoun}s`, kind);
    }
    assert.deepEqual(
      KIND_LIST.map((kind) => KINDS[kind].noun),
      ['network', 'address group'],
    );
    assert.deepEqual(
      KIND_LIST.map((kind) => KINDS[kind].listLabel),
      ['ModelArts Networks', 'VPC Address Groups'],
    );
  });

  it('suffixes: a file named with a kind’s suffix is of that kind, in any case, and no two kinds share one', () => {
    for (const kind of KIND_LIST) {
      const { suffix, slug } = KINDS[kind];
      assert.equal(suffix, `.${slug}.json`, kind);
      assert.equal(kindFromFileName(`/a/b/x${suffix}`), kind);
      assert.equal(kindFromFileName(`X${suffix.toUpperCase()}`), kind);
      assert.equal(kindFromFileName(`x${suffix}.bak`), undefined);
    }
    assert.equal(new Set(KIND_LIST.map((kind) => KINDS[kind].suffix)).size, KIND_LIST.length);
    assert.equal(kindFromFileName('package.json'), undefined);
  });

  it("suffixes match documents' recognition: every document named as a kind's holds its markers and is read as it", () => {
    const seen = new Map<Kind, number>();
    for (const file of namedDocuments) {
      const kind = kindFromFileName(file);
      if (!kind) continue;
      seen.set(kind, (seen.get(kind) ?? 0) + 1);
      const text = readFileSync(join(projectRoot, file), 'utf8');
      assert.equal(kindFromText(text), kind, `${file}: markers`);
      assert.equal(mayHoldDocument(text), true, file);
      assert.equal(kindFromContent(parseTree(text)), kind, `${file}: content`);
      // Renamed to a plain .json, its content still says which kind it is.
      assert.equal(checkDocument(text).kind, kind, `${file}: checked without its name`);
      assert.equal(documentIdentity(text, 'renamed.json')?.kind, kind, file);
    }
    // Each kind has a valid sample, an invalid one and the reference pages' examples.
    for (const kind of KIND_LIST) {
      assert.ok((seen.get(kind) ?? 0) >= 3, `${kind}: ${seen.get(kind) ?? 0} named documents`);
    }
    for (const text of ['{}', '{"kind": "Network"}', '{"name": "address_group"}', '[1, 2]']) {
      assert.equal(kindFromContent(parseTree(text)), undefined, text);
    }
  });

  it('schemas: each kind’s is a file of schemas/, compiled under the kind’s name, and the editor’s for its suffix', () => {
    assert.deepEqual(
      Object.fromEntries(KIND_LIST.map((kind) => [kind, KINDS[kind].schema])),
      Object.fromEntries(Object.entries(compiledSchemas).filter(([kind]) => isKind(kind))),
    );
    assert.deepEqual(
      Object.keys(compiledSchemas).sort(),
      [...KIND_LIST].sort(),
      'a schema of no kind, or a kind without one',
    );
    for (const kind of KIND_LIST) {
      const { schema, suffix } = KINDS[kind];
      assert.ok(existsSync(join(projectRoot, 'schemas', schema)), schema);
      assert.ok(
        manifest.contributes.jsonValidation.some(
          (entry) => entry.fileMatch === `*${suffix}` && entry.url === `./schemas/${schema}`,
        ),
        `package.json's jsonValidation does not map *${suffix} to ${schema}`,
      );
    }
  });

  it('new documents: each kind’s snippet is contributed, and is a valid document of its kind; its command is contributed', () => {
    const contributed = new Set(manifest.contributes.commands.map((command) => command.command));
    for (const kind of KIND_LIST) {
      const { snippet, newDocumentCommand, titleNoun } = KINDS[kind];
      const body = snippets[snippet]?.body;
      assert.ok(body, `no snippet "${snippet}"`);
      const text = snippetText(body);
      const prepared = prepareDocument(text, `new-1${KINDS[kind].suffix}`);
      assert.ok(prepared.ok, `${snippet}: ${prepared.ok ? '' : prepared.message}`);
      assert.equal(prepared.request.kind, kind);
      assert.ok(contributed.has(newDocumentCommand), newDocumentCommand);
      assert.equal(
        manifest.contributes.commands.find((command) => command.command === newDocumentCommand)?.title,
        `New ${titleNoun} Document`,
      );
    }
    assert.deepEqual(
      KIND_LIST.map((kind) => KINDS[kind].newDocumentCommand),
      [Command.newNetworkDocument, Command.newAddressGroupDocument],
    );
  });

  it("contextValues: the explorer's resource menus (Open as JSON, Copy ID, Edit, Delete, Open in Console) take every kind's", () => {
    const items = manifest.contributes.menus['view/item/context'] ?? [];
    for (const command of [
      Command.openResource,
      Command.copyId,
      Command.editResource,
      Command.deleteResource,
      Command.openInConsole,
    ]) {
      const when = items.find((item) => item.command === command)?.when ?? '';
      const pattern = /viewItem =~ \/(.+?)\/(\s|$)/.exec(when)?.[1];
      assert.ok(pattern, `${command}: ${when}`);
      for (const kind of KIND_LIST) {
        assert.match(KINDS[kind].contextValue, new RegExp(pattern), `${command} on ${kind}`);
      }
    }
    assert.equal(new Set(KIND_LIST.map((kind) => KINDS[kind].listSegment)).size, KIND_LIST.length);
    assert.equal(new Set(KIND_LIST.map((kind) => KINDS[kind].slug)).size, KIND_LIST.length);
  });

  it('reads a resource’s ID, name and phase, and writes it as a document of its kind that passes the checks', () => {
    for (const kind of KIND_LIST) {
      const live = SAMPLES[kind];
      const written = JSON.stringify(documentOf(live));
      const prepared = prepareDocument(written, `x${KINDS[kind].suffix}`);
      assert.ok(prepared.ok && prepared.request.kind === kind, kind);
      assert.equal(prepared.request.name, nameOf(live), kind);
    }
    assert.deepEqual(
      KIND_LIST.map((kind) => [idOf(SAMPLES[kind]), nameOf(SAMPLES[kind]), statedPhaseOf(SAMPLES[kind])]),
      [
        [`net-a-${PROJECT}`, 'net-a', 'Creating'],
        [addressGroup(1).id, 'group-1', 'UPDATING'],
      ],
    );
    assert.deepEqual(
      KIND_LIST.map((kind) => phaseOf(SAMPLES[kind]).transitional),
      [true, true],
    );
    // Read defensively: what a malformed item lacks is no ID, no name.
    for (const kind of KIND_LIST) {
      for (const odd of [undefined, null, 'x', [], {}, { id: 3, metadata: { name: '' }, name: 4 }]) {
        assert.equal(KINDS[kind].idIn(odd), undefined, `${kind} ${JSON.stringify(odd)}`);
        assert.equal(KINDS[kind].nameIn(odd), undefined, `${kind} ${JSON.stringify(odd)}`);
      }
    }
    // Without a name, a resource is known by its ID.
    assert.equal(
      nameOf(tagged('addressGroup', { ...addressGroup(2), name: undefined as unknown as string })),
      addressGroup(2).id,
    );
  });

  it("what the kinds' services do is said once: unique names with a lookup by name, a dry run with its check", () => {
    for (const kind of KIND_LIST) {
      const entry = KINDS[kind];
      assert.equal(entry.uniqueNames, entry.findByName !== undefined, `${kind}: unique names and a lookup by name`);
      // A name that says which resource it is gives an ID of its own only where the ID derives from it.
      if (entry.derivedId) assert.equal(entry.uniqueNames, true, kind);
    }
    assert.deepEqual(
      KIND_LIST.map((kind) => [KINDS[kind].uniqueNames, KINDS[kind].dryRun !== undefined, KINDS[kind].inWorkspaces]),
      [
        [true, false, true],
        [false, true, false],
      ],
    );
    assert.equal(KINDS.addressGroup.dryRun?.asked({ dry_run: true, address_group: addressGroup(1) }), true);
    assert.equal(KINDS.addressGroup.dryRun?.asked({ address_group: addressGroup(1) }), false);
  });
});
