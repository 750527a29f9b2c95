// The contributed strings (package.json) in English and Simplified Chinese: every string a person reads in the
// manifest is a %key% of package.nls.json and package.nls.zh-cn.json, each key is in both files and used, the
// Chinese keeps what VS Code or the reader acts on (placeholders, icons, links, setting references, code), and the
// walkthrough's pages have their Chinese page beside them (VS Code opens `<page>.nls.<locale>.md` when it exists).
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { projectRoot } from '../../../scripts/lib/codeServer.mjs';
import { NLS_PLACEHOLDER, localize, readManifest, stringsOf } from '../../../scripts/lib/manifest.mjs';

const LOCALES = ['zh-cn'];
const raw = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as Record<string, unknown>;
const readJson = (file: string) => JSON.parse(readFileSync(join(projectRoot, file), 'utf8')) as Record<string, unknown>;
const english = readJson('package.nls.json');
const translations = Object.fromEntries(LOCALES.map((locale) => [locale, readJson(`package.nls.${locale}.json`)]));

/**
 * The JSON paths (as stringsOf writes them) of the manifest's strings a person reads: in the command palette, the
 * activity bar and views, the welcome views, the walkthrough, the settings editor, the trust dialog, the
 * extensions view. A new kind of contribution adds its paths here.
 */
const USER_VISIBLE = [
  /^displayName$/,
  /^description$/,
  /^capabilities\.untrustedWorkspaces\.description$/,
  /^contributes\.commands\[\d+\]\.(title|shortTitle|category)$/,
  /^contributes\.viewsContainers\.\w+\[\d+\]\.title$/,
  /^contributes\.views\.\w+\[\d+\]\.(name|contextualTitle)$/,
  /^contributes\.viewsWelcome\[\d+\]\.contents$/,
  /^contributes\.walkthroughs\[\d+\]\.(title|description)$/,
  /^contributes\.walkthroughs\[\d+\]\.steps\[\d+\]\.(title|description|media\.altText)$/,
  /^contributes\.configuration\.title$/,
  /^contributes\.configuration\.properties\["[^"]+"\](\.properties\.\w+)?\.(title|description|markdownDescription|patternErrorMessage|deprecationMessage|markdownDeprecationMessage)$/,
  /^contributes\.configuration\.properties\["[^"]+"\](\.properties\.\w+)?\.(enumDescriptions|markdownEnumDescriptions|enumItemLabels)\[\d+\]$/,
];

/**
 * What the Chinese must keep of an English text, as a sorted list: `{0}` placeholders, `$(icon)` codicons, link
 * targets (`command:` links are the welcome views' buttons), `#setting.id#` references of the settings editor, and
 * inline code (setting names, paths, values a person types).
 */
