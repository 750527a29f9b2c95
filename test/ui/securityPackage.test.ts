// The bundles inside the .vsix that `npm run package` produced — the files a user installs — hold no way to turn a
// string into code (the check itself is proven in test/unit/tooling/securityBundle.test.ts).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { projectRoot } from '../../scripts/lib/codeServer.mjs';
import { findDynamicCode } from '../support/dynamicCode';

const vsix = join(projectRoot, 'huaweicloud-networks.vsix');

describe('security: the packaged .vsix', () => {
  const entries = execFileSync('unzip', ['-Z1', vsix], { encoding: 'utf8' })
    .split('\n')
    .filter((entry) => /^extension\/dist\/.+\.m?js$/.test(entry));

  it('ships the entry, its chunks and the emulator', () => {
    assert.ok(entries.includes('extension/dist/extension.js') && entries.includes('extension/dist/emulator.js'));
    assert.ok(entries.filter((entry) => entry.startsWith('extension/dist/chunks/')).length >= 10, entries.join(', '));
  });

  for (const entry of entries) {
    it(`${entry} holds no eval, Function constructor or vm`, () => {
      const source = execFileSync('unzip', ['-p', vsix, entry], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      const found = findDynamicCode(source, entry);
      assert.deepEqual(found, [], found.map((f) => `${f.line}:${f.column} ${f.what}: ${f.excerpt}`).join('\n'));
    });
  }
});
