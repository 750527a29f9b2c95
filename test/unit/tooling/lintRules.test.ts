import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ESLint, RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { translatedMessages } from '../../../scripts/lint/userMessages.mjs';
import { projectRoot } from '../../../scripts/lib/codeServer.mjs';

/** Lints `code` as if it were the file at `filePath`, with the project's own configuration. */
async function ruleIdsFor(code: string, filePath: string): Promise<(string | null)[]> {
  const eslint = new ESLint({ cwd: projectRoot });
  const [result] = await eslint.lintText(code, { filePath: `${projectRoot}/${filePath}` });
  return result?.messages.map((message) => message.ruleId) ?? [];
}

describe('the rule that keeps src/core/ free of VS Code', () => {
  it('rejects `import * as vscode from "vscode"` under src/core/', async () => {
    const ids = await ruleIdsFor("import * as vscode from 'vscode';\nexport const x = vscode;\n", 'src/core/probe.ts');
    assert.ok(ids.includes('no-restricted-imports'), `rules reported: ${ids.join(', ')}`);
  });

  it('rejects a require or a dynamic import of vscode under src/core/', async () => {
    const required = await ruleIdsFor("export const v = require('vscode');\n", 'src/core/deep/probe.ts');
    assert.ok(required.includes('no-restricted-syntax'), `rules reported: ${required.join(', ')}`);
    const imported = await ruleIdsFor("export const v = import('vscode');\n", 'src/core/probe.ts');
    assert.ok(imported.includes('no-restricted-syntax'), `rules reported: ${imported.join(', ')}`);
  });

  it('rejects an import of the VS Code layer from src/core/', async () => {
    const ids = await ruleIdsFor(
      "import { Command } from '../../vscode/commands';\nexport const c = Command;\n",
      'src/core/probe.ts',
    );
    assert.ok(ids.includes('no-restricted-imports'), `rules reported: ${ids.join(', ')}`);
  });

  it('allows vscode in the VS Code layer', async () => {
    const ids = await ruleIdsFor(
      "import * as vscode from 'vscode';\nexport const x = vscode;\n",
      'src/vscode/probe.ts',
    );
    assert.deepEqual(ids, []);
  });
});

describe('the rules that keep the rooms of src/core in their order', () => {
  const restricted = async (code: string, filePath: string) =>
    (await ruleIdsFor(code, filePath)).includes('no-restricted-imports');

  it('refuses documents/ an import of cloud/, cloud/ one of api/, provisioning/ one of documents/', async () => {
    assert.ok(
      await restricted(
        "import { HttpClient } from '../cloud/http';\nexport const h = HttpClient;\n",
        'src/core/documents/probe.ts',
      ),
    );
    assert.ok(
      await restricted(
        "import type { Network } from '../api/networks';\nexport type N = Network;\n",
        'src/core/cloud/probe.ts',
      ),
    );
    assert.ok(
      await restricted(
        "import { checkDocument } from '../documents/checks';\nexport const c = checkDocument;\n",
        'src/core/provisioning/probe.ts',
      ),
    );
  });

  it('refuses every room but the explorer an import of explorer/, and the files at the top of src/core any room', async () => {
    for (const room of ['cloud', 'api', 'documents', 'live', 'provisioning']) {
      assert.ok(
        await restricted(
          "import { describe } from '../explorer/describe';\nexport const d = describe;\n",
          `src/core/${room}/probe.ts`,
        ),
        room,
      );
    }
    assert.equal(
      await restricted(
        "import { ExplorerModel } from './model';\nexport const m = ExplorerModel;\n",
        'src/core/explorer/probe.ts',
      ),
      false,
    );
    assert.ok(
      await restricted(
        "import { HuaweiCloudError } from './cloud/errors';\nexport const e = HuaweiCloudError;\n",
        'src/core/probe.ts',
      ),
    );
  });

  it('allows what is below: live/ imports documents/ and api/, explorer/ imports live/', async () => {
    assert.deepEqual(
      await ruleIdsFor(
        "import { checkDocument } from '../documents/checks';\nimport type { Network } from '../api/networks';\nexport const c = checkDocument;\nexport type N = Network;\n",
        'src/core/live/probe.ts',
      ),
      [],
    );
    assert.deepEqual(
      await ruleIdsFor(
        "import type { KnownResources } from '../live/liveChecks';\nexport type K = KnownResources;\n",
        'src/core/explorer/probe.ts',
      ),
      [],
    );
  });

  it('keeps the table of kinds right above api/: it imports api/ and cloud/ only, and neither imports it', async () => {
    const useTable = "import { KINDS } from '../kinds';\nexport const k = KINDS;\n";
    for (const room of ['cloud', 'api']) {
      assert.ok(await restricted(useTable, `src/core/${room}/probe.ts`), room);
    }
    for (const room of ['documents', 'live', 'provisioning', 'explorer']) {
      assert.equal(await restricted(useTable, `src/core/${room}/probe.ts`), false, room);
    }
    // The other files at the top of src/core are below every room, the table included.
    assert.ok(await restricted("import { KINDS } from './kinds';\nexport const k = KINDS;\n", 'src/core/probe.ts'));
    for (const room of ['documents', 'live', 'provisioning', 'explorer']) {
      assert.ok(
        await restricted(`import * as room from './${room}/probe';\nexport const r = room;\n`, 'src/core/kinds.ts'),
        room,
      );
    }
    assert.deepEqual(
      await ruleIdsFor(
        "import { networkPhase } from './api/phases';\nimport { HuaweiCloudError } from './cloud/errors';\nexport const p = [networkPhase, HuaweiCloudError];\n",
        'src/core/kinds.ts',
      ),
      [],
    );
  });

  it('keeps the VS Code ban inside every room', async () => {
    for (const room of ['cloud', 'api', 'documents', 'live', 'provisioning', 'explorer']) {
      assert.ok(
        await restricted("import * as vscode from 'vscode';\nexport const x = vscode;\n", `src/core/${room}/probe.ts`),
        room,
      );
    }
  });
});

