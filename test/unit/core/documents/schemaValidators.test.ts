// The shipped validators are compiled from the schemas without their annotations (scripts/compile-schemas.mjs),
// so that the bundle carries only what validates. They must find exactly what ajv finds with the whole schemas:
// the same errors, in the same order, with the same paths, keywords, parameters and messages.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import { projectRoot } from '../../../../scripts/lib/codeServer.mjs';
import { addressGroup, network } from '../../../../src/core/generated/schemaValidators';
import { mulberry32 as random } from '../../../support/random';

const VSCODE_KEYWORDS = [
  'markdownDescription',
  'defaultSnippets',
  'patternErrorMessage',
  'errorMessage',
  'markdownEnumDescriptions',
  'enumDescriptions',
  'deprecationMessage',
  'doNotSuggest',
];
const schema = (file: string) => JSON.parse(readFileSync(join(projectRoot, 'schemas', file), 'utf8')) as object;
const examples = readdirSync(join(projectRoot, 'test/fixtures/examples')).map((file) => ({
  file,
  document: JSON.parse(readFileSync(join(projectRoot, 'test/fixtures/examples', file), 'utf8')) as unknown,
}));

// Keys the schemas name (some also annotation keywords: a property may be called "description") and values of every type.
const KEYS = [
  'description',
  'title',
  'default',
  'remarks',
  'ip',
  'ip_set',
  'ip_extra_set',
  'name',
  'annotations',
  'labels',
  'connection',
  'extra',
];
const VALUES: unknown[] = [
  null,
  true,
  0,
  -1,
  4,
  6,
  21,
  1.5,
  '',
  'x',
  'a'.repeat(300),
  'v1',
  'Network',
  'bad<>',
  '10.0.0.0/8',
  [],
  {},
  ['a'],
  [1],
  { ip: '10.0.0.1', remarks: null },
  { ip: 5 },
];

/** The document with a few changes deep in it: a key removed, added or given a value of another type. */
function mutate(value: unknown, next: () => number): unknown {
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T;
  if (Array.isArray(value)) {
    const copy = [...value];
    if (next() < 0.3) copy.push(pick(VALUES));
    if (copy.length > 0) copy[Math.floor(next() * copy.length)] = mutate(copy[Math.floor(next() * copy.length)], next);
    return copy;
  }
  if (value && typeof value === 'object') {
    const copy: Record<string, unknown> = { ...value };
    const keys = Object.keys(copy);
    const choice = next();
    if (choice < 0.2 && keys.length > 0) delete copy[pick(keys)];
    else if (choice < 0.4) copy[pick(KEYS)] = pick(VALUES);
    else if (keys.length > 0) {
      const key = pick(keys);
      copy[key] = next() < 0.7 ? mutate(copy[key], next) : pick(VALUES);
    }
    return copy;
  }
  return pick(VALUES);
}

describe('the compiled schema validators', () => {
  it('find what ajv finds with the whole schemas, on the examples and 20,000 changed copies of them', () => {
    const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
    ajv.addVocabulary(VSCODE_KEYWORDS);
    const whole = {
      network: ajv.compile(schema('network.schema.json')),
      addressGroup: ajv.compile(schema('address-group.schema.json')),
    };
    const shipped = { network, addressGroup };
    const next = random(11);
    let invalid = 0;
    for (const { file, document } of examples) {
      const kind = file.endsWith('.network.json') ? 'network' : 'addressGroup';
      assert.equal(shipped[kind](document), true, file);
      for (let i = 0; i < 5000; i++) {
        let changed = document;
        for (let n = 1 + Math.floor(next() * 3); n > 0; n--) changed = mutate(changed, next);
        const valid = whole[kind](changed);
        assert.equal(shipped[kind](changed), valid, JSON.stringify(changed));
        assert.deepEqual(shipped[kind].errors ?? null, whole[kind].errors ?? null, JSON.stringify(changed));
        if (!valid) invalid++;
      }
    }
    // Most changed copies break a rule: the errors compared are many and of every kind.
    assert.ok(invalid > 15_000, `only ${invalid} of 20,000 changed copies were invalid`);
  });
});
