// What `npm run package` produced: small, and nothing inside but what the extension needs at run time.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { projectRoot } from '../../scripts/lib/codeServer.mjs';

const vsix = join(projectRoot, 'huaweicloud-networks.vsix');
const allowed = [
  /^extension\/dist\/(extension|emulator)\.js$/,
  /^extension\/schemas\/[\w.-]+\.schema\.json$/,
  /^extension\/snippets\/[\w.-]+\.code-snippets$/,
  /^extension\/images\/[\w.-]+\.(png|svg)$/,
  /^extension\/media\/walkthrough\/[\w-]+\.md$/,
  /^extension\/(package\.json|readme\.md|README\.md|LICENSE\.txt|LICENSE|changelog\.md|CHANGELOG\.md)$/,
  /^extension\.vsixmanifest$/,
  /^\[Content_Types\]\.xml$/,
];

describe('the packaged .vsix', () => {
  it('is under 300 KB', () => {
    const { size } = statSync(vsix);
    console.log(`huaweicloud-networks.vsix: ${(size / 1024).toFixed(1)} KB`);
    assert.ok(size < 300 * 1024, `the .vsix is ${size} bytes`);
  });

  it('holds only the bundle, schemas, snippets, images, the walkthrough\'s pages and the package files', () => {
    const entries = execFileSync('unzip', ['-Z1', vsix], { encoding: 'utf8' }).split('\n').filter(Boolean);
    const unexpected = entries.filter((entry) => !allowed.some((pattern) => pattern.test(entry)));
    assert.deepEqual(unexpected, []);
    const walkthroughPages = (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { contributes: { walkthroughs: { steps: { media: { markdown: string } }[] }[] } })
      .contributes.walkthroughs.flatMap((walkthrough) => walkthrough.steps.map((step) => `extension/${step.media.markdown}`));
    for (const required of ['extension/dist/extension.js', 'extension/dist/emulator.js', 'extension/package.json', 'extension/schemas/network.schema.json', ...walkthroughPages]) {
      assert.ok(entries.includes(required), `${required} is missing from the .vsix`);
    }
  });
});
