import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';
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
