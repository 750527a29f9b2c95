// The strict-JSON tree must be jsonc-parser's parseTree tree, node for node (parents and colonOffset included),
// whenever it gives one, and give one for every strict JSON text: the checks rely on both.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Node, parseTree, type ParseError } from 'jsonc-parser';
import { parseStrictJsonTree } from '../../../../src/core/documents/jsonTree';
import { mulberry32 as random } from '../../../support/random';

function reference(text: string): { root: Node | undefined; errors: ParseError[] } {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  return { root, errors };
}

const STRINGS = [
  '',
  'a',
  'ip_set',
  '10.0.0.1',
  'é',
  '\u{1F600}',
  'tab\there',
  'line\nbreak',
  'quote"',
  'back\\slash',
  '/',
  '\u0000',
  '\u001f',
  '\u2028',
  '<>',
  '__proto__',
  'constructor',
];
const NUMBERS = [0, -0, 1, -1, 4, 6, 20, 255, 1.5, -2.25, 1e21, 1e-7, 123456789012, Number.MAX_SAFE_INTEGER, 5e-324];

/** A random JSON value, at most `depth` levels deep. */
function randomValue(next: () => number, depth: number): unknown {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const choice = next();
  if (depth > 0 && choice < 0.2) {
    return Array.from({ length: Math.floor(next() * 5) }, () => randomValue(next, depth - 1));
  }
  if (depth > 0 && choice < 0.4) {
    return Object.fromEntries(
      Array.from({ length: Math.floor(next() * 5) }, () => [pick(STRINGS), randomValue(next, depth - 1)]),
    );
  }
  if (choice < 0.6) return pick(STRINGS);
  if (choice < 0.85) return pick(NUMBERS);
  return pick([true, false, null]);
}

/** `value` as strict JSON written every way JSON allows: any whitespace, escapes where none are needed, exponents. */
function write(value: unknown, next: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const space = () => (next() < 0.6 ? '' : pick([' ', '\t', '\n', '\r\n  ', '  ']));
  const string = (text: string) =>
    `"${Array.from({ length: text.length }, (_, i) => {
      const code = text.charCodeAt(i);
      if (next() < 0.15) {
        return `\\u${(next() < 0.5 ? code.toString(16) : code.toString(16).toUpperCase()).padStart(4, '0')}`;
      }
      if (text.charAt(i) === '/' && next() < 0.5) return '\\/';
      return JSON.stringify(text.charAt(i)).slice(1, -1);
    }).join('')}"`;
  if (Array.isArray(value)) {
    return `[${space()}${value.map((item) => `${space()}${write(item, next)}${space()}`).join(',')}]`;
  }
  if (value && typeof value === 'object') {
    return `{${space()}${Object.entries(value)
      .map(([key, item]) => `${space()}${string(key)}${space()}:${space()}${write(item, next)}${space()}`)
      .join(',')}}`;
  }
  if (typeof value === 'string') return string(value);
  if (typeof value === 'number') {
    const plain = Object.is(value, -0) ? '-0' : JSON.stringify(value);
    return /^-?\d+$/.test(plain) && next() < 0.3 ? `${plain}${pick(['e0', 'E+0', 'e-0', '.0', '.00e1'])}` : plain;
  }
  return JSON.stringify(value);
}

const PIECES = [
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  '"',
  '-',
  '.',
  ' ',
  '\n',
  '\t',
  '\r',
  '\u000b',
  '\u00a0',
  '\ufeff',
  '1',
  '01',
  '1.',
  '.5',
  '1e',
  '-',
  '+1',
  'null',
  'nul',
  'true',
  'truex',
  'false',
  '\\',
  '\\u12',
  '\\x',
  '/*c*/',
  '//c\n',
  '"a"',
  '"k":',
  '\u0007',
  'é',
];

