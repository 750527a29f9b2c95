// checkDocument must never throw and never point outside the text, whatever it is given: random JSON, mutated
// published examples (characters dropped, duplicated, swapped), wrong types everywhere, and a 5 MB file.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { projectRoot } from '../../../../scripts/lib/codeServer.mjs';
import { checkDocument, type DocumentCheck } from '../../../../src/core/documents/checks';
import { type Kind, kindFromFileName } from '../../../../src/core/kinds';
import { mulberry32 as random } from '../../../support/random';

const exampleFiles = readdirSync(join(projectRoot, 'test/fixtures/examples'));
const examples = exampleFiles.map((f) => readFileSync(join(projectRoot, 'test/fixtures/examples', f), 'utf8'));
const PIECES = [
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  '"',
  '-',
  '/',
  '.',
  ' ',
  '\n',
  '1',
  '255',
  '::',
  'ff',
  '"ip_set"',
  '"address_group"',
  '"kind"',
  '"Network"',
  '"spec"',
  '"cidr"',
  'null',
  'true',
  '4',
  '6',
  '"ip_version"',
  '"max_capacity"',
  '\\',
  '\u{1F600}',
  '"192.168.0.0/16"',
  '"2001:db8::/64"',
  '-1e999',
];
const VALUES = [
  null,
  true,
  0,
  -1,
  4,
  6,
  21,
  1e300,
  '',
  'x',
  '192.168.0.0/16',
  '10.0.0.1-10.0.0.0',
  '::1',
  [],
  {},
  [1, 'a', null],
  { ip: 5 },
];

function mutate(text: string, next: () => number): string {
  let out = text;
  for (let n = 1 + Math.floor(next() * 4); n > 0; n--) {
    const at = Math.floor(next() * (out.length + 1));
    const choice = next();
    if (choice < 0.33) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(next() * 5));
    else if (choice < 0.66) out = out.slice(0, at) + PIECES[Math.floor(next() * PIECES.length)] + out.slice(at);
    else out = out.slice(0, at) + out.slice(at, at + 8) + out.slice(at);
  }
  return out;
}

/** Replaces values deep in a parsed example by values of every type. */
function retype(value: unknown, next: () => number): unknown {
  if (next() < 0.15) return VALUES[Math.floor(next() * VALUES.length)];
  if (Array.isArray(value)) return value.map((item) => retype(item, next));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, retype(v, next)]));
  }
  return value;
}

function assertSound(text: string, kind: Kind | undefined, context: string): DocumentCheck {
  let check;
  try {
    check = checkDocument(text, { kind });
  } catch (error) {
    assert.fail(`${context}: threw ${String(error)} on ${JSON.stringify(text.slice(0, 300))}`);
  }
  for (const finding of check.findings) {
    assert.ok(
      finding.offset >= 0 && finding.offset + finding.length <= text.length,
      `${context}: finding outside the text`,
    );
    assert.ok(finding.message.length > 0, `${context}: empty message`);
  }
  return check;
}