describe('the rules that keep the entry apart from the features', () => {
  const restricted = async (code: string, filePath: string) =>
    (await ruleIdsFor(code, filePath)).includes('@typescript-eslint/no-restricted-imports');

  it('refuses the entry a value from the features, and allows their types and the entry modules', async () => {
    assert.ok(
      await restricted(
        "import { runCommand } from './vscode/commands';\nexport const r = runCommand;\n",
        'src/extension.ts',
      ),
    );
    assert.ok(
      await restricted("import { isRecord } from './core/values';\nexport const r = isRecord;\n", 'src/extension.ts'),
    );
    assert.ok(
      !(await restricted(
        "import type { Features } from './vscode/features';\nexport type F = Features;\n",
        'src/extension.ts',
      )),
    );
    assert.ok(
      !(await restricted(
        "import { mayBeOurs } from './vscode/activation/documentSigns';\nexport const m = mayBeOurs;\n",
        'src/extension.ts',
      )),
    );
  });

  it("refuses the entry's modules a value from outside them, and the rest of src/ a value from them", async () => {
    assert.ok(
      await restricted(
        "import { readSettings } from '../settings';\nexport const r = readSettings;\n",
        'src/vscode/activation/probe.ts',
      ),
    );
    assert.ok(
      await restricted(
        "import { RESOURCES_VIEW_ID } from '../activation/resourcesView';\nexport const r = RESOURCES_VIEW_ID;\n",
        'src/vscode/explorer/probe.ts',
      ),
    );
    assert.ok(
      !(await restricted(
        "import type { Shell } from '../activation/shell';\nexport type S = Shell;\n",
        'src/vscode/explorer/probe.ts',
      )),
    );
  });
});

