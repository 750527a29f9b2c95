// The translations stay complete (issue 20): every message of l10n/bundle.l10n.json has its Chinese, with the same
// placeholders, and the English bundle is what `@vscode/l10n-dev export` makes of the sources now — so a message
// added, changed or removed in the code without `npm run l10n` (and its translation) fails here.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { projectRoot } from '../../../scripts/lib/codeServer.mjs';

const bundle = (name: string): Record<string, string> =>
  JSON.parse(readFileSync(join(projectRoot, 'l10n', name), 'utf8')) as Record<string, string>;
const placeholders = (text: string) => new Set(text.match(/\{[^{}]+\}/g) ?? []);

describe('the translations of the runtime strings (l10n/)', () => {
  const english = bundle('bundle.l10n.json');
  const chinese = bundle('bundle.l10n.zh-cn.json');

  it('translates every English key into Chinese, none empty, and holds no key the English bundle lacks', () => {
    const missing = Object.keys(english).filter((key) => !Object.hasOwn(chinese, key));
    const empty = Object.keys(chinese).filter((key) => typeof chinese[key] !== 'string' || chinese[key].trim() === '');
    const extra = Object.keys(chinese).filter((key) => !Object.hasOwn(english, key));
    assert.deepEqual({ missing, empty, extra }, { missing: [], empty: [], extra: [] });
    assert.ok(Object.keys(english).length > 100, 'the English bundle is the extension’s, not an empty one');
  });

  it('keeps every placeholder ({0}, {name}) of an English message in its Chinese one', () => {
    const lost = Object.entries(english).flatMap(([key, text]) => {
      const translated = placeholders(chinese[key] ?? '');
      const gone = [...placeholders(text)].filter((placeholder) => !translated.has(placeholder));
      return gone.length === 0 ? [] : [`${key} — lost ${gone.join(', ')}`];
    });
    assert.deepEqual(lost, []);
  });

  it('is what `@vscode/l10n-dev export` makes of the sources now (run `npm run l10n` after changing a message)', () => {
    const outDir = mkdtempSync(join(tmpdir(), 'hwc-l10n-'));
    try {
      execFileSync(
        process.execPath,
        [join(projectRoot, 'node_modules/@vscode/l10n-dev/dist/cli.js'), 'export', '--outDir', outDir, './src'],
        { cwd: projectRoot, stdio: 'pipe', timeout: 120_000 },
      );
      const exported = readFileSync(join(outDir, 'bundle.l10n.json'), 'utf8');
      assert.equal(readFileSync(join(projectRoot, 'l10n', 'bundle.l10n.json'), 'utf8'), exported);
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });
});
