// The link store: which live resource a document is, per scope (cloud or emulator, region, project).
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  IMPORTED_STATE_KEY,
  type LinkMemento,
  LINKS_STATE_KEY,
  type LinkScope,
  LinkStore,
  MAX_LINK_IMPORT_BYTES,
  MAX_LINKS,
  parseLinkImport,
} from '../../../../src/core/live/links';

/** A Memento as VS Code's workspace state behaves: values go through JSON. */
function memento(initial: Record<string, unknown> = {}): LinkMemento & { values: Map<string, unknown> } {
  const values = new Map(Object.entries(initial));
  return {
    values,
    get: (key) => (values.has(key) ? (JSON.parse(JSON.stringify(values.get(key))) as unknown) : undefined),
    update: async (key, value) => {
      values.set(key, JSON.parse(JSON.stringify(value)));
    },
  };
}

const CLOUD: LinkScope = { source: 'cloud', region: 'cn-north-4', projectId: 'p1' };
const EMULATOR: LinkScope = { source: 'emulator', region: 'cn-north-4', projectId: 'p1' };
const OTHER_REGION: LinkScope = { source: 'cloud', region: 'ap-southeast-1', projectId: 'p1' };
const GROUP = { kind: 'addressGroup', id: 'dd18a501-0000-4000-8000-000000000001', name: 'web' } as const;