function keptTokens(text: string): string[] {
  const tokens = [
    ...[...text.matchAll(/\{\d+\}/g)].map((m) => m[0]),
    ...[...text.matchAll(/\$\([\w~-]+\)/g)].map((m) => m[0]),
    ...[...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => `link ${m[1] ?? ''}`),
    ...[...text.matchAll(/#[\w.]+#/g)].map((m) => m[0]),
    ...[...text.matchAll(/`[^`]+`/g)].map((m) => m[0]),
  ];
  return tokens.sort();
}

/** The link targets of the lines that are one link alone: VS Code draws those as buttons in a welcome view. */
function buttons(text: string): string[] {
  return text
    .split('\n')
    .map((line) => /^\[[^\]]+\]\(([^)\s]+)\)$/.exec(line.trim())?.[1])
    .filter((target): target is string => target !== undefined);
}

/** The %key% placeholders of the manifest, with where they are. */
const placeholders = stringsOf(raw).flatMap(({ path, text }) => {
  const key = NLS_PLACEHOLDER.exec(text)?.[1];
  return key === undefined ? [] : [{ path, key }];
});

describe('contributed strings in English and Chinese (package.nls*.json)', () => {
  it('every %key% of package.json has a non-empty message in package.nls.json and in each translation', () => {
    assert.ok(placeholders.length >= 70, `only ${placeholders.length} placeholders in package.json`);
    for (const [file, messages] of [
      ['package.nls.json', english],
      ...LOCALES.map((locale) => [`package.nls.${locale}.json`, translations[locale]] as const),
    ] as const) {
      const missing = placeholders.filter(
        ({ key }) => typeof messages?.[key] !== 'string' || (messages[key] as string).trim() === '',
      );
      assert.deepEqual(
        missing.map(({ path, key }) => `${path}: %${key}%`),
        [],
        `${file} lacks a message (or has an empty one)`,
      );
    }
  });

  it('no message of either file is unused, and both files hold the same keys', () => {
    const used = new Set(placeholders.map(({ key }) => key));
    assert.deepEqual(
      Object.keys(english).filter((key) => !used.has(key)),
      [],
      'package.nls.json has keys package.json does not use',
    );
    for (const locale of LOCALES) {
      const keys = Object.keys(translations[locale] ?? {});
      assert.deepEqual(
        keys.filter((key) => !used.has(key)),
        [],
        `package.nls.${locale}.json has keys package.json does not use`,
      );
      assert.deepEqual(keys.sort(), Object.keys(english).sort(), `package.nls.${locale}.json and package.nls.json`);
    }
  });

  it('no string a person reads in the manifest is left literal', () => {
    const visible = stringsOf(raw).filter(({ path }) => USER_VISIBLE.some((pattern) => pattern.test(path)));
    assert.ok(
      visible.length >= 70,
      `only ${visible.length} user-visible strings found: the path list no longer matches`,
    );
    assert.deepEqual(
      visible.filter(({ text }) => !NLS_PLACEHOLDER.test(text)).map(({ path, text }) => `${path}: ${text}`),
      [],
    );
    // Every command has a title and a category, every setting a description: none escapes the check by being absent.
    const contributes = raw.contributes as {
      commands: { command: string; title?: string; category?: string }[];
      configuration: { properties: Record<string, { description?: string; markdownDescription?: string }> };
    };
    for (const command of contributes.commands) {
      assert.ok(command.title && command.category, `${command.command} lacks a title or a category`);
    }
    for (const [name, setting] of Object.entries(contributes.configuration.properties)) {
      assert.ok(setting.description ?? setting.markdownDescription, `${name} has no description`);
    }
  });

  it("the English messages are today's texts: the manifest resolved through package.nls.json reads as before", () => {
    const manifest = readManifest() as {
      displayName: string;
      contributes: { commands: { command: string; title: string; category: string }[] };
    };
    assert.equal(manifest.displayName, 'Huawei Cloud Networks');
    const check = manifest.contributes.commands.find((command) => command.command === 'huaweicloud.checkConnection');
    assert.deepEqual([check?.category, check?.title], ['Huawei Cloud', 'Check Connection']);
    assert.deepEqual(
      stringsOf(manifest).filter(({ text }) => NLS_PLACEHOLDER.test(text)),
      [],
    );
    const chinese = readManifest({ locale: 'zh-cn' }) as typeof manifest;
    assert.equal(
      chinese.contributes.commands.find((c) => c.command === 'huaweicloud.checkConnection')?.title,
      '检查连接',
    );
    assert.throws(() => localize({ title: '%nowhere%' }, {}), /package\.json\.title: no message for %nowhere%/);
  });

  it('each translation keeps the placeholders, icons, links, setting references, code and buttons of the English', () => {
    for (const locale of LOCALES) {
      const messages = translations[locale] ?? {};
      const lost = Object.entries(english).flatMap(([key, text]) => {
        const translated = String(messages[key] ?? '');
        const problems: string[] = [];
        if (JSON.stringify(keptTokens(String(text))) !== JSON.stringify(keptTokens(translated))) {
          problems.push(`${key}: keeps ${keptTokens(translated).join(' ')} of ${keptTokens(String(text)).join(' ')}`);
        }
        if (JSON.stringify(buttons(String(text))) !== JSON.stringify(buttons(translated))) {
          problems.push(`${key}: its buttons (lines of one link) differ`);
        }
        return problems;
      });
      assert.deepEqual(lost, [], `package.nls.${locale}.json`);
    }
  });

  it('the check of kept parts finds a lost placeholder, icon, link, setting reference or piece of code', () => {
    const text = 'Open {0} $(key) [here](command:x.y) with `a.b` under #huaweicloud.region#';
    assert.deepEqual(keptTokens(text), ['#huaweicloud.region#', '$(key)', '`a.b`', 'link command:x.y', '{0}']);
    for (const broken of [
      '打开 $(key) [这里](command:x.y) `a.b` #huaweicloud.region#',
      '打开 {0} [这里](command:x.y) `a.b` #huaweicloud.region#',
      '打开 {0} $(key) 这里 `a.b` #huaweicloud.region#',
      '打开 {0} $(key) [这里](command:x.y) a.b #huaweicloud.region#',
      '打开 {0} $(key) [这里](command:x.y) `a.b` 区域',
    ]) {
      assert.notDeepEqual(keptTokens(broken), keptTokens(text), broken);
    }
    assert.deepEqual(buttons('Text\n[A](command:a)\nmore [B](command:b)\n[C](command:c)'), ['command:a', 'command:c']);
  });
});

describe("the walkthrough's pages in Chinese", () => {
  const steps = (
    raw.contributes as { walkthroughs: { steps: { id: string; media: { markdown?: string } }[] }[] }
  ).walkthroughs.flatMap((walkthrough) => walkthrough.steps);
  const codeBlocks = (text: string) => [...text.matchAll(/```[\s\S]*?```/g)].map((m) => m[0]);
  const inlineCode = (text: string) => [...text.replace(/```[\s\S]*?```/g, '').matchAll(/`[^`\n]+`/g)].map((m) => m[0]);

  it('each step page has its <page>.nls.<locale>.md, with a title, the same code blocks and the inline code of the English', () => {
    assert.ok(steps.length >= 7);
    for (const locale of LOCALES) {
      for (const step of steps) {
        const page = step.media.markdown ?? '';
        const translated = join(projectRoot, page.replace(/\.md$/, `.nls.${locale}.md`));
        assert.ok(existsSync(translated), `${step.id}: no ${page.replace(/\.md$/, `.nls.${locale}.md`)}`);
        const en = readFileSync(join(projectRoot, page), 'utf8');
        const zh = readFileSync(translated, 'utf8');
        assert.match(zh, /^# \S/, `${translated} has no title`);
        assert.doesNotMatch(zh.split('\n')[0] ?? '', /^# [A-Za-z ]+$/, `${translated}: its title is still English`);
        assert.deepEqual(codeBlocks(zh), codeBlocks(en), `${translated}: its code blocks differ from ${page}`);
        const kept = new Set(inlineCode(zh));
        assert.deepEqual(
          inlineCode(en).filter((code) => !kept.has(code)),
          [],
          `${translated} drops code of ${page}`,
        );
      }
    }
  });
});

describe('the Chinese uses the terms of docs/glossary.zh-cn.md', () => {
  // Words other clouds or tools use for what Huawei Cloud calls otherwise; a translation that uses one is told the
  // glossary's term.
  const OFF_GLOSSARY: [string, string][] = [
    ['地域', '区域 (region)'],
    ['秘钥', '密钥 (key)'],
    ['凭据', '凭证 (credentials)'],
    ['专有网络', '虚拟私有云 VPC'],
    ['专用网络', '虚拟私有云 VPC'],
    ['对等互连', '对等连接 (peering connection)'],
    ['终结点', '终端节点 (endpoint)'],
    ['地址簿', 'IP地址组 (address group)'],
  ];
  const chineseTexts = () => {
    const files = [
      ...LOCALES.map((locale) => `package.nls.${locale}.json`),
      ...LOCALES.map((locale) => `l10n/bundle.l10n.${locale}.json`),
      'README.zh-cn.md',
      ...(raw.contributes as { walkthroughs: { steps: { media: { markdown?: string } }[] }[] }).walkthroughs.flatMap(
        (w) =>
          w.steps.flatMap((step) =>
            LOCALES.map((locale) => (step.media.markdown ?? '').replace(/\.md$/, `.nls.${locale}.md`)),
          ),
      ),
    ];
    return files.filter((file) => existsSync(join(projectRoot, file)));
  };

  it('names no Huawei Cloud concept with another cloud’s word', () => {
    const files = chineseTexts();
    assert.ok(files.length >= 8, `only ${files.join(', ')}`);
    const found = files.flatMap((file) => {
      const text = readFileSync(join(projectRoot, file), 'utf8');
      return OFF_GLOSSARY.filter(([word]) => text.includes(word)).map(([word, term]) => `${file}: ${word} → ${term}`);
    });
    assert.deepEqual(found, []);
  });

  it('the glossary lists each term it asks for, with its source', () => {
    const glossary = readFileSync(join(projectRoot, 'docs', 'glossary.zh-cn.md'), 'utf8');
    for (const [, term] of OFF_GLOSSARY) {
      assert.ok(glossary.includes(term.split(' ')[0] ?? ''), `the glossary lacks ${term}`);
    }
    const rows = glossary.split('\n').filter((line) => /^\| [^-|]/.test(line) && !line.startsWith('| English'));
    assert.ok(rows.length >= 40, `only ${rows.length} glossary rows`);
  });
});
