// What `npm run package` produced: small, and nothing inside but what the extension needs at run time.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { describe, it } from 'node:test';
import { projectRoot } from '../../scripts/lib/codeServer.mjs';

const vsix = join(projectRoot, 'huaweicloud-networks.vsix');
const allowed = [
  /^extension\/dist\/(extension\.js|emulator\.js|\w+\.mjs|chunks\/[\w-]+\.mjs)$/,
  /^extension\/schemas\/[\w.-]+\.schema\.json$/,
  /^extension\/snippets\/[\w.-]+\.code-snippets$/,
  // The marketplace icon and the activity bar's icon; the README's pictures are not shipped (its relative links
  // serve the repository's page), only what a walkthrough step shows.
  /^extension\/images\/(icon\.png|activitybar\.svg)$/,
  /^extension\/media\/walkthrough\/[\w.-]+\.(md|svg|png)$/,
  /^extension\/(package\.json|readme\.md|README\.md|LICENSE\.txt|LICENSE|changelog\.md|CHANGELOG\.md)$/,
  // The manifest's messages (English, and each translation) and the README's translations.
  /^extension\/package\.nls(\.[a-z]{2}(-[a-z]+)?)?\.json$/,
  /^extension\/README\.[a-z]{2}(-[a-z]+)?\.md$/,
  // The runtime messages (English, and each translation): vscode.l10n reads them.
  /^extension\/l10n\/bundle\.l10n(\.[a-z]{2}(-[a-z]+)?)?\.json$/,
  /^extension\.vsixmanifest$/,
  /^\[Content_Types\]\.xml$/,
];

describe('the packaged .vsix', () => {
  it('is under 300 KB', () => {
    const { size } = statSync(vsix);
    console.log(`huaweicloud-networks.vsix: ${(size / 1024).toFixed(1)} KB`);
    assert.ok(size < 300 * 1024, `the .vsix is ${size} bytes`);
  });

  it("holds only the code, schemas, snippets, its two icons, the walkthrough's pages, the messages and the package files", () => {
    const entries = execFileSync('unzip', ['-Z1', vsix], { encoding: 'utf8' }).split('\n').filter(Boolean);
    const unexpected = entries.filter((entry) => !allowed.some((pattern) => pattern.test(entry)));
    assert.deepEqual(unexpected, []);
    const walkthroughPages = (
      JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as {
        contributes: { walkthroughs: { steps: { media: { markdown: string } }[] }[] };
      }
    ).contributes.walkthroughs.flatMap((walkthrough) =>
      walkthrough.steps.flatMap((step) => [
        `extension/${step.media.markdown}`,
        // VS Code shows a step's `<page>.nls.<locale>.md` in that display language.
        `extension/${step.media.markdown.replace(/\.md$/, '.nls.zh-cn.md')}`,
      ]),
    );
    for (const required of [
      'extension/dist/extension.js',
      'extension/l10n/bundle.l10n.json',
      'extension/l10n/bundle.l10n.zh-cn.json',
      'extension/dist/emulator.js',
      'extension/package.json',
      'extension/package.nls.json',
      'extension/package.nls.zh-cn.json',
      'extension/README.zh-cn.md',
      'extension/schemas/network.schema.json',
      ...walkthroughPages,
    ]) {
      assert.ok(entries.includes(required), `${required} is missing from the .vsix`);
    }
  });

  it('holds every chunk the entry can load, following its imports from file to file', () => {
    const entries = new Set(execFileSync('unzip', ['-Z1', vsix], { encoding: 'utf8' }).split('\n').filter(Boolean));
    const read = (entry: string) =>
      execFileSync('unzip', ['-p', vsix, entry], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const reached = new Set<string>();
    const missing: string[] = [];
    const visit = (entry: string) => {
      if (reached.has(entry)) return;
      reached.add(entry);
      if (!entries.has(entry)) return void missing.push(entry);
      // Static (`from"./x.mjs"`, `import"./x.mjs"`) and dynamic (`import("./x.mjs")`) imports of our own files.
      for (const [, specifier] of read(entry).matchAll(/(?:from|import)\s*\(?\s*"(\.\.?\/[^"]+\.mjs)"/g)) {
        visit(posix.join(posix.dirname(entry), specifier ?? ''));
      }
    };
    visit('extension/dist/extension.js');
    assert.deepEqual(missing, [], 'chunks the extension imports but the .vsix lacks');
    // The features are chunks: a graph of the entry alone would prove nothing.
    assert.ok(reached.size >= 20, `${reached.size} files reached: ${[...reached].join(', ')}`);
    const shipped = [...entries].filter((entry) => entry.startsWith('extension/dist/chunks/'));
    assert.deepEqual(
      shipped.filter((entry) => !reached.has(entry)),
      [],
      'chunks shipped that nothing imports',
    );
  });

  it("holds every file its manifest names (icons, schemas, snippets, the walkthrough's pages)", () => {
    const entries = new Set(execFileSync('unzip', ['-Z1', vsix], { encoding: 'utf8' }).split('\n').filter(Boolean));
    const manifest = JSON.parse(
      execFileSync('unzip', ['-p', vsix, 'extension/package.json'], { encoding: 'utf8' }),
    ) as Record<string, unknown>;
    const named = manifestFiles(manifest);
    assert.ok(named.length >= 5, `the manifest names ${named.join(', ')}`);
    assert.deepEqual(
      named.filter((file) => !entries.has(`extension/${file}`)),
      [],
    );
  });

  it('carries the marketplace metadata: icon, banner, categories, keywords, licence, changelog', () => {
    const manifest = JSON.parse(
      execFileSync('unzip', ['-p', vsix, 'extension/package.json'], { encoding: 'utf8' }),
    ) as {
      icon?: string;
      galleryBanner?: { color?: string; theme?: string };
      categories?: string[];
      keywords?: string[];
      license?: string;
      publisher?: string;
    };
    assert.equal(manifest.icon, 'images/icon.png');
    assert.match(manifest.galleryBanner?.color ?? '', /^#[0-9a-f]{6}$/i);
    assert.ok(['dark', 'light'].includes(manifest.galleryBanner?.theme ?? ''));
    assert.ok((manifest.categories ?? []).length > 0 && (manifest.keywords ?? []).length >= 3);
    assert.equal(manifest.license, 'MIT');
    assert.ok(manifest.publisher);
    const changelog = execFileSync('unzip', ['-p', vsix, 'extension/changelog.md'], { encoding: 'utf8' });
    assert.match(changelog, /^# Changelog\n\n## \d+\.\d+\.\d+/);
  });
});

/** The files a manifest points at, relative to the extension's folder: its `"icon"`, `"url"`, `"path"`, `"markdown"`, `"image"` and `"svg"` values. */
function manifestFiles(manifest: unknown): string[] {
  const found = new Set<string>();
  const visit = (value: unknown, key: string) => {
    if (typeof value === 'string') {
      // Codicons (`$(key)`), URLs and theme colours are not files.
      if (
        ['icon', 'url', 'path', 'markdown', 'image', 'svg', 'main', 'light', 'dark'].includes(key) &&
        !/^(\$\(|https?:|#)/.test(value)
      ) {
        found.add(value.replace(/^\.\//, ''));
      }
    } else if (Array.isArray(value)) {
      for (const item of value) visit(item, key);
    } else if (value && typeof value === 'object') {
      for (const [childKey, child] of Object.entries(value)) visit(child, childKey);
    }
  };
  visit(manifest, '');
  return [...found].sort();
}
