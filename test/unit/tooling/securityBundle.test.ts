// What the .vsix ships — dist/extension.js, the modules and chunks it loads and dist/emulator.js, built here exactly as `npm run build` builds them
// — holds no way to turn a string into code: no eval, no Function constructor, no vm (the schemas are compiled at
// build time for this reason). The check reads the syntax tree; it is first shown to catch every disguise and to
// ignore what only mentions them, also after minification.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as esbuild from 'esbuild';
import { bundleOptions } from '../../../scripts/lib/bundleOptions.mjs';
import { findDynamicCode } from '../../support/dynamicCode';

const caught: Record<string, string> = {
  'direct eval': 'export const run = (code) => eval(code);',
  'indirect eval': 'export const run = (code) => (0, eval)(code);',
  'eval through globalThis': 'export const run = (code) => globalThis.eval(code);',
  'eval by a computed member': 'export const run = (code) => globalThis["eval"](code);',
  'eval kept in a variable': 'const e = eval; export const run = (code) => e(code);',
  'new Function': 'export const make = (body) => new Function("a", body);',
  'Function without new': 'export const self = () => Function("return this")();',
  'Function through global': 'export const make = (body) => global.Function(body);',
  "a function's constructor": 'export const make = (body) => (() => {}).constructor(body);',
  'a constructor by a computed member': 'export const make = (body) => new (async () => {})["constructor"](body);',
  'the vm module': 'import { runInThisContext } from "node:vm"; export const run = (code) => runInThisContext(code);',
  'the vm module, required': 'export const run = (code) => require("vm").runInNewContext(code);',
  'import() of a computed specifier': 'export const run = (code) => import("data:text/javascript," + code);',
};

const ignored: Record<string, string> = {
  'a comment': '// eval(code) and new Function(body) are never used\n/* Function("x") */ export const x = 1;',
  'a string': 'export const text = "eval(" + "new Function(" + "x.constructor(";',
  'instanceof Function': 'export const isFunction = (x) => x instanceof Function;',
  'a property named eval': 'export const o = { eval: 1, Function: 2 }; export const v = o.evaluate;',
  'a constructor read, not called':
    'export const plain = (x) => x.constructor === Object || x.constructor.name === "Object";',
  'a class constructor': 'export class A { constructor(a) { this.a = a; } }',
  'require of another module': 'export const fs = require("node:fs");',
};

/** Minified as the production build minifies: what the check must still see. */
async function minified(source: string): Promise<string> {
  const result = await esbuild.transform(source, { minify: true, format: 'cjs', target: 'node20', loader: 'js' });
  return result.code;
}

describe('security: no eval or Function constructor in the shipped bundles', () => {
  for (const [what, source] of Object.entries(caught)) {
    it(`the check catches ${what}, as written and minified`, async () => {
      assert.ok(findDynamicCode(source).length > 0, `not caught: ${source}`);
      const small = await minified(source);
      assert.ok(findDynamicCode(small).length > 0, `not caught once minified: ${small}`);
    });
  }

  it('the check ignores what only mentions them (comments, strings, instanceof, property names)', async () => {
    for (const [what, source] of Object.entries(ignored)) {
      assert.deepEqual(findDynamicCode(source), [], what);
      assert.deepEqual(findDynamicCode(await minified(source)), [], `${what}, minified`);
    }
  });

  it('the check refuses text it cannot parse rather than pass it', () => {
    assert.throws(
      () => findDynamicCode('export const f = (code) => { eval(code) ', 'broken.js'),
      /broken\.js does not parse/,
    );
  });

  it('every file the .vsix ships of code — the entry, each chunk, the emulator — built as it ships them, has none', async () => {
    const results = await Promise.all(
      bundleOptions({ production: true }).map((options) =>
        esbuild.build({ ...options, write: false, logLevel: 'silent' }),
      ),
    );
    const bundles = results.flatMap((result) => result.outputFiles ?? []).filter((file) => /\.m?js$/.test(file.path));
    const names = bundles.map((file) => file.path.replace(/.*\/dist\//, 'dist/'));
    assert.ok(names.includes('dist/extension.js') && names.includes('dist/emulator.js'), names.join(', '));
    // The features are chunks of their own: a scan of the entry alone would miss nearly all of the code.
    assert.ok(names.filter((name) => name.startsWith('dist/chunks/')).length >= 10, names.join(', '));
    for (const file of bundles) {
      const started = performance.now();
      const found = findDynamicCode(file.text, file.path);
      console.log(
        `${file.path.replace(/.*\/dist\//, 'dist/')}: ${(file.contents.byteLength / 1024).toFixed(1)} KB parsed and walked in ${(performance.now() - started).toFixed(0)} ms, ${found.length} found`,
      );
      assert.deepEqual(
        found,
        [],
        `${file.path}:\n${found.map((f) => `${f.line}:${f.column} ${f.what}: ${f.excerpt}`).join('\n')}`,
      );
    }
  });
});
