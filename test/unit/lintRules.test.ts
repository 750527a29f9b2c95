import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';
import { projectRoot } from '../../scripts/lib/codeServer.mjs';

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
    const ids = await ruleIdsFor("import { Command } from '../vscode/commands';\nexport const c = Command;\n", 'src/core/probe.ts');
    assert.ok(ids.includes('no-restricted-imports'), `rules reported: ${ids.join(', ')}`);
  });

  it('allows vscode in the VS Code layer', async () => {
    const ids = await ruleIdsFor("import * as vscode from 'vscode';\nexport const x = vscode;\n", 'src/vscode/probe.ts');
    assert.deepEqual(ids, []);
  });
});
