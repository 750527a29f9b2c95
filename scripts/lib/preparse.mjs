// A step after esbuild for production bundles, so that V8 skims the modules that are evaluated lazily instead of
// parsing them in full when the bundle loads.
//
// Node compiles a CommonJS file as one function. Inside it, V8 preparses (skims, to find where it ends) a `function`
// it does not run yet, but parses every arrow function in full: it preparses arrows only at the top of a script,
// which a CommonJS function is not. A minified esbuild bundle wraps each module that is imported lazily in an arrow,
// `var x=A(()=>{…})`, and each CommonJS package in another, `var y=B((e,t)=>{…})`: every one of those was parsed in
// full at load, though most never run in a session. As `function` expressions they are only skimmed.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ts from 'typescript';

/** Whether a node uses what an arrow takes from where it is written and a function has its own of. */
function usesEnclosingBindings(node) {
  if (node.kind === ts.SyntaxKind.ThisKeyword || node.kind === ts.SyntaxKind.SuperKeyword || ts.isMetaProperty(node)) {
    return true;
  }
  if (ts.isIdentifier(node) && node.text === 'arguments') return true;
  // A function has its own `this` and `arguments`: what it uses inside is its own. Not so an arrow.
  if (ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node)) return false;
  // Of a class, only the parts outside its members' own `this` see the enclosing one: `extends`, computed names.
  if (ts.isClassLike(node)) {
    return (
      (node.heritageClauses ?? []).some(usesEnclosingBindings) ||
      node.members.some(
        (member) =>
          member.name !== undefined && ts.isComputedPropertyName(member.name) && usesEnclosingBindings(member.name),
      )
    );
  }
  return ts.forEachChild(node, usesEnclosingBindings) ?? false;
}

/**
 * The bundle with every arrow function that is the only argument of a call at its top level (`var x=A(()=>{…})`)
 * written as a function expression, when that changes nothing it does: a block body, not async, and no `this`,
 * `arguments`, `super` or `new.target` of its own scope. Returns the code and how many arrows were rewritten.
 */
export function wrappersAsFunctions(code) {
  const file = ts.createSourceFile('bundle.js', code, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  const arrows = file.statements
    .filter(ts.isVariableStatement)
    .flatMap((statement) => statement.declarationList.declarations.map((declaration) => declaration.initializer))
    .filter((init) => init !== undefined && ts.isCallExpression(init) && init.arguments.length === 1)
    .map((call) => call.arguments[0])
    .filter(
      (arrow) =>
        ts.isArrowFunction(arrow) &&
        ts.isBlock(arrow.body) &&
        arrow.modifiers === undefined &&
        !usesEnclosingBindings(arrow),
    );
  let rewritten = '';
  let from = 0;
  for (const arrow of arrows) {
    const parameters = arrow.parameters
      .map((parameter) => code.slice(parameter.getStart(file), parameter.end))
      .join(',');
    rewritten += `${code.slice(from, arrow.getStart(file))}function(${parameters})`;
    from = arrow.body.getStart(file);
  }
  return { code: rewritten + code.slice(from), count: arrows.length };
}

/** esbuild plugin: rewrites the .js files a build writes. Production only: it would shift what a source map points at. */
export const preparseLazyModules = {
  name: 'preparse-lazy-modules',
  setup(build) {
    if (build.initialOptions.sourcemap) {
      throw new Error('preparse-lazy-modules rewrites the bundle: a source map would no longer match it');
    }
    build.initialOptions.metafile = true;
    build.onEnd((result) => {
      if (result.errors.length > 0) return;
      if (result.outputFiles) {
        // A build that writes nothing (write: false, as the tests run it) is rewritten in memory, never on disk.
        result.outputFiles = result.outputFiles.map((output) => {
          if (!output.path.endsWith('.js')) return output;
          const code = wrappersAsFunctions(output.text).code;
          return { path: output.path, hash: output.hash, contents: Buffer.from(code), text: code };
        });
        return;
      }
      for (const file of Object.keys(result.metafile.outputs).filter((name) => name.endsWith('.js'))) {
        const path = resolve(build.initialOptions.absWorkingDir ?? process.cwd(), file);
        writeFileSync(path, wrappersAsFunctions(readFileSync(path, 'utf8')).code);
      }
    });
  },
};
