// The production bundle leaves its lazily evaluated modules for V8 to skim: their esbuild wrappers are function
// expressions, which V8 preparses inside a CommonJS module, not arrow functions, which it parses in full at load
// (scripts/lib/preparse.mjs); and the rewrite changes nothing an arrow does.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, it } from 'node:test';
import * as esbuild from 'esbuild';
import ts from 'typescript';
import { bundleOptions } from '../../../scripts/lib/bundleOptions.mjs';
import { wrappersAsFunctions } from '../../../scripts/lib/preparse.mjs';

/** The arguments of the calls that initialize top-level variables, by kind: what esbuild wraps modules in. */
function topLevelWrappers(code: string): { arrows: number; functions: number } {
  const file = ts.createSourceFile('bundle.js', code, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  const wrappers = file.statements
    .filter(ts.isVariableStatement)
    .flatMap((statement) => statement.declarationList.declarations.map((declaration) => declaration.initializer))
    .flatMap((init) => (init && ts.isCallExpression(init) && init.arguments.length === 1 ? [init.arguments[0]] : []));
  return {
    arrows: wrappers.filter((node) => node && ts.isArrowFunction(node) && ts.isBlock(node.body)).length,
    functions: wrappers.filter((node) => node && ts.isFunctionExpression(node)).length,
  };
}

describe('lazily evaluated modules in the production bundle', () => {
  it('rewrites a top-level wrapper arrow as a function, with its parameters', () => {
    assert.deepEqual(
      wrappersAsFunctions(
        'var a=A(()=>{x=1}),b=B((e,t=1,...r)=>{e.y=t});let c=C(e=>{class K{f=this.g;m(){return super.m()}}});',
      ),
      {
        code: 'var a=A(function(){x=1}),b=B(function(e,t=1,...r){e.y=t});let c=C(function(e){class K{f=this.g;m(){return super.m()}}});',
        count: 3,
      },
    );
  });

  it('leaves an arrow whose meaning a function would change, or that is not a top-level wrapper', () => {
    for (const code of [
      'var a=A(()=>{this.x=1});',
      'var a=A(()=>{let f=()=>arguments});',
      'var a=A(()=>{new.target});',
      'var a=A(()=>{class K extends this.B{}});',
      'var a=A(()=>{class K{[this.k]=1}});',
      'var a=A(async()=>{await 1});',
      'var a=A(()=>1);',
      'f(()=>{});',
      'function g(){var a=A(()=>{})}',
      'var a=A(()=>{},1);',
    ]) {
      assert.deepEqual(wrappersAsFunctions(code), { code, count: 0 }, code);
    }
    // `this` inside a function of the body is that function's own: the wrapper is still rewritten.
    assert.equal(wrappersAsFunctions('var a=A(()=>{let f=function(){return this}});').count, 1);
  });

  it('gives the same results: lazy initialization runs once, on first use', () => {
    const code =
      'var log=[];var lazy=(f,r)=>()=>(f&&(r=f(f=0)),r);var a=lazy((x)=>{log.push("a");return 1+(x??1)}),b=lazy(()=>{log.push("b");return a()+1});result=[b(),b(),a(),log.join()];';
    const rewritten = wrappersAsFunctions(code);
    assert.equal(rewritten.count, 2);
    // Each initializer ran once, in the order first asked for, and its parameter is the one esbuild passes (0).
    const results = (source: string) => JSON.stringify(runInNewContext(source));
    assert.equal(results(code), '[2,2,1,"b,a"]');
    assert.equal(results(rewritten.code), results(code));
  });

  it('holds only function wrappers once built for production, and the emulator bundle too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hwc-preparse-'));
    try {
      await esbuild.build({ ...bundleOptions({ production: true }), outdir: dir });
      for (const name of ['extension.js', 'emulator.js']) {
        const wrappers = topLevelWrappers(readFileSync(join(dir, name), 'utf8'));
        console.log(`${name}: ${wrappers.functions} modules wrapped in functions, ${wrappers.arrows} in arrows`);
        assert.equal(wrappers.arrows, 0, name);
        assert.ok(wrappers.functions > 0, name);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