describe('the rule that keeps what a user reads translated (hwc/translated-messages)', () => {
  // RuleTester runs its cases as tests of the runner it is given: node:test's.
  RuleTester.describe = describe;
  RuleTester.it = it;
  RuleTester.itOnly = it.only;
  const tester = new RuleTester({ languageOptions: { parser: tseslint.parser } });
  const literal = [{ messageId: 'literal' }];

  tester.run('translated-messages', translatedMessages, {
    valid: [
      "vscode.window.showInformationMessage(vscode.l10n.t('Network {0} created: {1}.', name, phase));",
      'vscode.window.showErrorMessage(message, showLog);',
      "vscode.window.withProgress({ location, title: vscode.l10n.t('Huawei Cloud: deleting {0}', label) }, task);",
      "vscode.window.showQuickPick(items, { title: l10n.t('Which list?'), placeHolder: shown, ignoreFocusOut: true });",
      "vscode.window.showInputBox({ prompt: vscode.l10n.t('Project ID'), value: 'cn-north-4' });",
      'new vscode.TreeItem(label);',
      "item.tooltip = l10n.t('{0} in project {1}', id, project);",
      "new vscode.Diagnostic(range, l10n.t('{0}: {1}', summary, why), severity);",
      "throw new HuaweiCloudError(l10n.t('no answer within {0}', limit), { kind: 'timeout' });",
      "throw new Refusal(vscode.l10n.t('open a network document first'));",
      // Data, not prose: an item's ID, a log line, a finding's message outside src/core/documents and live.
      'log.info(`Network ${name} created`);',
      "const finding = { message: 'checked' };",
      { code: "findings.push({ rule, message: l10n.t('{0} overlaps {1}', a, b) });", options: [{ diagnostics: true }] },
    ],
    invalid: [
      { code: "vscode.window.showInformationMessage('Huawei Cloud credentials are set.');", errors: literal },
      { code: 'vscode.window.showWarningMessage(`Delete ${label}?`, { modal: true }, deleteButton);', errors: literal },
      { code: "vscode.window.showErrorMessage(what + ': ' + message);", errors: literal },
      {
        code: "vscode.window.withProgress({ location, title: 'Huawei Cloud: checking the connection' }, task);",
        errors: literal,
      },
      {
        code: "vscode.window.showQuickPick(items, { title: 'Huawei Cloud: Select Region', placeHolder: `Current: ${current}` });",
        errors: [{ messageId: 'literal' }, { messageId: 'literal' }],
      },
      { code: "vscode.window.showInputBox({ prompt: 'Project ID' });", errors: literal },
      { code: "box.placeholder = 'A name, or a part of it';", errors: literal },
      { code: "new vscode.TreeItem('Load more…');", errors: literal },
      { code: 'item.tooltip = `${count} networks`;', errors: literal },
      { code: "item.label = ok ? 'Connected' : failed;", errors: literal },
      { code: "new vscode.Diagnostic(range, 'no update can make this change', severity);", errors: literal },
      { code: "new HuaweiCloudError('cancelled', { kind: 'cancelled' });", errors: literal },
      { code: 'new Refusal(`${action} of this document is already under way`);', errors: literal },
      { code: "error.withChangeOutcome('notCreated', `${what} was not created`);", errors: literal },
      {
        code: 'findings.push({ rule, message: `${value} overlaps ${other}` });',
        options: [{ diagnostics: true }],
        errors: literal,
      },
      // What l10n-dev export cannot read: the text given to l10n.t is one plain literal.
      { code: 'l10n.t(`Network ${name} created`);', errors: [{ messageId: 'notPlain' }] },
      { code: "vscode.l10n.t('Network ' + name);", errors: [{ messageId: 'notPlain' }] },
    ],
  });

  it('is on for src/core and src/vscode, with the diagnostics of src/core/documents and live, and off for the emulator', async () => {
    const literalNotice = "import * as vscode from 'vscode';\nvoid vscode.window.showInformationMessage('Done.');\n";
    assert.ok((await ruleIdsFor(literalNotice, 'src/vscode/probe.ts')).includes('hwc/translated-messages'));
    const literalFinding = "export const f = { rule: 'x', message: 'Must be a CIDR block.' };\n";
    for (const room of ['documents', 'live']) {
      assert.ok(
        (await ruleIdsFor(literalFinding, `src/core/${room}/probe.ts`)).includes('hwc/translated-messages'),
        room,
      );
    }
    assert.deepEqual(await ruleIdsFor(literalFinding, 'src/core/explorer/probe.ts'), []);
    assert.deepEqual(
      await ruleIdsFor("export const e = new HuaweiCloudError('x', {});\n", 'src/emulator/probe.ts').then((ids) =>
        ids.filter((id) => id === 'hwc/translated-messages'),
      ),
      [],
    );
  });
});
