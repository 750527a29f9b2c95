// The manifest and the code name the same commands and context keys: one module holds the ids (src/vscode/commandIds.ts).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { projectRoot } from '../../scripts/lib/codeServer.mjs';
import { SHOW_OPERATIONS_COMMAND } from '../../src/core/statusBar';
import { Command, ContextKey } from '../../src/vscode/commandIds';

const manifest = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as {
  contributes: { commands: { command: string }[]; menus: Record<string, { command: string; when?: string }[]>; viewsWelcome: { when?: string }[] };
};

describe('the manifest and the command ids', () => {
  it('contributes exactly the commands of the id module', () => {
    assert.deepEqual(manifest.contributes.commands.map((c) => c.command).sort(), Object.values(Command).sort());
    assert.equal(SHOW_OPERATIONS_COMMAND, Command.showOperations);
  });

  it('reads only the context keys the code sets, and offers Start or Stop Local Emulator by state', () => {
    const whens = [...Object.values(manifest.contributes.menus).flat(), ...manifest.contributes.viewsWelcome].map((item) => item.when ?? '');
    const ours = new Set(whens.flatMap((when) => when.match(/huaweicloud\.[A-Za-z]+/g) ?? []).filter((key) => key !== 'huaweicloud.resources'));
    assert.deepEqual([...ours].sort(), Object.values(ContextKey).sort());
    for (const [menu, items] of Object.entries(manifest.contributes.menus)) {
      for (const item of items.filter((i) => i.command === Command.startEmulator)) assert.match(item.when ?? '', /!huaweicloud\.emulatorRunning/, menu);
      for (const item of items.filter((i) => i.command === Command.stopEmulator)) assert.match(item.when ?? '', /(^|[^!])huaweicloud\.emulatorRunning/, menu);
    }
  });
});
