// The explorer's contributions in package.json against the contextValues describe() gives its nodes: each menu entry
// of an explorer command shows on the nodes it acts on and on no other; tree-only commands stay out of the palette.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readManifest } from '../../../../scripts/lib/manifest.mjs';
import { ContextValue } from '../../../../src/core/explorer/describe';
import { Command } from '../../../../src/vscode/commandIds';

interface MenuItem {
  command: string;
  when?: string;
  group?: string;
}
// As VS Code shows it in English: the titles' %key% placeholders resolved through package.nls.json.
const manifest = readManifest() as {
  contributes: {
    commands: { command: string; title?: string; category?: string; icon?: string }[];
    menus: Record<string, MenuItem[]>;
  };
};
const EXPLORER_COMMANDS = [
  Command.refresh,
  Command.loadMore,
  Command.filter,
  Command.clearFilter,
  Command.selectWorkspace,
  Command.revealResource,
];

/** Every contextValue an explorer node can have. */
const ALL = [
  ContextValue.connection,
  ContextValue.service('network', false),
  ContextValue.service('network', true),
  ContextValue.service('addressGroup', false),
  ContextValue.service('addressGroup', true),
  ContextValue.resource('network'),
  ContextValue.resource('addressGroup'),
  ContextValue.malformed,
  ContextValue.detail,
  ContextValue.loadMore,
  ContextValue.error,
  ContextValue.message,
];

/** The contextValues a `when` clause of view/item/context accepts (`viewItem == x` or `viewItem =~ /re/`). */
function acceptedBy(when: string): string[] {
  assert.match(when, /view == huaweicloud\.resources/);
  const equals = /viewItem == ([\w.]+)/.exec(when);
  if (equals) return ALL.filter((value) => value === equals[1]);
  const regex = /viewItem =~ \/(.+)\/(\s|$)/.exec(when);
  assert.ok(regex?.[1], `no viewItem test in "${when}"`);
  const pattern = new RegExp(regex[1]);
  return ALL.filter((value) => pattern.test(value));
}

describe('the explorer in the manifest', () => {
  it('contributes its commands in the "Huawei Cloud" category, and hides the tree-only ones from the palette', () => {
    for (const id of EXPLORER_COMMANDS) {
      const command = manifest.contributes.commands.find((c) => c.command === id);
      assert.equal(command?.category, 'Huawei Cloud', id);
    }
    const hidden = new Set(
      manifest.contributes.menus.commandPalette?.filter((item) => item.when === 'false').map((item) => item.command),
    );
    for (const id of [Command.clearFilter, Command.loadMore, Command.revealResource]) {
      assert.ok(hidden.has(id), `${id} shows in the palette`);
    }
    for (const id of [Command.filter, Command.selectWorkspace, Command.refresh]) {
      assert.ok(!hidden.has(id), `${id} is hidden from the palette`);
    }
  });

  it('offers each command on the nodes it acts on, and no other', () => {
    const menus = manifest.contributes.menus['view/item/context'] ?? [];
    const on = (command: string, inline: boolean) => {
      const items = menus.filter(
        (item) => item.command === command && (item.group ?? '').startsWith('inline') === inline,
      );
      assert.equal(items.length, 1, `${command} ${inline ? 'inline' : 'in the context menu'}`);
      return acceptedBy(items[0]?.when ?? '').sort();
    };
    const services = [
      ContextValue.service('network', false),
      ContextValue.service('network', true),
      ContextValue.service('addressGroup', false),
      ContextValue.service('addressGroup', true),
    ];
    const filtered = [ContextValue.service('network', true), ContextValue.service('addressGroup', true)];
    const networks = [ContextValue.service('network', false), ContextValue.service('network', true)];
    for (const inline of [true, false]) {
      assert.deepEqual(on(Command.filter, inline), [...services].sort());
      assert.deepEqual(on(Command.clearFilter, inline), [...filtered].sort());
      assert.deepEqual(on(Command.selectWorkspace, inline), [...networks].sort());
    }
    assert.deepEqual(on(Command.refresh, true), [ContextValue.connection, ...services, ContextValue.error].sort());
    assert.deepEqual(
      on(Command.refresh, false),
      [
        ContextValue.connection,
        ...services,
        ContextValue.resource('network'),
        ContextValue.resource('addressGroup'),
        ContextValue.error,
      ].sort(),
    );
  });

  it('offers Open in Console in the context menu of networks and address groups (not inline), never on the emulator, never in the palette', () => {
    const command = manifest.contributes.commands.find((c) => c.command === Command.openInConsole);
    assert.deepEqual([command?.title, command?.category], ['Open in Console', 'Huawei Cloud']);
    const items = (manifest.contributes.menus['view/item/context'] ?? []).filter(
      (item) => item.command === Command.openInConsole,
    );
    assert.equal(items.length, 1);
    const [item] = items;
    assert.doesNotMatch(item?.group ?? '', /^inline/);
    assert.deepEqual(
      acceptedBy(item?.when ?? '').sort(),
      [ContextValue.resource('addressGroup'), ContextValue.resource('network')].sort(),
    );
    assert.match(item?.when ?? '', /&& !huaweicloud\.emulatorRunning$/);
    const palette = manifest.contributes.menus.commandPalette?.find((entry) => entry.command === Command.openInConsole);
    assert.equal(palette?.when, 'false');
  });

  it("offers Refresh in the view's title", () => {
    const title = manifest.contributes.menus['view/title']?.find((item) => item.command === Command.refresh);
    assert.equal(title?.when, 'view == huaweicloud.resources');
    assert.match(title?.group ?? '', /^navigation/);
  });
});