describe('document checks under fuzzing', () => {
  const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);

  it('survive 3,000 mutated examples (as files of either kind, and recognised by content)', () => {
    const next = random(seed);
    for (let i = 0; i < 3000; i++) {
      const text = mutate(examples[i % examples.length] ?? '', next);
      const kind = (['network', 'addressGroup', undefined] as const)[i % 3];
      assertSound(text, kind, `seed ${seed}, mutation ${i}`);
    }
  });

  it('survive 2,000 examples with values of the wrong type anywhere', () => {
    const next = random(seed + 1);
    for (let i = 0; i < 2000; i++) {
      const text = JSON.stringify(retype(JSON.parse(examples[i % examples.length] ?? '{}'), next));
      assertSound(text, undefined, `seed ${seed}, retyped ${i}`);
    }
  });

  it('survive 1,000 strings of random JSON pieces', () => {
    const next = random(seed + 2);
    for (let i = 0; i < 1000; i++) {
      const text = Array.from(
        { length: Math.floor(next() * 60) },
        () => PIECES[Math.floor(next() * PIECES.length)],
      ).join('');
      assertSound(text, i % 2 ? 'network' : 'addressGroup', `seed ${seed}, pieces ${i}`);
    }
  });

  it('survive nesting far beyond any document (3,000 to 200,000 levels; balanced, unterminated, mismatched, mixed), with one depth error', () => {
    const next = random(seed + 3);
    const OPENERS = ['[', '{"k":', '{"k":[', '[{"k":'];
    const CLOSERS = [']', '}', ',', '1', 'null', ']}', ':'];
    const shapes: Record<string, (levels: number) => string> = {
      arrays: (n) => `${'['.repeat(n)}${']'.repeat(n)}`,
      objects: (n) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`,
      unterminated: (n) => '[{"a":'.repeat(n >> 1),
      mismatched: (n) => '[},'.repeat(n),
      // It starts with a bracket (text that starts with no value has no tree to check), and no quote is among the
      // other pieces: an unpaired one would turn the rest of the text into a string.
      mixed: (n) =>
        '[' +
        Array.from({ length: n }, () =>
          next() < 0.9 ? OPENERS[Math.floor(next() * OPENERS.length)] : CLOSERS[Math.floor(next() * CLOSERS.length)],
        ).join(''),
    };
    for (const levels of [3000, 30_000, 200_000]) {
      for (const [name, shape] of Object.entries(shapes)) {
        const deep = shape(levels);
        const inGroup = `{"address_group":{"name":"g","ip_version":4,"ip_set":["10.0.0.1",${deep}]}}`;
        const inNetwork = `{"apiVersion":"v1","kind":"Network","metadata":{"labels":{"os.modelarts/name":"abcd"}},"spec":{"cidr":${deep}}}`;
        for (const [text, kind] of [
          [inGroup, undefined],
          [inNetwork, undefined],
          [deep, 'network'],
          [deep, 'addressGroup'],
        ] as const) {
          const context = `seed ${seed}, ${name} nesting of ${levels} levels`;
          assert.equal(
            assertSound(text, kind, context).findings.filter((f) => f.rule === 'json.depth').length,
            1,
            context,
          );
        }
      }
    }
  });

  it('survive 150,000 bad, duplicate and overlapping entries, checking only the first 1,000', () => {
    const entries = Array.from(
      { length: 150_000 },
      (_, i) => ['x', '10.1.1.1', `10.0.${(i >> 8) & 255}.${i & 255}/32`][i % 3] ?? '',
    );
    const check = checkDocument(
      JSON.stringify({ address_group: { name: 'g', ip_version: 4, ip_set: ['10.0.0.0/8', ...entries] } }),
    );
    // The 1,000 checked: the /8, then 333 of each kind; every distinct address lies in the /8.
    assert.equal(check.findings.filter((f) => f.rule === 'address-group.entry-syntax').length, 333);
    assert.equal(check.findings.filter((f) => f.rule === 'address-group.duplicate').length, 332);
    assert.equal(check.findings.filter((f) => f.rule === 'address-group.overlap').length, 334);
    assert.equal(check.findings.filter((f) => f.rule === 'json.too-long').length, 1);
  });

  it('survive lists and objects of 50,000 to 200,000 entries anywhere, checking at most 1,000 of each', () => {
    const next = random(seed + 4);
    const fillers: (() => unknown)[] = [
      () => 'x',
      () => '10.0.0.1',
      () => next(),
      () => ({ ip: '10.0.0.1', remarks: null }),
      () => [],
      () => ({ peerVpcId: 1 }),
    ];
    for (let i = 0; i < 8; i++) {
      const length = 50_000 + Math.floor(next() * 150_000);
      const fill = fillers[Math.floor(next() * fillers.length)] ?? (() => null);
      const list = Array.from({ length }, fill);
      const example = JSON.parse(examples[i % examples.length] ?? '{}') as Record<string, unknown>;
      // The big value replaces a value at a random depth of a published example.
      let parent: Record<string, unknown> = example;
      for (let step = Math.floor(next() * 4); step > 0; step--) {
        const objects = Object.entries(parent).filter(([, v]) => v && typeof v === 'object' && !Array.isArray(v));
        const chosen = objects[Math.floor(next() * objects.length)];
        if (!chosen) break;
        parent = chosen[1] as Record<string, unknown>;
      }
      const keys = Object.keys(parent);
      parent[keys[Math.floor(next() * keys.length)] ?? 'k'] =
        i % 2 ? list : Object.fromEntries(list.map((value, n) => [`k${n}`, value]));
      const text = JSON.stringify(example);
      const context = `seed ${seed}, ${length} entries (${i})`;
      // Known by the file name: the big value may have replaced what the content is recognised by.
      const kind = kindFromFileName(exampleFiles[i % exampleFiles.length] ?? '');
      const check = assertSound(text, kind, context);
      assert.equal(check.findings.filter((f) => f.rule === 'json.too-long').length, 1, context);
      // The example's own nodes (< 50), and 1,000 entries of at most 3 nodes each.
      assert.ok(check.nodesChecked < 3_100, `${context}: ${check.nodesChecked} nodes checked`);
    }
  });

  it('survive a 5 MB address-group document', () => {
    const entries = Array.from({ length: 360_000 }, (_, i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
    const text = JSON.stringify({ address_group: { name: 'big', ip_version: 4, ip_set: entries } });
    assert.ok(text.length > 5_000_000, `${text.length} characters`);
    const check = checkDocument(text);
    assert.equal(check.kind, 'addressGroup');
    assert.ok(check.findings.some((f) => f.rule === 'schema.maxItems'));
  });
});
