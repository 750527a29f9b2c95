// The README shows the product and stays short; the reference lives in docs/. Every page's links lead somewhere
// (files and GitHub's heading anchors), and every picture they use is one `npm run screenshots` makes.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { projectRoot } from '../../../scripts/lib/codeServer.mjs';
import { brokenLinks, githubSlug, headingAnchors, markdownLinks } from '../../support/markdownLinks';

const README_LIMIT = 12 * 1024;
const pages = [
  join(projectRoot, 'README.md'),
  join(projectRoot, 'README.zh-cn.md'),
  join(projectRoot, 'CONTRIBUTING.md'),
  ...readdirSync(join(projectRoot, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => join(projectRoot, 'docs', name)),
];

describe('the README and docs/', () => {
  it(`the README is at most ${README_LIMIT} bytes`, () => {
    const { size } = statSync(join(projectRoot, 'README.md'));
    assert.ok(size <= README_LIMIT, `README.md is ${size} bytes: move reference material into docs/`);
  });

  it('the README has a picture before its first section, the two commands and the settings of package.json', () => {
    const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
    const firstSection = readme.indexOf('\n## ');
    assert.ok(
      markdownLinks(readme.slice(0, firstSection)).some((link) => link.image),
      'no picture above the first section',
    );
    for (const command of ['npm start', 'npm test']) {
      assert.ok(readme.includes(command), `the README does not say ${command}`);
    }
    const settings = Object.keys(
      JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')).contributes.configuration.properties,
    );
    for (const setting of settings) {
      assert.ok(readme.includes(`| \`${setting}\` |`), `the README's settings table lacks ${setting}`);
    }
  });

  it('the Chinese README (README.zh-cn.md) has its picture before its first section, the two commands and every setting, and each README links to the other at its top', () => {
    const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
    const chinese = readFileSync(join(projectRoot, 'README.zh-cn.md'), 'utf8');
    const firstSection = chinese.indexOf('\n## ');
    const top = (text: string) => markdownLinks(text.slice(0, text.indexOf('\n## ')));
    assert.ok(
      top(chinese).some((link) => link.image && link.target.endsWith('.zh-cn.png')),
      'no picture of the Chinese UI above the first section',
    );
    assert.ok(firstSection > 0);
    for (const command of ['npm start', 'npm test']) {
      assert.ok(chinese.includes(command), `README.zh-cn.md does not say ${command}`);
    }
    const settings = Object.keys(
      JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')).contributes.configuration.properties,
    );
    for (const setting of settings) {
      assert.ok(chinese.includes(`\`${setting}\``), `README.zh-cn.md does not name ${setting}`);
    }
    assert.ok(
      top(readme).some((link) => link.target === 'README.zh-cn.md'),
      'README.md does not link to README.zh-cn.md above its first section',
    );
    assert.ok(
      top(chinese).some((link) => link.target === 'README.md'),
      'README.zh-cn.md does not link to README.md above its first section',
    );
  });

  it('every link of the README, CONTRIBUTING.md and docs/ leads to a file and a heading that exist', () => {
    assert.ok(pages.length >= 10, `only ${pages.length} pages found`);
    assert.deepEqual(
      pages.flatMap((page) => brokenLinks(page)).map((problem) => problem.replace(`${projectRoot}/`, '')),
      [],
    );
  });

  it('every picture they use is one that `npm run screenshots` makes', () => {
    const made = new Set(
      execFileSync(process.execPath, [join(projectRoot, 'scripts', 'screenshots.mjs'), '--list'], { encoding: 'utf8' })
        .split('\n')
        .filter(Boolean),
    );
    assert.ok(made.size >= 7, `npm run screenshots lists ${[...made].join(', ')}`);
    const used = pages.flatMap((page) =>
      markdownLinks(readFileSync(page, 'utf8'))
        .filter((link) => link.image)
        .map((link) => ({ page: relative(projectRoot, page), picture: link.target.split('/').at(-1) ?? '' })),
    );
    assert.ok(used.length >= made.size, 'the pages use fewer pictures than npm run screenshots makes');
    assert.deepEqual(
      used.filter(({ picture }) => !made.has(picture)),
      [],
    );
  });
});

describe('links and anchors as GitHub makes them', () => {
  it("anchors: the heading's text in lower case, punctuation dropped, spaces made hyphens, repeats numbered", () => {
    assert.equal(
      githubSlug('Documents and live resources: Compare, Apply, Edit as Document'),
      'documents-and-live-resources-compare-apply-edit-as-document',
    );
    assert.equal(
      githubSlug('`npm start`: VS Code served with the emulator'),
      'npm-start-vs-code-served-with-the-emulator',
    );
    assert.equal(githubSlug('Status bar — and [the log](log.md) <sup>new</sup>'), 'status-bar--and-the-log-new');
    assert.equal(githubSlug('max_capacity (0-20) › Über'), 'max_capacity-0-20--über');
    const anchors = headingAnchors(
      '# Title\n\n## Notes\n\n```sh\n## not a heading\n```\n\n## Notes ##\n<a id="kept"></a>\n',
    );
    assert.deepEqual([...anchors].sort(), ['kept', 'notes', 'notes-1', 'title']);
  });

  it('finds inline links, images inside links, definitions and HTML, and none in code', () => {
    const links = markdownLinks(
      [
        'See [a](docs/a.md#x "title") and [![pic](images/p.png)](https://example.com).',
        'Not `[code](nowhere.md)`:',
        '```',
        '[fenced](nowhere.md)',
        '```',
        '[ref]: ./b.md',
        '<img src="images/q.png"> <a href="c.md#y">c</a>',
      ].join('\n'),
    );
    assert.deepEqual(links.map(({ target, line, image }) => `${line}:${image ? 'image ' : ''}${target}`).sort(), [
      '1:docs/a.md#x',
      '1:https://example.com',
      '1:image images/p.png',
      '6:./b.md',
      '7:c.md#y',
      '7:image images/q.png',
    ]);
  });

  it('reports a missing file, a missing heading and a missing anchor in the same page, and nothing for good links', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hwc-links-'));
    try {
      writeFileSync(join(dir, 'other.md'), '# Other\n\n## Real part\n');
      writeFileSync(
        join(dir, 'page.md'),
        [
          '# Page',
          '',
          '## Here',
          '',
          '[good](other.md#real-part) [good too](#here) [web](https://example.com/x.md#nope) [folder](.)',
          '[no file](gone.md) [no heading](other.md#fake-part)',
          '![no picture](images/none.png) [not here](#there)',
        ].join('\n'),
      );
      const problems = brokenLinks(join(dir, 'page.md')).map((problem) => problem.slice(dir.length + 1));
      assert.deepEqual(problems, [
        'page.md:6: gone.md — there is no gone.md',
        'page.md:6: other.md#fake-part — other.md has no heading with the anchor #fake-part',
        'page.md:7: images/none.png — there is no images/none.png',
        'page.md:7: #there — this page has no heading with the anchor #there',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