describe('link store', () => {
  it('keeps a link per scope: the same document may name one group in the cloud and another on the emulator', async () => {
    const store = new LinkStore(memento());
    await store.set(CLOUD, 'file:///w/web.address-group.json', GROUP);
    await store.set(EMULATOR, 'file:///w/web.address-group.json', { ...GROUP, id: 'emulated' });
    assert.deepEqual(store.get(CLOUD, 'file:///w/web.address-group.json'), GROUP);
    assert.equal(store.get(EMULATOR, 'file:///w/web.address-group.json')?.id, 'emulated');
    assert.equal(store.get(OTHER_REGION, 'file:///w/web.address-group.json'), undefined);
  });

  it('survives a reload: a new store on the same workspace state reads the links back', async () => {
    const state = memento();
    await new LinkStore(state).set(CLOUD, 'untitled:web.address-group.json', GROUP);
    assert.deepEqual(new LinkStore(state).get(CLOUD, 'untitled:web.address-group.json'), GROUP);
  });

  it('moves every link of a document to its new name (an untitled document saved), replacing what the new name had', async () => {
    const store = new LinkStore(memento());
    await store.set(CLOUD, 'untitled:web.address-group.json', GROUP);
    await store.set(EMULATOR, 'untitled:web.address-group.json', { ...GROUP, id: 'emulated' });
    await store.set(CLOUD, 'file:///w/web.address-group.json', { ...GROUP, id: 'old' });
    assert.equal(await store.move('untitled:web.address-group.json', 'file:///w/web.address-group.json'), true);
    assert.equal(store.get(CLOUD, 'file:///w/web.address-group.json')?.id, GROUP.id);
    assert.equal(store.get(EMULATOR, 'file:///w/web.address-group.json')?.id, 'emulated');
    assert.equal(store.get(CLOUD, 'untitled:web.address-group.json'), undefined);
    assert.equal(await store.move('untitled:nothing', 'file:///w/x'), false);
  });

  it('unlinks one scope only, and forgets every link to a deleted resource', async () => {
    const store = new LinkStore(memento());
    await store.set(CLOUD, 'file:///a', GROUP);
    await store.set(CLOUD, 'file:///b', GROUP);
    await store.set(EMULATOR, 'file:///a', GROUP);
    assert.equal(await store.delete(CLOUD, 'file:///a'), true);
    assert.equal(await store.delete(CLOUD, 'file:///a'), false);
    assert.ok(store.get(EMULATOR, 'file:///a'));
    assert.deepEqual(await store.forgetResource(CLOUD, 'addressGroup', GROUP.id), ['file:///b']);
    assert.equal(store.get(CLOUD, 'file:///b'), undefined);
    assert.ok(store.get(EMULATOR, 'file:///a'));
  });

  it('forgets every link of a discarded document, in every scope', async () => {
    const store = new LinkStore(memento());
    await store.set(CLOUD, 'untitled:web.address-group.json', GROUP);
    await store.set(EMULATOR, 'untitled:web.address-group.json', GROUP);
    await store.set(CLOUD, 'file:///kept', GROUP);
    assert.equal(await store.forgetDocument('untitled:web.address-group.json'), true);
    assert.deepEqual([...store.linkedDocuments()], ['file:///kept']);
    assert.equal(await store.forgetDocument('untitled:web.address-group.json'), false);
  });

  it('ignores what it did not write: another version, wrong types, prototype keys', async () => {
    const hostile = memento({
      [LINKS_STATE_KEY]: {
        version: 1,
        links: [
          null,
          'text',
          { scope: 1 },
          { scope: '["cloud","cn-north-4","p1"]', document: 'file:///a', kind: 'toString', id: 'x', name: 'n' },
          JSON.parse(
            '{"__proto__": {"polluted": true}, "scope": "[\\"cloud\\",\\"cn-north-4\\",\\"p1\\"]", "document": "file:///b", "kind": "network", "id": "net", "name": "n"}',
          ),
        ],
      },
    });
    const store = new LinkStore(hostile);
    assert.equal(store.get(CLOUD, 'file:///a'), undefined);
    assert.deepEqual(store.get(CLOUD, 'file:///b'), { kind: 'network', id: 'net', name: 'n' });
    assert.equal(
      new LinkStore(memento({ [LINKS_STATE_KEY]: { version: 2, links: [] } })).get(CLOUD, 'file:///a'),
      undefined,
    );
  });

  it(`keeps at most ${MAX_LINKS} links, dropping the oldest`, async () => {
    const state = memento();
    const store = new LinkStore(state);
    for (let i = 0; i <= MAX_LINKS; i++) await store.set(CLOUD, `file:///${i}`, GROUP);
    assert.equal(store.get(CLOUD, 'file:///0'), undefined);
    assert.ok(store.get(CLOUD, `file:///${MAX_LINKS}`));
    assert.equal((state.values.get(LINKS_STATE_KEY) as { links: unknown[] }).links.length, MAX_LINKS);
  });

  it("takes in a links file once: each link replaces its document's in that scope, other links stay; the same file again changes nothing", async () => {
    const state = memento();
    const store = new LinkStore(state);
    await store.set(CLOUD, 'file:///w/web.address-group.json', { ...GROUP, id: 'old' });
    await store.set(CLOUD, 'file:///w/other.address-group.json', GROUP);
    await store.set(EMULATOR, 'file:///w/web.address-group.json', { ...GROUP, id: 'emulated' });
    const file = JSON.stringify({
      version: 1,
      scope: CLOUD,
      links: [
        { document: 'file:///w/web.address-group.json', ...GROUP },
        { document: 'file:///w/training.network.json', kind: 'network', id: 'training-p1', name: 'training' },
      ],
    });
    assert.equal(await store.importLinks(parseLinkImport(file)), true);
    assert.deepEqual(store.get(CLOUD, 'file:///w/web.address-group.json'), GROUP);
    assert.deepEqual(store.get(CLOUD, 'file:///w/training.network.json'), {
      kind: 'network',
      id: 'training-p1',
      name: 'training',
    });
    assert.deepEqual(store.get(CLOUD, 'file:///w/other.address-group.json'), GROUP);
    assert.equal(store.get(EMULATOR, 'file:///w/web.address-group.json')?.id, 'emulated');

    // A person unlinks a document: the same file, read again at the next start, does not link it back.
    await store.delete(CLOUD, 'file:///w/web.address-group.json');
    assert.equal(await new LinkStore(state).importLinks(parseLinkImport(file)), false);
    assert.equal(store.get(CLOUD, 'file:///w/web.address-group.json'), undefined);
    // Another file (the emulator seeded again: new IDs) is taken in.
    const reseeded = JSON.stringify({
      version: 1,
      scope: CLOUD,
      links: [{ document: 'file:///w/web.address-group.json', ...GROUP, id: 'new' }],
    });
    assert.equal(await store.importLinks(parseLinkImport(reseeded)), true);
    assert.equal(store.get(CLOUD, 'file:///w/web.address-group.json')?.id, 'new');
    assert.match(String(state.values.get(IMPORTED_STATE_KEY)), /^[0-9a-f]{64}$/);
  });

  it('refuses a links file that is not one, saying what a links file holds', () => {
    const link = { document: 'file:///a', kind: 'network', id: 'n', name: 'n' };
    for (const [text, problem] of [
      ['not json', /the file is not JSON: a links file holds \{"version": 1/],
      [JSON.stringify({ version: 2, scope: CLOUD, links: [] }), /a links file holds/],
      [JSON.stringify({ version: 1, scope: { ...CLOUD, source: 'elsewhere' }, links: [] }), /a links file holds/],
      [JSON.stringify({ version: 1, scope: CLOUD, links: {} }), /a links file holds/],
      [
        JSON.stringify({ version: 1, scope: CLOUD, links: Array.from({ length: MAX_LINKS + 1 }, () => link) }),
        /at most 500 links/,
      ],
      [JSON.stringify({ version: 1, scope: CLOUD, links: [link, { ...link, kind: 'toString' }] }), /link 2 is not/],
      [JSON.stringify({ version: 1, scope: CLOUD, links: [null] }), /link 1 is not/],
      [' '.repeat(MAX_LINK_IMPORT_BYTES + 1), /larger than 4 MB/],
    ] as const) {
      assert.throws(() => parseLinkImport(text), problem, text.slice(0, 80));
    }
    const polluted = parseLinkImport(
      `{"version": 1, "scope": ${JSON.stringify(CLOUD)}, "links": [{"__proto__": {"polluted": true}, "document": "file:///a", "kind": "network", "id": "n", "name": "n"}]}`,
    );
    assert.deepEqual(polluted.links, [link]);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});