describe('strict JSON trees', () => {
  const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);

  it("are parseTree's tree, node for node, for 3,000 random JSON values written every way JSON allows", () => {
    const next = random(seed);
    for (let i = 0; i < 3000; i++) {
      const value = randomValue(next, 5);
      const text = i % 2 === 0 ? write(value, next) : JSON.stringify(value, null, i % 4 === 1 ? 0 : 2);
      const expected = reference(text);
      assert.deepEqual(expected.errors, [], `seed ${seed}: not JSON after all: ${text}`);
      const tree = parseStrictJsonTree(text, 64);
      assert.ok(tree, `seed ${seed}: refused strict JSON ${JSON.stringify(text)}`);
      assert.deepStrictEqual(tree.root, expected.root, `seed ${seed}: ${JSON.stringify(text)}`);
      assert.equal(tree.cutArrays.size, 0);
    }
  });

  it('are given only for text parseTree reads without an error, the same tree; and for all that JSON.parse reads', () => {
    const next = random(seed + 1);
    let given = 0;
    for (let i = 0; i < 20_000; i++) {
      const base = i % 2 === 0 ? JSON.stringify(randomValue(next, 3)) : '';
      let text = base;
      for (let n = 1 + Math.floor(next() * 4); n > 0; n--) {
        const at = Math.floor(next() * (text.length + 1));
        text =
          next() < 0.3
            ? text.slice(0, at) + text.slice(at + 1)
            : text.slice(0, at) + PIECES[Math.floor(next() * PIECES.length)] + text.slice(at);
      }
      const tree = parseStrictJsonTree(text, 64);
      let strict = true;
      try {
        JSON.parse(text);
      } catch {
        strict = false;
      }
      // JSON.parse takes the same whitespace and grammar; only nesting is bounded here.
      assert.equal(tree !== undefined, strict, `seed ${seed}: ${JSON.stringify(text)}`);
      if (!tree) continue;
      given++;
      const expected = reference(text);
      assert.deepEqual(expected.errors, [], `seed ${seed}: ${JSON.stringify(text)}`);
      assert.deepStrictEqual(tree.root, expected.root, `seed ${seed}: ${JSON.stringify(text)}`);
    }
    assert.ok(given > 1000, `only ${given} mutated texts were still JSON`);
  });

  it('leave to parseTree, which reports it, every text that is not strict JSON', () => {
    const notStrict = [
      '',
      ' ',
      '[1,]',
      '{"a":1,}',
      '[,1]',
      '{"a"}',
      '{"a":}',
      '{a:1}',
      "{'a':1}",
      '["a" "b"]',
      '{"a":1}}',
      '[1]]',
      '[1',
      '"abc',
      '"\\x0041"',
      '"\\u004"',
      '"\\u00g1"',
      '"\\"',
      '"a\u0007b"',
      '"line\nbreak"',
      '01',
      '-01',
      '1.',
      '.5',
      '+1',
      '-',
      '1e',
      '1e+',
      '0x1f',
      'NaN',
      'Infinity',
      'tru',
      'nulll',
      'True',
      '[true false]',
      '/* c */ 1',
      '1 // c',
      '\ufeff{}',
      '{}\u00a0',
      '\u000b[]',
    ];
    for (const text of notStrict) {
      assert.equal(parseStrictJsonTree(text, 64), undefined, JSON.stringify(text));
      assert.notDeepEqual(reference(text).errors, [], JSON.stringify(text));
    }
  });

  it('nest at most as deep as asked, and leave deeper text to parseTree', () => {
    const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
    assert.deepStrictEqual(parseStrictJsonTree(nested(64), 64)?.root, reference(nested(64)).root);
    assert.equal(parseStrictJsonTree(nested(65), 64), undefined);
    assert.equal(parseStrictJsonTree(`[1,${nested(64)},{"a":${nested(63)}}]`, 64), undefined);
    assert.equal(parseStrictJsonTree(nested(100_000), 64), undefined);
  });

  it('build only the entries kept of a long array, give its whole length, and still check the rest', () => {
    const entries = Array.from({ length: 12 }, (_, i) =>
      i % 3 === 0 ? { ip: `10.0.0.${i}`, remarks: null } : [`10.0.0.${i}`, i, true],
    );
    const text = JSON.stringify({ list: entries, short: [1, 2] }, null, 2);
    const cut = parseStrictJsonTree(text, 64, 5);
    const whole = reference(text).root;
    assert.ok(cut && whole);
    const list = cut.root.children?.[0]?.children?.[1] as Node;
    const wholeList = whole.children?.[0]?.children?.[1] as Node;
    // The kept entries are parseTree's, the list's own node too (offset, length), though it holds five of twelve.
    const withoutParents = (node: Node): unknown => ({
      ...node,
      parent: undefined,
      children: node.children?.map(withoutParents),
    });
    assert.deepEqual(withoutParents(list), {
      ...(withoutParents(wholeList) as object),
      children: wholeList.children?.slice(0, 5).map(withoutParents),
    });
    assert.deepEqual([...cut.cutArrays], [[list, 12]]);
    assert.equal(cut.root.children?.[1]?.children?.[1]?.children?.length, 2);
    // What lies past the kept entries is still read as strict JSON, to the same depth.
    for (const broken of [
      '[1,2]]',
      '{"a" 1}',
      '"\\x"',
      '01',
      '[1,]',
      '{"a":1,}',
      `${'['.repeat(64)}${']'.repeat(64)}`,
    ]) {
      const late = JSON.stringify(Array.from({ length: 8 }, (_, i) => i)).replace('7]', `${broken}]`);
      assert.equal(parseStrictJsonTree(late, 64, 5), undefined, late);
      assert.ok(parseStrictJsonTree(late.replace(broken, '[[7],{"a":[null]}]'), 64, 5), late);
    }
  });
});
