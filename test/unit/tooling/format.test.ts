// One formatter: Prettier, with the project's .prettierrc.json, on the code of src, test, scripts and bench; what is
// generated, the fixtures and the sample documents are left as written. npm test's `format` check runs it.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import * as prettier from 'prettier';
import { projectRoot } from '../../../scripts/lib/codeServer.mjs';

const at = (path: string) => join(projectRoot, path);

describe('the formatter', () => {
  it('formats the code at 120 columns with single quotes', async () => {
    const options = await prettier.resolveConfig(at('src/core/probe.ts'));
    assert.deepEqual(
      { printWidth: options?.printWidth, singleQuote: options?.singleQuote },
      { printWidth: 120, singleQuote: true },
    );
    const long = `export const x = [${Array.from({ length: 30 }, (_, i) => `'item-${i}'`).join(', ')}];\n`;
    assert.equal(
      await prettier.check(long, { ...options, filepath: at('src/core/probe.ts') }),
      false,
      'a 400-character line passes',
    );
    const formatted = await prettier.format(long, { ...options, filepath: at('src/core/probe.ts') });
    assert.ok(formatted.split('\n').every((line) => line.length <= 120));
    assert.equal(await prettier.check(formatted, { ...options, filepath: at('src/core/probe.ts') }), true);
    assert.equal(
      await prettier.check('export const y = "double";\n', { ...options, filepath: at('scripts/probe.mjs') }),
      false,
    );
  });

  it('leaves generated code, fixtures and the sample documents as written', async () => {
    for (const path of [
      'src/core/generated/schemaValidators.js',
      'test/fixtures/workspace/probe.ts',
      'sample/valid/training.network.json',
    ]) {
      const info = await prettier.getFileInfo(at(path), { ignorePath: at('.prettierignore') });
      assert.equal(info.ignored, true, path);
    }
    assert.equal(
      (await prettier.getFileInfo(at('src/core/display.ts'), { ignorePath: at('.prettierignore') })).ignored,
      false,
    );
  });
});
