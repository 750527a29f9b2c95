// The manifest and the code name the same commands and context keys: one module holds the ids (src/vscode/commandIds.ts).
// The manifest is read as VS Code shows it in English (its %key% placeholders resolved through package.nls.json).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { projectRoot } from '../../../scripts/lib/codeServer.mjs';
import { readManifest } from '../../../scripts/lib/manifest.mjs';
import { DEFAULT_PAGE_SIZE } from '../../../src/core/limits';
import { SHOW_OPERATIONS_COMMAND } from '../../../src/core/provisioning/statusBar';
import { Command, ContextKey } from '../../../src/vscode/commandIds';

interface WalkthroughStep {
  id: string;
  title: string;
  description: string;
  media: { markdown?: string; image?: unknown };
  completionEvents: string[];
  when?: string;
}
const manifest = readManifest() as {
  contributes: {
    commands: { command: string }[];
    menus: Record<string, { command: string; when?: string }[]>;
    viewsWelcome: { when?: string }[];
    views: Record<string, { id: string }[]>;
    viewsContainers: { activitybar: { id: string }[] };
    walkthroughs: { id: string; title: string; steps: WalkthroughStep[] }[];
    configuration: { properties: Record<string, { default?: unknown }> };
  };
};
const steps = manifest.contributes.walkthroughs.flatMap((walkthrough) => walkthrough.steps);
/** The `onContext:` expressions of the walkthrough's steps, and their `when` clauses. */
const walkthroughWhens = steps.flatMap((step) => [
  ...step.completionEvents
    .filter((event) => event.startsWith('onContext:'))
    .map((event) => event.slice('onContext:'.length)),
  step.when ?? '',
]);

describe('the manifest and the command ids', () => {
  it('contributes exactly the commands of the id module', () => {
    assert.deepEqual(manifest.contributes.commands.map((c) => c.command).sort(), Object.values(Command).sort());
    assert.equal(SHOW_OPERATIONS_COMMAND, Command.showOperations);
  });

  it('reads only the context keys the code sets, and offers Start or Stop Local Emulator by state', () => {
    const whens = [
      ...[...Object.values(manifest.contributes.menus).flat(), ...manifest.contributes.viewsWelcome].map(
        (item) => item.when ?? '',
      ),
      ...walkthroughWhens,
    ];
    const ours = new Set(
      whens
        .flatMap((when) => when.match(/huaweicloud\.[A-Za-z]+/g) ?? [])
        .filter((key) => key !== 'huaweicloud.resources'),
    );
    assert.deepEqual([...ours].sort(), Object.values(ContextKey).sort());
    for (const [menu, items] of Object.entries(manifest.contributes.menus)) {
      for (const item of items.filter((i) => i.command === Command.startEmulator)) {
        assert.match(item.when ?? '', /!huaweicloud\.emulatorRunning/, menu);
      }
      for (const item of items.filter((i) => i.command === Command.stopEmulator)) {
        assert.match(item.when ?? '', /(^|[^!])huaweicloud\.emulatorRunning/, menu);
      }
    }
  });

  it('walks through connect → write → fix → create → watch → find → apply, each step completing on an event of ours, with its page', () => {
    assert.deepEqual(
      steps.map((step) => step.id),
      ['connect', 'write', 'fix', 'create', 'watch', 'find', 'apply'],
    );
    const commands = new Set<string>(Object.values(Command));
    const views = new Set(
      Object.values(manifest.contributes.views)
        .flat()
        .map((view) => view.id),
    );
    const contextKeys = new Set<string>(Object.values(ContextKey));
    // The only workbench command named: the one that opens the extension's own view container.
    const containers = new Set(
      manifest.contributes.viewsContainers.activitybar.map((container) => `workbench.view.extension.${container.id}`),
    );
    for (const step of steps) {
      assert.ok(step.completionEvents.length > 0, `${step.id} never completes`);
      for (const event of step.completionEvents) {
        const [, type, what] = /^(onCommand|onView|onContext):(.+)$/.exec(event) ?? [];
        if (type === 'onCommand') assert.ok(commands.has(what ?? ''), `${step.id}: ${event} is no command of ours`);
        else if (type === 'onView') assert.ok(views.has(what ?? ''), `${step.id}: ${event} is no view of ours`);
        else if (type === 'onContext') {
          assert.ok(contextKeys.has(what ?? ''), `${step.id}: ${event} is no context key the extension sets`);
        } else assert.fail(`${step.id}: ${event} is not an onCommand, onView or onContext event`);
      }
      for (const [, command] of step.description.matchAll(/\(command:([\w.]+)\)/g)) {
        assert.ok(
          commands.has(command ?? '') || containers.has(command ?? ''),
          `${step.id} links to ${command}, which is neither a command of ours nor our view container`,
        );
      }
      const page = step.media.markdown;
      assert.ok(page, `${step.id} has no Markdown page`);
      assert.match(readFileSync(join(projectRoot, page), 'utf8'), /^# \S/, `${step.id}: ${page} has no title`);
    }
  });

  it('documents the page size the code defaults to (the scenario of npm start seeds more groups than that)', () => {
    assert.equal(manifest.contributes.configuration.properties['huaweicloud.pageSize']?.default, DEFAULT_PAGE_SIZE);
  });
});
